/// A block removed from a document, and why.
public struct RemovedBlock: Sendable, Hashable {
    /// The 1-based first line of the block in the input `text`.
    public var firstLine: Int
    /// The 1-based last line.
    public var lastLine: Int
    /// The rule that removed it.
    public var reason: BoilerplateReason
    /// A few words on the evidence ("in 9 of 9 stories of Harbor Gazette", "list header").
    public var detail: String
}

/// What boilerplate detection found in one document.
public struct BoilerplateAnalysis: Sendable, Hashable {
    /// The removed blocks, in text order.
    public var removed: [RemovedBlock]
    /// The blocks that remain: the story.
    public var content: [TextBlock]
    /// The origin the document names in a syndication notice, copyright line or wire dateline, if any.
    public var attribution: String?

    /// The story text: the content blocks joined by "\n".
    public var contentText: String {
        content.map { String($0.text) }.joined(separator: "\n")
    }

    /// `text` without the removed lines (every other line, blank ones included, kept as it was).
    public func cleanedText(_ text: String) -> String {
        guard !removed.isEmpty else { return text }
        var isRemoved = [Bool](repeating: false, count: (removed.map(\.lastLine).max() ?? 0) + 1)
        for block in removed where block.firstLine <= block.lastLine {
            for line in block.firstLine...block.lastLine { isRemoved[line] = true }
        }
        // The kept lines' bytes joined by line feeds: lines split at line feeds are whole UTF-8 sequences.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var first = true
        for (offset, line) in text.lineSlices().enumerated()
        where offset + 1 >= isRemoved.count || !isRemoved[offset + 1] {
            if !first { bytes.append(0x0A) }
            first = false
            if line.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: line.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Finds the blocks of a document that belong to its site rather than its story.
///
/// The rules, each reported as its own ``BoilerplateReason``:
/// - **repeated**: the block is in enough of the site's distinct stories (``BoilerplateRules/repeatedThreshold(stories:)``);
///   a document's own lead is never removed this way unless it leads that many stories.
/// - **attribution**: a syndication or copyright notice; its origin becomes the document's attribution.
/// - **leading run**: from the top, blocks that are repeated, notices or cue phrases (bylines, datelines, share
///   prompts), with short blocks between them, up to the first paragraph of the story.
/// - **trailing run**: from the bottom, the maximal run of repeated blocks, notices, cue phrases and teasers. A
///   bare list header ("Latest News from X") bridges the items below it, however new they are, when the story above
///   is longer than the list or most items have been seen on other pages; other marks bridge only short blocks or
///   blocks seen elsewhere. The run never reaches the document's lead.
/// - **teaser**: in the trailing run, a paragraph that is the lead of another story of the corpus or index.
public struct BoilerplateDetector: Sendable {
    /// The thresholds.
    public let rules: BoilerplateRules
    private let tokenizer = Tokenizer()

    /// A detector with `rules`.
    public init(rules: BoilerplateRules = .standard) {
        self.rules = rules
    }

    private struct BlockFacts {
        var repeated = false
        var storyCount = 0
        var cue: CueKind?
        var notice: AttributionParser.Finding?
        var teaser = false
        var isParagraph = false
        var continuesSentence = false
    }

    /// Analyzes one document's blocks against what is known of its site.
    /// - Parameters:
    ///   - blocks: the document's blocks (see ``BlockSplitter``).
    ///   - site: the document's site, used to read its statistics and to tell a foreign origin from its own.
    ///   - statistics: what the corpus or index has learned; empty statistics leave only cue phrases and notices.
    public func analyze(_ blocks: [TextBlock], site: String?, statistics: BoilerplateStatistics)
        -> BoilerplateAnalysis
    {
        analyze(blocks, tokens: nil, site: site, statistics: statistics)
    }

    /// Analyzes one document's blocks, given their tokens as
    /// ``BlockSplitter/blocks(of:collecting:tokenStarts:)`` collects them (`starts[i]` is the index of block i's
    /// first token in `all`): a short block's words are read from them rather than tokenizing the block again. The
    /// result is the same as without them, and the same with any `statistics` that give the same counts.
    func analyze<Counts: BlockCounts>(
        _ blocks: [TextBlock], tokens: (all: TokenizedText, starts: [Int])?, site: String?, statistics: Counts
    ) -> BoilerplateAnalysis {
        var memo = ShortBlockMemo()
        return analyze(blocks, tokens: tokens, site: site, statistics: statistics, memo: &memo)
    }

    /// Analyzes one document's blocks as ``analyze(_:tokens:site:statistics:)`` does, reading and filling `memo`
    /// with what short blocks' texts say (when `tokens` are given): the result is the same, whatever `memo` holds.
    func analyze<Counts: BlockCounts>(
        _ blocks: [TextBlock], tokens: (all: TokenizedText, starts: [Int])?, site: String?, statistics: Counts,
        memo: inout ShortBlockMemo
    ) -> BoilerplateAnalysis {
        guard rules.isEnabled, !blocks.isEmpty else {
            return BoilerplateAnalysis(removed: [], content: blocks, attribution: nil)
        }
        let siteStatistics = statistics.site(site)
        let stories = siteStatistics?.stories ?? 0
        let threshold = rules.repeatedThreshold(stories: stories)
        let ownLead = BoilerplateStatistics.lead(of: blocks)?.key
        var facts = [BlockFacts](repeating: BlockFacts(), count: blocks.count)
        var attribution: String?
        var datelineOrigins = [String?](repeating: nil, count: blocks.count)
        var scratch = TokenizedText()
        let memoSeed = ShortBlockMemo.seed(site: site, rules: rules)
        statistics.prefetch(blocks.lazy.map(\.key), site: siteStatistics)

        for (index, block) in blocks.enumerated() where block.hasWords {
            var fact = BlockFacts()
            fact.isParagraph = block.tokenCount >= BoilerplateRules.paragraphTokens
            fact.storyCount = siteStatistics?.stories(containing: block.key) ?? 0
            // A block that continues the sentence of the block above is story text: it is never a mark, whatever
            // its counts or words. It continues when it starts in lowercase, or when the block above is a line of
            // running text (a paragraph's length, not chrome) that stops without ending its sentence: hard-wrapped
            // copy. Short lines without punctuation above it (a site's header, a byline) do not count.
            let continuesSentence =
                BoilerplateDetector.startsLowercase(block.text)
                || (index > 0 && blocks[index - 1].tokenCount >= BoilerplateRules.paragraphTokens
                    && !BoilerplateDetector.endsSentence(blocks[index - 1].text)
                    && facts[index - 1].cue == nil && facts[index - 1].notice == nil && !facts[index - 1].repeated)
            fact.continuesSentence = continuesSentence
            if stories >= rules.minimumRepeatedStories && fact.storyCount >= threshold {
                let isOwnLead = block.key == ownLead && statistics.leadCount(block.key) < threshold
                fact.repeated = !isOwnLead && !continuesSentence
            }
            // The cue and the notice depend on the block's text alone (and the site): a short block's are looked up
            // in the memo first, since chrome lines recur on every page of a site.
            let finding: AttributionParser.Finding?
            if let tokens, block.tokenCount <= AttributionParser.noticeMaximumTokens {
                let (known, slot, key, length) = memo.facts(of: block.text, seed: memoSeed)
                var facts =
                    known
                    ?? ShortBlockMemo.Facts(
                        finding: AttributionParser.parse(block.text, tokenCount: block.tokenCount), cue: nil,
                        cueKnown: false)
                let missing = known == nil || (!continuesSentence && !facts.cueKnown)
                if !continuesSentence && !facts.cueKnown {
                    facts.cue = cue(of: block, at: index, tokens: tokens, site: site, scratch: &scratch)
                    facts.cueKnown = true
                }
                if missing { memo.store(facts, slot: slot, key: key, length: length) }
                if !continuesSentence { fact.cue = facts.cue }
                finding = facts.finding
            } else {
                if !continuesSentence {
                    fact.cue = cue(of: block, at: index, tokens: tokens, site: site, scratch: &scratch)
                }
                finding = AttributionParser.parse(block.text, tokenCount: block.tokenCount)
            }
            if let finding {
                if finding.isNotice {
                    fact.notice = finding
                    if attribution == nil, let origin = finding.origin,
                        !finding.isCopyright || site.map({ !SiteName.same($0, origin) }) ?? true
                    {
                        attribution = origin
                    }
                } else {
                    datelineOrigins[index] = finding.origin
                }
            }
            fact.teaser = fact.isParagraph && block.key != ownLead && statistics.leadCount(block.key) > 0
            facts[index] = fact
        }

        // A short repeated label ("Year", "Nine mths") inside running content is a table's row label; it is chrome
        // only at an edge of the page or next to other chrome.
        let isChrome = facts.map { $0.repeated || $0.cue != nil || $0.notice != nil }
        for index in blocks.indices where facts[index].repeated && blocks[index].tokenCount <= 3 {
            let atEdge = index == 0 || index == blocks.count - 1
            let besideChrome = (index > 0 && isChrome[index - 1]) || (index + 1 < blocks.count && isChrome[index + 1])
            if !atEdge && !besideChrome { facts[index].repeated = false }
        }

        var reasons = [BoilerplateReason?](repeating: nil, count: blocks.count)
        var details = [String](repeating: "", count: blocks.count)
        let siteLabel = site ?? BoilerplateStatistics.unknownSite
        func mark(_ index: Int, _ reason: BoilerplateReason, _ detail: String) {
            if reasons[index] == nil {
                reasons[index] = reason
                details[index] = detail
            }
        }
        func markEvidence(_ index: Int, inRun: Bool, bridged: BoilerplateReason) {
            let fact = facts[index]
            if inRun && fact.teaser {
                mark(index, .teaser, memo.teaserDetail(leads: statistics.leadCount(blocks[index].key)))
            } else if fact.notice != nil {
                mark(index, .attribution, fact.notice?.isCopyright == true ? "copyright notice" : "syndication notice")
            } else if fact.repeated {
                mark(
                    index, .repeated,
                    memo.repeatedDetail(storyCount: fact.storyCount, stories: stories, site: siteLabel, seed: memoSeed))
            } else if inRun, let cue = fact.cue {
                mark(index, .cuePhrase, cue.rawValue)
            } else if inRun {
                mark(index, bridged, bridged == .trailingRun ? "inside the trailing run" : "inside the leading run")
            }
        }

        // The story's first paragraph, which no run may take.
        let leadIndex = blocks.indices.first {
            facts[$0].isParagraph && !facts[$0].repeated && facts[$0].notice == nil && facts[$0].cue == nil
        }

        // Leading run: at most `maximumLeadingBlocks` blocks, bridging at most two unmarked ones in a row.
        var lastLeadingMark = -1
        var unmarked = 0
        for index in blocks.indices.prefix(leadIndex == nil ? 0 : BoilerplateDetector.maximumLeadingBlocks) {
            if index == leadIndex { break }
            let fact = facts[index]
            if fact.repeated || fact.notice != nil || fact.cue != nil {
                lastLeadingMark = index
                unmarked = 0
            } else if fact.isParagraph {
                break
            } else {
                unmarked += 1
                if unmarked > 2 { break }
            }
        }
        if lastLeadingMark >= 0 {
            for index in 0...lastLeadingMark { markEvidence(index, inRun: true, bridged: .leadingRun) }
        }

        // Trailing run.
        var runStart = blocks.count
        var gap: [Int] = []
        var index = blocks.count - 1
        while index > lastLeadingMark && index != leadIndex {
            let fact = facts[index]
            // A date line marks the top of a page; at the bottom it is a table's header row.
            let isMark =
                fact.repeated || fact.notice?.isNotice == true || (fact.cue != nil && fact.cue != .dateline)
                || fact.teaser
            if isMark {
                if !gap.isEmpty && !canBridge(gap, under: index, blocks: blocks, facts: facts) { break }
                runStart = index
                gap.removeAll()
            } else {
                gap.append(index)
                if gap.count > rules.maximumListItems { break }
            }
            index -= 1
        }
        if runStart < blocks.count {
            for index in runStart..<blocks.count { markEvidence(index, inRun: true, bridged: .trailingRun) }
        }

        // Repeated blocks and notices anywhere else.
        for index in blocks.indices where reasons[index] == nil {
            markEvidence(index, inRun: false, bridged: .trailingRun)
        }

        var removed: [RemovedBlock] = []
        var content: [TextBlock] = []
        for (index, block) in blocks.enumerated() {
            if let reason = reasons[index] {
                removed.append(
                    RemovedBlock(
                        firstLine: block.firstLine, lastLine: block.lastLine, reason: reason, detail: details[index]))
            } else {
                content.append(block)
            }
        }
        // A wire dateline names the page's origin only when it opens a paragraph of the story itself, not a teaser.
        let datelineOrigin = blocks.indices.lazy.compactMap { reasons[$0] == nil ? datelineOrigins[$0] : nil }.first
        return BoilerplateAnalysis(removed: removed, content: content, attribution: attribution ?? datelineOrigin)
    }

    /// The cue phrase `block` (block `index` of the page) carries, if it is short enough to be one or holds a web
    /// address; `tokens` are the page's blocks' tokens, if known.
    private func cue(
        of block: TextBlock, at index: Int, tokens: (all: TokenizedText, starts: [Int])?, site: String?,
        scratch: inout TokenizedText
    ) -> CueKind? {
        guard
            block.tokenCount <= rules.cueMaximumTokens || block.text.utf8.containsBytes("://")
                || block.text.utf8.containsBytes("www.")
        else { return nil }
        // Addresses are not words: "Read the full story at https://…" is a four-word notice. Without one, the
        // block's own tokens are its words.
        var words: [String]?
        if let tokens, !CuePhrases.mayHaveAddress(block.text) {
            let range = tokens.starts[index]..<(tokens.starts[index] + block.tokenCount)
            if block.tokenCount <= rules.cueMaximumTokens && CuePhrases.mayHaveCue(tokens.all, range, text: block.text)
            {
                words = tokens.all.tokens(range)
            }
        } else {
            tokenizer.tokenize(CuePhrases.withoutAddresses(block.text), into: &scratch)
            if scratch.count <= rules.cueMaximumTokens { words = scratch.tokens }
        }
        return words.map { CuePhrases.cue(tokens: $0, text: block.text, site: site) } ?? nil
    }

    /// Chrome above a story is a few lines (navigation, byline, dateline, prompt); a longer run of short lines at
    /// the top is the story's own table or list.
    static let maximumLeadingBlocks = 8

    /// Whether a line starts with a lowercase letter: the continuation of a hard-wrapped sentence.
    static func startsLowercase(_ text: Substring) -> Bool {
        // An ASCII character followed by an ASCII byte is a whole character: no need for grapheme breaking.
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            var index = 0
            while index < bytes.count && isASCIIWhitespace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return false }
            let byte = bytes[index]
            guard byte < 0x80, index + 1 == bytes.count || bytes[index + 1] < 0x80 else { return nil }
            return byte >= 0x61 && byte <= 0x7A
        }
        if let fast, let result = fast { return result }
        return text.first(where: { !$0.isWhitespace })?.isLowercase ?? false
    }

    /// Whether a line ends a sentence, so the next line starts something new.
    static func endsSentence(_ text: Substring) -> Bool {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            var index = bytes.count - 1
            while index >= 0 && isASCIIWhitespace(bytes[index]) { index -= 1 }
            guard index >= 0 else { return true }
            let byte = bytes[index]
            guard byte < 0x80, index == 0 || bytes[index - 1] < 0x80 else { return nil }
            switch byte {
            case 0x2E, 0x21, 0x3F, 0x3A, 0x3B, 0x22, 0x27, 0x29, 0x5D: return true
            default: return false
            }
        }
        if let fast, let result = fast { return result }
        guard let last = text.last(where: { !$0.isWhitespace }) else { return true }
        return ".!?:;\"”’')]".contains(last)
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space: the ASCII characters that are whitespace.
    @inline(__always)
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Whether the unmarked blocks `gap` (below `header`) belong to the trailing run.
    private func canBridge(_ gap: [Int], under header: Int, blocks: [TextBlock], facts: [BlockFacts]) -> Bool {
        // A block that continues the sentence of the block above it is story text, whatever is below it.
        if gap.contains(where: { facts[$0].continuesSentence }) { return false }
        let seenElsewhere = gap.filter { facts[$0].isParagraph && facts[$0].storyCount >= 2 }.count
        // Rotating chrome seen on other pages bridges; so do one or two short lines without figures (a tag line),
        // but not more: a longer run of short lines, or a line with figures, is the story's table.
        if gap.allSatisfy({ facts[$0].isParagraph && facts[$0].storyCount >= 2 }) { return true }
        if gap.count <= 2
            && gap.allSatisfy({
                (!facts[$0].isParagraph || facts[$0].storyCount >= 2)
                    && !blocks[$0].text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
            })
        {
            return true
        }
        guard facts[header].cue == .listHeader, gap.count <= rules.maximumListItems else { return false }
        let storyTokens = blocks[..<header].reduce(0) { $0 + $1.tokenCount }
        let listTokens = gap.reduce(0) { $0 + blocks[$1].tokenCount }
        return storyTokens >= listTokens || seenElsewhere * 2 >= gap.count
    }
}
