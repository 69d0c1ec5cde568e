/// English number words that news text uses for figures ("six ships", "two billion"), read as digits so that
/// "six" and "6" are the same figure.
///
/// Looked up for almost every token, so the lookup is one multiply and one table read, without a data-dependent
/// branch: the token's first eight bytes, packed into an integer, pick a slot of a perfect hash table (no two number
/// words share a slot), and the token is the slot's word when its packed bytes and length are the slot's.
enum NumberWords {
    /// Each number word (normalized: lowercase) and its digits.
    static let words: [(word: String, digits: String)] = [
        ("zero", "0"), ("one", "1"), ("two", "2"), ("three", "3"), ("four", "4"), ("five", "5"), ("six", "6"),
        ("seven", "7"), ("eight", "8"), ("nine", "9"), ("ten", "10"), ("eleven", "11"), ("twelve", "12"),
        ("thirteen", "13"), ("fourteen", "14"), ("fifteen", "15"), ("sixteen", "16"), ("seventeen", "17"),
        ("eighteen", "18"), ("nineteen", "19"), ("twenty", "20"), ("thirty", "30"), ("forty", "40"),
        ("fifty", "50"), ("sixty", "60"), ("seventy", "70"), ("eighty", "80"), ("ninety", "90"),
        ("hundred", "100"),
    ]

    /// The perfect hash table of ``words``, built once.
    static let table = NumberWordTable(words: words)
}

/// A perfect hash table from a number word's bytes to the figure hash of its digits.
struct NumberWordTable: Sendable {
    /// One slot: the word's first eight bytes (first byte lowest, zero-padded), its length (0: empty slot), and the
    /// figure hash of its digits.
    struct Slot: Sendable {
        var packed: UInt64 = 0
        var length = 0
        var figure: UInt64 = 0
    }

    /// The slot of packed bytes `p` is `(p &* multiplier) >> (64 - slotBits)`: a multiplier found by search for which
    /// the 29 number words fall in 29 distinct slots (the initializer checks it).
    static let multiplier: UInt64 = 0xE259_0D7D_8457_1A03
    static let slotBits: UInt64 = 6

    /// The words' bytes beyond the eighth must match too: only "seventeen" has any.
    private let tails: [Int: [UInt8]]
    let slots: [Slot]

    init(words: [(word: String, digits: String)]) {
        var slots = Array(repeating: Slot(), count: 1 << Self.slotBits)
        var tails: [Int: [UInt8]] = [:]
        for (word, digits) in words {
            let bytes = Array(word.utf8)
            let slot = Self.slot(of: Self.pack(bytes))
            precondition(slots[slot].length == 0, "two number words share a slot: change the multiplier")
            slots[slot] = Slot(
                packed: Self.pack(bytes), length: bytes.count, figure: XXH3.hash(Array(digits.utf8), seed: 0))
            if bytes.count > 8 { tails[slot] = Array(bytes[8...]) }
        }
        self.slots = slots
        self.tails = tails
    }

    /// The first eight bytes of `bytes`, first byte lowest, zero-padded.
    static func pack(_ bytes: some Collection<UInt8>) -> UInt64 {
        var packed: UInt64 = 0
        for (index, byte) in bytes.prefix(8).enumerated() { packed |= UInt64(byte) << UInt64(index * 8) }
        return packed
    }

    @inline(__always)
    static func slot(of packed: UInt64) -> Int {
        Int(truncatingIfNeeded: (packed &* multiplier) >> (64 &- slotBits))
    }

    /// The figure hash of the number word at `start..<end` of `bytes`, or nil when it is not one.
    func figure(in bytes: UnsafeRawBufferPointer, start: Int, end: Int) -> UInt64? {
        slots.withUnsafeBufferPointer { slots in figure(in: bytes, start: start, end: end, slots: slots) }
    }

    /// As ``figure(in:start:end:)``, with the slots borrowed by a caller that looks up many tokens.
    @inline(__always)
    func figure(
        in bytes: UnsafeRawBufferPointer, start: Int, end: Int, slots: UnsafeBufferPointer<Slot>
    ) -> UInt64? {
        let length = end &- start
        var packed: UInt64
        if start &+ 8 <= bytes.count {
            // No branch on the length, which varies from token to token: the bytes past the token are shifted out
            // (its first `length` bytes kept, at most eight), and a token that is no number word of its length
            // fails the comparison below, whatever its length.
            let dropped = UInt64(8 &- Swift.min(length, 8)) &* 8
            let raw = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            packed = (raw &<< dropped) &>> dropped
        } else {
            guard UInt(bitPattern: length &- 3) <= 6 else { return nil }
            packed = 0
            for index in 0..<Swift.min(length, 8) {
                packed |= UInt64(bytes[start &+ index]) &<< UInt64(index &* 8)
            }
        }
        let slotIndex = Self.slot(of: packed)
        let slot = slots[slotIndex]
        // An empty slot has length 0, which no token has.
        guard slot.packed == packed, slot.length == length, length > 0 else { return nil }
        if length > 8 {
            guard let tail = tails[slotIndex], tail.elementsEqual(bytes[(start &+ 8)..<end]) else { return nil }
        }
        return slot.figure
    }
}
