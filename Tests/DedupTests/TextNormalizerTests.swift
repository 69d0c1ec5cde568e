import Dedup
import Testing

@Suite("TextNormalizer")
struct TextNormalizerTests {
    let normalizer = TextNormalizer()

    @Test("curly quotes become straight quotes")
    func quotes() {
        #expect(normalizer.normalize("‘single’ “double”") == "'single' \"double\"")
        #expect(normalizer.normalize("„low“ ‚low‘ «guillemets»") == "\"low\" 'low' \"guillemets\"")
        #expect(normalizer.normalize("company’s") == "company's")
        #expect(normalizer.normalize("‛reversed‟") == "'reversed\"")
        #expect(normalizer.normalize("ʼokina") == "'okina")
    }

    @Test("dashes and minus signs become a hyphen-minus")
    func dashes() {
        #expect(normalizer.normalize("a–b—c") == "a-b-c")
        #expect(normalizer.normalize("‐‑‒–—―") == "------")
        #expect(normalizer.normalize("−5") == "-5")
        // Small and fullwidth hyphen-minus are folded to the ASCII one by NFKC or by the dash rule.
        #expect(normalizer.normalize("a﹣b－c") == "a-b-c")
    }

    @Test("the ellipsis becomes three points")
    func ellipsis() {
        #expect(normalizer.normalize("wait…") == "wait...")
        #expect(normalizer.normalize("wait…") == normalizer.normalize("wait..."))
    }

    @Test("whitespace runs collapse to one space and the ends are trimmed")
    func whitespace() {
        #expect(normalizer.normalize("  a \t\n b  ") == "a b")
        #expect(normalizer.normalize("a\u{A0}\u{A0}b\u{3000}c\u{2003}d") == "a b c d")
        #expect(normalizer.normalize("line one\r\n\r\nline two") == "line one line two")
        #expect(normalizer.normalize(" \n\t ") == "")
        #expect(normalizer.normalize("") == "")
    }

    @Test("case is folded and NFKC applied")
    func caseAndCompatibility() {
        #expect(normalizer.normalize("Hello WORLD") == "hello world")
        #expect(normalizer.normalize("Ｆｕｌｌ ﬁne") == "full fine")
        #expect(normalizer.normalize("CAFÉ") == "café")
        #expect(normalizer.normalize("cafe\u{301}") == "café")
    }

    @Test("case folding maps ß to ss, as the tokenizer does")
    func sharpS() {
        #expect(normalizer.normalize("Straße") == "strasse")
        #expect(normalizer.normalize("Straße") == normalizer.normalize("STRASSE"))
    }

    @Test("punctuation other than quotes and dashes is kept")
    func otherPunctuation() {
        #expect(normalizer.normalize("Hello, world! (Yes?)") == "hello, world! (yes?)")
        #expect(normalizer.normalize("1,200.50") == "1,200.50")
    }

    @Test("normalizing is idempotent")
    func idempotent() {
        let samples = [
            "“It’s over,” he said—quietly…", "  Straße\u{A0}ＦＵＬＬ  ", "中国人民银行。", "ที่นี่", "CAFÉ — «ok»",
        ]
        for sample in samples {
            let once = normalizer.normalize(sample)
            #expect(normalizer.normalize(once) == once, "not idempotent for \(sample.debugDescription)")
        }
    }

    @Test("the normalized text tokenizes like the original")
    func agreesWithTokenizer() {
        let samples = [
            "“It’s over,” he said—quietly…", "The company’s 1,200 workers", "Ｆｕｌｌ ﬁnance CAFÉ",
            "中国人民银行", "state-of-the-art", "Straße",
        ]
        let tokenizer = Tokenizer()
        for sample in samples {
            #expect(
                tokenizer.tokenize(normalizer.normalize(sample)).tokens == tokenizer.tokenize(sample).tokens,
                "\(sample.debugDescription)")
        }
    }
}
