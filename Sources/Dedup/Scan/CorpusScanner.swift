import Dispatch
import Foundation

/// One accepted input document, as the scan keeps it: where it came from and its fingerprint, not its text.
public struct ScannedDocument: Sendable, Hashable {
    /// The 1-based input line.
    public var line: Int
    /// Identity, site, time and fingerprint.
    public var document: FingerprintedDocument
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
    /// Seconds spent reading and fingerprinting, and matching.
    public var timings: [String: Double]
    /// The options the scan ran with.
    public var options: ScanOptions

    /// Documents that are not copies.
    public var kept: Int { documents.count - deduplication.matches.count }
}

/// Scans a JSONL corpus: reads and fingerprints every line (on all cores), then finds copies and clusters.
///
/// Memory grows with the fingerprints (about 4 × signature length bytes per document), not with the texts.
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
        let fingerprinter = Fingerprinter(settings: options.settings)
        var documents: [ScannedDocument] = []
        var rejected: [InputError] = []
        var firstLineOfID: [ArticleID: Int] = [:]
        var linesRead = 0

        var batch: [(line: Int, bytes: ArraySlice<UInt8>)] = []
        let batchSize = 2048
        func flush() {
            let outcomes = fingerprintBatch(batch, path: path, fingerprinter: fingerprinter)
            for outcome in outcomes {
                switch outcome {
                case .failure(let error):
                    rejected.append(error)
                case .success(let scanned):
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
            batch.removeAll(keepingCapacity: true)
        }
        for line in try LineReader(path: path) {
            linesRead += 1
            batch.append(line)
            if batch.count == batchSize { flush() }
        }
        flush()
        let fingerprinted = clock.now

        let deduplicator = Deduplicator(settings: options.settings, policy: options.policy, lsh: options.lsh)
        let deduplication = deduplicator.deduplicate(documents.map(\.document))
        let matched = clock.now
        return ScanResult(
            input: path, linesRead: linesRead, documents: documents, rejected: rejected,
            deduplication: deduplication,
            timings: [
                "read_and_fingerprint_seconds": seconds(fingerprinted - started),
                "match_seconds": seconds(matched - fingerprinted),
            ], options: options)
    }

    /// Decodes and fingerprints a batch of lines in parallel; the result is in line order whatever the threads.
    private func fingerprintBatch(
        _ batch: [(line: Int, bytes: ArraySlice<UInt8>)], path: String, fingerprinter: Fingerprinter
    ) -> [Result<ScannedDocument, InputError>] {
        guard !batch.isEmpty else { return [] }
        let workers = max(1, min(options.threads, batch.count))
        let results = ResultSlots<Result<ScannedDocument, InputError>>(count: batch.count)
        let fields = options.fields
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let decoder = ArticleDecoder(fields: fields)
            var scratch = FingerprintScratch(for: fingerprinter)
            var index = worker
            while index < batch.count {
                let (line, bytes) = batch[index]
                results[index] = Self.process(
                    bytes, line: line, path: path, decoder: decoder, fingerprinter: fingerprinter,
                    scratch: &scratch)
                index += workers
            }
        }
        return results.values
    }

    private static func process(
        _ bytes: ArraySlice<UInt8>, line: Int, path: String, decoder: ArticleDecoder, fingerprinter: Fingerprinter,
        scratch: inout FingerprintScratch
    ) -> Result<ScannedDocument, InputError> {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            return .failure(
                InputError(file: path, line: line, field: nil, reason: .invalidJSON, message: "empty line"))
        }
        let article: Article
        do {
            article = try decoder.decode(bytes, file: path, line: line)
        } catch {
            return .failure(error)
        }
        let fingerprint = fingerprinter.fingerprint(article.fingerprintText, scratch: &scratch)
        if fingerprint.isEmpty {
            return .failure(
                InputError(
                    file: path, line: line, field: decoder.fields.text, reason: .emptyText,
                    message: article.text.isEmpty ? "the text is empty" : "the text has no words"))
        }
        let document = FingerprintedDocument(
            id: article.id, site: article.site, published: article.published, fingerprint: fingerprint)
        return .success(ScannedDocument(line: line, document: document))
    }

    private func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}

/// Fixed slots that concurrent workers fill at distinct indices.
///
/// Each index is written by exactly one worker and read only after all workers finished, so the raw storage needs
/// no lock; it is raw memory so that concurrent writes do not trip Swift's exclusivity checks on an array.
private final class ResultSlots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    var values: [Value] { (0..<count).map { storage[$0]! } }
}
