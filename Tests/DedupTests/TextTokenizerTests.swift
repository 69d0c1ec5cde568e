import Dedup
import Testing

private func tokens(_ text: String) -> [String] {
    Tokenizer().tokenize(text).tokens
}

private func flags(_ text: String) -> [TokenFlags] {
    Tokenizer().tokenize(text).tokenFlags
}

@Suite("Tokenizer: words and normalization")
struct TextTokenizerTests {
    @Test("ASCII words are lowercased and split at punctuation and whitespace")
    func asciiWords() {
        #expect(tokens("The Quick BROWN fox") == ["the", "quick", "brown", "fox"])
        #expect(tokens("  Hello,\tWorld!\n(again)  ") == ["hello", "world", "again"])
        #expect(tokens("a;b:c/d\\e|f") == ["a", "b", "c", "d", "e", "f"])
        #expect(tokens("") == [])
        #expect(tokens("  ... --- !!! ") == [])
    }

    @Test("the buffer holds the tokens joined by single spaces")
    func bufferLayout() {
        let text = Tokenizer().tokenize("  Alpha,  beta\n\ngamma. ")
        #expect(text.normalizedText == "alpha beta gamma")
        #expect(text.bytes == Array("alpha beta gamma".utf8))
        #expect(text.tokenStarts == [0, 6, 11])
        #expect(text.count == 3)
        #expect(!text.isEmpty)
        #expect(text.byteRange(ofToken: 0) == 0..<5)
        #expect(text.byteRange(ofToken: 2) == 11..<16)
        #expect(Tokenizer().tokenize(" ,.; ").isEmpty)
    }

    @Test("tokenizing into reused storage forgets the previous text")
    func reuse() {
        let tokenizer = Tokenizer()
        var text = TokenizedText()
        tokenizer.tokenize("A long first text with many words in it", into: &text)
        tokenizer.tokenize("Café au lait", into: &text)
        #expect(text == tokenizer.tokenize("Café au lait"))
        #expect(text.tokens == ["café", "au", "lait"])
        tokenizer.tokenize("", into: &text)
        #expect(text.isEmpty)
        #expect(text.bytes.isEmpty)
    }

    @Test("accents are kept and accented capitals fold")
    func accents() {
        #expect(tokens("CAFÉ") == ["café"])
        #expect(tokens("CAFÉ") == tokens("café"))
        #expect(tokens("résumé") != tokens("resume"))
        #expect(tokens("naïve Zoë") == ["naïve", "zoë"])
        // A decomposed é (e + U+0301) is composed by NFKC, so both spellings give the same bytes.
        #expect(tokens("cafe\u{301}") == tokens("caf\u{E9}"))
        #expect(Array(tokens("cafe\u{301}")[0].utf8) == [0x63, 0x61, 0x66, 0xC3, 0xA9])
    }

    @Test("NFKC: fullwidth forms, ligatures and compatibility characters")
    func compatibilityForms() {
        #expect(tokens("Ｆｕｌｌ") == ["full"])
        #expect(tokens("ＦＵＬＬ ｗｉｄｔｈ") == tokens("full width"))
        #expect(tokens("ﬁnance") == ["finance"])
        #expect(tokens("ﬂow ﬃce") == ["flow", "ffice"])
        #expect(tokens("１２３") == ["123"])
        // No-break and ideographic spaces separate like ordinary spaces.
        #expect(tokens("a\u{A0}b\u{3000}c") == ["a", "b", "c"])
    }

    @Test("case folding goes beyond lowercasing")
    func caseFolding() {
        #expect(tokens("Straße") == ["strasse"])
        #expect(tokens("Straße") == tokens("STRASSE"))
        #expect(tokens("straße") == tokens("strasse"))
        // Final and medial sigma fold to the same letter.
        #expect(tokens("ΛΟΓΟΣ") == tokens("λογος"))
        #expect(tokens("λογος") == ["λογοσ"])
        #expect(tokens("ÉTAT État état") == ["état", "état", "état"])
        #expect(tokens("МОСКВА") == ["москва"])
    }

    @Test("capital sharp s (U+1E9E) folds to ss like ß does")
    func capitalSharpS() {
        // Unicode full case folding (CaseFolding.txt): 1E9E; F; 0073 0073 and 00DF; F; 0073 0073. German all-caps
        // text writes "STRAẞE"; it must match "Straße" and "STRASSE", as TextNormalizer already makes it.
        #expect(tokens("STRAẞE") == ["strasse"])
        #expect(tokens("STRAẞE") == tokens("Straße"))
        #expect(tokens("ẞ") == tokens("ß"))
    }

    @Test("a straight or curly apostrophe inside a word joins it")
    func apostrophes() {
        #expect(tokens("company’s") == ["companys"])
        #expect(tokens("company's") == ["companys"])
        #expect(tokens("company’s") == tokens("company's"))
        #expect(tokens("company’s") == tokens("companys"))
        #expect(tokens("don't DON’T") == ["dont", "dont"])
        // Modifier letter apostrophe (U+02BC) joins as well.
        #expect(tokens("company\u{2BC}s") == ["companys"])
        // An apostrophe that is not between letters only separates.
        #expect(tokens("players' union") == ["players", "union"])
        #expect(tokens("'quoted' words") == ["quoted", "words"])
        #expect(tokens("rock ’n’ roll") == ["rock", "n", "roll"])
        #expect(tokens("the ’90s") == ["the", "90s"])
    }

    @Test("curly quotes, guillemets and dashes are separators")
    func quotesAndDashes() {
        #expect(tokens("“Hello” ‘world’") == ["hello", "world"])
        #expect(tokens("«Bonjour» „Guten Tag“") == ["bonjour", "guten", "tag"])
        #expect(tokens("well—known") == ["well", "known"])
        #expect(tokens("2019–2020") == ["2019", "2020"])
        #expect(tokens("a―b‒c−d") == ["a", "b", "c", "d"])
        #expect(tokens("“It’s over,” he said—quietly…") == ["its", "over", "he", "said", "quietly"])
        #expect(tokens("“It’s over,” he said—quietly…") == tokens("\"It's over,\" he said - quietly..."))
    }

    @Test("hyphenated words are split")
    func hyphens() {
        #expect(tokens("state-of-the-art") == ["state", "of", "the", "art"])
        #expect(tokens("COVID-19") == ["covid", "19"])
        #expect(tokens("e-mail") == tokens("e mail"))
    }

    @Test(
        "numbers are kept whole",
        arguments: [
            ("1,200", ["1200"]),
            ("1200", ["1200"]),
            ("1,200.50", ["1200.50"]),
            ("3.5", ["3.5"]),
            ("3.5%", ["3.5"]),
            ("$12.99", ["12.99"]),
            ("v1.2.3", ["v1.2.3"]),
            ("6-3/16", ["6", "3", "16"]),
            ("1, 2, 3", ["1", "2", "3"]),
            ("ended 2020. Then", ["ended", "2020", "then"]),
            ("3rd 21st", ["3rd", "21st"]),
            ("a,b a.b", ["a", "b", "a", "b"]),
            ("12:30", ["12", "30"]),
        ])
    func numbers(_ text: String, _ expected: [String]) {
        #expect(tokens(text) == expected)
    }

    @Test("thousands separators do not change the token")
    func thousandsSeparators() {
        #expect(tokens("1,200") == tokens("1200"))
        #expect(tokens("2,000,000 people") == tokens("2000000 people"))
        #expect(tokens("3.5") != tokens("35"))
    }

    @Test("the ASCII fast path and the Unicode path agree on ASCII text")
    func asciiPathAgreesWithUnicodePath() {
        // Appending a non-ASCII word sends the whole text through NFKC and the scalar path; NFKC leaves ASCII
        // unchanged, so the ASCII part must give the same tokens and flags either way.
        let alphabet = Array("aZ09 .,'!?-\n\t;:\"()$%/".unicodeScalars)
        var generator = SplitMix64(seed: 12)
        for _ in 0..<300 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<40, using: &generator) {
                text.append(alphabet.randomElement(using: &generator)!)
            }
            let ascii = Tokenizer().tokenize(String(text))
            let unicode = Tokenizer().tokenize(String(text) + "\nÉté")
            #expect(Array(unicode.tokens.dropLast()) == ascii.tokens, "\(String(text).debugDescription)")
            #expect(Array(unicode.tokenFlags.dropLast()) == ascii.tokenFlags, "\(String(text).debugDescription)")
            #expect(unicode.tokens.last == "été")
        }
    }

    @Test("combining marks stay in their word")
    func combiningMarks() {
        #expect(tokens("हिन्दी भाषा") == ["हिन्दी", "भाषा"])
        // q with a combining dot above has no precomposed form: the mark stays attached.
        #expect(tokens("q\u{307}x") == ["q\u{307}x"])
        // A mark with no base character before it is dropped.
        #expect(tokens(" \u{301}abc") == ["abc"])
    }

    @Test("spaced scripts that are not CJK keep their words")
    func spacedScripts() {
        #expect(tokens("한국 은행") == ["한국", "은행"])
        #expect(tokens("مرحبا بالعالم") == ["مرحبا", "بالعالم"])
        #expect(flags("한국 은행").allSatisfy { !$0.contains(.character) })
    }
}

@Suite("Tokenizer: scripts without spaces")
struct TextTokenizerScriptTests {
    @Test("Chinese gives one token per character")
    func chinese() {
        let text = Tokenizer().tokenize("中国人民银行")
        #expect(text.tokens == ["中", "国", "人", "民", "银", "行"])
        #expect(text.count == 6)
        #expect(text.tokenFlags.allSatisfy { $0.contains(.character) })
        #expect(text.normalizedText == "中 国 人 民 银 行")
    }

    @Test("Japanese kana and kanji give one token per character")
    func japanese() {
        #expect(tokens("ひらがな") == ["ひ", "ら", "が", "な"])
        #expect(tokens("東京タワー") == ["東", "京", "タ", "ワ", "ー"])
        #expect(
            flags("カタカナ") == Array(repeating: [.character, .sentenceInitial], count: 1)
                + Array(repeating: [.character], count: 3))
        // Halfwidth katakana with a voiced sound mark is one character after NFKC.
        #expect(tokens("ｶﾞｽ") == ["ガ", "ス"])
        #expect(tokens("ｶﾞｽ") == tokens("ガス"))
        // Decomposed か + combining voiced mark composes to が.
        #expect(tokens("か\u{3099}") == ["が"])
    }

    @Test("Thai combining vowels and tone marks stay attached to their base character")
    func thai() {
        // ที่นี่: ท + ี (U+0E35) + ่ (U+0E48), น + ี + ่.
        let here = Tokenizer().tokenize("ที่นี่")
        #expect(here.tokens == ["ที่", "นี่"])
        #expect(here.tokens.map { $0.unicodeScalars.count } == [3, 3])
        #expect(here.tokenFlags.allSatisfy { $0.contains(.character) })
        // สวัสดี: ส, ว + ั, ส, ด + ี.
        #expect(tokens("สวัสดี") == ["ส", "วั", "ส", "ดี"])
        // A Thai space still separates; the mark never starts a token or joins the next one.
        #expect(tokens("ดี ดี") == ["ดี", "ดี"])
    }

    @Test("mixed CJK and Latin text")
    func mixedScripts() {
        let text = Tokenizer().tokenize("Apple在中国发布iPhone 2024年")
        #expect(text.tokens == ["apple", "在", "中", "国", "发", "布", "iphone", "2024", "年"])
        let characterFlags = text.tokenFlags.map { $0.contains(.character) }
        #expect(characterFlags == [false, true, true, true, true, true, false, false, true])
        #expect(text.tokenFlags[7].contains(.numeric))
        // Fullwidth digits are ordinary digits after NFKC.
        #expect(tokens("２０２４年") == ["2024", "年"])
    }

    @Test("Han characters outside the main blocks are characters too")
    func hanSymbols() {
        // U+3007 IDEOGRAPHIC NUMBER ZERO and U+3005 IDEOGRAPHIC ITERATION MARK have Script=Han: Chinese years are
        // written 二〇〇八年 and Japanese 人々, so each must be a token of its own like the characters around it.
        let year = Tokenizer().tokenize("二〇〇八年")
        #expect(year.tokens == ["二", "〇", "〇", "八", "年"])
        #expect(year.tokenFlags.allSatisfy { $0.contains(.character) })
        let people = Tokenizer().tokenize("人々")
        #expect(people.tokens == ["人", "々"])
        #expect(people.tokenFlags.allSatisfy { $0.contains(.character) })
    }

    @Test("an ideographic full stop ends a sentence")
    func ideographicFullStop() {
        let text = Tokenizer().tokenize("中文。你好")
        #expect(text.tokens == ["中", "文", "你", "好"])
        #expect(text.tokenFlags.map { $0.contains(.sentenceInitial) } == [true, false, true, false])
    }
}

@Suite("Tokenizer: flags")
struct TextTokenizerFlagTests {
    @Test(".numeric marks tokens with a digit")
    func numeric() {
        let text = Tokenizer().tokenize("Profit rose 12% to $1,200.50 in Q3 on six deals")
        #expect(text.tokens == ["profit", "rose", "12", "to", "1200.50", "in", "q3", "on", "six", "deals"])
        let numeric = text.tokenFlags.map { $0.contains(.numeric) }
        #expect(numeric == [false, false, true, false, true, false, true, false, false, false])
        // Digits of other scripts are digits too.
        #expect(flags("١٢٣ ४२")[0].contains(.numeric))
        #expect(flags("١٢٣ ४२")[1].contains(.numeric))
    }

    @Test(".capitalized marks tokens that began with an uppercase letter")
    func capitalized() {
        let text = Tokenizer().tokenize("the Bank of england said IMF iPhone État Ｆｕｌｌ ﬁne")
        let capitalized = text.tokenFlags.map { $0.contains(.capitalized) }
        #expect(text.tokens == ["the", "bank", "of", "england", "said", "imf", "iphone", "état", "full", "fine"])
        #expect(capitalized == [false, true, false, false, false, true, false, true, true, false])
        #expect(!flags("1st")[0].contains(.capitalized))
    }

    @Test(".sentenceInitial marks the first token of the text, of each sentence and of each line")
    func sentenceInitial() {
        let text = Tokenizer().tokenize("Rates rose. Markets fell! why? Nobody knows\nnext line, and 3.5 more")
        #expect(
            text.tokens == [
                "rates", "rose", "markets", "fell", "why", "nobody", "knows", "next", "line", "and", "3.5", "more",
            ])
        let initial = text.tokenFlags.map { $0.contains(.sentenceInitial) }
        #expect(initial == [true, false, true, false, true, true, false, true, false, false, false, false])
        // Leading punctuation does not move the first token's flag.
        #expect(flags("  “Quote” here")[0].contains(.sentenceInitial))
        #expect(!flags("  “Quote” here")[1].contains(.sentenceInitial))
    }

    @Test("flags combine")
    func combined() {
        let text = Tokenizer().tokenize("Q3 results. 2024 Outlook")
        #expect(
            text.tokenFlags == [
                [.numeric, .capitalized, .sentenceInitial], [], [.numeric, .sentenceInitial], [.capitalized],
            ])
    }

    @Test("flags do not affect the normalized bytes")
    func flagsAndEquality() {
        let a = Tokenizer().tokenize("Rates rose")
        let b = Tokenizer().tokenize("rates rose")
        #expect(a.bytes == b.bytes)
        #expect(a.tokenFlags != b.tokenFlags)
    }
}
