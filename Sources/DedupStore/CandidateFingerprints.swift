import Dedup

/// What verification reads of an article's candidates: their insertion sequence numbers and their fingerprints'
/// facts, in insertion order; not their ids, origins or titles, which only the candidates that match need.
///
/// A check verifies every candidate its band keys propose (at 1M articles, up to thousands) and reports at most a
/// few: ``ArticleStore/prepareAndReadCandidates(site:blockKeys:excluding:prepare:select:)`` reads these facts for
/// all of them, then whole rows (``IndexedArticle``) only for the ones the verification selects.
public struct CandidateFingerprints: Sendable, Hashable {
    /// Each candidate's insertion sequence number (``IndexedArticle/sequence``), ascending.
    public private(set) var sequences: [Int64]
    /// Each candidate's fingerprint facts, row for row with ``sequences``.
    public private(set) var fingerprints: FingerprintTable

    /// No candidates, for signatures made with `settings`.
    public init(settings: MinHashSettings, capacity: Int = 0) {
        sequences = []
        sequences.reserveCapacity(capacity)
        fingerprints = FingerprintTable(settings: settings, capacity: capacity)
    }

    /// The number of candidates.
    public var count: Int { sequences.count }

    /// Appends a candidate.
    /// - Precondition: its signature has the settings of the others.
    public mutating func append(sequence: Int64, fingerprint: Fingerprint) {
        sequences.append(sequence)
        fingerprints.append(fingerprint)
    }

    /// Appends a candidate whose facts are row `row` of `table`.
    /// - Precondition: `table` has the settings of the others.
    mutating func append(sequence: Int64, row: Int, of table: FingerprintTable) {
        sequences.append(sequence)
        fingerprints.append(row: row, of: table)
    }

    /// Appends a candidate from its stored columns (see ``IndexSchema``).
    /// - Throws: ``IndexError/Code/incompatibleIndex`` for a signature of another length than the settings',
    ///   ``IndexError/Code/storage`` for figures that are not 64-bit words.
    mutating func append(
        sequence: Int64, contentHash: Int64, tokenCount: Int, shingleCount: Int, signature: UnsafeRawBufferPointer,
        figures: UnsafeRawBufferPointer
    ) throws {
        try StorageEncoding.checkSignature(byteCount: signature.count, settings: fingerprints.settings)
        try StorageEncoding.checkValues(byteCount: figures.count)
        sequences.append(sequence)
        fingerprints.append(
            contentHash: StorageEncoding.unsigned(contentHash), tokenCount: tokenCount, shingleCount: shingleCount,
            signature: signature, figures: figures)
    }
}
