/// The text of one story version, with the structure copy operations need: its paragraphs split into units
/// (sentences, or whole quote paragraphs) and the spots an editor may change (typos to fix, numbers to reformat).
///
/// `bytes` is the story exactly as it appears on the page: paragraphs separated by "\n", the units of a paragraph
/// by one space.
struct StoryText: Sendable {
    /// One sentence, or one quote paragraph, that an edit may drop or a truncation may cut after.
    struct Unit: Sendable {
        var start: Int32
        var end: Int32
        var paragraph: Int32
        var tokens: Int32
    }

    /// A place an editor may change: `bytes[start..<end]` may become `alternates[alternateStart..<alternateEnd]`.
    struct Spot: Sendable {
        enum Kind: UInt8, Sendable {
            /// A misspelled word and its correct spelling.
            case typo
            /// "1,200" and "1200": the same tokens after normalization.
            case groupedNumber
            /// "14 percent" and "14%": different tokens, the same figure.
            case percent
        }
        var start: Int32
        var end: Int32
        var alternateStart: Int32
        var alternateEnd: Int32
        var kind: Kind
    }

    var bytes: [UInt8] = []
    var units: [Unit] = []
    var spots: [Spot] = []
    var alternates: [UInt8] = []
    var paragraphs = 0
    var tokenCount = 0

    private var unitStart = 0
    private var unitTokens = 0
    private var unitsInParagraph = 0

    init() {
        bytes.reserveCapacity(8192)
    }

    /// The first paragraph (the lead).
    var lead: ArraySlice<UInt8> {
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        return bytes[..<end]
    }

    /// Starts a new paragraph.
    mutating func beginParagraph() {
        if !bytes.isEmpty { bytes.append(0x0A) }
        paragraphs += 1
        unitsInParagraph = 0
    }

    /// Starts a new unit in the current paragraph.
    mutating func beginUnit() {
        if unitsInParagraph > 0 { bytes.append(0x20) }
        unitStart = bytes.count
        unitTokens = 0
    }

    /// Ends the current unit.
    mutating func endUnit() {
        let tokens = StoryText.countTokens(bytes[unitStart...])
        units.append(
            Unit(
                start: Int32(unitStart), end: Int32(bytes.count), paragraph: Int32(paragraphs - 1),
                tokens: Int32(tokens)))
        tokenCount += tokens
        unitsInParagraph += 1
    }

    /// Records that `bytes[start..<bytes.count]` may be replaced by `alternate`.
    mutating func addSpot(from start: Int, alternate: some Collection<UInt8>, kind: Spot.Kind) {
        let alternateStart = alternates.count
        alternates.append(contentsOf: alternate)
        spots.append(
            Spot(
                start: Int32(start), end: Int32(bytes.count), alternateStart: Int32(alternateStart),
                alternateEnd: Int32(alternates.count), kind: kind))
    }

    /// The number of tokens ``Tokenizer`` finds in `text`: runs of letters and digits, where a comma or point
    /// between digits and an apostrophe (straight or curly) between letters join. Counted on bytes, reading a
    /// multi-byte character as a letter unless it is punctuation this generator writes (curly quotes, dashes, ©).
    static func countTokens(_ text: ArraySlice<UInt8>) -> Int {
        text.withUnsafeBufferPointer { countTokens($0) }
    }

    static func countTokens(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var tokens = 0
        var inToken: UInt8 = 0
        var lastWasDigit: UInt8 = 0
        var index = 0
        var scalarUntil = 0
        let end = text.count
        byteClasses.withUnsafeBufferPointer { classes in
            while index < end {
                // Eight bytes at a time while they are plain ASCII letters, digits and separators (SWAR); after a
                // block that is not, its eight bytes go one by one.
                if index >= scalarUntil && index + 8 <= end, let base = text.baseAddress {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if let (starts, last, lastIsDigit) = StoryText.plainWordStarts(word, afterWord: inToken == 1) {
                        tokens += starts
                        inToken = last ? 1 : 0
                        lastWasDigit = lastIsDigit ? 1 : 0
                        index += 8
                        continue
                    }
                    scalarUntil = index + 8
                }
                let byteClass = classes[Int(text[index])]
                if byteClass & ByteClass.special == 0 {
                    // Letters, digits and plain separators, without a branch per byte.
                    let isWord = byteClass & ByteClass.word
                    tokens &+= Int(isWord & ~inToken & 1)
                    inToken = isWord
                    lastWasDigit = (byteClass & ByteClass.digit) >> 1
                    index += 1
                    continue
                }
                var kind = byteClass
                var length = 1
                if byteClass & ByteClass.multiByte != 0 { (kind, length) = multiByteClass(text, at: index) }
                if kind & ByteClass.word != 0 {
                    tokens &+= Int(~inToken & 1)
                    inToken = 1
                    lastWasDigit = 0
                } else if kind & (ByteClass.numberJoiner | ByteClass.apostrophe) != 0 {
                    var next: UInt8 = 0
                    if index + length < end {
                        next = classes[Int(text[index + length])]
                        if next & ByteClass.multiByte != 0 { next = multiByteClass(text, at: index + length).kind }
                    }
                    let joins =
                        kind & ByteClass.numberJoiner != 0
                        ? (lastWasDigit == 1 && next & ByteClass.digit != 0)
                        : (lastWasDigit == 0 && next & ByteClass.word != 0 && next & ByteClass.digit == 0)
                    if !(inToken == 1 && joins) { inToken = 0 }
                } else {
                    inToken = 0
                }
                index += length
            }
        }
        return tokens
    }

    /// For eight bytes of ASCII without commas, points or apostrophes: the number of tokens starting in them, and
    /// whether the last byte is a letter or digit, and a digit. Nil when a byte needs the byte-by-byte rules.
    @inline(__always)
    private static func plainWordStarts(_ word: UInt64, afterWord: Bool) -> (Int, Bool, Bool)? {
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        func hasByte(_ value: UInt64) -> Bool {
            let x = word ^ (ones &* value)
            return (x &- ones) & ~x & high != 0
        }
        if word & high != 0 || hasByte(0x2C) || hasByte(0x2E) || hasByte(0x27) { return nil }
        // Every byte is below 0x80, so these sums never carry into the next byte.
        let folded = word | 0x2020_2020_2020_2020
        let letter = (folded &+ ones &* 0x1F) & ~(folded &+ ones &* 0x05) & high
        let digit = (word &+ ones &* 0x50) & ~(word &+ ones &* 0x46) & high
        let wordBytes = letter | digit
        let previous = (wordBytes << 8) | (afterWord ? 0x80 : 0)
        let starts = (wordBytes & ~previous).nonzeroBitCount
        return (starts, wordBytes >> 63 != 0, digit >> 63 != 0)
    }

    /// Bits of a byte's class for ``countTokens(_:)``.
    private enum ByteClass {
        static let word: UInt8 = 1
        static let digit: UInt8 = 2
        static let numberJoiner: UInt8 = 4
        static let apostrophe: UInt8 = 8
        static let multiByte: UInt8 = 16
        static let special: UInt8 = numberJoiner | apostrophe | multiByte
    }

    private static let byteClasses: [UInt8] = (0..<256).map { value in
        switch UInt8(value) {
        case 0x30...0x39: ByteClass.word | ByteClass.digit
        case 0x41...0x5A, 0x61...0x7A: ByteClass.word
        case 0x2C, 0x2E: ByteClass.numberJoiner
        case 0x27: ByteClass.apostrophe
        case 0xC2...0xF7: ByteClass.multiByte
        default: 0
        }
    }

    /// The class and length of the multi-byte character at `index`.
    private static func multiByteClass(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (kind: UInt8, length: Int)
    {
        switch text[index] {
        case 0xC2: return (0, 2)  // ©, no-break space
        case 0xC3...0xDF: return (ByteClass.word, 2)
        case 0xE2:
            // General punctuation: ’ and ‘ are apostrophes; quotes, dashes and the ellipsis separate.
            let second = index + 1 < text.count ? text[index + 1] : 0
            let third = index + 2 < text.count ? text[index + 2] : 0
            return (second == 0x80 && (third == 0x99 || third == 0x98) ? ByteClass.apostrophe : 0, 3)
        case 0xE0...0xEF: return (ByteClass.word, 3)
        default: return (ByteClass.word, 4)
        }
    }
}
