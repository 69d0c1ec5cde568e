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

/// Splits text into line blocks and computes their keys.
public struct BlockSplitter: Sendable {
    private let tokenizer = Tokenizer()

    /// A splitter with the standard normalization.
    public init() {}

    /// The blocks of `text`: every non-blank line, with its 1-based line number.
    public func blocks(of text: String) -> [TextBlock] {
        var tokens = TokenizedText()
        return blocks(of: text, scratch: &tokens)
    }

    /// The blocks of `text`, tokenizing each line into `scratch`.
    public func blocks(of text: String, scratch: inout TokenizedText) -> [TextBlock] {
        var blocks: [TextBlock] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            tokenizer.tokenize(String(line), into: &scratch)
            let key = scratch.isEmpty ? 0 : scratch.bytes.withUnsafeBytes { XXH3.hash($0, seed: 0x626C_6F63_6B73) }
            blocks.append(
                TextBlock(firstLine: lineNumber, lastLine: lineNumber, text: line, key: key, tokenCount: scratch.count))
        }
        return blocks
    }
}
