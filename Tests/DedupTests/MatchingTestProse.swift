import Dedup

/// A seeded writer of original, news-like prose for the matching, deduplication and scan tests.
///
/// Every sentence is assembled from one of many sentence patterns and fresh names, places and figures, so two
/// stories from different seeds share almost no five-word shingles, and the sentences inside one story do not repeat.
/// The same seed always gives the same story.
struct MatchingProse {
    /// A generated story: a headline and paragraphs of sentences.
    struct Story: Hashable {
        var headline: String
        var paragraphs: [[String]]

        /// Every sentence of the body, in order.
        var sentences: [String] { paragraphs.flatMap { $0 } }

        /// The body: one paragraph per line.
        var body: String { paragraphs.map { $0.joined(separator: " ") }.joined(separator: "\n") }

        /// The headline as the first line, then the body.
        var text: String { headline + "\n" + body }

        /// Whitespace-separated words of the headline and body.
        var wordCount: Int { MatchingProse.wordCount(text) }
    }

    /// What the current story is about: the town, organization, project and issue it keeps coming back to.
    private struct Focus {
        var town: String?
        var organization: String?
        var project: String?
        var issue: String?
    }

    private var rng: SplitMix64
    private var used: Set<String> = []
    private var focus = Focus()

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
    }

    mutating func next() -> UInt64 { rng.next() }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    mutating func pick<Element>(_ items: [Element]) -> Element { items[int(0...(items.count - 1))] }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }

    /// A story of at least `minimumWords` words (headline included), in paragraphs of two to four sentences.
    mutating func story(minimumWords: Int) -> Story {
        focus = Focus(
            town: pick(Self.towns), organization: pick(Self.organizations), project: pick(Self.projects),
            issue: pick(Self.issues))
        let headline = self.headline()
        var paragraphs: [[String]] = []
        var words = MatchingProse.wordCount(headline)
        while words < minimumWords {
            let paragraph = self.paragraph(sentences: int(2...4))
            words += paragraph.reduce(0) { $0 + MatchingProse.wordCount($1) }
            paragraphs.append(paragraph)
        }
        return Story(headline: headline, paragraphs: paragraphs)
    }

    /// A paragraph of `sentences` distinct sentences.
    mutating func paragraph(sentences: Int) -> [String] {
        (0..<sentences).map { _ in sentence() }
    }

    /// A headline.
    mutating func headline() -> String {
        switch int(0...4) {
        case 0: "\(organization().capitalizedFirst) \(pick(Self.headlineVerbs)) \(issue()) plan for \(town())"
        case 1: "\(town()) \(pick(Self.groups)) brace for \(issue()) changes"
        case 2: "\(surname()) \(pick(Self.headlineVerbs)) \(project()) after \(pick(Self.weekdays)) vote"
        case 3: "Questions remain over \(project()) as \(organization()) weighs \(issue())"
        default: "\(project().capitalizedFirst) in \(town()) faces \(pick(Self.evaluations)) review"
        }
    }

    /// A sentence that this writer has not produced before.
    mutating func sentence() -> String {
        while true {
            let candidate = anySentence()
            if used.insert(candidate).inserted { return candidate }
        }
    }

    // MARK: - Parts

    mutating func person() -> String { "\(pick(Self.givenNames)) \(surname())" }

    mutating func surname() -> String { pick(Self.surnames) }

    /// A town: the story's own town half the time, so that a story stays about one place.
    mutating func town() -> String { focused(\.town, Self.towns) }

    mutating func organization() -> String { focused(\.organization, Self.organizations) }

    mutating func project() -> String { focused(\.project, Self.projects) }

    mutating func issue() -> String { focused(\.issue, Self.issues) }

    private mutating func focused(_ slot: WritableKeyPath<Focus, String?>, _ items: [String]) -> String {
        if let value = focus[keyPath: slot], chance(0.5) { return value }
        return pick(items)
    }

    /// A count written with a thousands separator ("1,240"), as newspapers print them.
    mutating func thousands() -> String {
        let value = int(1_100...48_000)
        return "\(value / 1000),\(String(value % 1000).leftPadded(to: 3))"
    }

    mutating func money() -> String {
        "$\(int(1...95)).\(int(1...9)) million"
    }

    mutating func percent() -> String { "\(int(2...38)) percent" }

    private mutating func anySentence() -> String {
        switch int(0...31) {
        case 0:
            return "\(person()) said the \(organization()) would \(pick(Self.actions)) before the end of "
                + "\(pick(Self.months))."
        case 1:
            return "About \(thousands()) residents of \(town()) were affected, according to the "
                + "\(organization())."
        case 2:
            let a = int(4...9)
            return "The \(organization()) voted \(a) to \(int(1...(a - 1))) on \(pick(Self.weekdays)) to "
                + "\(pick(Self.actions))."
        case 3:
            return "\"\(pick(Self.quotes)),\" said \(person()), the \(pick(Self.roles)) of the "
                + "\(organization())."
        case 4:
            return "\(town())'s \(pick(Self.roles)), \(person()), told reporters that \(pick(Self.clauses))."
        case 5:
            return "Work on the \(project()) is expected to cost \(money()) and take \(int(3...30)) months."
        case 6:
            return
                "Residents who spoke at the \(pick(Self.venues)) on \(pick(Self.weekdays)) evening were divided over "
                + "\(issue())."
        case 7:
            return "Figures released by the \(organization()) showed \(issue()) costs had risen "
                + "\(percent()) since \(pick(Self.months))."
        case 8:
            return "\(person()), who has lived on \(pick(Self.streets)) for \(int(3...60)) years, said "
                + "\(pick(Self.clauses))."
        case 9:
            return "A spokesperson for the \(organization()) did not return calls on \(pick(Self.weekdays)) "
                + "about the \(project())."
        case 10:
            return "The decision follows \(int(2...19)) months of talks between the \(organization()) and "
                + "\(pick(Self.groups)) in \(town())."
        case 11:
            return "Under the plan, the \(organization()) would \(pick(Self.actions)), while "
                + "\(town()) would \(pick(Self.actions))."
        case 12:
            return "In a statement, the \(organization()) said it had received \(int(12...900)) complaints "
                + "about \(issue())."
        case 13:
            return "\(person()) of the \(organization()) called the proposal \(pick(Self.evaluations)) and "
                + "urged officials to \(pick(Self.actions))."
        case 14:
            return "The \(pick(Self.venues)) in \(town()) will stay closed until at least "
                + "\(pick(Self.months)) \(int(1...28))."
        case 15:
            return "Crews spent most of \(pick(Self.weekdays)) \(pick(Self.crewWork)) near \(pick(Self.streets))."
        case 16:
            return "Officials said the first phase of the \(project()) would be finished by "
                + "\(pick(Self.months)) \(int(2027...2031))."
        case 17:
            return "\(person())'s \(pick(Self.relatives)) said the family had waited \(int(2...14)) weeks for an "
                + "answer from \(town()) officials."
        case 18:
            return "Last year the \(organization()) spent \(money()) on \(issue()), up from "
                + "\(money()) the year before."
        case 19:
            return "Several \(pick(Self.groups)) in \(town()) have already \(pick(Self.pastActions))."
        case 20:
            return "\(person()), a \(pick(Self.occupations)) from \(town()), said \(pick(Self.clauses))."
        case 21:
            return "A public hearing on the \(project()) is set for \(pick(Self.months)) \(int(1...28)) at "
                + "the \(pick(Self.venues))."
        case 22:
            return "Opponents gathered \(thousands()) signatures on a petition asking the "
                + "\(organization()) to \(pick(Self.actions))."
        case 23:
            return "\"\(pick(Self.quotes)),\" \(person()) wrote in a letter to the \(organization())."
        case 24:
            return "Traffic on \(pick(Self.streets)) was diverted for \(int(2...11)) hours while crews "
                + "\(pick(Self.pastActions))."
        case 25:
            return "It is the \(pick(Self.ordinals)) time since \(int(1998...2022)) that \(town()) has "
                + "\(pick(Self.pastActions))."
        case 26:
            return "\(person()) declined to say whether the \(organization()) would \(pick(Self.actions))."
        case 27:
            return "The \(project()) was first proposed in \(int(1995...2021)) but stalled over "
                + "\(issue())."
        case 28:
            return "Data from the \(organization()) put the number of \(pick(Self.groups)) in "
                + "\(town()) at \(thousands())."
        case 29:
            return "Neither \(person()) nor \(person()) would comment on \(issue()) when reached on "
                + "\(pick(Self.weekdays))."
        case 30:
            return "By \(pick(Self.weekdays)) afternoon, \(int(3...40)) \(pick(Self.groups)) had signed up to speak, "
                + "\(pick(Self.clerkNotes))."
        default:
            return "The \(organization()) estimated that \(percent()) of \(pick(Self.groups)) would "
                + "\(pick(Self.actions)) within \(int(2...9)) years."
        }
    }

    // MARK: - Vocabulary (all invented)

    static let givenNames = [
        "Aurelia", "Bram", "Cosima", "Dariel", "Edwina", "Florian", "Greta", "Hollis", "Ines", "Jovan", "Kestrel",
        "Lavinia", "Marek", "Nerys", "Oskar", "Perpetua", "Quillon", "Rosalind", "Soren", "Tamsin", "Ulric",
        "Verity", "Wendeline", "Xavi", "Yolanda", "Zebulon",
    ]
    static let surnames = [
        "Abernathy", "Brightwell", "Castellan", "Dunmore", "Everleigh", "Fairweather", "Gallowglass", "Hartigan",
        "Ironside", "Jessop", "Kilbride", "Lockhart", "Merriweather", "Nettleship", "Oakenfold", "Penhallow",
        "Quarrie", "Ravensworth", "Stainforth", "Thistlewood", "Underhill", "Vardy", "Whitcombe", "Yarborough",
    ]
    static let towns = [
        "Ashcombe", "Bellmere", "Corwen Bay", "Dunhollow", "Elderbrook", "Fenwick Cross", "Greyhaven", "Holloway Vale",
        "Ivybridge Flats", "Juniper Point", "Kettlewell", "Lanthorn", "Marrowdale", "Northwick", "Oxenholme Lake",
    ]
    static let organizations = [
        "county water board", "transit authority", "harbor commission", "school district", "planning committee",
        "parks department", "regional health trust", "chamber of commerce", "housing cooperative",
        "library trustees", "fire protection district", "farmers' association", "tenants' union",
        "utilities commission", "historical society", "road safety council", "city council", "port authority",
    ]
    static let roles = [
        "chair", "deputy director", "treasurer", "chief engineer", "spokeswoman", "general counsel",
        "finance officer", "operations manager", "board secretary", "longtime president", "interim head",
    ]
    static let actions = [
        "delay the contract", "reopen the tender", "raise fees next spring", "cut evening services",
        "borrow against future revenue", "hire an outside auditor", "hold a second consultation",
        "scrap the original design", "expand the pilot program", "freeze new applications",
        "publish the full report", "seek state matching funds", "limit overnight parking",
        "appeal the ruling", "buy the vacant lot",
    ]
    static let pastActions = [
        "asked for an extension", "filed formal objections", "closed for repairs", "raised their prices",
        "cancelled planned events", "applied for emergency grants", "rerouted delivery trucks",
        "cleared the flooded underpass", "repainted the old footbridge", "replaced the failing pumps",
        "added weekend shifts", "moved their offices",
    ]
    static let issues = [
        "drainage", "parking", "school transport", "rent", "street lighting", "water quality", "noise",
        "ferry timetables", "zoning", "storm damage", "road maintenance", "childcare", "waste collection",
        "broadband access", "pension funding",
    ]
    static let projects = [
        "seawall upgrade", "library extension", "bus depot", "riverside path", "sports hall", "sewer relining",
        "tram extension", "market hall renovation", "new clinic", "bridge deck replacement", "solar canopy",
        "community kitchen", "reservoir dredging",
    ]
    static let venues = [
        "town hall annex", "community center", "old drill hall", "high school gym", "public library",
        "fire station meeting room", "grange hall", "museum lobby", "civic auditorium", "church basement",
    ]
    static let streets = [
        "Tanner Street", "Quayside Road", "Mill Lane", "Orchard Avenue", "Beacon Hill Road", "Cooper's Row",
        "Lantern Way", "Saltmarsh Drive", "Kiln Street", "Weaver Close",
    ]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let groups = [
        "shop owners", "commuters", "parents", "landlords", "fishermen", "nurses", "retirees", "students",
        "bus drivers", "volunteers", "small farmers", "delivery firms",
    ]
    static let occupations = [
        "retired teacher", "boat builder", "pharmacist", "bakery owner", "night-shift nurse", "bus mechanic",
        "carpenter", "graduate student", "veterinarian", "crossing guard",
    ]
    static let relatives = ["daughter", "son", "sister", "brother", "niece", "grandson", "husband", "wife"]
    static let evaluations = [
        "premature", "overdue", "reckless", "sensible", "incomplete", "costly", "encouraging", "confusing",
        "unworkable", "long awaited",
    ]
    static let clauses = [
        "the changes were long overdue", "nobody had explained where the money would come from",
        "the old building could not be saved", "the delays had hurt local businesses",
        "the survey results had surprised even the planners", "the neighborhood deserved a proper hearing",
        "the winter had been harder than anyone expected", "the deadline was simply unrealistic",
        "the risks had been understated from the start", "most families would barely notice the difference",
        "the budget left no room for surprises", "the agreement was the best available",
    ]
    static let quotes = [
        "We have waited long enough for a straight answer", "This is not the end of the conversation",
        "Nobody on this street was asked what they wanted", "The numbers simply do not add up",
        "We will keep the doors open as long as we can", "It feels like the rules change every month",
        "Our crews have never seen water this high", "Every week of delay costs us customers",
        "I would rather fix it properly than fix it twice", "People here are tired but they are not giving up",
        "The plan protects the jobs we already have", "We need the state to meet us halfway",
    ]
    static let crewWork = [
        "clearing fallen branches", "pumping out basements", "patching potholes", "testing hydrants",
        "inspecting the culverts", "replacing signal cables", "sandbagging the riverbank", "repairing the seawall",
    ]
    static let ordinals = ["second", "third", "fourth", "fifth", "sixth"]
    static let clerkNotes = [
        "the clerk said", "more than the room could hold", "twice the usual number",
        "according to the sign-in sheet", "most of them from the east side",
    ]
    static let headlineVerbs = ["backs", "rejects", "delays", "revives", "scales back", "questions"]
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }

    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
