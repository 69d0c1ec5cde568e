/// Everything a corpus is written from that does not change while it is written: the vocabulary and its Zipf law,
/// the phrase lists, and the invented world of the seed (people, places, organizations, sites, template stories).
///
/// Built once per ``CorpusGenerator``; immutable, so one instance can serve any number of generation runs.
final class GeneratorMaterial: Sendable {
    let vocabulary: WordTable
    let packedVocabulary: PackedWords
    let zipf: ZipfSampler
    /// Whether a vocabulary rank is a number word ("one", "two"…), which counts as a figure.
    let isNumberWord: [Bool]
    /// Ranks a story's topic words are drawn from: specific enough to mark a story, common enough to recur.
    let topicRanks: Range<Int>
    /// Ranks of "the", "in" and "on".
    let rankThe: Int
    let rankIn: Int
    let rankOn: Int

    let stockPhrases: WordTable
    let timePhrases: WordTable
    let openers: WordTable
    let roles: WordTable
    let countNouns: WordTable
    let topicNouns: WordTable
    let headlineVerbs: WordTable
    let typoWords: WordTable
    let shortSentences: WordTable
    let weekdays: WordTable
    let months: WordTable

    let people: WordTable
    let places: WordTable
    let organizations: WordTable
    let sites: [GeneratedSite]
    let families: [TemplateFamily]

    init(settings: GeneratorSettings) {
        // The language is the same in every corpus; the world (names, sites) comes from the seed.
        var language = SplitMix64(seed: 0x6E65_7773_776F_7264)
        let common = GeneratorWords.common
        var seen = Set(common)
        var vocabulary = WordTable(common)
        while vocabulary.count < settings.vocabularySize {
            let syllables = vocabulary.count < 3000 ? language.inRange(1...2) : language.chance(0.7) ? 2 : 3
            let word = GeneratorMaterial.pseudoWord(syllables: syllables, random: &language)
            if (2...PackedWords.maximumLength).contains(word.count) && seen.insert(word).inserted {
                vocabulary.append(word)
            }
        }
        self.vocabulary = vocabulary
        packedVocabulary = PackedWords(vocabulary)
        zipf = ZipfSampler(count: vocabulary.count, exponent: settings.zipfExponent)
        let numberWords: Set<String> = [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred", "million",
        ]
        isNumberWord = (0..<vocabulary.count).map { numberWords.contains(vocabulary.string($0)) }
        rankThe = common.firstIndex(of: "the")!
        rankIn = common.firstIndex(of: "in")!
        rankOn = common.firstIndex(of: "on")!
        topicRanks = min(200, vocabulary.count / 4)..<min(8000, vocabulary.count)

        stockPhrases = WordTable(GeneratorWords.stockPhrases)
        timePhrases = WordTable(GeneratorWords.timePhrases)
        openers = WordTable(GeneratorWords.openers)
        roles = WordTable(GeneratorWords.roles)
        countNouns = WordTable(GeneratorWords.countNouns)
        topicNouns = WordTable(GeneratorWords.topicNouns)
        headlineVerbs = WordTable(GeneratorWords.headlineVerbs)
        typoWords = WordTable(GeneratorWords.typoCandidates)
        shortSentences = WordTable(GeneratorWords.shortAddedSentences)
        weekdays = WordTable(GeneratorWords.weekdays)
        months = WordTable(GeneratorWords.months)

        var world = SplitMix64(seed: SplitMix64.mix(settings.seed ^ 0x776F_726C_64))
        var names = Set<String>()
        var people = WordTable()
        while people.count < 4000 {
            var first = GeneratorMaterial.pseudoWord(syllables: world.inRange(2...3), random: &world).capitalized
            let last = GeneratorMaterial.pseudoWord(syllables: world.inRange(2...3), random: &world).capitalized
            // A few names carry an accent, so that some pages are not pure ASCII.
            if world.chance(0.05), let e = first.lastIndex(of: "e") { first.replaceSubrange(e...e, with: "é") }
            let name = first + " " + last
            if names.insert(name).inserted { people.append(name) }
        }
        self.people = people
        var places = WordTable()
        var placeNames: [String] = []
        while places.count < 400 {
            let stem = GeneratorMaterial.pseudoWord(syllables: world.inRange(2...3), random: &world).capitalized
            let name: String
            switch world.below(10) {
            case 0: name = "Port " + stem
            case 1: name = "Lake " + stem
            case 2: name = "New " + stem
            default: name = stem + world.pick(GeneratorWords.placeSuffixes)
            }
            if names.insert(name).inserted {
                places.append(name)
                placeNames.append(name)
            }
        }
        self.places = places
        var organizations = WordTable()
        while organizations.count < 1500 {
            let stem =
                world.chance(0.3)
                ? world.pick(placeNames)
                : GeneratorMaterial.pseudoWord(syllables: world.inRange(2...3), random: &world).capitalized
            let name = stem + " " + world.pick(GeneratorWords.organizationNouns)
            if names.insert(name).inserted { organizations.append(name) }
        }
        self.organizations = organizations

        var sites: [GeneratedSite] = []
        var families: [TemplateFamily] = []
        var canonicalNames: [String] = []
        let wireCount = settings.wireCount
        while sites.count < settings.sites {
            let isWire = sites.count >= settings.sites - wireCount
            let stem = GeneratorMaterial.pseudoWord(syllables: 2, random: &world).capitalized
            guard stem.count <= 9 else { continue }
            let name =
                isWire
                ? stem + ["line", "point", "star", "gate"][world.below(4)] + " " + world.pick(GeneratorWords.wireNouns)
                : stem + ["", "by", " Valley", " Coast", "port", " County"][world.below(6)] + " "
                    + world.pick(GeneratorWords.paperNouns)
            // Site names must not be mistaken for one another (SiteName compares loosely).
            let canonical = SiteName.canonical(name)
            if canonicalNames.contains(where: { $0.hasPrefix(canonical) || canonical.hasPrefix($0) }) { continue }
            canonicalNames.append(canonical)
            let index = sites.count
            let familyCount = isWire ? world.inRange(1...2) : world.inRange(1...2)
            var siteFamilies: [Int] = []
            for _ in 0..<familyCount {
                siteFamilies.append(families.count)
                families.append(
                    TemplateFamily(
                        kind: TemplateFamily.Kind.allCases[world.below(TemplateFamily.Kind.allCases.count)],
                        site: index, place: world.below(places.count),
                        organization: world.below(organizations.count),
                        stem: GeneratorMaterial.pseudoWord(syllables: 2, random: &world).capitalized))
            }
            sites.append(
                GeneratedSite(
                    name: name, isWire: isWire, peopleCount: people.count, families: siteFamilies, random: &world))
        }
        self.sites = sites
        self.families = families
    }

    /// An invented word of `syllables` syllables.
    static func pseudoWord(syllables: Int, random: inout SplitMix64) -> String {
        var word = ""
        for index in 0..<syllables {
            word += random.pick(GeneratorWords.onsets)
            word += random.pick(GeneratorWords.vowels)
            if index == syllables - 1 || random.chance(0.3) { word += random.pick(GeneratorWords.codas) }
        }
        return word
    }
}

extension String {
    /// The string with its first letter in uppercase.
    fileprivate var capitalized: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}

/// One site: its name and address, whether it is a wire, and the chrome its pages carry.
struct GeneratedSite: Sendable {
    let name: String
    let nameBytes: [UInt8]
    let host: String
    let isWire: Bool
    /// Relative share of the original stories.
    let weight: Double
    /// A navigation line at the top of every page.
    let navigation: [UInt8]?
    /// How bylines are written (see ``PageBuilder``).
    let bylineStyle: Int
    /// How datelines are written.
    let datelineStyle: Int
    /// Whether the dateline comes before the byline.
    let datelineFirst: Bool
    /// The share prompt, if the site has one.
    let share: [UInt8]?
    /// Whether the share prompt is above the story (else below).
    let shareAtTop: Bool
    /// The subscribe prompt, if any.
    let subscribe: [UInt8]?
    /// How the copyright line is written.
    let copyrightStyle: Int
    /// The copyright holder.
    let copyrightHolder: [UInt8]
    /// The header of the teaser list.
    let teaserHeader: [UInt8]
    /// The share of pages with a teaser list.
    let teaserShare: Double
    /// Items in the teaser list.
    let teaserItems: Int
    /// How this site words the attribution line of a syndicated copy.
    let attributionStyle: Int
    /// The site's reporters (indices into the people).
    let staff: [Int]
    /// Whether the site writes curly quotes and apostrophes.
    let curlyQuotes: Bool
    /// Whether the site writes "14%" rather than "14 percent".
    let percentSign: Bool
    /// For a wire: the share of stories closed by a "(Reporting by …)" line.
    let wireCreditShare: Double
    /// The site's template stories (indices into the families).
    let families: [Int]

    init(name: String, isWire: Bool, peopleCount: Int, families: [Int], random: inout SplitMix64) {
        self.name = name
        nameBytes = Array(name.utf8)
        host =
            String(name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
            + ".example"
        self.isWire = isWire
        weight = isWire ? 1.4 : 0.6 + random.unit()
        self.families = families
        staff = (0..<(isWire ? 30 : random.inRange(8...24))).map { _ in random.below(peopleCount) }
        curlyQuotes = !isWire && random.chance(0.35)
        percentSign = random.chance(0.4)
        wireCreditShare = isWire ? 0.3 + 0.5 * random.unit() : 0
        attributionStyle = random.below(3)
        if isWire {
            navigation = nil
            bylineStyle = 0
            datelineStyle = 0
            datelineFirst = false
            share = nil
            shareAtTop = false
            subscribe = nil
            copyrightStyle = 0
            copyrightHolder = nameBytes
            teaserHeader = []
            teaserShare = 0
            teaserItems = 0
            return
        }
        var sections = GeneratorWords.sections
        for index in sections.indices.reversed() {
            sections.swapAt(index, random.below(index + 1))
        }
        switch random.below(4) {
        case 0: navigation = Array((name + " | Home | " + sections.prefix(4).joined(separator: " | ")).utf8)
        case 1: navigation = Array(("Home | " + sections.prefix(5).joined(separator: " | ")).utf8)
        case 2: navigation = Array(("Menu | " + name + " | " + sections.prefix(3).joined(separator: " | ")).utf8)
        default: navigation = nil
        }
        bylineStyle = random.below(5)
        datelineStyle = random.below(5)
        datelineFirst = random.chance(0.4)
        switch random.below(6) {
        case 0: share = Array("Share this story: Facebook | X | Email".utf8)
        case 1: share = Array("Share on Facebook | Share on X | Email".utf8)
        case 2: share = Array("Share: Facebook - X - Email - Print".utf8)
        case 3: share = Array("Email | Print | Comments".utf8)
        case 4: share = Array("Follow us on Facebook and Instagram".utf8)
        default: share = nil
        }
        shareAtTop = random.chance(0.5)
        switch random.below(4) {
        case 0: subscribe = Array("Subscribe to the \(name) newsletter".utf8)
        case 1: subscribe = Array("Sign up for \(name) breaking news alerts".utf8)
        case 2: subscribe = Array("Subscribe for unlimited access".utf8)
        default: subscribe = nil
        }
        copyrightStyle = random.below(4)
        copyrightHolder = random.chance(0.3) ? Array((name + " Media Co").utf8) : nameBytes
        switch random.below(5) {
        case 0, 1: teaserHeader = Array("Latest News from \(name)".utf8)
        case 2: teaserHeader = Array("More from \(name)".utf8)
        case 3: teaserHeader = Array("Latest Stories".utf8)
        default: teaserHeader = Array("Most Read".utf8)
        }
        teaserShare = 0.5 + 0.5 * random.unit()
        teaserItems = random.inRange(3...6)
    }
}
