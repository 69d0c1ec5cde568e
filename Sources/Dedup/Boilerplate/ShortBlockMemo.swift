/// What boilerplate detection works out from a short block's own text, remembered from one page to the next.
///
/// Site chrome (copyright lines, list headers, share prompts, bylines) is the same few lines on every page of a
/// site: in generated and scraped news alike, most short blocks of a page are lines seen on an earlier page. Their
/// notice and cue checks depend only on the line's text and the page's site, so a scan worker keeps the last
/// answers in a direct-mapped table, keyed by a hash of both: a line that is already there costs a hash and a
/// lookup instead of the byte searches. A slot holds the line's length too; two different lines of one site would
/// have to share both the length and a 64-bit XXH3 hash to be confused.
///
/// The table has ``slotCount`` slots (about 0.8 MB); a new line takes its slot from whatever was there, so lines
/// that recur on every page stay, and a story's own short lines pass through. The memo also keeps the detail
/// strings of removed blocks, which repeat as much.
struct ShortBlockMemo {
    /// The facts of one short block, as ``BoilerplateDetector`` computes them from its text.
    struct Facts {
        /// What ``AttributionParser/parse(_:tokenCount:)`` says of the line.
        var finding: AttributionParser.Finding?
        /// The cue phrase, once worked out (the detector skips it for a line that continues a sentence).
        var cue: CueKind?
        var cueKnown: Bool
    }

    private struct Slot {
        var key: UInt64 = 0
        var length: Int = -1
        var facts = Facts(finding: nil, cue: nil, cueKnown: false)
    }

    /// The number of slots: a power of two.
    static let slotCount = 1 << 14

    private var slots: [Slot] = []
    private(set) var hits = 0
    private(set) var misses = 0

    /// An empty memo (the table is made on first use).
    init() {}

    /// The seed of the lines of a page of `site` checked with `rules`: the facts depend on both.
    static func seed(site: String?, rules: BoilerplateRules) -> UInt64 {
        let rulesSeed = SplitMix64.mix(UInt64(truncatingIfNeeded: rules.cueMaximumTokens))
        guard let site else { return rulesSeed ^ 0x6E6F_2D73_6974_65 }
        return XXH3.hash(site, seed: rulesSeed)
    }

    /// The facts remembered for the line `text` on a page whose seed (see ``seed(site:rules:)``) is `seed`, or nil;
    /// `slot`, `key` and `length` say where to ``store(_:slot:key:length:)`` them after working them out.
    mutating func facts(of text: Substring, seed: UInt64) -> (facts: Facts?, slot: Int, key: UInt64, length: Int) {
        if slots.isEmpty { slots = [Slot](repeating: Slot(), count: Self.slotCount) }
        var text = text
        let (key, length) = text.withUTF8 { bytes in
            (XXH3.hash(UnsafeRawBufferPointer(bytes), seed: seed), bytes.count)
        }
        let slot = Int(truncatingIfNeeded: key >> 20) & (Self.slotCount - 1)
        if slots[slot].key == key && slots[slot].length == length {
            hits += 1
            return (slots[slot].facts, slot, key, length)
        }
        misses += 1
        return (nil, slot, key, length)
    }

    private struct RepeatedDetail: Hashable {
        var storyCount: Int
        var stories: Int
        var seed: UInt64
    }

    /// The detail strings of repeated blocks made so far, with the site each names.
    private var repeatedDetails: [RepeatedDetail: (site: String, detail: String)] = [:]
    /// The detail strings of teasers, by the number of stories they lead.
    private var teaserDetails: [Int: String] = [:]

    /// The most detail strings of each kind kept; more empty the table.
    static let detailLimit = 4096

    /// "in 9 of 9 stories of Harbor Gazette": made once per count, total and site rather than once per removed
    /// block (a scan removes millions), and shared by the pages that give it.
    mutating func repeatedDetail(storyCount: Int, stories: Int, site: String, seed: UInt64) -> String {
        let key = RepeatedDetail(storyCount: storyCount, stories: stories, seed: seed)
        if let known = repeatedDetails[key], known.site == site { return known.detail }
        if repeatedDetails.count >= Self.detailLimit { repeatedDetails.removeAll(keepingCapacity: true) }
        let detail = "in \(storyCount) of \(stories) stories of \(site)"
        repeatedDetails[key] = (site, detail)
        return detail
    }

    /// "lead of 3 other stories", made once per count.
    mutating func teaserDetail(leads: Int) -> String {
        if let known = teaserDetails[leads] { return known }
        if teaserDetails.count >= Self.detailLimit { teaserDetails.removeAll(keepingCapacity: true) }
        let detail = "lead of \(leads) other stor" + (leads == 1 ? "y" : "ies")
        teaserDetails[leads] = detail
        return detail
    }

    /// Remembers `facts` for the line that ``facts(of:seed:)`` gave `slot`, `key` and `length`.
    mutating func store(_ facts: Facts, slot: Int, key: UInt64, length: Int) {
        slots[slot] = Slot(key: key, length: length, facts: facts)
    }
}
