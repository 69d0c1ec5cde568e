import CXXHash

/// What boilerplate detection reads of learned statistics: per site, the number of stories and in how many of them
/// a block is; over all sites, how many stories a block leads. ``BoilerplateStatistics`` answers from its
/// dictionaries; ``FrozenBlockCounts`` answers the same questions faster, for a scan that asks them for every block
/// of every document.
protocol BlockCounts {
    associatedtype Site: SiteBlockCounts
    /// The counts of `site` (nil for the documents without one), if any of its documents was counted.
    func site(_ site: String?) -> Site?
    /// The number of distinct stories whose lead block has `key`.
    func leadCount(_ key: UInt64) -> Int
    /// A hint that the counts of `keys` (in `site`'s table and the leads') are read next; no effect on results.
    func prefetch(_ keys: some Sequence<UInt64>, site: Site?)
}

extension BlockCounts {
    func prefetch(_ keys: some Sequence<UInt64>, site: Site?) {}
}

/// One site's counts, as boilerplate detection reads them.
protocol SiteBlockCounts {
    /// The number of distinct stories counted.
    var stories: Int { get }
    /// The number of distinct stories containing a block with `key`.
    func stories(containing key: UInt64) -> Int
}

extension BoilerplateStatistics: BlockCounts {}
extension SiteStatistics: SiteBlockCounts {}

/// A read-only copy of ``BoilerplateStatistics`` for detection, in open-addressing tables keyed by the block keys'
/// own bits (they are XXH3 hashes), so that a lookup is one probe sequence in one array, with no hashing.
///
/// A block in a single story of its site is dropped from the site's table when the rules never look at a count
/// below 2 (a block is repeated from ``BoilerplateRules/repeatedThreshold(stories:)`` stories, at least 2 then, and
/// a gap bridges from 2): most blocks are story text seen once, so the tables keep only the few that recur, and
/// detection against them gives exactly the result it gives against the statistics.
struct FrozenBlockCounts: BlockCounts, Sendable {
    struct Site: SiteBlockCounts, Sendable {
        let stories: Int
        let table: KeyCountTable

        func stories(containing key: UInt64) -> Int { table.count(key) }
    }

    private let sites: [String: Site]
    private let leads: KeyCountTable

    /// The counts of `statistics`, for detection with `rules`.
    init(_ statistics: BoilerplateStatistics, rules: BoilerplateRules) {
        let minimum = Self.smallestCountRead(rules)
        sites = statistics.sites.mapValues { site in
            Site(stories: site.stories, table: KeyCountTable(site.blockStories, minimumCount: minimum))
        }
        leads = KeyCountTable(statistics.leads, minimumCount: 1)
    }

    /// The counts `learner` learned, for detection with `rules`: the same as from its ``BoilerplateLearner/statistics``.
    init(_ learner: BoilerplateLearner, rules: BoilerplateRules) {
        let minimum = Self.smallestCountRead(rules)
        sites = learner.sites.mapValues { site in
            Site(stories: site.stories, table: KeyCountTable(site.blockStories, minimumCount: minimum))
        }
        leads = KeyCountTable(learner.leads, minimumCount: 1)
    }

    /// The smallest story count of a block that can change a detection with `rules` (see the type's note).
    static func smallestCountRead(_ rules: BoilerplateRules) -> UInt32 {
        let smallestThreshold = min(rules.sufficientRepeatedStories, rules.minimumRepeatedStories)
        return smallestThreshold >= 2 ? 2 : 1
    }

    func site(_ site: String?) -> Site? {
        sites[site ?? BoilerplateStatistics.unknownSite]
    }

    func leadCount(_ key: UInt64) -> Int {
        leads.count(key)
    }

    /// Starts fetching the filter words of `keys`, then the slots of the keys that pass them: at a million
    /// documents the tables take tens of megabytes, and a page's lookups, fetched together, wait for memory once
    /// rather than once each.
    func prefetch(_ keys: some Sequence<UInt64>, site: Site?) {
        for key in keys {
            site?.table.prefetchFilter(key)
            leads.prefetchFilter(key)
        }
        for key in keys {
            site?.table.prefetchSlot(key)
            leads.prefetchSlot(key)
        }
    }
}

/// An immutable map from 64-bit hash keys to counts: linear probing in a power-of-two table at most half full,
/// indexed by the key's low bits. Keys missing from it count 0.
///
/// Most keys looked up are missing (a story's own paragraphs): a bit per eight slots' worth of keys, indexed by the
/// key's high bits, says so for most of them from a few cache lines, without touching the table.
struct KeyCountTable: Sendable {
    private struct Slot {
        var key: UInt64
        var count: UInt32
    }

    /// Zero marks an empty slot; the key 0 keeps its count aside.
    private let slots: [Slot]
    private let mask: Int
    private let zeroCount: UInt32
    /// Bit `key >> filterShift` is set for every key in the table.
    private let filter: [UInt64]
    private let filterShift: UInt64

    /// The entries of `counts` with a count of at least `minimumCount`.
    init(_ counts: [UInt64: UInt32], minimumCount: UInt32) {
        self.init(minimumCount: minimumCount) { body in
            for (key, count) in counts { body(key, count) }
        }
    }

    /// The entries of `counts` with a count of at least `minimumCount`.
    init(_ counts: GrowingKeyCounts, minimumCount: UInt32) {
        self.init(minimumCount: minimumCount, entries: counts.forEach)
    }

    /// The entries with a count of at least `minimumCount` of those `entries` passes to its argument (each key
    /// once; it is called twice).
    private init(minimumCount: UInt32, entries: ((UInt64, UInt32) -> Void) -> Void) {
        var kept = 0
        entries { _, count in if count >= minimumCount { kept += 1 } }
        var capacity = 16
        while capacity < kept * 2 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(key: 0, count: 0), count: capacity)
        var zeroCount: UInt32 = 0
        let mask = capacity - 1
        // Eight bits per key: about one missing key in nine gets past the filter.
        var filterBits = 64
        while filterBits < kept * 8 { filterBits <<= 1 }
        let filterShift = UInt64(64 - filterBits.trailingZeroBitCount)
        var filter = [UInt64](repeating: 0, count: filterBits / 64)
        entries { key, count in
            guard count >= minimumCount else { return }
            if key == 0 {
                zeroCount = count
                return
            }
            var index = Int(truncatingIfNeeded: key) & mask
            while slots[index].key != 0 { index = (index &+ 1) & mask }
            slots[index] = Slot(key: key, count: count)
            let bit = key >> filterShift
            filter[Int(bit >> 6)] |= 1 << (bit & 63)
        }
        self.slots = slots
        self.mask = mask
        self.zeroCount = zeroCount
        self.filter = filter
        self.filterShift = filterShift
    }

    /// A hint that the filter word of `key` is read soon.
    @inline(__always)
    func prefetchFilter(_ key: UInt64) {
        let bit = key >> filterShift
        filter.withUnsafeBufferPointer { dedup_prefetch($0.baseAddress! + Int(bit >> 6)) }
    }

    /// A hint that the first slot of `key` is read soon, if the filter lets `key` through.
    @inline(__always)
    func prefetchSlot(_ key: UInt64) {
        let bit = key >> filterShift
        guard key != 0, filter.withUnsafeBufferPointer({ $0[Int(bit >> 6)] }) & (1 << (bit & 63)) != 0 else { return }
        slots.withUnsafeBufferPointer { dedup_prefetch($0.baseAddress! + (Int(truncatingIfNeeded: key) & mask)) }
    }

    /// The count of `key`, 0 if it is not in the table.
    @inline(__always)
    func count(_ key: UInt64) -> Int {
        if key == 0 { return Int(zeroCount) }
        let bit = key >> filterShift
        if filter.withUnsafeBufferPointer({ $0[Int(bit >> 6)] }) & (1 << (bit & 63)) == 0 { return 0 }
        return slots.withUnsafeBufferPointer { slots in
            var index = Int(truncatingIfNeeded: key) & mask
            while true {
                let slot = slots[index]
                if slot.key == key { return Int(slot.count) }
                if slot.key == 0 { return 0 }
                index = (index &+ 1) & mask
            }
        }
    }
}
