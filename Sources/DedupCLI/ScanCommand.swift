import ArgumentParser
import Dedup
import Foundation

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find the copies in a JSONL corpus and write the clean corpus.",
        discussion: """
            Input: one JSON object per line with "id" (string or integer) and "text"; optional "source", "url", \
            "title", "published" (ISO 8601).
            Output in --out: matches.jsonl, clusters.jsonl, clean.jsonl, boilerplate.jsonl, rejected.jsonl, \
            summary.json; with --report, one HTML page to read instead of the JSON.
            Exit codes: 0 the scan completed (bad lines are skipped and reported); 1 the input or output could \
            not be read or written; 64 invalid command-line usage.
            """
    )

    @Argument(help: "The JSONL corpus.")
    var input: String

    @Option(name: .shortAndLong, help: "The output directory (created if missing).")
    var out: String

    @Option(help: "Also write a self-contained HTML report of the scan to this file.")
    var report: String?

    @OptionGroup(title: "Input fields") var inputFields: InputFieldOptions

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
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
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
        let result: ScanResult
        do {
            result = try CorpusScanner(options: options).scan(path: input)
            try ScanOutput(directory: out).write(result)
            if let report { try ScanReport(result: result).write(to: report) }
        } catch {
            reportFailure(error)
            throw ExitCode(1)
        }
        guard !quiet else { return }
        let copies = result.deduplication.matches
        let byKind = Dictionary(grouping: copies, by: \.verdict.kind).mapValues(\.count)
        let crossSource = copies.filter(\.verdict.crossSource).count
        print(
            "Read \(result.linesRead) lines: \(result.documents.count) documents, \(result.rejected.count) rejected. "
                + "Kept \(result.kept); \(copies.count) copies (\(byKind[.exact] ?? 0) exact, "
                + "\(byKind[.nearDuplicate] ?? 0) near-duplicate, \(byKind[.contained] ?? 0) contained; "
                + "\(crossSource) across sources) in \(result.deduplication.clusters.count) clusters. "
                + "Output in \(out)/" + (report.map { ", report in \($0)." } ?? "."))
        for error in result.rejected.prefix(5) {
            FileHandle.standardError.write(Data("rejected: \(error)\n".utf8))
        }
        if result.rejected.count > 5 {
            FileHandle.standardError.write(
                Data("rejected: … \(result.rejected.count - 5) more in \(out)/rejected.jsonl\n".utf8))
        }
    }
}
