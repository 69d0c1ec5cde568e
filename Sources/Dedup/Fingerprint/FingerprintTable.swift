import CXXHash

/// What verification reads of many fingerprints made with one ``MinHashSettings``, in a few flat buffers: the
/// signature values, content hash, token and shingle counts and figures of each row, and nothing else.
///
/// A persistent index proposes up to thousands of candidates for one article. Reading each as a ``Fingerprint`` cost
/// two allocations per candidate (its signature and its figures) and their reference counting; a table grows a few
/// buffers once per read, and ``Verifier/assess(copy:row:of:)`` verifies a row in place.
///
/// ```swift
/// var table = FingerprintTable(settings: settings)
/// table.append(stored)
/// let assessment = try verifier.assess(copy: incoming, row: 0, of: table)
/// ```
public struct FingerprintTable: Sendable, Hashable {
    /// The settings of every row's signature.
    public let settings: MinHashSettings

    /// The signature values, `settings.length` per row.
    private var values: [UInt32] = []
    /// Each row's other facts, in one record: verification of a candidate reads them together, and in separate
    /// arrays they were a cache miss each.
    private var rows: [Row] = []
    private var figures: [UInt64] = []

    private struct Row: Hashable {
        var contentHash: UInt64
        /// Where the row's figures start in `figures`.
        var figureStart: Int
        var tokenCount: UInt32
        var shingleCount: UInt32
        var figureCount: UInt32
        var signatureIsEmpty: Bool
    }

    /// An empty table for signatures made with `settings`, with room for `capacity` rows.
    public init(settings: MinHashSettings, capacity: Int = 0) {
        self.settings = settings
        values.reserveCapacity(capacity * settings.length)
        rows.reserveCapacity(capacity)
    }

    /// The number of rows.
    public var count: Int { rows.count }

    /// Whether the table has no rows.
    public var isEmpty: Bool { rows.isEmpty }

    /// Appends the facts of `fingerprint`.
    /// - Precondition: its signature has the table's settings; its counts are below 2³².
    public mutating func append(_ fingerprint: Fingerprint) {
        precondition(fingerprint.signature.settings == settings, "a table holds signatures of one setting")
        values.append(contentsOf: fingerprint.signature.values)
        let start = figures.count
        figures.append(contentsOf: fingerprint.figures)
        appendRow(
            contentHash: fingerprint.contentHash, tokenCount: fingerprint.tokenCount,
            shingleCount: fingerprint.shingleCount, figureStart: start,
            signatureIsEmpty: fingerprint.signature.isEmpty)
    }

    /// Appends a row from stored bytes, without making a ``Fingerprint``: the signature as `settings.length`
    /// little-endian 32-bit words (no bytes for the signature of an empty set), the sorted figure hashes as
    /// little-endian 64-bit words.
    /// - Precondition: `signature` has no bytes or `4 × settings.length`; `figures` a multiple of 8; the counts are
    ///   below 2³².
    public mutating func append(
        contentHash: UInt64, tokenCount: Int, shingleCount: Int, signature: UnsafeRawBufferPointer,
        figures figureBytes: UnsafeRawBufferPointer
    ) {
        let length = settings.length
        if signature.isEmpty {
            values.append(contentsOf: repeatElement(UInt32.max, count: length))
        } else {
            precondition(signature.count == length * 4, "a stored signature has 4 bytes per value")
            for index in 0..<length {
                values.append(UInt32(littleEndian: signature.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            }
        }
        precondition(figureBytes.count % 8 == 0, "stored figures have 8 bytes each")
        let start = figures.count
        for index in 0..<figureBytes.count / 8 {
            figures.append(UInt64(littleEndian: figureBytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
        appendRow(
            contentHash: contentHash, tokenCount: tokenCount, shingleCount: shingleCount, figureStart: start,
            signatureIsEmpty: signature.isEmpty)
    }

    /// Appends a copy of row `row` of `other`.
    /// - Precondition: `other` has the table's settings.
    public mutating func append(row: Int, of other: FingerprintTable) {
        precondition(other.settings == settings, "a table holds signatures of one setting")
        let length = settings.length
        values.append(contentsOf: other.values[row * length..<(row + 1) * length])
        var copied = other.rows[row]
        let range = other.figureRange(copied)
        copied.figureStart = figures.count
        figures.append(contentsOf: other.figures[range])
        rows.append(copied)
    }

    /// A hint that row `row` will be verified soon: its facts and its signature values are fetched into the
    /// cache ahead of the reads. A check verifies thousands of rows of a large table at random, each a cache miss;
    /// fetched a few rows ahead, the misses overlap. No effect on results.
    @inline(__always)
    public func prefetch(row: Int) {
        let length = settings.length
        values.withUnsafeBufferPointer { values in
            guard let base = values.baseAddress, (row + 1) * length <= values.count else { return }
            // Every 64-byte line of the row's values (16 of them to a line).
            var offset = row * length
            while offset < (row + 1) * length {
                dedup_prefetch(base + offset)
                offset += 16
            }
        }
        rows.withUnsafeBufferPointer { rows in
            guard let base = rows.baseAddress, row < rows.count else { return }
            dedup_prefetch(base + row)
        }
    }

    /// The number of figure hashes of row `row`.
    public func figureCount(row: Int) -> Int { Int(rows[row].figureCount) }

    /// Removes every row, keeping the buffers' capacity.
    public mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        figures.removeAll(keepingCapacity: true)
    }

    /// The fingerprint of row `row`, as appended.
    public func fingerprint(row: Int) -> Fingerprint {
        let length = settings.length
        let facts = rows[row]
        return Fingerprint(
            signature: MinHashSignature(
                settings: settings, values: Array(values[row * length..<(row + 1) * length]),
                isEmpty: facts.signatureIsEmpty),
            contentHash: facts.contentHash, tokenCount: Int(facts.tokenCount), shingleCount: Int(facts.shingleCount),
            figures: Array(figures[figureRange(facts)]))
    }

    private mutating func appendRow(
        contentHash: UInt64, tokenCount: Int, shingleCount: Int, figureStart: Int, signatureIsEmpty: Bool
    ) {
        precondition(
            (0...Int(UInt32.max)).contains(tokenCount) && (0...Int(UInt32.max)).contains(shingleCount),
            "a table's counts are below 2³²")
        rows.append(
            Row(
                contentHash: contentHash, figureStart: figureStart, tokenCount: UInt32(tokenCount),
                shingleCount: UInt32(shingleCount), figureCount: UInt32(figures.count - figureStart),
                signatureIsEmpty: signatureIsEmpty))
    }

    private func figureRange(_ row: Row) -> Range<Int> {
        row.figureStart..<row.figureStart + Int(row.figureCount)
    }

    /// Calls `body` with the facts of row `row`, valid only inside it.
    func withFacts<Result>(row: Int, _ body: (FingerprintFacts) throws -> Result) rethrows -> Result {
        let length = settings.length
        let facts = rows[row]
        return try values.withUnsafeBufferPointer { values in
            try figures.withUnsafeBufferPointer { figures in
                try body(
                    FingerprintFacts(
                        values: UnsafeBufferPointer(rebasing: values[row * length..<(row + 1) * length]),
                        signatureIsEmpty: facts.signatureIsEmpty, contentHash: facts.contentHash,
                        tokenCount: Int(facts.tokenCount), shingleCount: Int(facts.shingleCount),
                        figures: UnsafeBufferPointer(rebasing: figures[figureRange(facts)])))
            }
        }
    }
}
