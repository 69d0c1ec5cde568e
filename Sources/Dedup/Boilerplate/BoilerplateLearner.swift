import CXXHash

/// Learns block statistics from a corpus's pages, in input order, with the result of
/// ``BoilerplateStatistics/add(_:site:)`` on each page in turn, for a scan's first reading.
///
/// A scan counts every block of every page on the one thread that also reads the input (the counts depend on the
/// order: a story is counted by its first page, a sample is the text of a block's second story), while the map
/// threads tokenize. In dictionaries, each count cost a hash and a cache miss in a table of millions of keys: at a
/// million documents that was 5 s of the reading thread, which the map threads then waited for. Here each page is
/// prepared on a map thread (its story, lead and distinct block keys, see ``Page``), and the counts live in
/// open-addressing tables keyed by the block keys' own bits (they are XXH3 hashes), whose slots are fetched a few
/// pages ahead. ``statistics`` turns them into ``BoilerplateStatistics``; ``FrozenBlockCounts`` makes detection's
/// tables from them directly, without going through dictionaries.
struct BoilerplateLearner {
    /// What counting needs of one page, made where the page is split.
    struct Page: Sendable {
        /// The site (``BoilerplateStatistics/unknownSite`` for none).
        var site: String
        /// The story key (see ``BoilerplateStatistics/storyKey(of:)``).
        var story: UInt64
        /// The key of the lead block, if any.
        var lead: UInt64?
        /// The first block with each key among the blocks with words, in text order (see
        /// ``SiteStatistics/distinctBlocks(_:)``), and their keys.
        var blocks: [TextBlock]
        var keys: [UInt64]

        /// The page of `blocks` on `site`, or nil when it has no words (it counts nothing).
        init?(blocks: [TextBlock], site: String?) {
            guard let story = BoilerplateStatistics.storyKey(of: blocks) else { return nil }
            self.site = site ?? BoilerplateStatistics.unknownSite
            self.story = story
            lead = BoilerplateStatistics.lead(of: blocks)?.key
            // A block counts once per story, as in ``SiteStatistics/add(_:story:)``.
            self.blocks = SiteStatistics.distinctBlocks(blocks)
            keys = self.blocks.map(\.key)
        }
    }

    /// One site's counts.
    struct Site {
        var stories = 0
        var storyKeys = GrowingKeyCounts()
        var blockStories = GrowingKeyCounts()
        var samples: [UInt64: String] = [:]
    }

    private(set) var sites: [String: Site] = [:]
    private(set) var leads = GrowingKeyCounts()

    /// Counts `pages` in order; the same as adding each page's blocks to ``BoilerplateStatistics`` in turn.
    mutating func add(_ pages: [Page]) {
        for (index, page) in pages.enumerated() {
            if index + Self.prefetchDistance < pages.count { prefetch(pages[index + Self.prefetchDistance]) }
            add(page)
        }
    }

    /// How many pages ahead of the one counted the table slots are fetched.
    static let prefetchDistance = 2

    /// Counts one page.
    mutating func add(_ page: Page) {
        let counted: Bool = modifySite(page.site) { site in
            guard site.storyKeys.increment(page.story) == 1 else { return false }
            site.stories += 1
            for (key, block) in zip(page.keys, page.blocks) where site.blockStories.increment(key) == 2 {
                site.samples[key] = String(block.text)
            }
            return true
        }
        if counted, let lead = page.lead { _ = leads.increment(lead) }
    }

    /// Runs `body` on the counts of `name`, made empty if the site is new, in place.
    private mutating func modifySite<T>(_ name: String, _ body: (inout Site) -> T) -> T {
        body(&sites[name, default: Site()])
    }

    /// Starts fetching the table slots `page` will count.
    private func prefetch(_ page: Page) {
        guard let site = sites[page.site] else { return }
        site.storyKeys.prefetch(page.story)
        for key in page.keys { site.blockStories.prefetch(key) }
    }

    /// The statistics learned, as ``BoilerplateStatistics/add(_:site:)`` on every page would have made them.
    var statistics: BoilerplateStatistics {
        var statistics = BoilerplateStatistics()
        for (name, site) in sites {
            var learned = SiteStatistics()
            learned.stories = site.stories
            learned.blockStories = site.blockStories.dictionary
            learned.samples = site.samples
            learned.storyKeys = Set(minimumCapacity: site.storyKeys.count)
            site.storyKeys.forEach { key, _ in learned.storyKeys.insert(key) }
            statistics.setSite(name, learned)
        }
        statistics.setLeads(leads.dictionary)
        return statistics
    }
}

/// Counts by 64-bit hash keys: linear probing in a power-of-two table kept at most 70% full, indexed by the key's
/// low bits, growing as keys arrive. Keys and counts are in separate arrays so that a probe reads keys only.
struct GrowingKeyCounts {
    /// Zero marks an empty slot; the key 0 keeps its count aside.
    private var keys: [UInt64]
    private var counts: [UInt32]
    private var mask: Int
    private var zeroCount: UInt32 = 0
    /// The number of distinct keys other than 0.
    private var stored = 0

    /// An empty table.
    init() {
        keys = Array(repeating: 0, count: 64)
        counts = Array(repeating: 0, count: 64)
        mask = 63
    }

    /// The number of distinct keys counted.
    var count: Int { stored + (zeroCount > 0 ? 1 : 0) }

    /// Adds one to the count of `key`; returns the new count.
    @inline(__always)
    mutating func increment(_ key: UInt64) -> UInt32 {
        if key == 0 {
            zeroCount += 1
            return zeroCount
        }
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let found = keys[index]
            if found == key {
                counts[index] += 1
                return counts[index]
            }
            if found == 0 { break }
            index = (index &+ 1) & mask
        }
        if (stored + 1) * 10 > (mask + 1) * 7 {
            grow()
            index = Int(truncatingIfNeeded: key) & mask
            while keys[index] != 0 { index = (index &+ 1) & mask }
        }
        keys[index] = key
        counts[index] = 1
        stored += 1
        return 1
    }

    /// The count of `key` (0 if it was never counted).
    func count(_ key: UInt64) -> UInt32 {
        if key == 0 { return zeroCount }
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let found = keys[index]
            if found == key { return counts[index] }
            if found == 0 { return 0 }
            index = (index &+ 1) & mask
        }
    }

    /// A hint that `key` is counted soon: its first key and count slots.
    @inline(__always)
    func prefetch(_ key: UInt64) {
        let index = Int(truncatingIfNeeded: key) & mask
        keys.withUnsafeBufferPointer { dedup_prefetch($0.baseAddress! + index) }
        counts.withUnsafeBufferPointer { dedup_prefetch($0.baseAddress! + index) }
    }

    /// Calls `body` with every key and its count, in no particular order.
    func forEach(_ body: (UInt64, UInt32) -> Void) {
        if zeroCount > 0 { body(0, zeroCount) }
        keys.withUnsafeBufferPointer { keys in
            counts.withUnsafeBufferPointer { counts in
                for index in 0..<keys.count where keys[index] != 0 { body(keys[index], counts[index]) }
            }
        }
    }

    /// The counts as a dictionary.
    var dictionary: [UInt64: UInt32] {
        var dictionary = [UInt64: UInt32](minimumCapacity: count)
        forEach { key, count in dictionary[key] = count }
        return dictionary
    }

    private mutating func grow() {
        let capacity = (mask + 1) * 2
        var grownKeys = [UInt64](repeating: 0, count: capacity)
        var grownCounts = [UInt32](repeating: 0, count: capacity)
        let grownMask = capacity - 1
        for index in 0...mask where keys[index] != 0 {
            var place = Int(truncatingIfNeeded: keys[index]) & grownMask
            while grownKeys[place] != 0 { place = (place &+ 1) & grownMask }
            grownKeys[place] = keys[index]
            grownCounts[place] = counts[index]
        }
        keys = grownKeys
        counts = grownCounts
        mask = grownMask
    }
}
