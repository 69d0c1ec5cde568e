/// What the matcher knows about one document: its MinHash signature and the few exact facts verification needs.
///
/// A fingerprint holds no text; memory per document is about `4 × length` bytes plus its significant tokens.
public struct Fingerprint: Sendable, Hashable {
    /// The MinHash signature of the document's shingle set.
    public var signature: MinHashSignature
    /// XXH3 of the normalized token sequence: equal hashes mean identical text after normalization.
    public var contentHash: UInt64
    /// The number of tokens.
    public var tokenCount: Int
    /// The number of distinct shingles (the size of the set the signature sketches).
    public var shingleCount: Int
    /// Sorted, distinct hashes of the figures: tokens with a digit, and number words read as digits. A template
    /// story changes them from one issue to the next (see ``TemplateRule``).
    public var figures: [UInt64]

    /// A fingerprint from its parts.
    public init(
        signature: MinHashSignature, contentHash: UInt64, tokenCount: Int, shingleCount: Int, figures: [UInt64]
    ) {
        self.signature = signature
        self.contentHash = contentHash
        self.tokenCount = tokenCount
        self.shingleCount = shingleCount
        self.figures = figures
    }

    /// Whether the document had no tokens.
    public var isEmpty: Bool { tokenCount == 0 }
}
