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

    private var values: [UInt32] = []
    private var signatureIsEmpty: [Bool] = []
    private var contentHashes: [UInt64] = []
    private var tokenCounts: [Int] = []
    private var shingleCounts: [Int] = []
    private var figures: [UInt64] = []
    /// The end of each row's figures in `figures`.
    private var figureEnds: [Int] = []

    /// An empty table for signatures made with `settings`, with room for `capacity` rows.
    public init(settings: MinHashSettings, capacity: Int = 0) {
        self.settings = settings
        values.reserveCapacity(capacity * settings.length)
        signatureIsEmpty.reserveCapacity(capacity)
        contentHashes.reserveCapacity(capacity)
        tokenCounts.reserveCapacity(capacity)
        shingleCounts.reserveCapacity(capacity)
        figureEnds.reserveCapacity(capacity)
    }

    /// The number of rows.
    public var count: Int { contentHashes.count }

    /// Whether the table has no rows.
    public var isEmpty: Bool { contentHashes.isEmpty }

    /// Appends the facts of `fingerprint`.
    /// - Precondition: its signature has the table's settings.
    public mutating func append(_ fingerprint: Fingerprint) {
        precondition(fingerprint.signature.settings == settings, "a table holds signatures of one setting")
        values.append(contentsOf: fingerprint.signature.values)
        signatureIsEmpty.append(fingerprint.signature.isEmpty)
        figures.append(contentsOf: fingerprint.figures)
        appendCounts(
            contentHash: fingerprint.contentHash, tokenCount: fingerprint.tokenCount,
            shingleCount: fingerprint.shingleCount)
    }

    /// Appends a row from stored bytes, without making a ``Fingerprint``: the signature as `settings.length`
    /// little-endian 32-bit words (no bytes for the signature of an empty set), the sorted figure hashes as
    /// little-endian 64-bit words.
    /// - Precondition: `signature` has no bytes or `4 × settings.length`; `figures` a multiple of 8.
    public mutating func append(
        contentHash: UInt64, tokenCount: Int, shingleCount: Int, signature: UnsafeRawBufferPointer,
        figures figureBytes: UnsafeRawBufferPointer
    ) {
        let length = settings.length
        if signature.isEmpty {
            values.append(contentsOf: repeatElement(UInt32.max, count: length))
            signatureIsEmpty.append(true)
        } else {
            precondition(signature.count == length * 4, "a stored signature has 4 bytes per value")
            for index in 0..<length {
                values.append(UInt32(littleEndian: signature.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            }
            signatureIsEmpty.append(false)
        }
        precondition(figureBytes.count % 8 == 0, "stored figures have 8 bytes each")
        for index in 0..<figureBytes.count / 8 {
            figures.append(UInt64(littleEndian: figureBytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
        appendCounts(contentHash: contentHash, tokenCount: tokenCount, shingleCount: shingleCount)
    }

    /// Appends a copy of row `row` of `other`.
    /// - Precondition: `other` has the table's settings.
    public mutating func append(row: Int, of other: FingerprintTable) {
        precondition(other.settings == settings, "a table holds signatures of one setting")
        let length = settings.length
        values.append(contentsOf: other.values[row * length..<(row + 1) * length])
        signatureIsEmpty.append(other.signatureIsEmpty[row])
        figures.append(contentsOf: other.figures[other.figureRange(row)])
        appendCounts(
            contentHash: other.contentHashes[row], tokenCount: other.tokenCounts[row],
            shingleCount: other.shingleCounts[row])
    }

    /// The number of figure hashes of row `row`.
    public func figureCount(row: Int) -> Int { figureRange(row).count }

    /// Removes every row, keeping the buffers' capacity.
    public mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        signatureIsEmpty.removeAll(keepingCapacity: true)
        contentHashes.removeAll(keepingCapacity: true)
        tokenCounts.removeAll(keepingCapacity: true)
        shingleCounts.removeAll(keepingCapacity: true)
        figures.removeAll(keepingCapacity: true)
        figureEnds.removeAll(keepingCapacity: true)
    }

    /// The fingerprint of row `row`, as appended.
    public func fingerprint(row: Int) -> Fingerprint {
        let length = settings.length
        return Fingerprint(
            signature: MinHashSignature(
                settings: settings, values: Array(values[row * length..<(row + 1) * length]),
                isEmpty: signatureIsEmpty[row]),
            contentHash: contentHashes[row], tokenCount: tokenCounts[row], shingleCount: shingleCounts[row],
            figures: Array(figures[figureRange(row)]))
    }

    private mutating func appendCounts(contentHash: UInt64, tokenCount: Int, shingleCount: Int) {
        contentHashes.append(contentHash)
        tokenCounts.append(tokenCount)
        shingleCounts.append(shingleCount)
        figureEnds.append(figures.count)
    }

    private func figureRange(_ row: Int) -> Range<Int> {
        (row == 0 ? 0 : figureEnds[row - 1])..<figureEnds[row]
    }

    /// Calls `body` with the facts of row `row`, valid only inside it.
    func withFacts<Result>(row: Int, _ body: (FingerprintFacts) throws -> Result) rethrows -> Result {
        let length = settings.length
        let range = figureRange(row)
        return try values.withUnsafeBufferPointer { values in
            try figures.withUnsafeBufferPointer { figures in
                try body(
                    FingerprintFacts(
                        values: UnsafeBufferPointer(rebasing: values[row * length..<(row + 1) * length]),
                        signatureIsEmpty: signatureIsEmpty[row], contentHash: contentHashes[row],
                        tokenCount: tokenCounts[row], shingleCount: shingleCounts[row],
                        figures: UnsafeBufferPointer(rebasing: figures[range])))
            }
        }
    }
}
