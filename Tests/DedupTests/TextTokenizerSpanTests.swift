import Foundation
import Testing

@testable import Dedup

/// The tokenizer normalizes only the non-ASCII spans that need it; these tests hold it to the reference path,
/// NFKC of the whole text followed by the scalar state machine.
@Suite("Tokenizer: span-wise normalization")
struct TextTokenizerSpanTests {
    let tokenizer = Tokenizer()

    /// Pieces that exercise the spans: ASCII words and joiners, combining marks that attach to an ASCII letter
    /// before them, ligatures and fullwidth forms that NFKC rewrites into ASCII, curly quotes, CJK and Hangul,
    /// halfwidth katakana with a voiced mark, case-folding letters.
    static let pieces: [String] = [
        "the", "Quick", "BROWN", "fox", "1,200", "3.5", "v1.2", "don't", "players'", "a.b", "x,y", "12:30",
        " ", " ", " ", "\n", "\t", ".", ",", "'", "!", "?", "-", "(", ")", "\"", "...",
        "\u{301}", "\u{308}", "\u{327}", "\u{323}", "\u{302}\u{323}", "\u{20DD}", "\u{36F}",
        "ﬁ", "ﬂ", "ﬃ", "Ｆｕｌｌ", "ＡＢＣ", "１２３", "，", "．", "！",
        "’", "‘", "“", "”", "‛", "ʼ", "—", "–", "…", "«", "»", "„", "\u{A0}", "\u{3000}", "\u{2009}",
        "日本語", "東京", "ひらがな", "カタカナ", "ｶﾞ", "ﾊﾟ", "。", "、",
        "한국어", "\u{1112}\u{1161}\u{11AB}", "\u{1100}", "\u{1161}", "\u{11A8}",
        "É", "État", "ÉTAT", "café", "naïve", "Straße", "STRAẞE", "ΛΟΓΟΣ", "λογος", "МОСКВА", "Zoë",
        "①", "²", "½", "\u{212A}", "\u{212B}", "Å", "\u{FB2A}", "क़", "\u{0915}\u{093C}", "ภาษาไทย", "\u{0E33}",
        "©", "™", "℃", "㎏", "\u{FDFA}", "\u{1D400}", "\u{2460}", "\u{24B6}", "\u{1F600}", "\u{200D}", "\u{AD}",
        "ǅ", "ǆ", "Ǆ", "ŉ", "ΐ", "\u{345}", "\u{3C2}",
    ]

    static func randomText(_ generator: inout SplitMix64) -> String {
        var text = ""
        let count = Int(generator.next() % 40)
        for _ in 0..<count {
            text += pieces[Int(generator.next() % UInt64(pieces.count))]
            // Mostly no separator, so that marks and ligatures meet ASCII letters on both sides.
            if generator.next() % 4 == 0 { text += " " }
        }
        return text
    }

    @Test("random mixed text: span-wise normalization gives the tokens of whole-text NFKC")
    func randomMixedText() {
        var generator = SplitMix64(seed: 2026)
        var result = TokenizedText()
        for _ in 0..<4_000 {
            let text = Self.randomText(&generator)
            tokenizer.tokenize(text, into: &result)
            let reference = tokenizer.tokenizeNormalizingWholeText(text)
            #expect(result == reference, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if result != reference { return }
        }
    }

    @Test("random ASCII text: the byte fast path follows the scalar state machine")
    func randomASCIIText() {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("aZ09 .,'!?\n-:;\"".utf8)
        var result = TokenizedText()
        for _ in 0..<4_000 {
            let length = Int(generator.next() % 60)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let text = String(decoding: bytes, as: UTF8.self)
            tokenizer.tokenize(text, into: &result)
            #expect(result == tokenizer.tokenizeNormalizingWholeText(text), "\(text.debugDescription)")
        }
    }

    @Test("long ASCII spans, with more room than one block of zeros, follow the scalar state machine")
    func longASCIISpans() {
        var generator = SplitMix64(seed: 8)
        let alphabet = Array("aZ09 .,'!?\n-".utf8)
        var result = TokenizedText()
        for length in [4_094, 4_095, 4_096, 8_190, 8_192, 8_194, 12_289, 20_000] {
            // Runs of one byte make long tokens and long separator runs, and every other span a new token.
            let bytes = (0..<length).map { index in
                index % 1_000 < 500
                    ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : alphabet[index / 1_000 % 4]
            }
            let text = String(decoding: bytes, as: UTF8.self)
            tokenizer.tokenize(text, into: &result)
            #expect(result == tokenizer.tokenizeNormalizingWholeText(text), "length \(length)")
        }
    }

    @Test(
        "spans meet at the ASCII characters around them",
        arguments: [
            "cafe\u{301} au lait", "e\u{301}", "\u{301}e", "ﬁnance ﬁ", "1’000", "company’s", "’90s", "a’b’c",
            "1,\u{FF12}", "３.5", "3.５", "x\u{FF0E}y", "ｶﾞｷﾞ", "\u{1112}\u{1161}\u{11AB}a", "É.", "e\u{301}’s",
            "日本's", "1\u{323}\u{302}", "…a", "a…", "ＡＢ'ｃ", "\u{FB01}'s",
        ])
    func boundaries(_ text: String) {
        #expect(tokenizer.tokenize(text) == tokenizer.tokenizeNormalizingWholeText(text))
    }

    @Test("the stable-scalar table agrees with Foundation's NFKC for every scalar it marks stable")
    func stableTable() {
        var stable = 0
        var disagreements: [UInt32] = []
        for value in UInt32(0x80)..<0x30000 where NFKCStability.isStable(value) {
            guard let scalar = Unicode.Scalar(value) else {
                disagreements.append(value)
                continue
            }
            stable += 1
            let text = String(Character(scalar))
            let normalized = text.precomposedStringWithCompatibilityMapping
            if normalized.unicodeScalars.count != 1 || normalized.unicodeScalars.first != scalar
                || scalar.properties.canonicalCombiningClass != .notReordered
            {
                disagreements.append(value)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20).map { String($0, radix: 16) })")
        // Most of the assigned scalars below U+30000 are stable (the CJK ideographs alone are some 90,000).
        #expect(stable > 130_000)
        #expect(!NFKCStability.isStable(0x301) && !NFKCStability.isStable(0xFB01) && !NFKCStability.isStable(0x2026))
        #expect(NFKCStability.isStable(0x201C) && NFKCStability.isStable(0xE9) && NFKCStability.isStable(0x65E5))
    }
}

@Suite("Tokenizer: property shortcuts")
struct TextTokenizerShortcutTests {
    @Test("the CJK letters the tokenizer classifies without a property lookup are caseless other letters")
    func commonCJKLetters() {
        for value in UInt32(0x3000)..<0xA000 where ScalarKind.isCommonCJKLetter(value) {
            let properties = Unicode.Scalar(value)!.properties
            #expect(properties.generalCategory == .otherLetter, "\(String(value, radix: 16))")
            #expect(!properties.isUppercase && !properties.changesWhenCaseFolded, "\(String(value, radix: 16))")
        }
    }
}
