import Foundation

/// A story version the generator may copy later: an original, or a copy whose story is identical to its original's
/// (so that every copy's relation to the original is the relation its own operation made).
struct PoolEntry {
    let id: String
    let originalID: String
    let originalSite: Int
    let originalNoisy: Bool
    let site: Int
    let url: String
    let title: [UInt8]
    let story: StoryText
    let factsSeed: UInt64
    let author: Int
    /// A wire's "(Reporting by …)" line, kept with the story when it travels.
    let wireCredit: [UInt8]?
    /// The attribution line of a syndicated version (kept by its reprints).
    let attribution: [UInt8]?
}

/// One generated page and what the truth file says about it.
struct GeneratedPage {
    var id = ""
    var site = 0
    var url = ""
    var title: [UInt8] = []
    var published: Int64 = 0
    var pair: TruthPair?
}

/// The generator's running state: the clock, each site's recent stories and teaser leads, each template family's
/// last issue. Memory is O(sites × recent stories), whatever the number of documents.
struct GeneratorEngine {
    let settings: GeneratorSettings
    let material: GeneratorMaterial
    let writer: StoryWriter
    let templates: TemplateWriter

    private var random: SplitMix64
    private(set) var produced = 0
    private var clock: Int64
    private let meanGap: Double
    private var pools: [[PoolEntry]]
    private var leads: [[(hash: UInt64, bytes: [UInt8])]]
    private var lastIssue: [String?]
    private let chromeSites: [Int]
    private let wireSites: [Int]
    private let siteWeights: [Double]

    /// The page just made (valid after ``next()`` returned true).
    private(set) var page = GeneratedPage()
    private(set) var builder = PageBuilder()

    init(settings: GeneratorSettings, material: GeneratorMaterial) {
        self.settings = settings
        self.material = material
        writer = StoryWriter(material: material)
        templates = TemplateWriter(material: material)
        random = SplitMix64(seed: SplitMix64.mix(settings.seed ^ 0x636F_7270_7573))
        clock = settings.startSeconds ?? 0
        meanGap = 86_400 / Double(settings.documentsPerDay)
        pools = Array(repeating: [], count: material.sites.count)
        leads = Array(repeating: [], count: material.sites.count)
        lastIssue = Array(repeating: nil, count: material.families.count)
        chromeSites = material.sites.indices.filter { !material.sites[$0].isWire }
        wireSites = material.sites.indices.filter { material.sites[$0].isWire }
        var cumulative = 0.0
        siteWeights = material.sites.map {
            cumulative += $0.weight
            return cumulative
        }
    }

    /// Makes the next page; false when all documents are made.
    mutating func next() -> Bool {
        guard produced < settings.documents else { return false }
        produced += 1
        clock += max(1, Int64((-log(1 - random.unit()) * meanGap).rounded()))
        page = GeneratedPage()
        page.id = GeneratorEngine.documentID(produced)
        page.published = clock
        builder.reset()

        let rates = settings.rates
        let draw = random.unit()
        let thresholds: [(Double, CopyOperation)] = [
            (rates.reprint, .reprint), (rates.edit, .edit), (rates.truncate, .truncate), (rates.extend, .extend),
            (rates.syndicate, .syndicate), (rates.template, .template), (rates.sameEvent, .sameEvent),
        ]
        var cumulative = 0.0
        var chosen: CopyOperation?
        for (rate, operation) in thresholds {
            cumulative += rate
            if draw < cumulative {
                chosen = operation
                break
            }
        }
        let noisy = settings.noise > 0 && random.chance(settings.noise)
        if let chosen, make(chosen, noisy: noisy) { return true }
        original(noisy: noisy)
        return true
    }

    /// "d0000001".
    static func documentID(_ number: Int) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "d")]
        appendDigits(number, width: 7, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Operations

    private mutating func original(noisy: Bool) {
        let pick = random.unit() * siteWeights[siteWeights.count - 1]
        var siteIndex = 0
        while siteIndex < siteWeights.count - 1 && pick >= siteWeights[siteIndex] { siteIndex += 1 }
        let site = material.sites[siteIndex]
        let facts = EventFacts(seed: random.split(), material: material)
        let story = newStory(facts: facts, site: site)
        var headlineRandom = SplitMix64(seed: random.split())
        let title = writer.headline(facts: facts, random: &headlineRandom)
        let author = random.pick(site.staff)
        var credit: [UInt8]?
        if site.isWire && random.chance(site.wireCreditShare) {
            var line: [UInt8] = []
            ChromeText.wireCredit(
                reporter: material.people[author], editor: material.people[random.pick(site.staff)], into: &line)
            credit = line
        }
        let url = makeURL(site: siteIndex, title: title)
        let changed = emit(
            site: siteIndex, url: url, title: title, story: story.bytes[...], storyTokens: story.tokenCount,
            author: author, wireCredit: credit, attribution: nil, readMore: nil, noisy: noisy)
        remember(
            PoolEntry(
                id: page.id, originalID: page.id, originalSite: siteIndex, originalNoisy: changed, site: siteIndex,
                url: url, title: title, story: story, factsSeed: facts.seed, author: author, wireCredit: credit,
                attribution: nil))
    }

    /// Makes a page by `operation`; false when it cannot be made yet (nothing to copy, no other site).
    private mutating func make(_ operation: CopyOperation, noisy: Bool) -> Bool {
        switch operation {
        case .reprint:
            guard let source = pickSource(wiresFirst: false) else { return false }
            let url = makeURL(site: source.site, title: source.title)
            let changed = emit(
                site: source.site, url: url, title: source.title, story: source.story.bytes[...],
                storyTokens: source.story.tokenCount, author: source.author, wireCredit: source.wireCredit,
                attribution: source.attribution, readMore: nil, noisy: noisy)
            pair(source, kind: .exact, operation: .reprint, noisy: changed)
            remember(copy: source, url: url, site: source.site, attribution: source.attribution)

        case .edit:
            guard let source = pickSource(wiresFirst: false) else { return false }
            let facts = EventFacts(seed: source.factsSeed, material: material)
            let edited = StoryEdits.edit(
                source.story, title: source.title, facts: facts, writer: writer, allowHeadlineChange: true,
                damagedPages: (noisy ? 1 : 0) + (source.originalNoisy ? 1 : 0), random: &random)
            let url = makeURL(site: source.site, title: edited.title)
            emit(
                site: source.site, url: url, title: edited.title, story: edited.text[...],
                storyTokens: source.story.tokenCount, author: source.author, wireCredit: source.wireCredit,
                attribution: source.attribution, readMore: nil, noisy: noisy)
            pair(source, kind: .nearDuplicate, operation: .edit, noisy: false)

        case .truncate:
            guard let source = pickSource(wiresFirst: false), !chromeSites.isEmpty else { return false }
            let sameSite = !material.sites[source.site].isWire && random.chance(0.5)
            let target = sameSite ? source.site : otherChromeSite(than: source.site, and: source.originalSite)
            guard let target else { return false }
            let fraction = 0.4 + 0.3 * random.unit()
            let cut = StoryEdits.truncate(source.story, fraction: fraction)
            let titleTokens = Double(StoryText.countTokens(source.title[...]))
            let tokens = Double(source.story.tokenCount)
            let jaccard = (cut.kept * tokens + titleTokens) / (tokens + titleTokens)
            var line: [UInt8] = Array("Read the full story at ".utf8)
            line.append(contentsOf: source.url.utf8)
            let url = makeURL(site: target, title: source.title)
            emit(
                site: target, url: url, title: source.title, story: cut.text, storyTokens: source.story.tokenCount,
                author: source.author, wireCredit: nil, attribution: nil, readMore: line, noisy: noisy)
            pair(source, kind: jaccard >= 0.8 ? .nearDuplicate : .contained, operation: .truncate, noisy: false)

        case .extend:
            guard let source = pickSource(wiresFirst: false) else { return false }
            let facts = EventFacts(seed: source.factsSeed, material: material)
            var story = source.story
            let added = Int(Double(story.tokenCount) * (0.4 + 0.4 * random.unit()))
            writer.appendParagraphs(
                to: &story, facts: facts, tokens: added, style: WritingStyle(material.sites[source.site]),
                random: &random)
            let url = makeURL(site: source.site, title: source.title)
            emit(
                site: source.site, url: url, title: source.title, story: story.bytes[...],
                storyTokens: story.tokenCount, author: source.author, wireCredit: source.wireCredit,
                attribution: source.attribution, readMore: nil, noisy: noisy)
            pair(source, kind: .contained, operation: .extend, noisy: false)

        case .syndicate:
            guard let source = pickSource(wiresFirst: true),
                let target = otherChromeSite(than: source.site, and: source.originalSite)
            else { return false }
            var attribution: [UInt8] = []
            ChromeText.attribution(
                style: material.sites[target].attributionStyle, origin: material.sites[source.originalSite].nameBytes,
                into: &attribution)
            let url = makeURL(site: target, title: source.title)
            if random.chance(0.3) {
                let facts = EventFacts(seed: source.factsSeed, material: material)
                let edited = StoryEdits.edit(
                    source.story, title: source.title, facts: facts, writer: writer, allowHeadlineChange: false,
                    damagedPages: (noisy ? 1 : 0) + (source.originalNoisy ? 1 : 0), random: &random)
                emit(
                    site: target, url: url, title: edited.title, story: edited.text[...],
                    storyTokens: source.story.tokenCount, author: source.author, wireCredit: source.wireCredit,
                    attribution: attribution, readMore: nil, noisy: noisy)
                pair(source, kind: .nearDuplicate, operation: .syndicate, noisy: false)
            } else {
                let changed = emit(
                    site: target, url: url, title: source.title, story: source.story.bytes[...],
                    storyTokens: source.story.tokenCount, author: source.author, wireCredit: source.wireCredit,
                    attribution: attribution, readMore: nil, noisy: noisy)
                pair(source, kind: .exact, operation: .syndicate, noisy: changed)
                remember(copy: source, url: url, site: target, attribution: attribution)
            }

        case .template:
            guard !material.families.isEmpty else { return false }
            let familyIndex = random.below(material.families.count)
            let family = material.families[familyIndex]
            let site = material.sites[family.site]
            let (story, title) = templates.issue(
                of: family, time: CivilTime(seconds: clock), percentSign: site.percentSign, seed: random.split())
            let url = makeURL(site: family.site, title: title)
            emit(
                site: family.site, url: url, title: title, story: story.bytes[...], storyTokens: story.tokenCount,
                author: random.pick(site.staff), wireCredit: nil, attribution: nil, readMore: nil, noisy: false)
            if let previous = lastIssue[familyIndex] {
                page.pair = TruthPair(
                    a: previous, b: page.id, kind: .template, operation: .template, crossSource: false)
            }
            lastIssue[familyIndex] = page.id

        case .sameEvent:
            guard let source = pickSource(wiresFirst: false),
                let target = otherSite(than: source.site, and: source.originalSite)
            else { return false }
            let site = material.sites[target]
            let facts = EventFacts(seed: source.factsSeed, material: material)
            let story = newStory(facts: facts, site: site)
            var headlineRandom = SplitMix64(seed: random.split())
            var title = writer.headline(facts: facts, random: &headlineRandom)
            if title == source.title { title = writer.headline(facts: facts, random: &headlineRandom) }
            let author = random.pick(site.staff)
            let url = makeURL(site: target, title: title)
            let changed = emit(
                site: target, url: url, title: title, story: story.bytes[...], storyTokens: story.tokenCount,
                author: author, wireCredit: nil, attribution: nil, readMore: nil, noisy: noisy)
            page.pair = TruthPair(
                a: source.originalID, b: page.id, kind: .sameEvent, operation: .sameEvent,
                crossSource: target != source.originalSite)
            // An independent report is an original story in its own right.
            remember(
                PoolEntry(
                    id: page.id, originalID: page.id, originalSite: target, originalNoisy: changed, site: target,
                    url: url, title: title, story: story, factsSeed: facts.seed, author: author, wireCredit: nil,
                    attribution: nil))
        }
        return true
    }

    private mutating func newStory(facts: EventFacts, site: GeneratedSite) -> StoryText {
        let words = settings.wordsPerDocument
        let target = Int(Double(words) * (0.6 + 0.8 * random.unit()))
        let dateline =
            site.isWire
            ? ChromeText.wireDateline(place: material.places[facts.place], time: CivilTime(seconds: clock), wire: site)
            : nil
        return writer.story(
            facts: facts, seed: random.split(), targetTokens: max(20, target), style: WritingStyle(site),
            dateline: dateline)
    }

    /// Records the pair (original of `source`, this page).
    private mutating func pair(_ source: PoolEntry, kind: TruthKind, operation: CopyOperation, noisy: Bool) {
        let damaged = noisy || source.originalNoisy
        page.pair = TruthPair(
            a: source.originalID, b: page.id, kind: kind == .exact && damaged ? .nearDuplicate : kind,
            operation: operation, crossSource: page.site != source.originalSite)
    }

    // MARK: Memory

    private mutating func remember(_ entry: PoolEntry) {
        pools[entry.site].append(entry)
        if pools[entry.site].count > settings.recentStories { pools[entry.site].removeFirst() }
    }

    /// Remembers this page as an exact copy of `source` (same story and headline).
    private mutating func remember(copy source: PoolEntry, url: String, site: Int, attribution: [UInt8]?) {
        remember(
            PoolEntry(
                id: page.id, originalID: source.originalID, originalSite: source.originalSite,
                originalNoisy: source.originalNoisy, site: site, url: url, title: source.title, story: source.story,
                factsSeed: source.factsSeed, author: source.author, wireCredit: source.wireCredit,
                attribution: attribution))
    }

    /// A recent story: from a site chosen in proportion to the stories it holds (wires first if asked), the newer
    /// more likely. Nil until a few stories are out, so that the first stories are not copied over and over.
    private mutating func pickSource(wiresFirst: Bool) -> PoolEntry? {
        guard pooled >= 8 else { return nil }
        var candidates = wiresFirst && random.chance(0.8) ? wireSites.filter { !pools[$0].isEmpty } : []
        if candidates.isEmpty { candidates = Array(pools.indices) }
        var pick = random.below(candidates.reduce(0) { $0 + pools[$1].count })
        var site = candidates[0]
        for candidate in candidates {
            site = candidate
            if pick < pools[candidate].count { break }
            pick -= pools[candidate].count
        }
        let pool = pools[site]
        let back = min(pool.count - 1, Int(-log(1 - random.unit()) * 8))
        return pool[pool.count - 1 - back]
    }

    /// The number of stories in all pools.
    private var pooled: Int { pools.reduce(0) { $0 + $1.count } }

    private mutating func otherChromeSite(than first: Int, and second: Int) -> Int? {
        let choices = chromeSites.filter { $0 != first && $0 != second }
        return choices.isEmpty ? nil : random.pick(choices)
    }

    private mutating func otherSite(than first: Int, and second: Int) -> Int? {
        let choices = material.sites.indices.filter { $0 != first && $0 != second }
        return choices.isEmpty ? nil : random.pick(choices)
    }

    // MARK: Pages

    private func makeURL(site: Int, title: [UInt8]) -> String {
        var bytes: [UInt8] = Array("https://www.".utf8)
        bytes.append(contentsOf: material.sites[site].host.utf8)
        bytes.append(contentsOf: "/news/".utf8)
        let time = CivilTime(seconds: clock)
        appendDigits(time.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "/"))
        appendDigits(time.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "/"))
        appendDigits(time.day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "/"))
        var words = 0
        var inWord = false
        for byte in title {
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                if !inWord {
                    if words == 6 { break }
                    words += 1
                    inWord = true
                }
                bytes.append(lower)
            } else if inWord {
                bytes.append(UInt8(ascii: "-"))
                inWord = false
            }
        }
        if bytes.last != UInt8(ascii: "-") { bytes.append(UInt8(ascii: "-")) }
        bytes.append(contentsOf: page.id.utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the page: the site's chrome around `story`. Returns whether noise changed the story.
    @discardableResult
    private mutating func emit(
        site siteIndex: Int, url: String, title: [UInt8], story: ArraySlice<UInt8>, storyTokens: Int, author: Int,
        wireCredit: [UInt8]?, attribution: [UInt8]?, readMore: [UInt8]?, noisy: Bool
    ) -> Bool {
        let site = material.sites[siteIndex]
        let time = CivilTime(seconds: clock)
        page.site = siteIndex
        page.url = url
        page.title = title
        let authorName = material.people[author]

        if !site.isWire {
            if let navigation = site.navigation { builder.chromeLine(.repeated, navigation) }
            let byline: (inout [UInt8]) -> Void = {
                ChromeText.byline(style: site.bylineStyle, author: authorName, site: site, into: &$0)
            }
            let dateline: (inout [UInt8]) -> Void = {
                ChromeText.dateline(style: site.datelineStyle, time: time, into: &$0)
            }
            if site.datelineFirst {
                builder.chromeLine(.cuePhrase, dateline)
                builder.chromeLine(.cuePhrase, byline)
            } else {
                builder.chromeLine(.cuePhrase, byline)
                builder.chromeLine(.cuePhrase, dateline)
            }
            if let share = site.share, site.shareAtTop { builder.chromeLine(.repeated, share) }
        }

        let range = builder.storyLines(story)
        let leadEnd = story.firstIndex(of: 0x0A)
        var changed = false
        if noisy, let leadEnd {
            let start = range.lowerBound + (leadEnd - story.startIndex) + 1
            var damaged = Array(builder.text[start..<range.upperBound])
            changed = ScrapeNoise.apply(to: &damaged, tokens: storyTokens, random: &random)
            if changed { builder.replace(start..<range.upperBound, with: damaged) }
        }

        if let wireCredit { builder.chromeLine(.cuePhrase, wireCredit) }
        if let readMore { builder.chromeLine(.cuePhrase, readMore) }
        if let attribution { builder.chromeLine(.attribution, attribution) }
        let lead = story[..<(leadEnd ?? story.endIndex)]
        let leadHash = XXH3.hash(lead, seed: 0)
        if !site.isWire {
            if let share = site.share, !site.shareAtTop { builder.chromeLine(.repeated, share) }
            if let subscribe = site.subscribe { builder.chromeLine(.repeated, subscribe) }
            builder.chromeLine(.attribution) { ChromeText.copyright(site: site, year: time.year, into: &$0) }
            if random.chance(site.teaserShare) {
                // The leads of the site's latest stories, newest first, without this page's own.
                var items: [Int] = []
                var seen: Set<UInt64> = [leadHash]
                for index in leads[siteIndex].indices.reversed() where items.count < site.teaserItems {
                    if seen.insert(leads[siteIndex][index].hash).inserted { items.append(index) }
                }
                if items.count >= 2 {
                    builder.chromeLine(.repeated, site.teaserHeader)
                    for index in items { builder.chromeLine(.teaser, leads[siteIndex][index].bytes) }
                }
            }
        }
        leads[siteIndex].append((leadHash, Array(lead)))
        if leads[siteIndex].count > 16 { leads[siteIndex].removeFirst() }
        return changed
    }
}
