import Dispatch
import Foundation

/// One accepted input document, as the scan keeps it: where it came from, its fingerprint and what boilerplate
/// was removed from it; not its text.
public struct ScannedDocument: Sendable, Hashable {
    /// The 1-based input line.
    public var line: Int
    /// Identity, site, time, attribution and fingerprint.
    public var document: FingerprintedDocument
    /// The blocks removed as site boilerplate.
    public var removed: [RemovedBlock]
}

/// The outcome of scanning one JSONL corpus.
public struct ScanResult: Sendable {
    /// The input path.
    public var input: String
    /// Input lines read.
    public var linesRead: Int
    /// Accepted documents, in input order.
    public var documents: [ScannedDocument]
    /// Lines that could not be used, with what was wrong.
    public var rejected: [InputError]
    /// Copies and clusters (indices into ``documents``).
    public var deduplication: Deduplication
    /// What the scan learned about each site's boilerplate.
    public var statistics: BoilerplateStatistics
    /// Seconds spent in each phase.
    public var timings: [String: Double]
    /// The options the scan ran with.
    public var options: ScanOptions

    /// Documents that are not copies.
    public var kept: Int { documents.count - deduplication.matches.count }
}

/// Scans a JSONL corpus in three steps: learn each site's boilerplate from the whole corpus (first read), then
/// fingerprint every document without its boilerplate (second read), then find copies and clusters. Reading and
/// fingerprinting use every core; the result does not depend on the number of threads.
///
/// Memory grows with the fingerprints (about 4 × signature length bytes per document) and the block statistics,
/// not with the texts.
public struct CorpusScanner: Sendable {
    /// The scan options.
    public let options: ScanOptions

    /// A scanner with `options`.
    public init(options: ScanOptions = ScanOptions()) {
        self.options = options
    }

    /// Scans the JSONL file at `path`.
    /// - Throws: if the file cannot be read. Bad lines do not throw: they are in ``ScanResult/rejected``.
    public func scan(path: String) throws -> ScanResult {
        let clock = ContinuousClock()
        let started = clock.now
        let processor = ArticleFingerprinter(settings: options.settings, rules: options.boilerplate)

        let statistics = options.boilerplate.isEnabled ? try learnBoilerplate(path: path) : BoilerplateStatistics()
        let learned = clock.now

        var documents: [ScannedDocument] = []
        var rejected: [InputError] = []
        var firstLineOfID: [ArticleID: Int] = [:]
        var details = StringInterner()
        var linesRead = 0
        let knowledge = statistics
        try forEachBatch(path) { batch in
            linesRead += batch.count
            let outcomes = parallelMap(batch, processor: processor) { line, bytes, worker in
                Self.process(bytes, line: line, path: path, worker: &worker, processor: processor,
                    statistics: knowledge)
            }
            for outcome in outcomes {
                switch outcome {
                case .failure(let error):
                    rejected.append(error)
                case .success(var scanned):
                    // Details repeat ("in 45 of 120 stories of …"): one copy of each is kept, not one per page.
                    for index in scanned.removed.indices {
                        scanned.removed[index].detail = details.intern(scanned.removed[index].detail)
                    }
                    if let first = firstLineOfID[scanned.document.id] {
                        rejected.append(
                            InputError(
                                file: path, line: scanned.line, field: options.fields.id, reason: .duplicateID,
                                message: "duplicate id '\(scanned.document.id)' (first on line \(first))"))
                    } else {
                        firstLineOfID[scanned.document.id] = scanned.line
                        documents.append(scanned)
                    }
                }
            }
        }
        let fingerprinted = clock.now

        let deduplicator = Deduplicator(settings: options.settings, policy: options.policy, lsh: options.lsh)
        let deduplication = deduplicator.deduplicate(documents.map(\.document))
        let matched = clock.now
        return ScanResult(
            input: path, linesRead: linesRead, documents: documents, rejected: rejected,
            deduplication: deduplication, statistics: statistics,
            timings: [
                "learn_boilerplate_seconds": (learned - started).inSeconds,
                "fingerprint_seconds": (fingerprinted - learned).inSeconds,
                "match_seconds": (matched - fingerprinted).inSeconds,
            ], options: options)
    }

    /// Learns each site's boilerplate statistics from the JSONL file at `path` (lines that do not decode are
    /// skipped; ``scan(path:)`` reports them).
    public func learnBoilerplate(path: String) throws -> BoilerplateStatistics {
        let processor = ArticleFingerprinter(settings: options.settings, rules: options.boilerplate)
        var statistics = BoilerplateStatistics()
        try forEachBatch(path) { batch in
            let learned = parallelMap(batch, processor: processor) { line, bytes, worker in
                guard let article = try? worker.decoder.decode(bytes, file: path, line: line) else {
                    return (site: String?.none, blocks: [TextBlock]())
                }
                return (site: article.site, blocks: processor.blocks(of: article, scratch: &worker.scratch))
            }
            for (site, blocks) in learned where !blocks.isEmpty {
                statistics.add(blocks, site: site)
            }
        }
        return statistics
    }

    /// Reads the file in batches of lines.
    private func forEachBatch(_ path: String, _ body: ([(line: Int, bytes: ArraySlice<UInt8>)]) -> Void) throws {
        var batch: [(line: Int, bytes: ArraySlice<UInt8>)] = []
        let batchSize = 2048
        batch.reserveCapacity(batchSize)
        for line in try LineReader(path: path) {
            batch.append(line)
            if batch.count == batchSize {
                body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { body(batch) }
    }

    /// Per-thread working state.
    struct Worker {
        let decoder: ArticleDecoder
        var scratch: FingerprintScratch
    }

    /// Maps a batch of lines on all worker threads; the result is in line order whatever the threads.
    private func parallelMap<T>(
        _ batch: [(line: Int, bytes: ArraySlice<UInt8>)], processor: ArticleFingerprinter,
        _ body: (Int, ArraySlice<UInt8>, inout Worker) -> T
    ) -> [T] {
        let workers = max(1, min(options.threads, batch.count))
        let results = ParallelSlots<T>(count: batch.count)
        let fields = options.fields
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { workerIndex in
                var worker = Worker(
                    decoder: ArticleDecoder(fields: fields),
                    scratch: FingerprintScratch(for: processor.fingerprinter))
                var index = workerIndex
                while index < batch.count {
                    results[index] = shared.value(batch[index].line, batch[index].bytes, &worker)
                    index += workers
                }
            }
        }
        return results.values.map { $0! }
    }

    private static func process(
        _ bytes: ArraySlice<UInt8>, line: Int, path: String, worker: inout Worker, processor: ArticleFingerprinter,
        statistics: BoilerplateStatistics
    ) -> Result<ScannedDocument, InputError> {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            return .failure(
                InputError(file: path, line: line, field: nil, reason: .invalidJSON, message: "empty line"))
        }
        let article: Article
        do {
            article = try worker.decoder.decode(bytes, file: path, line: line)
        } catch {
            return .failure(error)
        }
        let processed = processor.process(article, statistics: statistics, scratch: &worker.scratch)
        if processed.document.fingerprint.isEmpty {
            return .failure(
                InputError(
                    file: path, line: line, field: worker.decoder.fields.text, reason: .emptyText,
                    message: article.text.isEmpty ? "the text is empty" : "the text has no words"))
        }
        return .success(
            ScannedDocument(line: line, document: processed.document, removed: processed.boilerplate.removed))
    }

}

/// Keeps one copy of each distinct string, so that equal strings share their storage.
struct StringInterner {
    private var strings = Set<String>()

    /// The stored copy equal to `string` (stored first if new).
    mutating func intern(_ string: String) -> String {
        if let stored = strings.firstIndex(of: string) { return strings[stored] }
        strings.insert(string)
        return string
    }
}

/// Wraps a value that is only read concurrently (a non-escaping closure over thread-confined state).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
