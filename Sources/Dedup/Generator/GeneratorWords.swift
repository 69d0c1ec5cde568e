/// The word material of the synthetic corpus, written for this project: common function words and generic news
/// vocabulary (in rough order of frequency), stock phrases, syllables for invented words and names, and the bits
/// of site chrome. Nothing here is taken from real articles.
enum GeneratorWords {
    /// The most frequent words, most frequent first: they take the top ranks of the Zipfian vocabulary.
    static let common: [String] = words(
        """
        the of and to a in that is for on was said with it as at by from be have has an are they were which but \
        not this had their its will would been or who after more one she her also new there about over up than \
        two year last first when people could into some other we all out no what can while before three city \
        state years time government week only under where officials since local because percent public most them \
        plan between many during made against council told may any so if those did both now still such our \
        through way report police court work company how service region month former four five next back million \
        around members number part end says several group early including because took program school office \
        area residents workers money cost costs support called long half told already told according market high \
        small large board county river north south east west center project plans vote voters law family \
        families hospital health water power land road bridge budget schools students children home homes \
        business businesses industry price prices rate rates tax taxes funds funding staff team season game \
        night morning day days spokesperson statement meeting hearing decision case charges judge review \
        agency department minister ministry union contract talks deal agreement share shares growth sales \
        demand supply trade costs fuel energy weather storm rain flood fire damage repairs traffic transit \
        service services ferry port airport flights train trains station housing rent construction site \
        development community center library museum festival park police officers crime arrest investigation \
        election campaign candidate mayor leaders director manager chief president chair senior deputy \
        expected likely rise fall higher lower increase decrease figures data survey results study research
        """)

    /// Nouns a headline or a topic is built from.
    static let topicNouns: [String] = words(
        """
        budget contract bridge school hospital ferry strike election council union harbor flood storm fares tax \
        prices court trial factory plant airport railway orchard festival museum library clinic reservoir \
        pipeline tunnel stadium market wages pensions rents housing permits zoning levy tariff subsidy grant \
        audit inquiry merger layoffs hiring shortage drought harvest wildfire outage landslide erosion \
        recycling emissions turbine battery mine quarry shipyard terminal depot warehouse clinic pharmacy \
        vaccine ambulance shelter curfew parade regatta marathon derby tournament championship playoff
        """)

    /// Verbs in the third person, for headlines.
    static let headlineVerbs: [String] = words(
        """
        approves rejects delays opens closes expands cuts raises plans warns backs drops revives halts \
        extends freezes doubles trims reviews probes settles disputes unveils scraps restores boosts
        """)

    /// Things the numbers in a story count.
    static let countNouns: [String] = words(
        """
        residents workers students homes vehicles passengers tonnes acres jobs beds visitors votes containers \
        households patients flights members customers teachers nurses trucks boats seats tickets
        """)

    /// What a quoted person is.
    static let roles: [String] = [
        "spokesperson", "director", "chief executive", "mayor", "councillor", "professor", "treasurer", "chair",
        "president", "manager", "superintendent", "inspector", "analyst", "economist", "engineer", "organizer",
        "head of operations", "deputy director",
    ]

    /// What an organization is called after its own name.
    static let organizationNouns: [String] = [
        "Council", "Authority", "Holdings", "Services", "Group", "Partners", "Foundation", "Institute", "Union",
        "Association", "Trust", "Cooperative", "Logistics", "Energy", "Health", "Transit", "Marine Services",
        "Development Agency", "Water Board", "Growers Association",
    ]

    /// Endings of invented place names.
    static let placeSuffixes: [String] = [
        "", "", "", " City", " Falls", " Harbor", " Springs", "ton", "field", " Bay", "ford", " Crossing", " Point",
        "wick", " Heights", " Ridge",
    ]

    /// Phrases shared by many different stories: the stock language of news writing.
    static let stockPhrases: [String] = [
        "said in a statement on", "according to officials", "according to a report released", "declined to comment on",
        "did not immediately respond to a request for comment", "at a news conference", "is expected to",
        "in a written statement", "told reporters", "for the first time since", "over the past year",
        "in recent years", "the latest in a series of", "could not be reached for comment",
        "it was not immediately clear whether", "officials said the", "said in an interview", "are expected to be",
        "at the end of the", "in the coming weeks", "the decision comes after", "a final decision is expected",
        "residents said they", "under the new plan", "the number of", "more than", "as part of a",
        "was not immediately available", "people familiar with the matter said", "a source close to the talks",
        "in the wake of", "is scheduled to", "on condition of anonymity", "it remains unclear how",
        "a copy of which was seen by", "the move is likely to", "has long argued that", "critics say the",
        "supporters of the measure", "the figures show that",
    ]

    /// Time phrases.
    static let timePhrases: [String] = [
        "last week", "earlier this month", "next year", "last year", "this spring", "late last month",
        "in the autumn", "over the weekend", "this week", "next month", "earlier this year", "in the summer",
    ]

    /// Connectives that open a sentence.
    static let openers: [String] = [
        "However,", "Meanwhile,", "In addition,", "Separately,", "Still,", "At the same time,", "Earlier,",
        "Last year,", "By contrast,", "Even so,", "As a result,", "For now,",
    ]

    /// Short closing sentences a copy editor adds.
    static let shortAddedSentences: [String] = [
        "The hearing continues.", "Talks resume next week.", "No injuries were reported.", "The review is ongoing.",
        "A vote is due soon.", "Work starts next month.", "The plan needs approval.", "Details were not released.",
    ]

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Site chrome: newspaper nouns, wire nouns, sections.
    static let paperNouns = [
        "Gazette", "Courier", "Herald", "Ledger", "Sentinel", "Tribune", "Dispatch", "Observer", "Chronicle", "Post",
        "Record", "Bulletin", "Journal", "Review", "Beacon", "Examiner", "Daily", "Standard",
    ]
    static let wireNouns = ["Wire", "Press Service", "News Agency", "Newswire", "Press"]
    static let sections = [
        "News", "Local", "Business", "Sports", "Opinion", "Culture", "Weather", "Obituaries", "Events", "Politics",
        "Science", "Travel", "Region", "Schools",
    ]

    /// Syllables of invented words and names.
    static let onsets = [
        "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t",
        "tr", "v", "w", "z", "sh", "th", "", "bl", "cl", "fl", "sk", "sp",
    ]
    static let vowels = ["a", "e", "i", "o", "u", "a", "e", "o", "i", "ea", "ou", "ai"]
    static let codas = ["", "", "n", "r", "l", "s", "t", "m", "nd", "rk", "st", "x", "ll", "ck", "ng"]

    /// Common words long enough to carry a plausible typo (an original's slip that an edit may fix).
    static let typoCandidates: [String] = words(
        """
        government officials council residents workers business company hospital students families \
        department agreement investigation construction community development election campaign
        """)

    private static func words(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).filter {
            seen.insert($0).inserted
        }
    }
}
