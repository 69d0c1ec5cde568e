@testable import Dedup
import Testing

@Suite("Tokenizer: the table of two-byte scalars")
struct TextTwoByteScalarsTests {
    @Test("every entry holds what the property lookups answer for its scalar")
    func entriesAgree() {
        let table = TwoByteScalars.shared
        var folding = 0
        var longFoldings = 0
        for value in TwoByteScalars.range {
            let entry = table.entry(value)
            #expect(entry.kind == ScalarKind(lookingUp: value), "kind of U+\(String(value, radix: 16))")
            #expect(ScalarKind(value) == ScalarKind(lookingUp: value))
            #expect(entry.isUppercase == ScalarKind.isUppercase(lookingUp: value))
            #expect(ScalarKind.isUppercase(value) == ScalarKind.isUppercase(lookingUp: value))
            let folded = TokenizerState.caseFolded(value)
            if entry.foldedCount == 0 {
                #expect(folded.count > 4, "U+\(String(value, radix: 16)) folds to \(folded.count) bytes")
                longFoldings += 1
            } else {
                let bytes = (0..<Int(entry.foldedCount)).map { UInt8(truncatingIfNeeded: entry.folded >> UInt32($0 * 8)) }
                #expect(bytes == folded, "folding of U+\(String(value, radix: 16))")
            }
            if folded != Array(String(Unicode.Scalar(value)!).utf8) { folding += 1 }
        }
        // The range has hundreds of capitals that fold (Latin, Greek, Cyrillic, Armenian); none folds to more
        // than four bytes.
        #expect(folding > 400)
        #expect(longFoldings == 0)
    }

    @Test("a token holds each two-byte letter case folded, as the lookups give it")
    func tokensFold() {
        let tokenizer = Tokenizer()
        var letters = 0
        // The letters NFKC leaves as they are (the others are normalized before they are folded).
        for value in TwoByteScalars.range
        where ScalarKind(lookingUp: value) == .letter && NFKCStability.isStable(value) {
            let scalar = Unicode.Scalar(value)!
            // Between ASCII letters, so that the scalar is inside a token whatever the span path does.
            let text = tokenizer.tokenize("x" + String(scalar) + "y")
            #expect(text.bytes == [0x78] + TokenizerState.caseFolded(value) + [0x79], "U+\(String(value, radix: 16))")
            letters += 1
        }
        #expect(letters > 900)
    }

    @Test("known foldings and kinds")
    func known() {
        let tokenizer = Tokenizer()
        #expect(tokenizer.tokenize("ÉCOLE Straße ΣΟΦΙΑ ДОМ").tokens == ["école", "strasse", "σοφια", "дом"])
        // U+0130 folds to i and a combining dot (3 bytes), U+0149 to a modifier apostrophe and n (3 bytes).
        #expect(TokenizerState.caseFolded(0x130) == [0x69, 0xCC, 0x87])
        #expect(TokenizerState.caseFolded(0x149) == [0xCA, 0xBC, 0x6E])
        #expect(ScalarKind(0x301) == .mark)
        #expect(ScalarKind(0xE9) == .letter)
        #expect(ScalarKind(0x660) == .digit)  // Arabic-Indic digit zero
        #expect(ScalarKind(0xAB) == .separator)
        #expect(ScalarKind.isUppercase(0xC9) && !ScalarKind.isUppercase(0xE9))
        // Beyond the table: the capital sharp s folds to "ss", a fullwidth capital is normalized, then folded; a
        // surrogate value is no scalar and writes nothing.
        #expect(TokenizerState.caseFolded(0x1E9E) == Array("ss".utf8))
        #expect(tokenizer.tokenize("GRO\u{1E9E}E \u{FF21}\u{FF22}").tokens == ["grosse", "ab"])
        #expect(TokenizerState.caseFolded(0xD800) == [])
        let flags = tokenizer.tokenize("Élan élan").tokenFlags
        #expect(flags[0].contains(.capitalized) && !flags[1].contains(.capitalized))
    }
}
