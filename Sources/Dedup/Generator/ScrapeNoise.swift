/// Damage a page picks up on its way into a corpus: OCR-like character errors ("m" read as "rn", "l" as "I") and
/// mojibake (UTF-8 read as Windows-1252: "’" becomes "â€™").
///
/// A noisy page gets one error per 200 tokens of story (at least one), never in the lead and never in chrome,
/// never touching a digit (a changed figure would make a copy look like a template story) or a line break.
enum ScrapeNoise {
    /// Damages `text`, the story lines after the lead; returns whether anything changed.
    static func apply(to text: inout [UInt8], tokens: Int, random: inout SplitMix64) -> Bool {
        guard !text.isEmpty else { return false }
        var changed = false
        for _ in 0..<errors(tokens: tokens) {
            for _ in 0..<8 {
                let done =
                    random.chance(0.3)
                    ? mojibake(&text, at: random.below(text.count))
                    : ocrError(&text, at: random.below(text.count), random: &random)
                if done {
                    changed = true
                    break
                }
            }
        }
        return changed
    }

    /// The number of errors a noisy story of `tokens` tokens gets.
    static func errors(tokens: Int) -> Int {
        max(1, tokens / 200)
    }

    /// Letters OCR confuses, lowercase letter → what it is read as.
    private static let misreadings: [[UInt8]] = {
        let table: [Character: String] = [
            "a": "o", "b": "h", "c": "e", "d": "cl", "e": "c", "f": "t", "g": "q", "h": "b", "i": "l", "j": "i",
            "k": "lc", "l": "I", "m": "rn", "n": "ri", "o": "a", "p": "q", "q": "g", "r": "n", "s": "z", "t": "f",
            "u": "v", "v": "u", "w": "vv", "x": "k", "y": "v", "z": "s",
        ]
        return (0..<26).map { offset in
            Array(table[Character(Unicode.Scalar(UInt8(0x61 + offset)))]!.utf8)
        }
    }()

    /// Misreads one lowercase letter inside a word of at least three letters, at or after `position`.
    private static func ocrError(_ text: inout [UInt8], at position: Int, random: inout SplitMix64) -> Bool {
        var index = position
        while index < text.count && !(0x61...0x7A).contains(text[index]) { index += 1 }
        guard index < text.count else { return false }
        // The word around it, letters only.
        var start = index
        while start > 0 && isLetter(text[start - 1]) { start -= 1 }
        var end = index
        while end < text.count && isLetter(text[end]) { end += 1 }
        guard end - start >= 3 else { return false }
        text.replaceSubrange(index...index, with: misreadings[Int(text[index] - 0x61)])
        return true
    }

    /// Re-reads the first multi-byte character at or after `position` as Windows-1252.
    private static func mojibake(_ text: inout [UInt8], at position: Int) -> Bool {
        var index = position
        while index < text.count && text[index] < 0xC2 { index += 1 }
        guard index < text.count else { return false }
        let length = text[index] >= 0xF0 ? 4 : text[index] >= 0xE0 ? 3 : 2
        guard index + length <= text.count else { return false }
        var replacement: [UInt8] = []
        for byte in text[index..<(index + length)] {
            let scalar = Unicode.Scalar(windows1252(byte)) ?? "\u{FFFD}"
            UTF8.encode(scalar) { replacement.append($0) }
        }
        text.replaceSubrange(index..<(index + length), with: replacement)
        return true
    }

    /// The code point Windows-1252 gives a byte (undefined bytes become U+FFFD).
    private static func windows1252(_ byte: UInt8) -> UInt32 {
        let high: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        return (0x80...0x9F).contains(byte) ? high[Int(byte - 0x80)] : UInt32(byte)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
