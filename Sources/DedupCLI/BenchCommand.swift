import ArgumentParser
import Dedup
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput on a generated (or given) corpus: signatures, index build, queries, end to end.",
        discussion: """
            Generates a corpus of --documents documents (seeded, like `dedup generate`) into a temporary file, \
            unless --corpus names one, then times: reading and fingerprinting every document on all threads \
            (docs/s, MB/s of text, per-document latency percentiles); building the LSH index; --queries index \
            queries (latency percentiles); and the whole `dedup scan` with its output. Peak memory is the \
            process's resident high-water mark. Figures vary with the machine and its load: compare them with \
            figures from the same run.
            Exit codes: 0 measured; 1 a file could not be read or written; 64 usage.
            """
    )

    @Option(help: "Documents to generate.")
    var documents = 100_000

    @Option(help: "Seed of the generated corpus.")
    var seed: UInt64 = 1

    @Option(help: "Mean words per generated story.")
    var words = 600

    @Option(help: "Benchmark this JSONL corpus instead of generating one.")
    var corpus: String?

    @Option(help: "Index queries to time.")
    var queries = 10_000

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Option(help: "Also write the figures as JSON to this file.")
    var json: String?

    @Flag(name: .shortAndLong, help: "No progress display.")
    var quiet = false

    func validate() throws {
        guard documents >= 1 else { throw ValidationError("--documents must be at least 1") }
        guard queries >= 0 else { throw ValidationError("--queries must not be negative") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let progressLine = ProgressLine(quiet: quiet)
        var path = corpus
        var generated: String?
        let clock = ContinuousClock()
        do {
            if path == nil {
                var settings = GeneratorSettings(documents: documents, seed: seed)
                settings.wordsPerDocument = words
                let generator = try CorpusGenerator(settings: settings)
                let directory = FileManager.default.temporaryDirectory.path
                let file = "\(directory)/dedup-bench-\(ProcessInfo.processInfo.processIdentifier).jsonl"
                generated = file
                let started = clock.now
                let summary = try generator.write(corpus: file, truth: file + ".truth") { done in
                    progressLine.update("generating: \(done) of \(documents) documents")
                }
                progressLine.finish()
                let seconds = (clock.now - started).inSeconds
                print(
                    "Generated \(summary.documents) documents (\(Self.megabytes(summary.corpusBytes)) MB) in "
                        + "\(Self.fixed(seconds, 1)) s.")
                path = file
            }
            defer {
                if let generated {
                    try? FileManager.default.removeItem(atPath: generated)
                    try? FileManager.default.removeItem(atPath: generated + ".truth")
                }
            }
            var options = ScanOptions()
            if let threads { options.threads = threads }
            let benchmark = PipelineBenchmark(options: options, queries: queries)
            let report = try benchmark.run(corpus: path!) { progress in
                let total = progress.total.map { " of \($0)" } ?? ""
                progressLine.update("\(progress.stage): \(progress.done)\(total) documents")
            }
            progressLine.finish()
            print(Self.table(report))
            if let json {
                try Self.json(report).write(to: URL(fileURLWithPath: json))
            }
        } catch {
            progressLine.finish()
            reportFailure(error)
            throw ExitCode(1)
        }
    }

    static func table(_ report: PipelineBenchmark.Report) -> String {
        var lines = [
            "Machine: \(report.cores) cores; \(report.threads) worker threads. Peak resident memory: "
                + "\(megabytes(report.peakResidentBytes)) MB.",
            "",
            pad("stage", 48) + pad("docs", 10, right: true) + pad("seconds", 10, right: true)
                + pad("docs/s", 12, right: true) + pad("MB/s", 9, right: true) + "  latency µs p50 / p90 / p99 / max",
        ]
        for stage in report.stages {
            let latency = stage.latencyMicroseconds
            let latencyText =
                latency.isEmpty
                ? "" : ["p50", "p90", "p99", "max"].map { fixed(latency[$0] ?? 0, 1) }.joined(separator: " / ")
            lines.append(
                pad(stage.name, 48) + pad(String(stage.documents), 10, right: true)
                    + pad(fixed(stage.seconds, 3), 10, right: true)
                    + pad(fixed(stage.documentsPerSecond, 0), 12, right: true)
                    + pad(stage.bytes > 0 ? fixed(stage.megabytesPerSecond, 1) : "", 9, right: true)
                    + "  " + latencyText)
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: PipelineBenchmark.Report) -> Data {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("cores")
        writer.value(report.cores)
        writer.key("threads")
        writer.value(report.threads)
        writer.key("peak_resident_bytes")
        writer.value(report.peakResidentBytes)
        writer.key("stages")
        writer.beginArray()
        for stage in report.stages {
            writer.beginObject()
            writer.key("name")
            writer.value(stage.name)
            writer.key("documents")
            writer.value(stage.documents)
            writer.key("bytes")
            writer.value(stage.bytes)
            writer.key("seconds")
            writer.value(stage.seconds, decimals: 4)
            writer.key("documents_per_second")
            writer.value(stage.documentsPerSecond, decimals: 1)
            writer.key("megabytes_per_second")
            writer.value(stage.megabytesPerSecond, decimals: 2)
            writer.key("latency_microseconds")
            writer.beginObject()
            for name in stage.latencyMicroseconds.keys.sorted() {
                writer.key(name)
                writer.value(stage.latencyMicroseconds[name]!, decimals: 2)
            }
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.newline()
        return Data(writer.bytes)
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    static func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1e6, 1) }

}
