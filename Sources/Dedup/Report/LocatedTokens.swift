/// The normalized tokens of a text made of parts (a headline, the lines of a story), each token with the place in
/// its part's original characters it came from.
///
/// ``Tokenizer`` normalizes as it goes and keeps no offsets, so the text is cut into pieces at boundaries no token
/// crosses (whitespace, ASCII punctuation that never joins a token, each character of a script written without
/// spaces) and every piece is tokenized on its own: the tokens are those of the whole text, and each is located in
/// its piece. A piece such as `"U.S.-made"` gives several tokens that share the piece's range, so a highlight is at
/// worst a few characters wider than its words, never narrower.
public struct LocatedTokens: Sendable, Hashable {
    /// Where a token came from: the part and the UTF-8 offsets of the piece of that part it was read from.
    public struct Location: Sendable, Hashable {
        /// The index of the part.
        public var part: Int
        /// UTF-8 offsets in the part.
        public var range: Range<Int>
    }

    /// The tokens, as ``Tokenizer`` makes them.
    public private(set) var tokens = TokenizedText()
    /// Where each token came from, one per token.
    public private(set) var locations: [Location] = []

    /// The located tokens of `parts`, read in order as one text.
    public init<Part: StringProtocol>(parts: [Part], tokenizer: Tokenizer = Tokenizer()) {
        var pieceTokens = TokenizedText()
        for (partIndex, part) in parts.enumerated() {
            let text = String(part)
            let utf8 = text.utf8
            var pieceStart: String.Index?
            func flush(upTo end: String.Index) {
                guard let start = pieceStart else { return }
                pieceStart = nil
                tokenizer.tokenize(String(text[start..<end]), into: &pieceTokens)
                guard !pieceTokens.isEmpty else { return }
                let lower = utf8.distance(from: utf8.startIndex, to: start)
                let upper = utf8.distance(from: utf8.startIndex, to: end)
                let range = lower..<upper
                append(pieceTokens, location: Location(part: partIndex, range: range))
            }
            var index = text.startIndex
            while index != text.endIndex {
                let next = text.index(after: index)
                let character = text[index]
                if character.isWhitespace {
                    flush(upTo: index)
                } else if Self.standsAlone(character) {
                    flush(upTo: index)
                    pieceStart = index
                    flush(upTo: next)
                } else if pieceStart == nil {
                    pieceStart = index
                }
                index = next
            }
            flush(upTo: text.endIndex)
        }
    }

    /// The number of tokens.
    public var count: Int { locations.count }

    /// Whether a character is a piece of its own: one ASCII scalar that separates tokens and never joins them, or
    /// a character of a script written without spaces (each is a token).
    static func standsAlone(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first, scalar.value < 0x80 {
            return ScalarKind(scalar.value) == .separator
        }
        return scalars.contains { ScalarKind($0.value) == .character }
    }

    private mutating func append(_ piece: TokenizedText, location: Location) {
        let base = tokens.bytes.isEmpty ? 0 : tokens.bytes.count + 1
        if !tokens.bytes.isEmpty { tokens.bytes.append(0x20) }
        tokens.bytes.append(contentsOf: piece.bytes)
        for start in piece.tokenStarts {
            tokens.tokenStarts.append(Int32(truncatingIfNeeded: base) + start)
            locations.append(location)
        }
        tokens.tokenFlags.append(contentsOf: piece.tokenFlags)
    }
}
