import Dedup
import Testing

@Suite("Fingerprinter")
struct FingerprintTests {
    let fingerprinter = Fingerprinter(settings: .standard)

    /// The figure hash of a digit string: XXH3 with seed 0 of its normalized bytes.
    func figure(_ digits: String) -> UInt64 {
        XXH3.hash(digits, seed: 0)
    }

    // MARK: Figures

    @Test("figures are tokens with a digit, as sorted distinct hashes")
    func digitFigures() {
        let fingerprint = fingerprinter.fingerprint("Profit rose 12% to $1,200.50 in Q3, from 12% a year ago")
        #expect(fingerprint.figures == [figure("12"), figure("1200.50"), figure("q3")].sorted())
        #expect(fingerprinter.fingerprint("No figures in this sentence at all").figures.isEmpty)
    }

    @Test(
        "a number word and its digits are the same figure",
        arguments: [
            ("six", "6"), ("Six", "6"), ("twelve", "12"), ("seventeen", "17"), ("twenty", "20"), ("ninety", "90"),
            ("hundred", "100"), ("zero", "0"), ("one", "1"),
        ])
    func numberWords(word: String, digits: String) {
        let spelled = fingerprinter.fingerprint("The navy sent \(word) ships to the strait")
        let written = fingerprinter.fingerprint("The navy sent \(digits) ships to the strait")
        #expect(spelled.figures == [figure(digits)])
        #expect(spelled.figures == written.figures)
    }

    @Test("words that are not number words are not figures")
    func notNumberWords() {
        for text in ["sixth ships", "sixty-sixth", "thousand ships", "someone", "seventeenth", "tens of ships"] {
            let figures = fingerprinter.fingerprint(text).figures
            if text == "sixty-sixth" {
                #expect(figures == [figure("60")], "\(text)")  // "sixty" is a number word, "sixth" is not.
            } else {
                #expect(figures.isEmpty, "\(text)")
            }
        }
    }

    @Test("repeated and equivalent figures count once; changed figures differ")
    func figureSets() {
        let repeated = fingerprinter.fingerprint("6 ships, six ships and 6 more ships; 1,200 or 1200 sailors")
        #expect(repeated.figures == [figure("6"), figure("1200")].sorted())
        let changed = fingerprinter.fingerprint("8 ships, eight ships and 8 more ships; 1,200 or 1200 sailors")
        #expect(changed.figures != repeated.figures)
        #expect(changed.figures == [figure("8"), figure("1200")].sorted())
    }

    // MARK: Content hash

    @Test("texts equal after normalization have the same content hash")
    func contentHashEqual() {
        let pairs = [
            ("Hello, World!", "hello world"),
            ("The company’s “results” — strong…", "the company's \"results\" - strong..."),
            ("  Straße\n\nCAFÉ ", "STRASSE café"),
            ("Ｆｕｌｌ ﬁnance", "full finance"),
            ("1,200 units", "1200 units"),
        ]
        for (a, b) in pairs {
            #expect(fingerprinter.fingerprint(a).contentHash == fingerprinter.fingerprint(b).contentHash, "\(a) / \(b)")
        }
    }

    @Test("texts that differ after normalization have different content hashes")
    func contentHashDifferent() {
        let texts = [
            "hello world", "hello world again", "world hello", "hello worlds", "helloworld", "3.5 points", "35 points",
            "résumé", "resume", "",
        ]
        let hashes = texts.map { fingerprinter.fingerprint($0).contentHash }
        #expect(Set(hashes).count == texts.count)
    }

    @Test("the content hash is XXH3 of the normalized text with the settings' seed")
    func contentHashDefinition() {
        let text = "The Quick, Brown Fox."
        #expect(fingerprinter.fingerprint(text).contentHash == XXH3.hash("the quick brown fox", seed: 42))
        let seven = Fingerprinter(settings: MinHashSettings(scheme: .permutations, length: 16, seed: 7, shingleSize: 2))
        #expect(seven.fingerprint(text).contentHash == XXH3.hash("the quick brown fox", seed: 7))
    }

    // MARK: Counts and signature

    @Test("shingleCount counts distinct shingles, tokenCount every token")
    func counts() {
        let pairs = Fingerprinter(
            settings: MinHashSettings(scheme: .onePermutation, length: 64, seed: 1, shingleSize: 2))
        // a b a b a b: shingles "a b", "b a", "a b", "b a", "a b": 2 distinct.
        let repetitive = pairs.fingerprint("a b a b a b")
        #expect(repetitive.tokenCount == 6)
        #expect(repetitive.shingleCount == 2)
        let distinct = pairs.fingerprint("one two three four five six")
        #expect(distinct.tokenCount == 6)
        #expect(distinct.shingleCount == 5)
        // Shorter than a shingle: one shingle.
        let short = fingerprinter.fingerprint("Breaking news")
        #expect(short.tokenCount == 2)
        #expect(short.shingleCount == 1)
        // A paragraph of 10 distinct words repeated three times is a periodic sequence: its 26 five-word shingles
        // are one per starting offset modulo 10, so 10 distinct ones.
        let paragraph = "markets rallied on friday after the jobs report beat expectations"
        let tripled = fingerprinter.fingerprint([paragraph, paragraph, paragraph].joined(separator: " "))
        #expect(tripled.tokenCount == 30)
        #expect(tripled.shingleCount == 10)
        #expect(fingerprinter.fingerprint(paragraph).shingleCount == 6)
    }

    @Test("the empty text has an empty fingerprint")
    func empty() {
        for text in ["", "   ", "—…!?"] {
            let fingerprint = fingerprinter.fingerprint(text)
            #expect(fingerprint.isEmpty)
            #expect(fingerprint.tokenCount == 0)
            #expect(fingerprint.shingleCount == 0)
            #expect(fingerprint.figures.isEmpty)
            #expect(fingerprint.signature.isEmpty)
            #expect(fingerprint.contentHash == XXH3.hash("", seed: 42))
        }
        #expect(!fingerprinter.fingerprint("word").isEmpty)
    }

    @Test("the signature is the MinHash of the distinct shingle hashes", arguments: MinHashScheme.allCases)
    func signatureAgrees(scheme: MinHashScheme) {
        let settings = MinHashSettings(scheme: scheme, length: 64, seed: 5, shingleSize: 3)
        let fingerprinter = Fingerprinter(settings: settings)
        let text = "Oil prices fell on Monday. Oil prices fell on Monday as traders weighed supply data."
        let tokens = Tokenizer().tokenize(text)
        let hashes = Shingler(size: 3, seed: 5).shingleHashes(of: tokens)
        let fingerprint = fingerprinter.fingerprint(text)
        #expect(fingerprint.signature == MinHasher(settings: settings).signature(of: hashes))
        #expect(fingerprint.shingleCount == Set(hashes).count)
        #expect(fingerprint.shingleCount < hashes.count)
        #expect(fingerprint.tokenCount == tokens.count)
        var scratch = FingerprintScratch(for: fingerprinter)
        #expect(fingerprinter.fingerprint(tokens: tokens, scratch: &scratch) == fingerprint)
    }

    @Test("reusing scratch memory gives the same fingerprints as fresh memory")
    func scratchReuse() {
        var generator = SplitMix64(seed: 4)
        let vocabulary = [
            "the", "bank", "said", "rates", "rose", "by", "0.25", "points", "six", "analysts", "expected",
        ]
        var texts = (0..<30).map { _ in
            (0..<Int.random(in: 0..<400, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
                .joined(separator: " ")
        }
        texts += ["", "one", String(repeating: "word ", count: 5000)]
        var scratch = FingerprintScratch(for: fingerprinter)
        for text in texts + texts.reversed() {
            #expect(fingerprinter.fingerprint(text, scratch: &scratch) == fingerprinter.fingerprint(text))
        }
    }

    @Test("near-duplicate texts have close signatures, different stories distant ones")
    func similarity() throws {
        let story = """
            The central bank raised its benchmark interest rate by a quarter of a percentage point on Wednesday, \
            the sixth increase this year, and signaled that further tightening was likely as inflation remained \
            well above its target despite signs that the economy was beginning to slow.
            """
        let edited = story.replacingOccurrences(of: "on Wednesday", with: "on Wednesday afternoon")
        let other = """
            Heavy rain flooded streets across the region overnight, forcing schools to close and cutting power to \
            thousands of homes, while emergency crews worked to clear fallen trees from major roads.
            """
        let a = fingerprinter.fingerprint(story)
        let b = fingerprinter.fingerprint(edited)
        let c = fingerprinter.fingerprint(other)
        #expect(try a.signature.jaccard(with: b.signature) > 0.6)
        #expect(try a.signature.jaccard(with: c.signature) < 0.1)
        #expect(a.contentHash != b.contentHash)
    }
}
