import Foundation

/// Turns text into normalized word tokens.
///
/// Normalization: Unicode NFKC, then case folding; curly quotes, dashes and the ellipsis are unified because they
/// only separate tokens (an apostrophe between letters, straight or curly, joins them: "company’s" → "companys").
/// Tokens are maximal runs of letters, digits and combining marks. Numbers are kept whole: a comma between digits
/// is dropped and a point between digits is kept, so "1,200.50" and "1200.50" are the same token. An apostrophe is
/// any of ' ’ ‘ ‛ ʼ. Scripts written
/// without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan) have no word boundaries to find,
/// so each of their characters is a token of its own: word shingles over them are character n-grams.
///
/// ASCII text takes a byte-level fast path; other text is NFKC-normalized with Foundation first.
///
/// Case folding is computed as the lowercase of the uppercase mapping, which agrees with Unicode full case folding
/// ("Straße" → "strasse", final sigma → sigma) except for Cherokee and the Turkic dotless i.
public struct Tokenizer: Sendable {
    /// A tokenizer with the standard normalization.
    public init() {}

    /// The tokens of `text`.
    public func tokenize(_ text: String) -> TokenizedText {
        var result = TokenizedText()
        tokenize(text, into: &result)
        return result
    }

    /// Tokenizes `text` into `result`, reusing its storage.
    public func tokenize(_ text: String, into result: inout TokenizedText) {
        result.removeAll()
        var text = text
        let isASCII = text.withUTF8 { utf8 in
            var state = TokenizerState()
            var ascii = true
            for byte in utf8 where byte >= 0x80 {
                ascii = false
                break
            }
            if ascii {
                result.bytes.reserveCapacity(utf8.count)
                for byte in utf8 {
                    state.consume(UInt32(byte), into: &result)
                }
                state.finish(into: &result)
            }
            return ascii
        }
        if isASCII { return }
        let normalized = text.precomposedStringWithCompatibilityMapping
        var state = TokenizerState()
        result.bytes.reserveCapacity(normalized.utf8.count)
        for scalar in normalized.unicodeScalars {
            state.consume(scalar.value, into: &result)
        }
        state.finish(into: &result)
    }
}

/// The tokenizer's state machine, fed one Unicode scalar value at a time.
///
/// A joiner (apostrophe, or a comma or point between digits) is held back until the next scalar shows whether it
/// sits inside a token.
struct TokenizerState {
    private var inToken = false
    private var inCharacter = false
    private var lastWasDigit = false
    private var lastWasLetter = false
    private var pendingJoiner: UInt32 = 0
    private var atSentenceStart = true

    @inline(__always)
    mutating func consume(_ value: UInt32, into result: inout TokenizedText) {
        let kind = ScalarKind(value)
        if pendingJoiner != 0 {
            let joiner = pendingJoiner
            pendingJoiner = 0
            if joiner == 0x2E || joiner == 0x2C {
                if lastWasDigit && kind == .digit {
                    if joiner == 0x2E { result.bytes.append(0x2E) }
                    append(value, kind: kind, into: &result)
                    return
                }
            } else if lastWasLetter && kind == .letter {
                append(value, kind: kind, into: &result)
                return
            }
            endToken(after: joiner)
        }
        switch kind {
        case .letter, .digit:
            inCharacter = false
            if !inToken { startToken(value, into: &result) }
            append(value, kind: kind, into: &result)
        case .mark:
            if inToken || inCharacter { appendScalar(value, into: &result) }
        case .character:
            startToken(value, into: &result)
            result.tokenFlags[result.tokenFlags.count - 1].insert(.character)
            appendScalar(value, into: &result)
            // A following combining mark (Thai vowel signs) still belongs to this character, nothing else does.
            inToken = false
            inCharacter = true
            lastWasLetter = false
            lastWasDigit = false
        case .apostrophe, .comma, .point:
            if inToken {
                pendingJoiner = value == 0x2E ? 0x2E : (value == 0x2C ? 0x2C : 0x27)
            } else {
                endToken(after: value)
            }
        case .separator:
            endToken(after: value)
        }
    }

    mutating func finish(into result: inout TokenizedText) {
        pendingJoiner = 0
        inToken = false
        inCharacter = false
    }

    @inline(__always)
    private mutating func startToken(_ value: UInt32, into result: inout TokenizedText) {
        if !result.bytes.isEmpty { result.bytes.append(0x20) }
        result.tokenStarts.append(Int32(truncatingIfNeeded: result.bytes.count))
        var flags: TokenFlags = []
        if atSentenceStart { flags.insert(.sentenceInitial) }
        if ScalarKind.isUppercase(value) { flags.insert(.capitalized) }
        result.tokenFlags.append(flags)
        atSentenceStart = false
        inToken = true
    }

    @inline(__always)
    private mutating func endToken(after separator: UInt32) {
        inToken = false
        inCharacter = false
        lastWasDigit = false
        lastWasLetter = false
        // A sentence ends at . ! ? and at a line break; a new block starts a new sentence.
        if separator == 0x2E || separator == 0x21 || separator == 0x3F || separator == 0x0A || separator == 0x3002 {
            atSentenceStart = true
        }
    }

    @inline(__always)
    private mutating func append(_ value: UInt32, kind: ScalarKind, into result: inout TokenizedText) {
        if kind == .digit {
            result.tokenFlags[result.tokenFlags.count - 1].insert(.numeric)
            lastWasDigit = true
            lastWasLetter = false
        } else {
            lastWasDigit = false
            lastWasLetter = true
        }
        appendScalar(value, into: &result)
    }

    @inline(__always)
    private func appendScalar(_ value: UInt32, into result: inout TokenizedText) {
        if value < 0x80 {
            // ASCII letters fold to lowercase.
            result.bytes.append(UInt8(truncatingIfNeeded: value) | (value &- 0x41 < 26 ? 0x20 : 0))
            return
        }
        guard let scalar = Unicode.Scalar(value) else { return }
        if scalar.properties.changesWhenCaseFolded {
            // Lowercase of uppercase, twice where the first pass still leaves a folding letter (ẞ → ß → ss).
            var folded = scalar.properties.uppercaseMapping.lowercased()
            if folded.unicodeScalars.contains(where: \.properties.changesWhenCaseFolded) {
                folded = folded.uppercased().lowercased()
            }
            for foldedScalar in folded.unicodeScalars {
                appendUTF8(foldedScalar, into: &result.bytes)
            }
        } else {
            appendUTF8(scalar, into: &result.bytes)
        }
    }

    @inline(__always)
    private func appendUTF8(_ scalar: Unicode.Scalar, into bytes: inout [UInt8]) {
        UTF8.encode(scalar) { bytes.append($0) }
    }
}

/// How the tokenizer treats one Unicode scalar.
enum ScalarKind: UInt8 {
    case letter, digit, mark, character, apostrophe, comma, point, separator

    @inline(__always)
    init(_ value: UInt32) {
        if value < 0x80 {
            self = ScalarKind.asciiTable[Int(value)]
            return
        }
        switch value {
        case 0x2019, 0x2018, 0x201B, 0x02BC: self = .apostrophe
        case 0x0E00...0x0EFF, 0x0F00...0x0FFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3005...0x3007, 0x3021...0x3029,
            0x3038...0x303B, 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
            0x20000...0x2FA1F:
            let category = Unicode.Scalar(value)?.properties.generalCategory
            switch category {
            case .nonspacingMark, .spacingMark, .enclosingMark: self = .mark
            case .decimalNumber: self = .digit
            case .otherLetter, .modifierLetter, .uppercaseLetter, .lowercaseLetter, .otherNumber, .letterNumber:
                self = .character
            default: self = .separator
            }
        default:
            guard let properties = Unicode.Scalar(value)?.properties else {
                self = .separator
                return
            }
            switch properties.generalCategory {
            case .decimalNumber: self = .digit
            case .nonspacingMark, .spacingMark, .enclosingMark: self = .mark
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber:
                self = .letter
            default: self = .separator
            }
        }
    }

    @inline(__always)
    static func isUppercase(_ value: UInt32) -> Bool {
        if value < 0x80 { return value &- 0x41 < 26 }
        return Unicode.Scalar(value)?.properties.isUppercase ?? false
    }

    static let asciiTable: [ScalarKind] = (0..<128).map { byte -> ScalarKind in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): .digit
        case UInt8(ascii: "'"): .apostrophe
        case UInt8(ascii: ","): .comma
        case UInt8(ascii: "."): .point
        default: .separator
        }
    }
}
