import Foundation

/// A seeded writer of original local-news stories for the boilerplate tests.
///
/// Every story is about its own project (no two stories share one), opens with a one-sentence lead of 18 to 35
/// words, and follows it with paragraphs of one to three sentences drawn without repetition from forty sentence
/// patterns filled with the story's cast, town and figures. The first body paragraph always has three sentences, so
/// it is the story's longest block: longer than any lead, which keeps "the page's longest block" a line of the
/// story and not an item of a teaser list. Story sentences are all longer than twelve words and avoid the words of
/// cue phrases and notices, so only the lines a test adds on purpose can look like chrome.
struct BoilerplateProse {
    /// A generated story.
    struct Story: Sendable, Hashable {
        var title: String
        /// The lead paragraph: one sentence.
        var lead: String
        /// The other paragraphs, in order.
        var body: [String]

        /// Every paragraph, lead first.
        var paragraphs: [String] { [lead] + body }
    }

    private var state: UInt64

    init(seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    private mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, int(0...index))
        }
        return items
    }

    /// A story about `project` set in `town` (`otherTown` is the neighbour it gets compared with). `wireDateline`,
    /// when given, opens the lead ("CALDER CITY, March 5 (Northline Wire) - ").
    mutating func story(
        project: String, town: String, otherTown: String, wireDateline: String? = nil, paragraphs: Int = 5
    ) -> Story {
        let cast = (0..<3).map { _ in
            (name: pick(Self.firstNames) + " " + pick(Self.lastNames), role: pick(Self.roles))
        }
        var quotes = shuffled(Self.quotes)
        var turn = 0
        func fill(_ pattern: String, _ writer: inout BoilerplateProse) -> String {
            var text = pattern
            // The cast speaks in turn, so neighbouring sentences name different people.
            let person = cast[turn % cast.count]
            if pattern.contains("{P}") { turn += 1 }
            text = text.replacingOccurrences(of: "{P}", with: person.name)
            text = text.replacingOccurrences(of: "{R}", with: person.role)
            text = text.replacingOccurrences(of: "{T}", with: town)
            text = text.replacingOccurrences(of: "{T2}", with: otherTown)
            text = text.replacingOccurrences(of: "{J}", with: project)
            text = text.replacingOccurrences(of: "{N}", with: String(writer.int(12...98)))
            text = text.replacingOccurrences(of: "{N2}", with: String(writer.int(3...11)))
            text = text.replacingOccurrences(of: "{Y}", with: String(writer.int(4...40)))
            text = text.replacingOccurrences(of: "{M}", with: writer.money())
            text = text.replacingOccurrences(of: "{D}", with: writer.pick(Self.weekdays))
            text = text.replacingOccurrences(of: "{Mo}", with: writer.pick(Self.months))
            if text.contains("{Q}") {
                text = text.replacingOccurrences(of: "{Q}", with: quotes.removeLast())
            }
            return text
        }

        let leadPattern = pick(Self.leadPatterns)
            .replacingOccurrences(of: "{verb}", with: pick(Self.leadVerbs))
            .replacingOccurrences(of: "{pred}", with: pick(Self.leadPredicates))
            .replacingOccurrences(of: "{plural}", with: pick(Self.pluralPredicates))
            .replacingOccurrences(of: "{tail}", with: pick(Self.leadTails))
        var lead = fill(leadPattern, &self)
        if let wireDateline { lead = wireDateline + lead }

        var patterns = shuffled(Self.bodyPatterns)
        var body: [String] = []
        for paragraph in 0..<paragraphs {
            let sentences = paragraph == 0 ? 3 : int(1...2)
            var text: [String] = []
            for _ in 0..<sentences { text.append(fill(patterns.removeLast(), &self)) }
            body.append(text.joined(separator: " "))
        }
        let title = town + " " + pick(Self.headlineVerbs) + " " + project.replacingOccurrences(of: "the ", with: "")
        return Story(title: title, lead: lead, body: body)
    }

    private mutating func money() -> String {
        let whole = int(1...9)
        let tenth = int(0...9)
        return pick(["$\(whole).\(tenth) million", "$\(int(120...980)),000"])
    }

    static let firstNames = [
        "Odile", "Bram", "Celeste", "Dorian", "Esme", "Fintan", "Greer", "Hollis", "Imogen", "Jasper", "Katya",
        "Lorcan", "Maren", "Nils", "Orla", "Piers", "Quinn", "Rosalind", "Soren", "Tamsin", "Ulric", "Vesna",
        "Wilder", "Xanthe", "Yorick", "Zelda", "Anouk", "Bastian", "Corliss", "Delphine",
    ]
    static let lastNames = [
        "Ashgrove", "Birchall", "Corrow", "Dunmore", "Ellery", "Farrant", "Galloway", "Hesketh", "Ingledew",
        "Jarrow", "Kettering", "Lumley", "Marwood", "Netherby", "Oakshott", "Pennick", "Quarrie", "Rushworth",
        "Stallard", "Thackeray", "Underhill", "Vantreight", "Whitlock", "Yarrow", "Zouch", "Blenkin", "Coldwell",
    ]
    static let roles = [
        "a retired ferry pilot", "the town's finance director", "a second-term board member", "the county engineer",
        "a high school science teacher", "the head of the merchants' association", "a volunteer firefighter",
        "the library director", "a dairy farmer from the east side", "a nurse at the regional clinic",
        "the parks superintendent", "a lawyer for the neighbors", "the school district's business manager",
        "a member of the historical society", "the harbor master", "a longtime orchard owner",
    ]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    static let months = ["April", "May", "June", "July", "August", "September", "October"]
    static let headlineVerbs = [
        "weighs", "backs", "delays", "rethinks", "funds", "debates", "questions", "revives",
    ]

    static let leadPatterns = [
        "{T} officials on {D} {verb} {J}, {tail}.",
        "After {N2} months of argument, the {T} board {verb} {J} on {D}, {tail}.",
        "{P}, {R}, said on {D} that {J} {pred}, {tail}.",
        "A divided {T} board {verb} {J} late on {D} night, {tail}.",
        "Plans for {J} in {T} {plural} on {D}, {tail}.",
    ]
    static let leadVerbs = [
        "approved", "rejected", "postponed a decision on", "asked for a fresh study of", "opened bidding for",
        "set aside money for", "signed off on", "put a hold on",
    ]
    static let leadPredicates = [
        "will go ahead without state help", "could cost twice the early estimate",
        "is running a year behind schedule", "has won the backing of local farmers",
        "faces a court challenge from neighbors", "has moved a step closer", "has hit a fresh snag",
    ]
    static let pluralPredicates = [
        "moved a step closer", "hit a fresh snag", "cleared a key vote", "drew an unusually large crowd",
        "were sent back to the drawing board", "won a surprise endorsement from the fire district",
    ]
    static let leadTails = [
        "a move that surprised several members of the audience",
        "though the final cost is still being negotiated",
        "ending a dispute that began in {Mo} of last year",
        "with {N} residents watching from the back of the room",
        "leaving the details to a working group that meets next month",
        "despite warnings from the finance office about next year's shortfall",
    ]

    static let quotes = [
        "We owe people a straight answer about what this will cost",
        "I have been to every meeting and I still could not tell you who is paying for it",
        "This is the kind of thing a town does once in a generation",
        "If we wait another year, the price only goes up",
        "My grandfather helped build the old one, so I have mixed feelings",
        "We asked for numbers and got a slideshow",
        "People here are patient, but they are not endlessly patient",
        "The money is there if we are willing to go and ask for it",
        "Nobody wants to be the board that let this slip another season",
        "I would rather get it right than get it done by summer",
        "We are a small town with a very long list of repairs",
        "Every delay has a price, and it lands on the same households",
        "Let us at least see the engineering report before we vote",
        "The kids deserve better than a building held together with tape",
        "Half the people who called me were for it and half were against it",
        "I do not think anybody expected the turnout we had tonight",
        "This is about whether the next generation can afford to live here",
        "We have patched it for twenty years and now the patches need patches",
        "It is a good idea that arrived at a bad time",
        "Nobody in this room wants to raise taxes, but nobody wants a closed road either",
    ]

    /// Sentence patterns. {P} a cast member's name, {R} their role, {T} the town, {T2} the neighbour, {J} the
    /// project, {N} and {N2} figures, {Y} years, {M} money, {D} a weekday, {Mo} a month, {Q} a quote.
    static let bodyPatterns = [
        "{P}, {R}, said the plans for {J} had been redrawn {N} times since the first public meeting.",
        "The first estimate for {J} came in at {M}, well above what the {T} budget committee had set aside.",
        "Crews could start as early as {Mo} if the weather holds and the permits arrive on time, {P} said.",
        "\"{Q},\" said {P}, {R}.",
        "At a hearing on {D}, {N} people signed up to speak and most of them asked the board to slow down.",
        "{P} pointed out that neighboring {T2} tried a similar approach {Y} years ago and dropped it after one season.",
        "A consultant hired by the town counted {N} problems along the route and ranked {N2} of them as urgent.",
        "The state has offered to pay roughly a third of the bill if {T} can raise the remainder by {Mo}.",
        "Opponents collected {N} signatures on a petition asking for the question to go before voters in {Mo}.",
        "Several shop owners in {T} said nobody had told them how long the work on {J} would block their deliveries.",
        "{P} said the town would publish a full schedule for {J} before the end of {Mo}.",
        "Records released under the open meetings law show that the cost of {J} rose by {N} percent in a single year.",
        "The {T} fire chief asked that any plan keep at least one lane open for emergency vehicles at all times.",
        "{P}, {R}, questioned whether the town had enough staff to oversee a project of this size.",
        "Turnout at the last {T} election was just {N} percent, and several speakers said that alone justified "
            + "a referendum.",
        "The board will take up {J} again on {D}, when it expects a report from the county engineer.",
        "Some residents urged the town to borrow the money now, while rates on municipal bonds stay below "
            + "{N2} percent.",
        "In {T2}, a town of similar size, a comparable project took {Y} years and finished {M} over budget.",
        "{P} said a private donor had offered {M} toward {J} on the condition that the gift stay anonymous.",
        "Students from the {T} high school presented a model of {J} that drew applause from the audience.",
        "The last major repair in the area was carried out {Y} years ago, according to town records.",
        "Farmers on the edge of {T} worry that {J} will change how water drains across their fields in spring.",
        "{P}, {R}, estimated that the work would create about {N} temporary jobs over two summers.",
        "Board members agreed to hire an independent engineer before committing any more money to {J}.",
        "Volunteers have already raised {M} through bake sales, a raffle and a charity run along the river.",
        "The nearest alternative is in {T2}, a drive of about {N} minutes from the center of {T} in good weather.",
        "A vote planned for {D} was pushed back after two board members said they needed more time with the documents.",
        "{P} said the town had applied for a federal grant but did not expect an answer before {Mo}.",
        "Insurance premiums for town buildings have climbed {N} percent in three years, the finance office reported.",
        "Longtime residents recalled a winter storm {Y} years ago that left parts of {T} without power for a week.",
        "The regional planning agency ranked {J} number {N2} out of {N} proposals competing for the same pot of money.",
        "{P}, {R}, urged the board to consider how {J} would look in twenty years, not just next season.",
        "The proposal now goes to a committee of {N2} residents who will report back to the board in {Mo}.",
        "Neighbors near the site of {J} said they were worried about noise, dust and heavy trucks on narrow streets.",
        "{P} said the town's reserve fund stood at {M} at the end of the last fiscal year.",
        "An earlier plan for the same site, drawn up {Y} years ago, was shelved when its main backer moved away.",
        "The {T} chamber of merchants has not taken a formal position, but several of its members spoke in favor.",
        "{P}, {R}, said {J} should be paired with better bus service so older residents can actually reach it.",
        "A map presented at the meeting showed {N} properties that would need easements before work could begin.",
        "Town staff said the timeline for {J} depends largely on how quickly the state reviews the environmental "
            + "study.",
    ]
}
