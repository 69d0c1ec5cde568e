/// Which Unicode scalars NFKC leaves unchanged whatever surrounds them, so that the tokenizer can skip Foundation's
/// normalization for spans made only of them.
///
/// A scalar is stable when it is assigned, its NFKC quick check is Yes and its canonical combining class is 0: a
/// string of such scalars is already in NFKC (the quick-check algorithm answers Yes for it). The table covers the
/// scalars below U+30000 (it is generated from the Unicode Character Database by
/// `scripts/generate-nfkc-stable-table.pl`); every other scalar counts as not stable, which only costs speed.
enum NFKCStability {
    /// Whether NFKC leaves `scalar` unchanged in any context.
    @inline(__always)
    static func isStable(_ scalar: UInt32) -> Bool {
        guard scalar < 0x30000 else { return false }
        let block = Int(blockIndex[Int(scalar >> 8)])
        let word = blockBits[block &* 4 &+ Int((scalar >> 6) & 3)]
        return word & (1 << UInt64(scalar & 63)) != 0
    }

    /// The scalar value starting at `index` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(utf8[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F), 3)
        }
        return (
            (lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12 | UInt32(utf8[index + 2] & 0x3F) << 6
                | UInt32(utf8[index + 3] & 0x3F), 4
        )
    }

    /// Calls `body` with each scalar value of `utf8`, which must be valid UTF-8 (as a `String`'s bytes are).
    @inline(__always)
    static func forEachScalar(in utf8: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Void) {
        var index = 0
        let count = utf8.count
        while index < count {
            let lead = UInt32(utf8[index])
            if lead < 0x80 {
                body(lead)
                index += 1
            } else if lead < 0xE0 {
                body((lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F))
                index += 2
            } else if lead < 0xF0 {
                body((lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F))
                index += 3
            } else {
                body(
                    (lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12 | UInt32(utf8[index + 2] & 0x3F) << 6
                        | UInt32(utf8[index + 3] & 0x3F))
                index += 4
            }
        }
    }
}
