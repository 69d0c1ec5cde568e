import Testing

@testable import Dedup

/// The ASCII path classifies 64 bytes at a time and walks the tokens of each chunk from bit masks; these tests hold
/// it to the scalar state machine (``Tokenizer/tokenizeNormalizingWholeText(_:)``) where the chunks meet, at the
/// ends of spans and for every ASCII byte value.
@Suite("Tokenizer: 64-byte ASCII chunks")
struct TextTokenizerASCIITests {
    let tokenizer = Tokenizer()

    /// Tokenizes `text` both ways; records a failure (with the text) when they differ.
    @discardableResult
    func agrees(_ text: String, into result: inout TokenizedText) -> Bool {
        tokenizer.tokenize(text, into: &result)
        let reference = tokenizer.tokenizeNormalizingWholeText(text)
        #expect(result == reference, "\(text.debugDescription)")
        return result == reference
    }

    static func randomBytes(_ count: Int, from alphabet: [UInt8], _ generator: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
    }

    @Test("the vector, word and byte-by-byte classifications agree on every ASCII byte at every position")
    func classificationsAgree() {
        var generator = SplitMix64(seed: 64)
        var bytes = [UInt8](repeating: 0, count: 64)
        var lowered = [[UInt8]](repeating: [UInt8](repeating: 0, count: 64), count: 3)
        func check() {
            bytes.withUnsafeBufferPointer { input in
                let reference = ASCIIChunk(scalarClassifying: input.baseAddress!, lowered: &lowered[0])
                let words = ASCIIChunk(wordClassifying: input.baseAddress!, lowered: &lowered[1])
                let chosen = ASCIIChunk(input.baseAddress!, lowered: &lowered[2])
                for chunk in [words, chosen] {
                    #expect(chunk.letters == reference.letters && chunk.digits == reference.digits, "\(bytes)")
                    #expect(chunk.uppercase == reference.uppercase && chunk.apostrophes == reference.apostrophes)
                    #expect(
                        chunk.digitJoiners == reference.digitJoiners && chunk.sentenceEnds == reference.sentenceEnds)
                }
                #expect(lowered[1] == lowered[0] && lowered[2] == lowered[0], "\(bytes)")
            }
        }
        for value in UInt8(0)..<0x80 {
            for position in 0..<64 {
                for index in 0..<64 { bytes[index] = UInt8(truncatingIfNeeded: generator.next()) & 0x7F }
                bytes[position] = value
                check()
            }
        }
        // Every byte of one chunk the same value: each lane of every compare at once.
        for value in UInt8(0)..<0x80 {
            bytes = [UInt8](repeating: value, count: 64)
            check()
        }
    }

    @Test("random ASCII texts of up to 300 bytes, dense with joiners and sentence ends")
    func randomTexts() {
        var generator = SplitMix64(seed: 65)
        let alphabet = Array("aaZe0917 ..,,''!?\n-:;\"\t".utf8)
        var result = TokenizedText()
        for _ in 0..<6_000 {
            let bytes = Self.randomBytes(Int(generator.next() % 300), from: alphabet, &generator)
            if !agrees(String(decoding: bytes, as: UTF8.self), into: &result) { return }
        }
    }

    @Test("every ASCII byte value, in texts of up to 200 bytes")
    func everyByteValue() {
        var generator = SplitMix64(seed: 66)
        let alphabet = (UInt8(0)..<0x80).map { $0 }
        var result = TokenizedText()
        for _ in 0..<3_000 {
            let bytes = Self.randomBytes(Int(generator.next() % 200), from: alphabet, &generator)
            if !agrees(String(decoding: bytes, as: UTF8.self), into: &result) { return }
        }
        // Each byte value on both sides of a chunk border, between letters and between digits.
        for value in UInt8(0)..<0x80 {
            for offset in 60..<68 {
                var letters = [UInt8](repeating: 0x61, count: 140)
                letters[offset] = value
                letters[offset + 64] = value
                var digits = [UInt8](repeating: 0x37, count: 140)
                digits[offset] = value
                digits[offset + 64] = value
                agrees(String(decoding: letters, as: UTF8.self), into: &result)
                agrees(String(decoding: digits, as: UTF8.self), into: &result)
            }
        }
    }

    @Test(
        "tokens, joiners and sentence ends at every position around the chunk borders",
        arguments: [
            "ab'cd", "1,234.5", "x.", "A", "Ab", "9", "'", ".", ",", "a'", "'a", "1.", ".1", "1,", ",1", "a.b", "1'2",
            "a,b", "U.S.", "3.5.", "it's.", "x!Y", "k\nL", "1,2,3", "a''b", "1..2", "1.,2", "Z'",
        ])
    func chunkBorders(_ piece: String) {
        var result = TokenizedText()
        for filler in ["w", " ", "7", ". ", "x y "] {
            for offset in 0..<140 {
                // The piece starts at `offset`, inside a text that runs past two chunk borders.
                var text = String(repeating: filler, count: 200).prefix(offset) + piece
                text += String(repeating: filler, count: 200).prefix(150)
                if !agrees(String(text), into: &result) { return }
                // And the same text ending right after the piece: its last bytes are the span's end.
                if !agrees(String(String(repeating: filler, count: 200).prefix(offset) + piece), into: &result) {
                    return
                }
            }
        }
    }

    @Test("tokens longer than a chunk, and runs of separators longer than a chunk")
    func longRuns() {
        var result = TokenizedText()
        for length in [15, 16, 17, 63, 64, 65, 127, 128, 129, 200] {
            let word = String(repeating: "aB3", count: 70).prefix(length)
            for before in [0, 1, 63, 64, 65] {
                let text = String(repeating: " ", count: before) + word + String(repeating: ".", count: length) + word
                if !agrees(text, into: &result) { return }
                let joined = String(repeating: "1", count: before) + "," + String(repeating: "2", count: length)
                if !agrees(joined + "'s " + word + "'" + word, into: &result) { return }
            }
        }
    }

    @Test("ASCII spans broken by non-ASCII scalars at and around the chunk borders")
    func spansAroundNonASCII() {
        var generator = SplitMix64(seed: 67)
        let alphabet = Array("aZ09 .,'!?\n".utf8)
        let breaks = ["’", "é", "e\u{301}", "ﬁ", "日", "“", "—", "１", "\u{A0}"]
        var result = TokenizedText()
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 4) + 1 {
                let length =
                    Int(generator.next() % 3) == 0 ? 60 + Int(generator.next() % 10) : Int(generator.next() % 140)
                text += String(decoding: Self.randomBytes(length, from: alphabet, &generator), as: UTF8.self)
                text += breaks[Int(generator.next() % UInt64(breaks.count))]
            }
            if !agrees(text, into: &result) { return }
        }
    }

    @Test("appending a block's tokens to others is appending its own tokenization")
    func appendingToTokens() {
        var generator = SplitMix64(seed: 68)
        let alphabet = Array("aZ09 .,'!?\n".utf8)
        for _ in 0..<500 {
            let first = String(
                decoding: Self.randomBytes(Int(generator.next() % 100), from: alphabet, &generator), as: UTF8.self)
            let second = String(
                decoding: Self.randomBytes(Int(generator.next() % 150), from: alphabet, &generator), as: UTF8.self)
            var appended = tokenizer.tokenize(first)
            var bytes = Array(second.utf8)
            bytes.withUnsafeMutableBufferPointer {
                tokenizer.tokenize(appending: UnsafeBufferPointer($0), to: &appended)
            }
            var expected = tokenizer.tokenize(first)
            let own = tokenizer.tokenize(second)
            expected.append(own, tokens: 0..<own.count)
            #expect(appended == expected, "\(first.debugDescription) + \(second.debugDescription)")
        }
    }
}
