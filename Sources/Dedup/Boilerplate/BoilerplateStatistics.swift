/// What a corpus or an index has learned about each site's blocks: in how many distinct stories each normalized
/// block occurs, and which blocks are the leads of stories.
///
/// Counts are by *story*, not by page: pages of a site whose two longest blocks are the same (a reprint, a page
/// fetched twice) count once, so a story reprinted five times on one site does not make its own paragraphs look like site
/// chrome. Statistics grow one document at a time (``add(_:site:)``), so an index can keep learning as articles
/// arrive, and they are `Codable` so they can be saved and loaded.
///
/// The site of a document is its `source`, else its URL's host (see ``Article/site``); documents with neither share
/// the pseudo-site ``unknownSite``.
public struct BoilerplateStatistics: Sendable, Codable, Hashable {
    /// The pseudo-site of documents with neither a source nor a URL.
    public static let unknownSite = "(unknown)"

    /// Per-site block counts, by site name as given.
    public private(set) var sites: [String: SiteStatistics] = [:]
    /// For each block key, the number of distinct stories (over all sites) whose lead it is.
    public private(set) var leads: [UInt64: UInt32] = [:]

    /// Empty statistics.
    public init() {}

    /// The statistics of `site` (nil for ``unknownSite``'s documents too), if any of its documents was added.
    public func site(_ site: String?) -> SiteStatistics? {
        sites[site ?? Self.unknownSite]
    }

    /// The number of distinct stories whose lead block has `key`.
    public func leadCount(_ key: UInt64) -> Int {
        Int(leads[key] ?? 0)
    }

    /// Counts one document's blocks. Returns false when the document repeats a story already counted for its site
    /// (same longest block), which then changes nothing.
    @discardableResult
    public mutating func add(_ blocks: [TextBlock], site: String?) -> Bool {
        guard let story = BoilerplateStatistics.storyKey(of: blocks) else { return false }
        // Mutated in place: copying a site's dictionaries out and back would cost their whole size per document.
        guard sites[site ?? Self.unknownSite, default: SiteStatistics()].add(blocks, story: story) else {
            return false
        }
        if let lead = BoilerplateStatistics.lead(of: blocks) {
            leads[lead.key, default: 0] += 1
        }
        return true
    }

    /// Sets the statistics of the site `name` (see ``BoilerplateLearner``).
    mutating func setSite(_ name: String, _ statistics: SiteStatistics) {
        sites[name] = statistics
    }

    /// Sets the lead counts (see ``BoilerplateLearner``).
    mutating func setLeads(_ leads: [UInt64: UInt32]) {
        self.leads = leads
    }

    /// What identifies a story: its two longest blocks (the first of equals), so that pages of one story (reprints)
    /// share it while a long disclaimer on every page of a site does not merge its stories; nil without words.
    static func storyKey(of blocks: [TextBlock]) -> UInt64? {
        var first: TextBlock?
        var second: TextBlock?
        for block in blocks where block.hasWords {
            if block.tokenCount > (first?.tokenCount ?? 0) {
                second = first
                first = block
            } else if block.tokenCount > (second?.tokenCount ?? 0) {
                second = block
            }
        }
        guard let first else { return nil }
        guard let second else { return first.key }
        let (low, high) = first.key < second.key ? (first.key, second.key) : (second.key, first.key)
        return SplitMix64.mix(low ^ SplitMix64.mix(high))
    }

    /// A document's lead: its first block longer than any cue line (a byline or a header), so a paragraph of the
    /// story.
    static func lead(of blocks: [TextBlock]) -> TextBlock? {
        blocks.first { $0.tokenCount > BoilerplateRules.standard.cueMaximumTokens }
    }
}

/// One site's block counts.
public struct SiteStatistics: Sendable, Codable, Hashable {
    /// The number of distinct stories counted.
    public internal(set) var stories = 0
    /// For each block key, the number of distinct stories of the site containing it.
    public internal(set) var blockStories: [UInt64: UInt32] = [:]
    /// The text of each block seen in at least two stories (for people reviewing what was learned).
    public internal(set) var samples: [UInt64: String] = [:]
    var storyKeys = Set<UInt64>()

    /// The number of distinct stories of the site containing a block with `key`.
    public func stories(containing key: UInt64) -> Int {
        Int(blockStories[key] ?? 0)
    }

    mutating func add(_ blocks: [TextBlock], story: UInt64) -> Bool {
        guard storyKeys.insert(story).inserted else { return false }
        stories += 1
        for block in Self.distinctBlocks(blocks) {
            // One lookup to count (the dictionary's in-place accessor), a second only for the sample.
            let count = Self.increment(&blockStories[block.key, default: 0])
            if count == 2 { samples[block.key] = String(block.text) }
        }
        return true
    }

    /// What a story counts once: the first block with each key among the blocks with words, in text order.
    static func distinctBlocks(_ blocks: [TextBlock]) -> [TextBlock] {
        var distinct: [TextBlock] = []
        distinct.reserveCapacity(blocks.count)
        // A page has a few tens of blocks, whose keys are compared with the ones kept; a set only for a long page.
        var seen = blocks.count > linearDistinctLimit ? Set<UInt64>() : nil
        for block in blocks where block.hasWords {
            if seen != nil {
                if !seen!.insert(block.key).inserted { continue }
            } else if distinct.contains(where: { $0.key == block.key }) {
                continue
            }
            distinct.append(block)
        }
        return distinct
    }

    /// Pages with at most this many blocks find repeated blocks by comparing keys, not with a set.
    static let linearDistinctLimit = 48

    @inline(__always)
    private static func increment(_ count: inout UInt32) -> UInt32 {
        count += 1
        return count
    }
}

extension SiteStatistics {
    /// A block as learned for a site: its text and the number of distinct stories it is in.
    public struct LearnedBlock: Sendable, Hashable {
        /// The block's text as first seen on a second story.
        public var text: String
        /// The number of distinct stories of the site containing it.
        public var stories: Int

        /// A learned block from its parts.
        public init(text: String, stories: Int) {
            self.text = text
            self.stories = stories
        }
    }

    /// The blocks seen in at least `minimumStories` (≥ 2) distinct stories, most frequent first, then by text.
    public func learnedBlocks(minimumStories: Int = 2) -> [LearnedBlock] {
        samples.compactMap { key, text -> LearnedBlock? in
            let count = stories(containing: key)
            return count >= max(2, minimumStories) ? LearnedBlock(text: text, stories: count) : nil
        }.sorted { ($0.stories, $1.text) > ($1.stories, $0.text) }
    }
}

/// What one document adds to a site's statistics, in a form a persistent store can apply with counters: the story
/// it belongs to, its distinct blocks (with their text, for review) and its lead.
///
/// A store keeps, per site, the set of story keys seen and, per block key, the number of distinct stories
/// containing it; a contribution whose story is already known to its site changes nothing (as in
/// ``BoilerplateStatistics/add(_:site:)``).
public struct BoilerplateContribution: Sendable, Hashable {
    /// One distinct block of the document.
    public struct Block: Sendable, Hashable {
        /// The block key (see ``TextBlock/key``).
        public var key: UInt64
        /// The block's text as it came in.
        public var text: String
    }

    /// The site, ``BoilerplateStatistics/unknownSite`` for documents with neither source nor URL.
    public var site: String
    /// The story key: documents of one site with the same key count once.
    public var story: UInt64
    /// The document's distinct blocks with words, in text order.
    public var blocks: [Block]
    /// The key of the document's lead block, if it has one.
    public var lead: UInt64?

    /// The contribution of a document's blocks, or nil when it has no words.
    public init?(blocks: [TextBlock], site: String?) {
        guard let story = BoilerplateStatistics.storyKey(of: blocks) else { return nil }
        self.site = site ?? BoilerplateStatistics.unknownSite
        self.story = story
        self.blocks = SiteStatistics.distinctBlocks(blocks).map { Block(key: $0.key, text: String($0.text)) }
        self.lead = BoilerplateStatistics.lead(of: blocks)?.key
    }
}

extension BoilerplateStatistics {
    /// A partial view of learned statistics, as a store reads it for one document: the site's story count and the
    /// counts of just the blocks the document has. Detection reads nothing else, so analyzing the document against
    /// this view gives the same result as against the full statistics.
    /// - Parameters:
    ///   - site: the document's site (nil for ``unknownSite``).
    ///   - stories: the number of distinct stories counted for the site.
    ///   - blockStories: for block keys of the document, the number of the site's stories containing each.
    ///   - leads: for block keys of the document, the number of stories (any site) whose lead each is.
    public init(site: String?, stories: Int, blockStories: [UInt64: Int], leads: [UInt64: Int]) {
        self.init()
        if stories > 0 || !blockStories.isEmpty {
            var statistics = SiteStatistics()
            statistics.stories = stories
            statistics.blockStories = blockStories.mapValues { UInt32(clamping: $0) }
            sites[site ?? Self.unknownSite] = statistics
        }
        self.leads = leads.filter { $0.value > 0 }.mapValues { UInt32(clamping: $0) }
    }
}
