import Foundation
import Testing

@testable import Dedup

/// The splitter tokenizes each block straight from the text's bytes into one buffer for the whole text; these tests
/// hold it to the plain definition: split into lines, group them into blocks, tokenize each block's text on its own,
/// and append the blocks' tokens in order.
@Suite("Boilerplate: block splitting")
struct BoilerplateBlockSplitterTests {
    let splitter = BlockSplitter()

    /// The blocks of `text` by the plain definition, with their tokens appended in order and where each starts.
    static func referenceBlocks(_ text: String) -> (blocks: [TextBlock], tokens: TokenizedText, starts: [Int]) {
        struct Line {
            var content: Substring
            var indented: Bool
            var blank: Bool
        }
        // Lines are split at line feeds on the bytes ("\r\n" is one Character), without a final carriage return.
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { raw -> Line in
            var content = Substring(raw)
            if content.utf8.last == 0x0D { content = Substring(content.utf8.dropLast()) }
            let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
            return Line(
                content: content, indented: content.utf8.first.map(isSpace) ?? false,
                blank: content.utf8.allSatisfy(isSpace))
        }
        let content = lines.filter { !$0.blank }
        let indentedAfterFirst = content.dropFirst().filter(\.indented).count
        let paragraphMode = indentedAfterFirst >= 2 && indentedAfterFirst < content.count - 1

        let tokenizer = Tokenizer()
        var blocks: [TextBlock] = []
        var tokens = TokenizedText()
        var starts: [Int] = []
        var open: (first: Int, last: Int)?
        func close() {
            guard let (first, last) = open else { return }
            let slice = text[lines[first].content.startIndex..<lines[last].content.endIndex]
            let own = tokenizer.tokenize(String(slice))
            let key = own.isEmpty ? 0 : XXH3.hash(own.bytes, seed: 0x626C_6F63_6B73)
            starts.append(tokens.count)
            tokens.append(own, tokens: 0..<own.count)
            blocks.append(
                TextBlock(firstLine: first + 1, lastLine: last + 1, text: slice, key: key, tokenCount: own.count))
            open = nil
        }
        for (index, line) in lines.enumerated() {
            if line.blank {
                close()
            } else if paragraphMode, !line.indented, let current = open {
                open = (current.first, index)
            } else {
                close()
                open = (index, index)
            }
        }
        close()
        return (blocks, tokens, starts)
    }

    /// Lines of prose, chrome, wire copy (indented, hard-wrapped), non-ASCII text, joiners at line ends, long
    /// tokens, blank and whitespace-only lines, with "\n" or "\r\n" between them.
    static func randomText(_ generator: inout SplitMix64) -> String {
        let words = [
            "the", "Council", "said", "1,200", "3.5", "don't", "players'", "Latest", "News", "By", "staff", "writer",
            "Share", "Copyright", "©", "2026", "(Reuters)", "-", "https://x.example/a", "www.site.example", "café",
            "naïve", "Straße", "東京", "日本語", "ﬁnance", "e\u{301}", "“quoted”", "company’s", "…", "—", "1,", "3.",
            "a'", String(repeating: "long", count: 30), String(repeating: "7", count: 70), "\t", "\u{A0}",
        ]
        var text = ""
        let lineCount = Int(generator.next() % 14)
        for line in 0..<lineCount {
            if line > 0 { text += generator.next() % 5 == 0 ? "\r\n" : "\n" }
            switch generator.next() % 8 {
            case 0: continue  // a blank line
            case 1: text += generator.next() % 2 == 0 ? "   " : "\t"  // whitespace only, or an indented line below
            default: break
            }
            if generator.next() % 3 == 0 { text += "  " }
            let wordCount = Int(generator.next() % 25)
            for word in 0..<wordCount {
                if word > 0 { text += generator.next() % 6 == 0 ? "" : " " }
                text += words[Int(generator.next() % UInt64(words.count))]
            }
            if generator.next() % 3 == 0 { text += [".", ",", "'", " ", "\r"][Int(generator.next() % 5)] }
        }
        return text
    }

    static func check(_ splitter: BlockSplitter, _ text: String, tokens: inout TokenizedText, starts: inout [Int])
        -> Bool
    {
        let reference = referenceBlocks(text)
        let blocks = splitter.blocks(of: text, collecting: &tokens, tokenStarts: &starts)
        #expect(blocks == reference.blocks, "\(text.debugDescription)")
        #expect(tokens == reference.tokens, "\(text.debugDescription)")
        #expect(starts == reference.starts, "\(text.debugDescription)")
        // The block texts are slices of the text, at its own indices.
        #expect(blocks.allSatisfy { $0.text.base == text }, "\(text.debugDescription)")
        return blocks == reference.blocks && tokens == reference.tokens && starts == reference.starts
    }

    @Test("random texts: blocks, keys and collected tokens are those of tokenizing each block on its own")
    func randomTexts() {
        var generator = SplitMix64(seed: 31)
        // One buffer for every text, as a scan's worker reuses it: nothing may leak from one text to the next.
        var tokens = TokenizedText()
        var starts: [Int] = []
        for _ in 0..<3_000 {
            let text = Self.randomText(&generator)
            if !Self.check(splitter, text, tokens: &tokens, starts: &starts) { return }
        }
    }

    @Test(
        "edge cases: empty, blank, CRLF, wire copy, a joiner or a mark at a block's edge",
        arguments: [
            "", "\n", "\r\n", "   \n\t\n", "a", "a\r", "\r", "one\r\ntwo\r\n\r\nthree",
            "  Para one starts\nand goes on.\n  Para two\ncontinues\n  Para three", "1,\n200", "don'\nt", "3.\n5",
            "e\n\u{301}x", "\u{301}", "東京\n日本", "word \u{A0}\nnext", "Latest News from X\n\nhttps://x.example/a",
            String(repeating: "x", count: 5_000) + "\n" + String(repeating: "9", count: 3_000),
        ])
    func edgeCases(_ text: String) {
        var tokens = TokenizedText()
        var starts: [Int] = []
        _ = Self.check(splitter, text, tokens: &tokens, starts: &starts)
    }

    @Test("the public entry points give the same blocks")
    func publicEntryPoints() {
        var generator = SplitMix64(seed: 5)
        var scratch = TokenizedText()
        for _ in 0..<300 {
            let text = Self.randomText(&generator)
            let reference = Self.referenceBlocks(text)
            #expect(splitter.blocks(of: text) == reference.blocks)
            #expect(splitter.blocks(of: text, scratch: &scratch) == reference.blocks)
        }
    }

    @Test("tokenizing texts one after another into one buffer is appending their own tokens")
    func tokenizeAppending() {
        var generator = SplitMix64(seed: 11)
        let tokenizer = Tokenizer()
        for _ in 0..<1_000 {
            var appended = TokenizedText()
            var reference = TokenizedText()
            for _ in 0..<Int(generator.next() % 5) {
                // Pieces ending in a joiner ("1,", "don'") or starting with a mark test that no state carries over.
                var piece = TextTokenizerSpanTests.randomText(&generator)
                if generator.next() % 3 == 0 { piece += ["1,", "a'", "3.", "x"][Int(generator.next() % 4)] }
                var bytes = piece
                bytes.withUTF8 { tokenizer.tokenize(appending: $0, to: &appended) }
                let own = tokenizer.tokenize(piece)
                reference.append(own, tokens: 0..<own.count)
            }
            #expect(appended == reference)
            if appended != reference { return }
        }
    }
    @Test("the detector reads a short block's words from the collected tokens exactly as from tokenizing it")
    func detectorWithTokens() {
        let detector = BoilerplateDetector()
        let corpus = BoilerplateCorpus.shared
        var tokens = TokenizedText()
        var starts: [Int] = []
        var texts = corpus.pages.map { ($0.text, $0.article.site) }
        // Short lines of chrome with and without addresses, between lines of prose.
        let chrome = [
            "Latest News from Harbor Gazette", "Share this story: Facebook | X | Email", "By Jane Doe, staff writer",
            "Monday, March 5, 2026", "Read the full story at https://x.example/a", "More at www.site.example today",
            "Advertisement", "Copyright 2026 Harbor Gazette. All rights reserved.", "Related stories",
            "http://a.example b c", "Follow us on Twitter", "(Reporting by A; Editing by B)", "Updated 10:30 am",
        ]
        var generator = SplitMix64(seed: 17)
        for _ in 0..<300 {
            var lines: [String] = []
            for _ in 0..<Int(generator.next() % 10) {
                lines.append(
                    generator.next() % 2 == 0
                        ? chrome[Int(generator.next() % UInt64(chrome.count))] : Self.randomText(&generator))
            }
            texts.append((lines.joined(separator: "\n"), generator.next() % 2 == 0 ? "Harbor Gazette" : nil))
        }
        for (text, site) in texts {
            let blocks = splitter.blocks(of: text, collecting: &tokens, tokenStarts: &starts)
            for statistics in [corpus.statistics, BoilerplateStatistics()] {
                let plain = detector.analyze(blocks, site: site, statistics: statistics)
                let withTokens = detector.analyze(blocks, tokens: (tokens, starts), site: site, statistics: statistics)
                #expect(withTokens == plain, "\(text.debugDescription)")
            }
        }
    }

    @Test("the cue-word filter lets through every line that has a cue, and rules out lines of other words")
    func cueWordFilter() {
        let tokenizer = Tokenizer()
        for word in CuePhrases.cueWords {
            let tokens = tokenizer.tokenize(word)
            #expect(CuePhrases.mayHaveCue(tokens, 0..<tokens.count, text: word[...]), "\(word)")
        }
        let otherWords = [
            "the", "news", "from", "harbor", "gazette", "stories", "for", "of", "us", "up", "full", "story", "here",
            "2026", "10", "30", "jane", "doe", "council", "home", "business", "events", "©", "rights", "reserved",
            "a", "p", "m", "at", "on", "ago", "hours", "content", "picks", "like", "also", "pipeline", "halts", "lake",
        ]
        let words = Array(CuePhrases.cueWords).sorted() + otherWords
        var random = SplitMix64(seed: 13)
        for _ in 0..<20_000 {
            let count = Int(random.next() % 6) + 1
            let line = (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
            let tokens = tokenizer.tokenize(line)
            let site = random.next() % 2 == 0 ? "Harbor Gazette" : nil
            if CuePhrases.cue(tokens: tokens.tokens, text: line[...], site: site) != nil {
                #expect(CuePhrases.mayHaveCue(tokens, 0..<tokens.count, text: line[...]), "\(line)")
            }
        }
        // Lines of other words (no "©") are mostly ruled out: the filter spares work, not only answers true.
        let plainWords = otherWords.filter { !CuePhrases.cueWords.contains($0) && $0 != "©" }
        var ruledOut = 0
        for _ in 0..<2_000 {
            let count = Int(random.next() % 6) + 1
            let line = (0..<count).map { _ in plainWords[Int(random.next() % UInt64(plainWords.count))] }
                .joined(separator: " ")
            let tokens = tokenizer.tokenize(line)
            #expect(CuePhrases.cue(tokens: tokens.tokens, text: line[...]) == nil)
            if !CuePhrases.mayHaveCue(tokens, 0..<tokens.count, text: line[...]) { ruledOut += 1 }
        }
        #expect(ruledOut > 1_000)
    }
}
