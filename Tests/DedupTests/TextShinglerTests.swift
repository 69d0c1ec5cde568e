import Dedup
import Testing

@Suite("Shingler")
struct TextShinglerTests {
    let tokenizer = Tokenizer()

    @Test("a text of n tokens has n − size + 1 shingles", arguments: [1, 2, 3, 5, 9])
    func counts(size: Int) {
        let shingler = Shingler(size: size, seed: 1)
        let text = tokenizer.tokenize("one two three four five six seven eight nine ten")
        #expect(text.count == 10)
        #expect(shingler.shingleCount(of: text) == 10 - size + 1)
        #expect(shingler.shingleHashes(of: text).count == 10 - size + 1)
    }

    @Test("a text shorter than the shingle size has one shingle of all its tokens")
    func shortText() {
        let shingler = Shingler(size: 5, seed: 9)
        for words in ["alpha", "alpha beta", "alpha beta gamma delta"] {
            let text = tokenizer.tokenize(words)
            #expect(shingler.shingleCount(of: text) == 1)
            #expect(shingler.shingleHashes(of: text) == [XXH3.hash(words, seed: 9)])
        }
        // Exactly `size` tokens is also one shingle.
        let five = tokenizer.tokenize("a b c d e")
        #expect(shingler.shingleHashes(of: five) == [XXH3.hash("a b c d e", seed: 9)])
    }

    @Test("an empty text has no shingles")
    func emptyText() {
        let shingler = Shingler(size: 3, seed: 0)
        for text in ["", "   ", "—…!?"] {
            let tokens = tokenizer.tokenize(text)
            #expect(shingler.shingleCount(of: tokens) == 0)
            #expect(shingler.shingleHashes(of: tokens).isEmpty)
            var calls = 0
            shingler.forEachShingleHash(in: tokens) { _ in calls += 1 }
            #expect(calls == 0)
        }
    }

    @Test("a shingle's hash is XXH3 of its space-joined normalized tokens with the seed")
    func hashDefinition() {
        let shingler = Shingler(size: 3, seed: 42)
        let text = tokenizer.tokenize("The  QUICK, brown—fox jumps!")
        let expected = ["the quick brown", "quick brown fox", "brown fox jumps"].map { XXH3.hash($0, seed: 42) }
        #expect(shingler.shingleHashes(of: text) == expected)
        // Reference values from Python xxhash 4.1.0, independent of this package:
        // [xxh3_64_intdigest(" ".join(t[i:i+3]).encode(), seed=42) for i in range(3)], t = "the quick brown fox jumps".
        #expect(expected == [16_950_427_206_681_857_859, 14_734_197_481_140_183_600, 18_435_434_014_664_133_288])
    }

    @Test("shingles of non-ASCII text hash their normalized UTF-8")
    func nonASCII() {
        let pairs = Shingler(size: 2, seed: 7)
        // Python xxhash 4.1.0: xxh3_64_intdigest(" ".join(t[i:i+2]).encode("utf-8"), seed=7), t = "café au lait chaud".
        #expect(
            pairs.shingleHashes(of: tokenizer.tokenize("CAFÉ au lait chaud"))
                == [1_075_703_619_619_064_787, 8_935_713_949_560_644_185, 5_733_611_128_476_254_244])
        // Python xxhash 4.1.0: xxh3_64_intdigest("中 国 人".encode("utf-8"), seed=1).
        let characters = Shingler(size: 3, seed: 1).shingleHashes(of: tokenizer.tokenize("中国人"))
        #expect(characters == [11_381_710_493_011_778_050])
    }

    @Test("forEachShingleHash visits the same hashes in order, repetitions included")
    func visitorAgrees() {
        let shingler = Shingler(size: 2, seed: 3)
        let text = tokenizer.tokenize("a b a b a b")
        var visited: [UInt64] = []
        shingler.forEachShingleHash(in: text) { visited.append($0) }
        #expect(visited == shingler.shingleHashes(of: text))
        #expect(visited.count == 5)
        #expect(Set(visited).count == 2)
        #expect(visited[0] == visited[2] && visited[2] == visited[4])
        #expect(visited[1] == visited[3])
        #expect(visited[0] != visited[1])
    }

    @Test("size-1 shingles are the token hashes")
    func unigrams() {
        let shingler = Shingler(size: 1, seed: 11)
        let text = tokenizer.tokenize("Zwei Straßen, 3.5 km")
        #expect(shingler.shingleHashes(of: text) == ["zwei", "strassen", "3.5", "km"].map { XXH3.hash($0, seed: 11) })
    }

    @Test("the seed changes every shingle hash; the size is kept")
    func seeds() {
        let text = tokenizer.tokenize("markets rallied on friday after the report")
        let first = Shingler(size: 3, seed: 1)
        let second = Shingler(size: 3, seed: 2)
        #expect(first.size == 3 && first.seed == 1)
        let a = first.shingleHashes(of: text)
        let b = second.shingleHashes(of: text)
        #expect(a.count == b.count)
        #expect(Set(a).isDisjoint(with: b))
        #expect(first.shingleHashes(of: text) == a)
    }

    @Test("texts equal after normalization have equal shingles")
    func normalizationEquivalence() {
        let shingler = Shingler(size: 4, seed: 5)
        let a = tokenizer.tokenize("“The company’s 1,200 workers” — Straße")
        let b = tokenizer.tokenize("\"the COMPANY'S 1200 workers\" - strasse")
        #expect(shingler.shingleHashes(of: a) == shingler.shingleHashes(of: b))
    }
}

@Suite("Shingler preconditions")
struct TextShinglerPreconditionTests {
    @Test("the shingle size must be at least 1")
    func sizeZero() async {
        await #expect(processExitsWith: .failure) { _ = Shingler(size: 0, seed: 0) }
    }
}
