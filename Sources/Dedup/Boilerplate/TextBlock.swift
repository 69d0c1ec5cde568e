#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// The blocks of `text`, tokenizing them into `scratch` (which holds the tokens of them all afterwards).
    public func blocks(of text: String, scratch: inout TokenizedText) -> [TextBlock] {
        var tokenStarts: [Int] = []
        return blocks(of: text, collecting: &scratch, tokenStarts: &tokenStarts)
    }

    /// The blocks of `text`, and the tokens of them all in `tokens` (which is emptied first): `tokenStarts[i]` is
    /// the index in `tokens` of block i's first token. Each block is tokenized on its own, straight from the text's
    /// bytes into `tokens`, so `tokens` is what appending each block's tokens would give (see
    /// ``TokenizedText/append(_:tokens:)``); fingerprinting the kept blocks from these tokens spares tokenizing
    /// the story a second time, and boilerplate detection reads a short block's words from them.
    func blocks(of text: String, collecting tokens: inout TokenizedText, tokenStarts: inout [Int]) -> [TextBlock] {
        tokens.removeAll()
        tokenStarts.removeAll(keepingCapacity: true)
        // Lines and blocks are found and tokenized on the UTF-8 bytes by offset; only the blocks' bounds are turned
        // into string indices (O(1) for native strings).
        var spans: [(firstLine: Int, lastLine: Int, start: Int, end: Int, key: UInt64, tokenCount: Int)] = []
        var bytesText = text
        bytesText.withUTF8 { utf8 in
            var lines: [(start: Int, end: Int, indented: Bool, blank: Bool)] = []
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
                lines.append((lineStart, contentEnd, indented, blank))
            }
            // memchr (vectorized in libc) finds the line feeds.
            if let base = utf8.baseAddress {
                while lineStart < utf8.count, let found = memchr(base + lineStart, 0x0A, utf8.count - lineStart) {
                    let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    closeLine(at: end)
                    lineStart = end + 1
                }
            }
            closeLine(at: utf8.count)

            var contentLines = 0
            var indentedAfterFirst = 0
            for line in lines where !line.blank {
                if contentLines > 0 && line.indented { indentedAfterFirst += 1 }
                contentLines += 1
            }
            let paragraphMode = indentedAfterFirst >= 2 && indentedAfterFirst < contentLines - 1

            // The open block: its first and last line (0-based).
            var current: (first: Int, last: Int)?
            func flush() {
                guard let (first, last) = current else { return }
                let start = lines[first].start
                let end = lines[last].end
                let before = tokens.count
                tokenizer.tokenize(appending: UnsafeBufferPointer(rebasing: utf8[start..<end]), to: &tokens)
                tokenStarts.append(before)
                let tokenCount = tokens.count - before
                var key: UInt64 = 0
                if tokenCount > 0 {
                    // The block's own normalized bytes: from its first token to the end, without the space that
                    // separates it from the block before.
                    let firstByte = Int(tokens.tokenStarts[before])
                    key = tokens.bytes.withUnsafeBytes {
                        XXH3.hash($0.baseAddress! + firstByte, count: $0.count - firstByte, seed: 0x626C_6F63_6B73)
                    }
                }
                spans.append((first + 1, last + 1, start, end, key, tokenCount))
                current = nil
            }
            for (number, line) in lines.enumerated() {
                if line.blank {
                    flush()
                } else if paragraphMode, !line.indented, let open = current {
                    current = (open.first, number)
                } else {
                    flush()
                    current = (number, number)
                }
            }
            flush()
        }
        let utf8 = text.utf8
        var blocks: [TextBlock] = []
        blocks.reserveCapacity(spans.count)
        for span in spans {
            let lower = utf8.index(utf8.startIndex, offsetBy: span.start)
            let upper = utf8.index(lower, offsetBy: span.end - span.start)
            blocks.append(
                TextBlock(
                    firstLine: span.firstLine, lastLine: span.lastLine, text: text[lower..<upper], key: span.key,
                    tokenCount: span.tokenCount))
        }
        return blocks
    }
}
