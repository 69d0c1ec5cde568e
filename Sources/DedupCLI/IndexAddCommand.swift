import ArgumentParser
import Dedup
import DedupStore
import Foundation

struct IndexAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add the articles of a JSONL file to the index, reporting which copy something already indexed.",
        discussion: """
            Prints one JSON line per article on standard output: id, line, status (added, unchanged, replaced), \
            copy, kind, cross_source, best (the best match), first_published (the earliest published match), \
            jaccard, containment, candidates. Re-adding an id with the same text changes nothing ("unchanged"); \
            with other text it is an error for that line unless --replace. Bad lines are reported on standard \
            error with file, line and field, counted, and skipped. Articles are written in transactions of \
            --batch-size; several processes may add to one index at once.
            Exit codes: 0 the input was read to the end (bad lines and id conflicts are reported and counted); 1 \
            the input or the index could not be read or written; 64 invalid command-line usage.
            """
    )

    @Argument(help: "The JSONL file ('-' for standard input).")
    var input: String

    @OptionGroup var index: IndexOptions

    @Flag(help: "Replace an indexed article whose id comes again with other text (else that line is an error).")
    var replace = false

    @Option(help: "Articles per transaction (each page of the index a batch changes is written once per batch).")
    var batchSize = IndexAddCommand.defaultBatchSize

    @Flag(help: "List every match in each line ('matches'), not only the best.")
    var matches = false

    @Flag(name: .shortAndLong, help: "Print no JSON lines and no summary; errors only.")
    var quiet = false

    @OptionGroup(title: "Input fields") var inputFields: InputFieldOptions

    @OptionGroup var newIndex: NewIndexOptions

    /// The default `--batch-size`. Band keys and block counts land on pages all over a large index, so a
    /// transaction writes about one page per key; with thousands of articles per transaction most pages take several
    /// keys (at 100,000 articles: 720 articles/s with 2,048, 477 with 256). The SQLite writer's cache holds such a
    /// batch's pages (``SQLiteArticleStore``).
    static let defaultBatchSize = 4_096

    func validate() throws {
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() async throws {
        let reader: LineReader
        do {
            reader = input == "-" ? LineReader(handle: .standardInput) : try LineReader(path: input)
        } catch {
            reportFailure(error)
            throw ExitCode(1)
        }
        let index = try await openIndex(self.index, configuration: newIndex.configuration, failure: 1)
        let decoder = ArticleDecoder(fields: inputFields.fields)
        let progress = ProgressLine(quiet: quiet)
        var output = StandardOutput()
        var counts = AddCounts()
        let clock = ContinuousClock()
        let started = clock.now
        var pending: [(line: Int, article: Article)] = []

        func flush() async throws {
            guard !pending.isEmpty else { return }
            let results = await index.add(
                pending.map(\.article), replace: replace, limit: matches ? 100 : 10, batchSize: pending.count)
            for ((line, article), result) in zip(pending, results) {
                switch result {
                case .success(let added):
                    counts.count(added)
                    if !quiet {
                        output.write(IndexReport.line(added.check, status: added.status, line: line, matches: matches))
                    }
                case .failure(let error) where error.code == .storage:
                    output.flush()
                    progress.finish()
                    printError("dedup: \(error.cliDescription)")
                    try? await index.close()
                    throw ExitCode(1)
                case .failure(let error):
                    counts.rejected[error.code.rawValue, default: 0] += 1
                    printError("dedup: \(input):\(line): article '\(article.id)': \(error.cliDescription)")
                }
            }
            pending.removeAll(keepingCapacity: true)
            let seconds = (clock.now - started).inSeconds
            progress.update(
                "indexed \(counts.done) articles (\(Int(Double(counts.done) / max(seconds, 1e-9))) per second), "
                    + "\(counts.copies) copies")
        }

        for (line, bytes) in reader {
            counts.read += 1
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                counts.read -= 1
                continue
            }
            do {
                pending.append((line, try decoder.decode(bytes, file: input, line: line)))
            } catch {
                counts.rejected[error.reason.rawValue, default: 0] += 1
                printError("dedup: \(error)")
            }
            if pending.count >= batchSize { try await flush() }
        }
        try await flush()
        output.flush()
        progress.finish()
        let seconds = (clock.now - started).inSeconds
        let statistics = try? await index.statistics()
        try? await index.close()
        guard !quiet else { return }
        let rejected = counts.rejected.values.reduce(0, +)
        let reasons = counts.rejected.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        printError(
            "Read \(counts.read) articles: \(counts.added) added, \(counts.unchanged) unchanged, "
                + "\(counts.replaced) replaced, \(rejected) rejected"
                + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))")
                + "; \(counts.copies) copy an indexed article, \(counts.crossSource) across sources. "
                + "\(JSONWriter.format(Double(counts.done) / max(seconds, 1e-9), decimals: 0)) articles per second."
                + (statistics.map { " The index holds \($0.articles) articles." } ?? ""))
    }
}

/// What `dedup index add` counted.
struct AddCounts {
    var read = 0
    var added = 0
    var unchanged = 0
    var replaced = 0
    var copies = 0
    var crossSource = 0
    var rejected: [String: Int] = [:]

    var done: Int { added + unchanged + replaced }

    mutating func count(_ result: AddResult) {
        switch result.status {
        case .added: added += 1
        case .unchanged: unchanged += 1
        case .replaced: replaced += 1
        }
        if let best = result.check.best {
            copies += 1
            if best.verdict.crossSource { crossSource += 1 }
        }
    }
}
