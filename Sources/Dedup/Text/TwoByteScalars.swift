/// What the tokenizer needs to know of each scalar written with two UTF-8 bytes (U+0080 to U+07FF: Latin-1, the
/// Latin extensions, the combining diacritics, Greek, Cyrillic, Armenian, Hebrew, Arabic), looked up once per
/// process instead of once per scalar.
///
/// Accented European text has one of these every few letters, and each cost the standard library's property
/// lookups: the general category, whether it is uppercase, whether case folding changes it, and for a capital its
/// folded form through strings. A table entry holds the answers the scalar state machine would compute (a test
/// compares every entry with them).
struct TwoByteScalars: Sendable {
    /// One scalar's answers.
    struct Entry: Sendable, Equatable {
        var kind: ScalarKind
        var isUppercase: Bool
        /// The UTF-8 bytes the scalar is written as in a token (its case folding), first byte lowest, and how many
        /// (1 to 4); 0 when the folding is longer than four bytes (or empty) and is computed each time.
        var foldedCount: UInt8
        var folded: UInt32
    }

    static let range: Range<UInt32> = 0x80..<0x800

    /// The table, made on first use (about 1,900 scalars).
    static let shared = TwoByteScalars()

    private let entries: [Entry]

    private init() {
        entries = Self.range.map { Self.entry(of: $0) }
    }

    /// The entry of `value`.
    /// - Precondition: `value` is in ``range``.
    @inline(__always)
    func entry(_ value: UInt32) -> Entry {
        entries.withUnsafeBufferPointer { $0[Int(value &- Self.range.lowerBound)] }
    }

    /// The answers of the scalar state machine's own lookups, from which the table is made.
    static func entry(of value: UInt32) -> Entry {
        let folded = TokenizerState.caseFolded(value)
        var packed: UInt32 = 0
        for (index, byte) in folded.prefix(4).enumerated() { packed |= UInt32(byte) << UInt32(index * 8) }
        return Entry(
            kind: ScalarKind(lookingUp: value), isUppercase: ScalarKind.isUppercase(lookingUp: value),
            foldedCount: folded.count <= 4 ? UInt8(folded.count) : 0, folded: packed)
    }
}
