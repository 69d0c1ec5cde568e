import Testing

@testable import Dedup

/// The byte paths of short-block detection, each held to the plain path it stands for: the memo of short blocks'
/// facts, the eight-bytes-at-a-time notice-word filter and the ASCII dateline rule.
@Suite("Boilerplate short-block memo and byte paths")
struct BoilerplateShortBlockMemoTests {
    /// Pages whose short lines the memo must not mix up: the same line on two sites (a header naming one of them),
    /// the same line continuing a sentence on one page and standing alone on the next, notices and datelines.
    static let handMadePages: [(text: String, site: String?)] = {
        let story = BoilerplateCorpus.extraStory(1).paragraphs
        let header = "Latest news — Worthy News"
        let prompt = "share this story on facebook"
        return [
            ((story + [header] + story.prefix(2)).joined(separator: "\n"), "Worthy News"),
            ((story + [header] + story.prefix(2)).joined(separator: "\n"), "Harbor Gazette"),
            ((story + [header] + story.prefix(2)).joined(separator: "\n"), nil),
            ([story[0] + " and the council said", prompt, story[1]].joined(separator: "\n"), "Harbor Gazette"),
            ([prompt, story[0], story[1], prompt].joined(separator: "\n"), "Harbor Gazette"),
            (
                ["CALDER CITY, March 5 (Northline Wire) - " + story[0], story[1],
                 "This article was originally published on Northline Wire.", "© 2026 Harbor Gazette"]
                    .joined(separator: "\n"), "Harbor Gazette"
            ),
            (["Read the full story at https://www.example.com/a/b", story[0], prompt].joined(separator: "\n"), nil),
        ]
    }()

    @Test("one memo across pages, sites and rules gives each page the analysis it gets with an empty memo")
    func memoChangesNothing() throws {
        let generated = try GeneratorTestCorpus.standard.get()
        var pages = generated.articles.map { ($0.text, $0.site) }
        pages += BoilerplateCorpus.shared.pages.map { ($0.text, $0.article.site) }
        pages += Self.handMadePages
        let splitter = BlockSplitter()
        var statistics = BoilerplateStatistics()
        for (text, site) in pages { statistics.add(splitter.blocks(of: text), site: site) }
        var fewerCueWords = BoilerplateRules.standard
        fewerCueWords.cueMaximumTokens = 4
        var memo = ShortBlockMemo()
        var differing: [String] = []
        // Each page twice, in turn, so that the second round reads the facts of the first from the memo.
        for round in 0..<2 {
            for rules in [BoilerplateRules.standard, fewerCueWords] {
                let detector = BoilerplateDetector(rules: rules)
                for (number, (text, site)) in pages.enumerated() {
                    var tokens = TokenizedText()
                    var starts: [Int] = []
                    let blocks = splitter.blocks(of: text, collecting: &tokens, tokenStarts: &starts)
                    var empty = ShortBlockMemo()
                    let expected = detector.analyze(
                        blocks, tokens: (tokens, starts), site: site, statistics: statistics, memo: &empty)
                    let actual = detector.analyze(
                        blocks, tokens: (tokens, starts), site: site, statistics: statistics, memo: &memo)
                    if actual != expected { differing.append("round \(round), page \(number), site \(site ?? "-")") }
                }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        // The memo was used: most short lines of the second round were found in it.
        #expect(memo.hits > memo.misses)
    }

    @Test("the header naming the page's own site is chrome there, and the memo keeps that to its site")
    func siteDecidesTheHeader() throws {
        let splitter = BlockSplitter()
        let detector = BoilerplateDetector()
        var memo = ShortBlockMemo()
        var cues: [String?: Int] = [:]
        for (text, site) in Self.handMadePages.prefix(3) {
            var tokens = TokenizedText()
            var starts: [Int] = []
            let blocks = splitter.blocks(of: text, collecting: &tokens, tokenStarts: &starts)
            let analysis = detector.analyze(
                blocks, tokens: (tokens, starts), site: site, statistics: BoilerplateStatistics(), memo: &memo)
            cues[site] = analysis.removed.count { $0.reason == .cuePhrase && $0.detail == CueKind.listHeader.rawValue }
        }
        // The line is the same on the three pages; only on Worthy News is it a header.
        #expect(cues["Worthy News"] == 1)
        #expect(cues["Harbor Gazette"] == 0)
        #expect(cues[nil] == 0)
    }

    /// The notice-word filter as a plain byte loop: a word starts at an ASCII letter after a byte that is not one.
    static func mayBeNoticeByBytes(_ bytes: [UInt8]) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA9 { return true }
            if byte == 0x28 && index + 2 < bytes.count && bytes[index + 1] | 0x20 == 0x63 && bytes[index + 2] == 0x29 {
                return true
            }
            guard isLetter(byte), index == 0 || !isLetter(bytes[index - 1]) else { continue }
            for word in AttributionParser.noticeWords where index + word.count <= bytes.count {
                if zip(word, bytes[index...]).allSatisfy({ $0 == $1 | 0x20 }) { return true }
            }
        }
        return false
    }

    /// Random lines made of pieces that start, end or break notice words, at every alignment to eight bytes.
    static func randomLines(count: Int, seed: UInt64, pieces: [String]) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int(random.next() % 24)
            return (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
    }

    @Test("the eight-byte notice-word filter agrees with the byte loop on 30,000 random lines")
    func noticeFilterAgrees() {
        let pieces = [
            " ", "  ", "x", "Source", "source:", "FIRST", "firs", "first", "orig", "originally", "Reproduced",
            "permission", "rights", "copyright", "(c)", "(C)", "(c", "©", "\u{C2}", "é", "É", "—", "1", "2026", ".",
            "-", "'", "courtesy", "syndicated", "distributed", "republished", "reprinted", "ab", "cd", "of", "so", "re",
            "pe", "ri", "co", "sy", "di", "fi", "or", "\t", "ß",
        ]
        var mismatches: [String] = []
        var noticeLines = 0
        for line in Self.randomLines(count: 30_000, seed: 21, pieces: pieces) {
            let expected = Self.mayBeNoticeByBytes(Array(line.utf8))
            if expected { noticeLines += 1 }
            if AttributionParser.mayBeNotice(Substring(line).utf8) != expected { mismatches.append(line) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // Both answers are common, so agreeing means something.
        #expect(noticeLines > 3_000 && noticeLines < 27_000)
    }

    @Test("the ASCII dateline rule agrees with the rule on characters on 30,000 random lines")
    func datelineBytesAgree() {
        let pieces = [
            "CALDER CITY", "Calder City", "calder city", ", ", "March 5 ", "(", ")", "(Northline Wire)",
            "(Reuters)", " - ", "-", " – ", "—", " ", "   ", "\t", "said ", "the ", "e\u{301}", "é", "\r\n", "\r",
            "The ", "A", "x", "WASHINGTON ", "(AP) ", "- ", "12", "long filler words here ",
            "and more filler words to pass the hundredth byte ",
        ]
        var mismatches: [String] = []
        var found = 0
        for line in Self.randomLines(count: 30_000, seed: 22, pieces: pieces) {
            let expected = AttributionParser.datelineOriginByCharacters(Substring(line))
            if expected != nil { found += 1 }
            if AttributionParser.datelineOrigin(Substring(line)) != expected { mismatches.append(line) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(found > 300)
    }
}
