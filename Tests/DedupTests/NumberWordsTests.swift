@testable import Dedup
import Testing

@Suite("Number words")
struct NumberWordsTests {
    let table = NumberWords.table

    /// The reference: the word list as a dictionary.
    let reference: [String: UInt64] = Dictionary(
        uniqueKeysWithValues: NumberWords.words.map { ($0.word, XXH3.hash($0.digits, seed: 0)) })

    /// The table's answer for `token` placed in a buffer at `offset`, followed by `trailing` bytes (so that tokens at
    /// the end of the buffer take the byte-by-byte path and the others the eight-byte load).
    func lookup(_ token: String, offset: Int = 0, trailing: String = " and more") -> UInt64? {
        let bytes = Array(String(repeating: "x", count: offset).utf8) + Array(token.utf8) + Array(trailing.utf8)
        return bytes.withUnsafeBytes { buffer in
            table.figure(in: buffer, start: offset, end: offset + token.utf8.count)
        }
    }

    @Test("every number word is found, with the figure hash of its digits, wherever it sits in the buffer")
    func everyWord() {
        #expect(NumberWords.words.count == 29)
        #expect(table.slots.filter { $0.length > 0 }.count == 29)
        for (word, digits) in NumberWords.words {
            for (offset, trailing) in [(0, " and more"), (3, ""), (0, ""), (5, "s")] {
                #expect(lookup(word, offset: offset, trailing: trailing) == XXH3.hash(digits, seed: 0), "\(word)")
            }
        }
    }

    @Test("near misses are not number words: prefixes, extensions, other lengths, one letter changed")
    func nearMisses() {
        var misses: [String] = ["seventee", "seventeex", "seventeens", "hundreds", "sixt", "onee", "tw", "o", "",
            "thousand", "sixth", "tens", "nineteenth", "Six", "tenx", "zer0"]
        for (word, _) in NumberWords.words {
            misses.append(String(word.dropLast()))
            misses.append(word + "s")
            misses.append("x" + word)
            var changed = Array(word.utf8)
            changed[changed.count / 2] ^= 0x01
            misses.append(String(decoding: changed, as: UTF8.self))
        }
        for miss in misses where reference[miss] == nil {
            #expect(lookup(miss) == nil, "\(miss)")
            #expect(lookup(miss, offset: 2, trailing: "") == nil, "\(miss)")
        }
    }

    @Test("random lowercase tokens of 1 to 12 letters agree with the dictionary (20,000 draws, seeded)")
    func randomTokens() {
        var generator = SplitMix64(seed: 17)
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        let words = NumberWords.words.map(\.word)
        for draw in 0..<20_000 {
            let token: String
            if draw % 4 == 0 {
                // A number word with one random letter replaced, inserted or removed: close to the words.
                var bytes = Array(words[Int(generator.next() % UInt64(words.count))].utf8)
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = letters[Int(generator.next() % 26)]
                case 1: bytes.insert(letters[Int(generator.next() % 26)], at: position)
                default: bytes.remove(at: position)
                }
                token = String(decoding: bytes, as: UTF8.self)
            } else {
                let length = 1 + Int(generator.next() % 12)
                token = String(decoding: (0..<length).map { _ in letters[Int(generator.next() % 26)] }, as: UTF8.self)
            }
            let trailing = draw % 2 == 0 ? " next" : ""
            #expect(lookup(token, offset: draw % 3, trailing: trailing) == reference[token], "\(token)")
        }
    }
}
