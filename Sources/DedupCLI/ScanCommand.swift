import ArgumentParser
import Dedup
import Foundation

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find the copies in a corpus and write the clean corpus.",
        discussion: """
            Inputs, one or more, read in the order given; ids must be unique across all of them.
            - FILE.jsonl: one JSON object per line with "id" (string or integer) and "text"; optional "source", \
            "url", "title", "published" (ISO 8601). Other field names with --id-field, --text-field, ...
            - FILE.jsonl.gz: the same, gzip-compressed (so is any file starting with the gzip magic bytes).
            - DIRECTORY: one document per .txt file, found recursively and read in byte order of the paths; id = \
            the path relative to DIRECTORY, source = its first folder (none for a file at the top), text = the \
            file (UTF-8); no title or date; its line in the output files is 1. clean.jsonl holds {"id", \
            "source", "text"} objects for these documents.
            - "-": standard input (JSONL), copied to an unlinked temporary file so that it can be read again.
            Output in --out: matches.jsonl, clusters.jsonl, clean.jsonl, boilerplate.jsonl, rejected.jsonl, \
            summary.json; all are replaced together when the scan succeeds, and none when it fails. With \
            --report, also one HTML page to read instead of the JSON.
            Bad lines (invalid JSON or UTF-8, missing or wrong fields, empty text, duplicate id, a text over \
            --max-text-bytes) are rejected with file, line and field: skipped and reported in rejected.jsonl and \
            summary.json (--on-error skip), or the scan stops at the first one (--on-error fail).
            Exit codes: 0 the scan completed (bad lines are skipped and reported); 1 an input could not be read \
            (missing, unreadable, corrupt gzip) or the output could not be written; 2 --on-error fail stopped at a \
            bad line (nothing written); 64 invalid command-line usage.
            """
    )

    @Argument(help: "JSONL files (.jsonl or .jsonl.gz), directories of .txt files, or - for standard input.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "The output directory (created if missing).")
    var out: String

    @Option(help: "Also write a self-contained HTML report of the scan to this file.")
    var report: String?

    @OptionGroup(title: "Input fields") var inputFields: InputFieldOptions

    @Option(help: "What a bad input line does: skip (reject it and go on) or fail (stop with exit code 2).")
    var onError: InputErrorPolicy = .skip

    @Option(help: "The longest text accepted, in bytes; longer ones are rejected as too_large.")
    var maxTextBytes: Int = ScanOptions().maxTextBytes

    @OptionGroup(title: "Matching") var fingerprint: FingerprintOptions

    @Flag(help: "Keep site boilerplate (headers, footers, teaser lists) in the fingerprints.")
    var noBoilerplate = false

    @Option(help: "Worker threads (default: all cores). The output does not depend on it.")
    var threads: Int?

    @Flag(help: "Leave timings out of summary.json, so that the whole output is byte-identical between runs.")
    var noTimings = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one input") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if maxTextBytes < 1 { throw ValidationError("--max-text-bytes must be at least 1") }
    }

    func run() throws {
        var options = ScanOptions()
        options.settings = fingerprint.settings
        options.policy = fingerprint.policy
        options.lsh = fingerprint.lsh
        options.fields = inputFields.fields
        if let threads { options.threads = threads }
        options.includeTimings = !noTimings
        options.boilerplate.isEnabled = !noBoilerplate
        options.onError = onError
        options.maxTextBytes = maxTextBytes
        let clock = ContinuousClock()
        let started = clock.now
        let display = ScanProgressDisplay(line: ProgressLine(quiet: quiet))
        let result: ScanResult
        do {
            let corpus = try CorpusInput(paths: inputs)
            result = try CorpusScanner(options: options).scan(corpus, progress: display.show)
            try ScanOutput(directory: out).write(result, progress: display.show)
            if let report { try ScanReport(result: result).write(to: report) }
            display.finish()
        } catch let error as InputError {
            display.finish()
            FileHandle.standardError.write(Data("dedup: stopped at a bad line (--on-error fail): \(error)\n".utf8))
            throw ExitCode(2)
        } catch {
            display.finish()
            reportFailure(error)
            throw ExitCode(1)
        }
        // The process ends right after `run`: its million documents are left to the system rather than freed one
        // by one, which took seconds of one thread at the very end of a 1M scan.
        _ = Unmanaged.passRetained(KeptUntilExit(result))
        guard !quiet else { return }
        let seconds = (clock.now - started).inSeconds
        let bytes = result.inputs.totalBytes ?? 0
        let copies = result.deduplication.matches
        let byKind = Dictionary(grouping: copies, by: \.verdict.kind).mapValues(\.count)
        let crossSource = copies.filter(\.verdict.crossSource).count
        print(
            "Read \(result.linesRead) lines: \(result.documents.count) documents, \(result.rejected.count) rejected. "
                + "Kept \(result.kept); \(copies.count) copies (\(byKind[.exact] ?? 0) exact, "
                + "\(byKind[.nearDuplicate] ?? 0) near-duplicate, \(byKind[.contained] ?? 0) contained; "
                + "\(crossSource) across sources) in \(result.deduplication.clusters.count) clusters. "
                + "\(ScanProgressDisplay.megabytes(bytes)) in \(ScanProgressDisplay.duration(seconds)) "
                + "(\(ScanProgressDisplay.rate(bytes: bytes, seconds: seconds))). Output in \(out)/"
                + (report.map { ", report in \($0)." } ?? "."))
        for error in result.rejected.prefix(5) {
            FileHandle.standardError.write(Data("rejected: \(error)\n".utf8))
        }
        if result.rejected.count > 5 {
            FileHandle.standardError.write(
                Data("rejected: … \(result.rejected.count - 5) more in \(out)/rejected.jsonl\n".utf8))
        }
    }
}

extension InputErrorPolicy: ExpressibleByArgument {}

/// A value kept alive until the process exits (see ``ScanCommand/run()``).
private final class KeptUntilExit<Value> {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// Draws ``ScanProgress`` reports on a ``ProgressLine``: the phase, records done, MB/s, and the ETA when the input
/// size is known; copies found while matching.
final class ScanProgressDisplay {
    private let line: ProgressLine
    private var phase: ScanProgress.Phase?
    private var phaseStarted = ContinuousClock.now

    init(line: ProgressLine) { self.line = line }

    func show(_ progress: ScanProgress) {
        if progress.phase != phase {
            phase = progress.phase
            phaseStarted = .now
        }
        let seconds = (ContinuousClock.now - phaseStarted).inSeconds
        line.update(Self.text(progress, seconds: seconds))
    }

    func finish() { line.finish() }

    /// The status text of `progress`, `seconds` into its phase.
    static func text(_ progress: ScanProgress, seconds: Double) -> String {
        var text = "\(progress.phase.rawValue): "
        if progress.phase == .matching {
            text += "\(progress.done)/\(progress.total ?? 0) documents, \(progress.copies ?? 0) copies"
            return text
        }
        text += "\(progress.done) documents, \(megabytes(progress.bytesRead)), "
        text += rate(bytes: progress.bytesRead, seconds: seconds)
        if let total = progress.totalBytes, total > 0, progress.bytesRead > 0, seconds > 0 {
            let percent = min(100, 100 * progress.bytesRead / total)
            let remaining = Double(max(0, total - progress.bytesRead)) * seconds / Double(progress.bytesRead)
            text += ", \(percent)%, ETA \(duration(remaining))"
        }
        return text
    }

    static func megabytes(_ bytes: Int) -> String {
        JSONWriter.format(Double(bytes) / 1e6, decimals: 1) + " MB"
    }

    static func rate(bytes: Int, seconds: Double) -> String {
        guard seconds > 0 else { return "- MB/s" }
        return JSONWriter.format(Double(bytes) / 1e6 / seconds, decimals: 1) + " MB/s"
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return seconds < 10 ? JSONWriter.format(seconds, decimals: 1) + " s" : "\(whole) s" }
        return "\(whole / 60) min \(String(format: "%02d", whole % 60)) s"
    }
}
