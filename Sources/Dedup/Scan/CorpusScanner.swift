import Dispatch
import Foundation

/// One accepted input document, as the scan keeps it: where it came from, its fingerprint and what boilerplate
/// was removed from it; not its text.
public struct ScannedDocument: Sendable, Hashable {
    /// The 1-based position of its record among all the input records (the line number when the input is one
    /// JSONL file); ``ScanResult/place(of:)`` turns it into a file and line.
    public var line: Int
    /// Identity, site, time, attribution and fingerprint.
    public var document: FingerprintedDocument
    /// The blocks removed as site boilerplate.
    public var removed: [RemovedBlock]
}

/// What one input of a scan held.
public struct InputCount: Sendable, Hashable {
    /// The input's path as given (`-` for standard input).
    public var path: String
    /// The position of its first record (records are numbered 1, 2, … through all the inputs).
    public var firstPosition: Int
    /// Records read: lines, or `.txt` files for a directory.
    public var read: Int
    /// Records rejected.
    public var rejected: Int
}

/// The outcome of scanning a corpus.
public struct ScanResult: Sendable {
    /// The inputs as people name them (the path, for one input).
    public var input: String
    /// The inputs, to read again for `clean.jsonl`.
    public var inputs: CorpusInput
    /// Records read per input, in input order.
    public var inputCounts: [InputCount]
    /// Input records (lines and `.txt` files) read.
    public var linesRead: Int
    /// Accepted documents, in input order.
    public var documents: [ScannedDocument]
    /// Lines that could not be used, with what was wrong, in input order.
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

    /// The index in ``inputCounts`` of the input holding the record at `position`.
    public func inputIndex(of position: Int) -> Int {
        var low = 0
        var high = inputCounts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if inputCounts[middle].firstPosition <= position { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The file and 1-based line of the record at `position` (for a `.txt` file, its path and line 1).
    public func place(of position: Int) -> (file: String, line: Int) {
        let index = inputIndex(of: position)
        let count = inputCounts[index]
        let source = inputs.sources[index]
        if case .textDirectory(let files) = source.kind {
            return ((source.path as NSString).appendingPathComponent(files[position - count.firstPosition]), 1)
        }
        return (source.path, position - count.firstPosition + 1)
    }
}

/// Scans a corpus in three steps: learn each site's boilerplate from the whole corpus (first reading), then
/// fingerprint every document without its boilerplate (second reading), then find copies and clusters. Reading and
/// fingerprinting use every core; the result does not depend on the number of threads.
///
/// Memory grows with the fingerprints (about 4 × signature length bytes per document) and the block statistics,
/// not with the texts: the input is streamed (see ``CorpusInput``).
public struct CorpusScanner: Sendable {
    /// The scan options.
    public let options: ScanOptions

    /// A scanner with `options`.
    public init(options: ScanOptions = ScanOptions()) {
        self.options = options
    }

    /// Scans the JSONL file (plain or gzip), directory of `.txt` files or standard input (`-`) at `path`.
    /// - Throws: if the input cannot be read. Bad lines do not throw: they are in ``ScanResult/rejected``.
    public func scan(path: String) throws -> ScanResult {
        try scan(CorpusInput(paths: [path]))
    }

    /// Scans `inputs`.
    /// - Parameters:
    ///   - progress: called on the calling thread as the scan goes (see ``ScanProgress``).
    /// - Throws: ``FileError`` if an input cannot be read; with ``ScanOptions/onError`` `.fail`, the first
    ///   ``InputError``. Otherwise bad lines do not throw: they are in ``ScanResult/rejected``.
    public func scan(_ inputs: CorpusInput, progress: (ScanProgress) -> Void = { _ in }) throws -> ScanResult {
        let clock = ContinuousClock()
        let started = clock.now
        let processor = ArticleFingerprinter(settings: options.settings, rules: options.boilerplate)

        // Detection asks for the counts of every block of every document: it reads them from tables made for that.
        // The statistics in dictionaries are for the result only, so they are made while documents are fingerprinted.
        let (knowledge, learnedStatistics) = try {
            () throws -> (FrozenBlockCounts, BackgroundValue<BoilerplateStatistics>) in
            let learner =
                options.boilerplate.isEnabled
                ? try learnBoilerplate(inputs, failOnError: options.onError == .fail, progress: progress)
                : BoilerplateLearner()
            return (FrozenBlockCounts(learner, rules: options.boilerplate), BackgroundValue { learner.statistics })
        }()
        let learned = clock.now

        var documents: [ScannedDocument] = []
        var rejected: [InputError] = []
        var counts = inputs.sources.map { InputCount(path: $0.path, firstPosition: 0, read: 0, rejected: 0) }
        var firstOfID: [ArticleID: (file: String, line: Int)] = [:]
        var linesRead = 0
        let maxTextBytes = options.maxTextBytes
        let failOnError = options.onError == .fail
        let scanner = self
        // Workers are kept from batch to batch: their buffers, and the short blocks they remember.
        let workers = StatePool<Worker>()
        try forEachBatch(
            inputs, phase: .fingerprinting, progress: progress,
            map: { batch in
                scanner.parallelMap(batch, processor: processor, pool: workers) { record, worker in
                    Self.process(
                        record, maxTextBytes: maxTextBytes, worker: &worker, processor: processor,
                        statistics: knowledge)
                }
            },
            consume: { batch, outcomes in
                linesRead += batch.count
                for (record, outcome) in zip(batch, outcomes) {
                    if counts[record.input].read == 0 { counts[record.input].firstPosition = record.position }
                    counts[record.input].read += 1
                    var failure: InputError?
                    switch outcome {
                    case .failure(let error):
                        failure = error
                    case .success(let scanned):
                        // Details repeat ("in 45 of 120 stories of …"): the detector's memo already shares them.
                        if let first = firstOfID[scanned.document.id] {
                            failure = InputError(
                                file: record.file, line: record.line, field: options.fields.id,
                                reason: .duplicateID,
                                message:
                                    "duplicate id '\(scanned.document.id)' (first on line \(first.line) of \(first.file))"
                            )
                        } else {
                            firstOfID[scanned.document.id] = (record.file, record.line)
                            documents.append(scanned)
                        }
                    }
                    if let failure {
                        if failOnError { throw failure }
                        rejected.append(failure)
                        counts[record.input].rejected += 1
                    }
                }
            })
        // An input without records still has a place in the numbering, for ``ScanResult/inputIndex(of:)``.
        var next = 1
        for index in counts.indices {
            if counts[index].read == 0 { counts[index].firstPosition = next }
            next = counts[index].firstPosition + counts[index].read
        }
        firstOfID = [:]
        let statistics = learnedStatistics.value
        let fingerprinted = clock.now

        let deduplicator = Deduplicator(settings: options.settings, policy: options.policy, lsh: options.lsh)
        let total = documents.count
        progress(ScanProgress(phase: .matching, done: 0, total: total, copies: 0))
        let deduplication = deduplicator.deduplicate(documents.map(\.document), threads: options.threads) {
            done, copies in
            progress(ScanProgress(phase: .matching, done: done, total: total, copies: copies))
        }
        progress(ScanProgress(phase: .matching, done: total, total: total, copies: deduplication.matches.count))
        let matched = clock.now
        return ScanResult(
            input: inputs.description, inputs: inputs, inputCounts: counts, linesRead: linesRead,
            documents: documents, rejected: rejected, deduplication: deduplication, statistics: statistics,
            timings: [
                "learn_boilerplate_seconds": (learned - started).inSeconds,
                "fingerprint_seconds": (fingerprinted - learned).inSeconds,
                "match_seconds": (matched - fingerprinted).inSeconds,
            ], options: options)
    }

    /// Learns each site's boilerplate statistics from the JSONL file, gzip file, `.txt` directory or standard
    /// input at `path` (lines that do not decode are skipped; ``scan(path:)`` reports them).
    public func learnBoilerplate(path: String) throws -> BoilerplateStatistics {
        try learnBoilerplate(CorpusInput(paths: [path]))
    }

    /// Learns each site's boilerplate statistics from `inputs` (records that do not decode are skipped;
    /// ``scan(_:progress:)`` reports them).
    public func learnBoilerplate(
        _ inputs: CorpusInput, progress: (ScanProgress) -> Void = { _ in }
    ) throws -> BoilerplateStatistics {
        try learnBoilerplate(inputs, failOnError: false, progress: progress).statistics
    }

    private func learnBoilerplate(
        _ inputs: CorpusInput, failOnError: Bool, progress: (ScanProgress) -> Void
    ) throws -> BoilerplateLearner {
        let processor = ArticleFingerprinter(settings: options.settings, rules: options.boilerplate)
        var learner = BoilerplateLearner()
        let maxTextBytes = options.maxTextBytes
        let scanner = self
        let workers = StatePool<Worker>()
        try forEachBatch(
            inputs, phase: .learningBoilerplate, progress: progress,
            map: { batch in
                scanner.parallelMap(batch, processor: processor, pool: workers) { record, worker in
                    let article: Article
                    do throws(InputError) {
                        article = try record.article(using: worker.decoder, maximumTextBytes: maxTextBytes)
                    } catch {
                        return Result<BoilerplateLearner.Page?, InputError>.failure(error)
                    }
                    let blocks = processor.blocks(of: article, scratch: &worker.scratch)
                    return .success(BoilerplateLearner.Page(blocks: blocks, site: article.site))
                }
            },
            consume: { _, learned in
                var pages: [BoilerplateLearner.Page] = []
                pages.reserveCapacity(learned.count)
                for outcome in learned {
                    switch outcome {
                    case .failure(let error):
                        if failOnError { throw error }
                    case .success(let page):
                        if let page { pages.append(page) }
                    }
                }
                learner.add(pages)
            })
        return learner
    }

    /// Reads the inputs in batches of records, maps each batch on the worker threads while the next is read and
    /// the previous consumed (see ``BatchPipeline``), and reports progress after each.
    private func forEachBatch<Mapped>(
        _ inputs: CorpusInput, phase: ScanProgress.Phase, progress: (ScanProgress) -> Void,
        map: @escaping ([CorpusRecord]) -> [Mapped], consume: ([CorpusRecord], [Mapped]) throws -> Void
    ) throws {
        let totalBytes = inputs.totalBytes
        var done = 0
        var bytesRead = 0
        progress(ScanProgress(phase: phase, done: 0, totalBytes: totalBytes))
        try BatchPipeline.run(inputs, batchSize: 2048, maximumTextBytes: options.maxTextBytes, map: map) {
            batch, results in
            try consume(batch, results)
            done += batch.count
            bytesRead = batch.last?.bytesConsumed ?? bytesRead
            progress(ScanProgress(phase: phase, done: done, bytesRead: bytesRead, totalBytes: totalBytes))
        }
    }

    /// A map thread's working state, kept from batch to batch (see ``StatePool``).
    struct Worker {
        let decoder: ArticleDecoder
        var scratch: FingerprintScratch
    }

    /// Maps a batch of records on all worker threads, with workers from `pool`; the result is in input order
    /// whatever the threads.
    private func parallelMap<T>(
        _ batch: [CorpusRecord], processor: ArticleFingerprinter, pool: StatePool<Worker>,
        _ body: (CorpusRecord, inout Worker) -> T
    ) -> [T] {
        let fields = options.fields
        return ParallelSlots<T>.map(
            batch, threads: options.threads,
            state: {
                pool.take()
                    ?? Worker(
                        decoder: ArticleDecoder(fields: fields), scratch: FingerprintScratch(for: processor.fingerprinter))
            },
            finish: pool.give,
            body)
    }

    private static func process(
        _ record: CorpusRecord, maxTextBytes: Int, worker: inout Worker, processor: ArticleFingerprinter,
        statistics: FrozenBlockCounts
    ) -> Result<ScannedDocument, InputError> {
        let (file, line) = (record.file, record.line)
        if case .jsonLine(let bytes) = record.content, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            return .failure(
                InputError(file: file, line: line, field: nil, reason: .invalidJSON, message: "empty line"))
        }
        let article: Article
        do throws(InputError) {
            article = try record.article(using: worker.decoder, maximumTextBytes: maxTextBytes)
        } catch {
            return .failure(error)
        }
        let processed = processor.process(article, counts: statistics, scratch: &worker.scratch)
        if processed.document.fingerprint.isEmpty {
            let empty = article.text.isEmpty ? "the text is empty" : "the text has no words"
            if case .textFile = record.content {
                return .failure(InputError(file: file, line: line, field: nil, reason: .emptyText, message: empty))
            }
            return .failure(
                InputError(
                    file: file, line: line, field: worker.decoder.fields.text, reason: .emptyText, message: empty))
        }
        return .success(
            ScannedDocument(
                line: record.position, document: processed.document, removed: processed.boilerplate.removed))
    }
}
