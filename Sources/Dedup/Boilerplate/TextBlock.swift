/// One block of a document: a line of its text, with where it was and what it normalizes to.
///
/// News text arrives one paragraph per line (scraped pages) or hard-wrapped (wire copy); either way a line is the
/// unit that site chrome comes in, so blocks are lines. Blank lines are not blocks.
public struct TextBlock: Sendable, Hashable {
    /// The 1-based line of the input `text` (split on "\n") where the block starts.
    public var firstLine: Int
    /// The 1-based line where it ends (the same line for a line block).
    public var lastLine: Int
    /// The block's text as it came in (without the line break).
    public var text: Substring
    /// XXH3 of the block's normalized tokens: blocks that are the same after normalization share it. Zero for a
    /// block without words.
    public var key: UInt64
    /// The number of tokens.
    public var tokenCount: Int

    /// A block from its parts.
    public init(firstLine: Int, lastLine: Int, text: Substring, key: UInt64, tokenCount: Int) {
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.text = text
        self.key = key
        self.tokenCount = tokenCount
    }

    /// Whether the block has any words.
    public var hasWords: Bool { tokenCount > 0 }
}

/// Splits text into blocks and computes their keys.
///
/// A block is a non-blank line, except in hard-wrapped text whose paragraphs start with an indented line (wire
/// copy): there a block is an indented line with the unindented lines that continue it, so that a fragment such as
/// "said." or "In a filing with the Securities and Exchange Commission," is never judged on its own. A text is
/// taken as indented when at least two of its lines after the first are indented and at least one is not.
public struct BlockSplitter: Sendable {
    private let tokenizer = Tokenizer()

    /// A splitter with the standard normalization.
    public init() {}

    /// The blocks of `text`.
    public func blocks(of text: String) -> [TextBlock] {
        var tokens = TokenizedText()
        return blocks(of: text, scratch: &tokens)
    }

    /// The blocks of `text`, tokenizing each block into `scratch`.
    public func blocks(of text: String, scratch: inout TokenizedText) -> [TextBlock] {
        blocks(of: text, scratch: &scratch) { _ in }
    }

    /// The blocks of `text`, and the tokens of them all appended to `tokens` (which is emptied first):
    /// `tokenStarts[i]` is the index in `tokens` of block i's first token. Fingerprinting the kept blocks from
    /// these tokens spares tokenizing the story a second time.
    func blocks(
        of text: String, scratch: inout TokenizedText, collecting tokens: inout TokenizedText, tokenStarts: inout [Int]
    ) -> [TextBlock] {
        tokens.removeAll()
        tokenStarts.removeAll(keepingCapacity: true)
        return blocks(of: text, scratch: &scratch) { block in
            tokenStarts.append(tokens.count)
            tokens.append(block, tokens: 0..<block.count)
        }
    }

    private func blocks(
        of text: String, scratch: inout TokenizedText, eachBlock: (TokenizedText) -> Void
    ) -> [TextBlock] {
        struct Line {
            var number: Int
            var range: Range<String.Index>
            var indented: Bool
            var blank: Bool
        }
        var lines: [Line] = []
        // Lines are found on the UTF-8 bytes by offset, then turned into string indices (O(1) for native strings).
        var bytesText = text
        let found = bytesText.withUTF8 { utf8 -> [(start: Int, end: Int, indented: Bool, blank: Bool)] in
            var found: [(start: Int, end: Int, indented: Bool, blank: Bool)] = []
            var lineStart = 0
            func closeLine(at end: Int) {
                var contentEnd = end
                if contentEnd > lineStart, utf8[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                var blank = true
                for offset in lineStart..<contentEnd where utf8[offset] != 0x20 && utf8[offset] != 0x09 {
                    blank = false
                    break
                }
                let indented = lineStart < contentEnd && (utf8[lineStart] == 0x20 || utf8[lineStart] == 0x09)
                found.append((lineStart, contentEnd, indented, blank))
            }
            var offset = 0
            while offset < utf8.count {
                if utf8[offset] == 0x0A {
                    closeLine(at: offset)
                    lineStart = offset + 1
                }
                offset += 1
            }
            closeLine(at: utf8.count)
            return found
        }
        let utf8 = text.utf8
        lines.reserveCapacity(found.count)
        for (number, line) in found.enumerated() {
            let lower = utf8.index(utf8.startIndex, offsetBy: line.start)
            let upper = utf8.index(lower, offsetBy: line.end - line.start)
            lines.append(Line(number: number + 1, range: lower..<upper, indented: line.indented, blank: line.blank))
        }

        let content = lines.filter { !$0.blank }
        let indentedAfterFirst = content.dropFirst().filter(\.indented).count
        let paragraphMode = indentedAfterFirst >= 2 && indentedAfterFirst < content.count - 1

        var blocks: [TextBlock] = []
        var current: (first: Line, last: Line)?
        func flush() {
            guard let (first, last) = current else { return }
            let slice = text[first.range.lowerBound..<last.range.upperBound]
            tokenizer.tokenize(String(slice), into: &scratch)
            let key = scratch.isEmpty ? 0 : scratch.bytes.withUnsafeBytes { XXH3.hash($0, seed: 0x626C_6F63_6B73) }
            eachBlock(scratch)
            blocks.append(
                TextBlock(
                    firstLine: first.number, lastLine: last.number, text: slice, key: key,
                    tokenCount: scratch.count))
            current = nil
        }
        for line in lines {
            if line.blank {
                flush()
            } else if paragraphMode, !line.indented, let open = current {
                current = (open.first, line)
            } else {
                flush()
                current = (line, line)
            }
        }
        flush()
        return blocks
    }
}
