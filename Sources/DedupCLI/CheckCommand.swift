import ArgumentParser
import Dedup
import DedupStore
import Foundation

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Tell whether articles copy something already in the index, without adding them.",
        discussion: """
            Checks each article of a JSONL file ('-': standard input), or one article given with --text ('--text \
            -': its text from standard input). Prints one JSON line per article on standard output: id, line, copy, \
            kind, cross_source, best, first_published, jaccard, containment, candidates (and every match with \
            --matches). Bad lines are reported on standard error and skipped.
            Exit codes: 0 no article copies an indexed one; 1 at least one does; 2 the index or the input could \
            not be read (or the --text article has no words); 64 invalid command-line usage.
            """
    )

    @Argument(help: "The JSONL file of articles to check ('-' for standard input).")
    var input: String?

    @OptionGroup var index: IndexOptions

    @Option(help: "Check one article with this text instead ('-': read it from standard input).")
    var text: String?

    @Option(help: "With --text: its id.")
    var id = "-"

    @Option(help: "With --text: its site or feed.")
    var source: String?

    @Option(help: "With --text: its URL.")
    var url: String?

    @Option(help: "With --text: its headline.")
    var title: String?

    @Option(help: "With --text: its ISO 8601 publication time.")
    var published: String?

    @Flag(help: "List every match in each line ('matches'), not only the best.")
    var matches = false

    @Flag(help: "Print the latency of the index checks (p50, p90, p99, max) on standard error at the end.")
    var timings = false

    @Option(
        help: ArgumentHelp(
            "Write each check's latency to this file: one JSON line per checked article (line, id, ms, candidates).",
            discussion: "For finding the slow checks and sizing a deployment; timings differ from run to run.",
            valueName: "file"))
    var timingsFile: String?

    @Flag(
        help: ArgumentHelp(
            "Before the first check, load fingerprints from a SQLite index into memory (up to 7/16 of --cache-mb).",
            discussion: """
                The members of template families (large LSH buckets) first, then the most recent articles, so that \
                the first check of each family does not read thousands of rows from the file; about 2 s of CPU at \
                1M articles, worth it for many checks. Its figures are printed with --timings; a PostgreSQL index \
                keeps no fingerprint cache, and there it does nothing.
                """))
    var warmCache = false

    @Flag(name: .shortAndLong, help: "Print no JSON lines: the exit code tells.")
    var quiet = false

    @OptionGroup(title: "Input fields") var inputFields: InputFieldOptions

    func validate() throws {
        switch (input, text) {
        case (nil, nil): throw ValidationError("give a JSONL file, '-', or --text")
        case (.some, .some): throw ValidationError("give either a JSONL file or --text, not both")
        default: break
        }
        if warmCache && index.cache.cacheMb == 0 {
            throw ValidationError("--warm-cache needs a fingerprint cache (--cache-mb above 0)")
        }
        if let published, Timestamp(iso8601: published) == nil {
            throw ValidationError("--published '\(published)' is not an ISO 8601 date or time")
        }
    }

    func run() async throws {
        var articles: [(line: Int?, article: Article)] = []
        var reader: LineReader?
        if let text {
            let body =
                text == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : text
            let articleID: ArticleID = Int64(id).map { .integer($0) } ?? .string(id)
            articles.append(
                (
                    nil,
                    Article(
                        id: articleID, text: body, source: source, url: url, title: title,
                        published: published.flatMap(Timestamp.init(iso8601:)))
                ))
        } else if let input {
            do {
                reader = input == "-" ? LineReader(handle: .standardInput) : try LineReader(path: input)
            } catch {
                reportFailure(error)
                throw ExitCode(2)
            }
        }
        var timingsOutput: StandardOutput?
        if let timingsFile {
            guard FileManager.default.createFile(atPath: timingsFile, contents: nil),
                let handle = FileHandle(forWritingAtPath: timingsFile)
            else {
                printError("dedup: --timings-file \(timingsFile): cannot be written")
                throw ExitCode(2)
            }
            timingsOutput = StandardOutput(handle: handle)
        }
        let index = try await openIndex(self.index, readOnly: true, failure: 2)
        if warmCache {
            do {
                if let warmup = try await index.warmCache() {
                    if timings { printError(warmup.summary) }
                } else {
                    printError(
                        "dedup: --warm-cache: \(self.index.location) keeps no fingerprint cache; nothing to warm")
                }
            } catch let error as IndexError {
                printError("dedup: \(error.cliDescription)")
                try? await index.close()
                throw ExitCode(2)
            }
        }
        let decoder = ArticleDecoder(fields: inputFields.fields)
        var output = StandardOutput()
        var latencies: [Duration] = []
        var copies = 0
        var checked = 0
        var rejected = 0
        let clock = ContinuousClock()

        func check(_ article: Article, line: Int?) async throws {
            let started = clock.now
            do {
                let result = try await index.check(article, limit: matches ? 100 : 10)
                let latency = clock.now - started
                latencies.append(latency)
                timingsOutput?.write(Self.timingLine(line: line, id: article.id, latency: latency, result: result))
                checked += 1
                if result.isCopy { copies += 1 }
                if !quiet { output.write(IndexReport.line(result, status: nil, line: line, matches: matches)) }
            } catch let error as IndexError where error.code == .invalidArticle && line != nil {
                rejected += 1
                printError("dedup: \(input ?? "-"):\(line!): \(error.cliDescription)")
            } catch let error as IndexError {
                output.flush()
                printError("dedup: \(error.cliDescription)")
                try? await index.close()
                throw ExitCode(2)
            }
        }

        for (line, article) in articles { try await check(article, line: line) }
        if let reader, let input {
            for (line, bytes) in reader {
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    let article = try decoder.decode(bytes, file: input, line: line)
                    try await check(article, line: line)
                } catch let error as InputError {
                    rejected += 1
                    printError("dedup: \(error)")
                }
            }
        }
        output.flush()
        timingsOutput?.flush()
        let cache = (index.store as? SQLiteArticleStore)?.fingerprintCacheCounts
        try? await index.close()
        if timings {
            var summary = Self.latencySummary(latencies, checked: checked, copies: copies, rejected: rejected)
            if let cache {
                summary += "; candidates' fingerprints: \(cache.hits) in memory, \(cache.misses) read"
            }
            printError(summary)
        }
        if copies > 0 { throw ExitCode(1) }
    }

    /// One line of `--timings-file`.
    static func timingLine(line: Int?, id: ArticleID, latency: Duration, result: CheckResult) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("line")
        if let line { json.value(line) } else { json.null() }
        json.key("id")
        json.value(id)
        json.key("ms")
        json.value(latency.inSeconds * 1000, decimals: 3)
        json.key("candidates")
        json.value(result.candidatesVerified)
        json.endObject()
        json.newline()
        return json.takeBytes()
    }

    static func latencySummary(_ latencies: [Duration], checked: Int, copies: Int, rejected: Int) -> String {
        let sorted = latencies.map(\.inSeconds).sorted()
        func percentile(_ p: Double) -> String {
            guard !sorted.isEmpty else { return "-" }
            let rank = min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)
            return JSONWriter.format(sorted[max(0, rank)] * 1000, decimals: 3)
        }
        let total = sorted.reduce(0, +)
        return "checked \(checked) articles (\(copies) copies, \(rejected) rejected) in "
            + "\(JSONWriter.format(total, decimals: 2)) s; check latency ms: p50 \(percentile(0.5)), "
            + "p90 \(percentile(0.9)), p99 \(percentile(0.99)), max \(percentile(1))"
    }
}
