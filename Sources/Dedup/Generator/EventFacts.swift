/// The facts of one news event: who, where, which organizations, what it is about, its figures and its main
/// quote. Every report of the event (the original, and other sites' independent reports) states these facts; only
/// the wording differs.
///
/// The facts are a pure function of their seed, so a story only needs to remember the seed.
struct EventFacts {
    let seed: UInt64
    let place: Int
    let people: [Int]
    let roles: [Int]
    let organizations: [Int]
    /// Vocabulary ranks of the words the story is about; they recur through it.
    let topicWords: [Int]
    let nouns: [Int]
    let verb: Int
    let count: Int
    let countNoun: Int
    /// Percent in tenths (45 = 4.5%).
    let percentTenths: Int
    /// Money in thousands.
    let moneyThousands: Int
    /// The seed of the quote every report of the event carries.
    let quoteSeed: UInt64

    init(seed: UInt64, material: GeneratorMaterial) {
        self.seed = seed
        var random = SplitMix64(seed: seed)
        place = random.below(material.places.count)
        people = (0..<3).map { _ in random.below(material.people.count) }
        roles = (0..<3).map { _ in random.below(material.roles.count) }
        organizations = (0..<2).map { _ in random.below(material.organizations.count) }
        let ranks = material.topicRanks
        topicWords = (0..<6).map { _ in ranks.lowerBound + random.below(ranks.count) }
        nouns = (0..<2).map { _ in random.below(material.topicNouns.count) }
        verb = random.below(material.headlineVerbs.count)
        switch random.below(3) {
        case 0: count = random.inRange(12...99)
        case 1: count = random.inRange(100...999)
        default: count = random.inRange(1000...250_000)
        }
        countNoun = random.below(material.countNouns.count)
        percentTenths = random.chance(0.7) ? random.inRange(2...60) * 10 : random.inRange(11...199)
        moneyThousands = random.chance(0.5) ? random.inRange(20...990) : random.inRange(1...95) * 100
        quoteSeed = random.split()
    }
}
