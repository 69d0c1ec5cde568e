/// Where a scan is, for a progress display: reported by ``CorpusScanner/scan(_:progress:)`` and
/// ``ScanOutput/write(_:progress:)`` about every 2,048 records and at the end of each phase.
public struct ScanProgress: Sendable, Hashable {
    /// The scan's phases, in order.
    public enum Phase: String, Sendable, Hashable {
        /// The first reading: each site's boilerplate.
        case learningBoilerplate = "learning boilerplate"
        /// The second reading: decoding and fingerprinting.
        case fingerprinting
        /// Finding copies among the fingerprints (no reading).
        case matching
        /// Writing the output (a third reading, for `clean.jsonl`).
        case writing
    }

    /// The phase.
    public var phase: Phase
    /// Records (lines or `.txt` files) read in this phase; documents compared while matching.
    public var done: Int
    /// The documents to compare while matching; nil in the reading phases.
    public var total: Int?
    /// Input bytes consumed in this phase (compressed bytes for gzip).
    public var bytesRead: Int
    /// The bytes of the whole input, when known (not while standard input is first read).
    public var totalBytes: Int?
    /// Copies found so far, while matching; nil in the other phases.
    public var copies: Int?

    /// A report.
    public init(
        phase: Phase, done: Int, total: Int? = nil, bytesRead: Int = 0, totalBytes: Int? = nil, copies: Int? = nil
    ) {
        self.phase = phase
        self.done = done
        self.total = total
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.copies = copies
    }
}
