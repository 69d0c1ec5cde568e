import Dedup
import Foundation

/// A small scraped-news corpus with site chrome, built deterministically for the boilerplate tests, in which every
/// line knows what it is: a line of the story, a blank line, or chrome together with the reason
/// ``BoilerplateDetector`` must give for removing it.
///
/// Sites (all fictional):
/// - **Saltmarsh Gazette** (`source` given), 14 stories: a navigation line, a section kicker, "By X, Staff Writer",
///   "March 4, 2026 · 7:15 AM", then after the story a share line, a tags line, on 11 pages "Latest News from
///   Saltmarsh Gazette" over 3 to 6 leads of its other stories, and a copyright line. Story 0 is the most
///   teased (its lead is on 9 other pages); stories 6 and 7 share every chrome line and most of their teaser
///   list; stories 3 and 8 quote the same sentence on a line of its own; story 4 ends with a short line; story 10
///   quotes story 2's lead in its middle; story 13 is wire story 0.
/// - **Tillford Courier** (`source` given), 12 stories, story 5 printed five times (with different datelines and
///   teaser lists): a blank first line, a masthead, a slogan, "Story by X | Courier correspondent", "Tue, Mar 3,
///   2026 • 6:40 PM", "Advertisement" on 4 stories, a rotating subscribe or comment prompt, "More from Tillford
///   Courier" over teasers on 9 stories, and a copyright line naming "Tillford Courier Media Co". Stories 10 and 11
///   are wire stories 1 and 0.
/// - **Ridgeline Post** (only a URL: the site is `ridgelinepost.example`), 11 stories, a blank line between all
///   lines: "Skip to main content", a masthead, a byline, "Updated 9:12 a.m. March 5, 2026", then "Related stories"
///   (5 stories) or "More from Ridgeline Post" (3 stories) over teasers, a follow prompt and "© 2026 Ridgeline
///   Post". Stories 3, 4 and 8 share a background paragraph. Stories 9 and 10 are wire stories 1 and 0.
/// - **Lakeshore Ledger**, 2 pages only (the first-page case): a long story under a byline and a date, closed by
///   "Share this", "Latest News from Lakeshore Ledger" over four items and a copyright line; and a short story
///   whose list is longer than the story, half of it seen on the first page.
/// - **Northline Wire**, 4 stories without any chrome (one hard-wrapped), each opening with a wire dateline
///   "CALDER CITY, March 5 (Northline Wire) - ". Story 0 is syndicated to three sites and story 1 to two, under
///   their chrome and the line "This article was originally published by Northline Wire and is reproduced with
///   permission."
struct BoilerplateCorpus: Sendable {
    /// What a line of a page is.
    enum Role: Sendable, Hashable {
        /// A line of the story: must be kept.
        case story
        /// An empty line: not a block.
        case blank
        /// Site chrome, and the reason it must be removed with.
        case chrome(BoilerplateReason)
    }

    /// One line of a page.
    struct Line: Sendable, Hashable {
        var text: String
        var role: Role
    }

    /// A removal the detector must report: the 1-based line and the reason.
    struct Removal: Sendable, Hashable, CustomStringConvertible {
        var line: Int
        var reason: BoilerplateReason
        var description: String { "line \(line): \(reason.rawValue)" }
    }

    /// One scraped page.
    struct Page: Sendable, Hashable {
        /// The document id.
        var id: String
        /// The story it carries: pages of one story (a syndicated copy, a reprint) share it.
        var storyID: String
        var source: String?
        var url: String
        var title: String
        var published: String
        var lines: [Line]
        /// The origin the detector must report.
        var attribution: String?

        /// The page text: the lines joined by "\n".
        var text: String { lines.map(\.text).joined(separator: "\n") }

        var article: Article {
            Article(
                id: .string(id), text: text, source: source, url: url, title: title,
                published: Timestamp(iso8601: published))
        }

        /// The site as the library derives it.
        var site: String { article.site ?? BoilerplateStatistics.unknownSite }

        /// The chrome lines, with the reasons they must be removed with.
        var expectedRemovals: [Removal] {
            lines.enumerated().compactMap { offset, line in
                if case .chrome(let reason) = line.role { Removal(line: offset + 1, reason: reason) } else { nil }
            }
        }

        /// The 1-based numbers of the story lines.
        var storyLineNumbers: [Int] {
            lines.enumerated().compactMap { $0.element.role == .story ? $0.offset + 1 : nil }
        }

        /// The story lines.
        var storyLines: [String] { lines.filter { $0.role == .story }.map(\.text) }

        /// The text with every chrome line taken out (blank lines kept), as `clean.jsonl` must carry it.
        var cleanedText: String {
            lines.compactMap { line -> String? in
                if case .chrome = line.role { return nil }
                return line.text
            }.joined(separator: "\n")
        }

        /// The 1-based line numbers at which `text` is.
        func lineNumbers(of text: String) -> [Int] {
            lines.enumerated().compactMap { $0.element.text == text ? $0.offset + 1 : nil }
        }

        /// The JSON fields before the text, as written to the corpus file: `{"id":…,…,"text":`.
        var jsonPrefix: String {
            var fields = ["\"id\":" + Self.quoted(id)]
            if let source { fields.append("\"source\":" + Self.quoted(source)) }
            fields.append("\"url\":" + Self.quoted(url))
            fields.append("\"title\":" + Self.quoted(title))
            return "{" + fields.joined(separator: ",") + ",\"text\":"
        }

        /// The JSON after the text.
        var jsonSuffix: String { ",\"published\":" + Self.quoted(published) + "}" }

        /// The page as one JSONL line (without the line break).
        var jsonLine: String { jsonPrefix + Self.quoted(text) + jsonSuffix }

        static func quoted(_ value: String) -> String {
            var out = "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
    }

    /// Accumulates the lines of a page.
    struct PageLines {
        var lines: [Line] = []
        /// Whether a blank line separates every line (Ridgeline Post's layout).
        var spaced = false

        mutating func add(_ text: String, _ role: Role) {
            if spaced && !lines.isEmpty { lines.append(Line(text: "", role: .blank)) }
            lines.append(Line(text: text, role: role))
        }

        mutating func chrome(_ text: String, _ reason: BoilerplateReason) { add(text, .chrome(reason)) }

        mutating func story(_ paragraphs: [String]) {
            for paragraph in paragraphs { add(paragraph, .story) }
        }

        mutating func teasers(_ leads: [String]) {
            for lead in leads { add(lead, .chrome(.teaser)) }
        }
    }

    static let saltmarsh = "Saltmarsh Gazette"
    static let tillford = "Tillford Courier"
    static let ridgeline = "ridgelinepost.example"
    static let lakeshore = "Lakeshore Ledger"
    static let wire = "Northline Wire"
    static let syndicationNotice =
        "This article was originally published by Northline Wire and is reproduced with permission."

    /// The corpus, built once.
    static let shared = BoilerplateCorpus()

    /// Every page, in file order: the wire, then Saltmarsh, Tillford, Ridgeline and Lakeshore.
    let pages: [Page]
    /// What the whole corpus teaches, pages added in file order.
    let statistics: BoilerplateStatistics

    // MARK: Named lines the tests look for.

    /// The quote line that Saltmarsh stories 3 and 8 both carry.
    static let sharedQuote =
        "\"The water does not care about our budget cycle,\" said Odile Fenwick, the harbor master."
    /// The short line that ends Saltmarsh story 4.
    static let budgetEnding = "The budget takes effect July 1."
    /// The background paragraph of Ridgeline stories 3, 4 and 8.
    static let elkmoorBackground =
        "Elkmoor sits at about 7,400 feet, and its population roughly doubles between December and March, "
        + "when the ski season draws seasonal workers from across the region."
    /// A stock sentence closing a paragraph of Saltmarsh stories 1, 5 and 9.
    static let stockSentence =
        "Meetings of the harbor commission are open to the public and begin at six in the evening."

    /// Saltmarsh teaser lists (indices of other Saltmarsh stories); nil: no list.
    static let saltmarshTeasers: [[Int]?] = [
        [3, 5, 9, 11], [0, 2, 4], [0, 1, 3, 6, 12], nil, [0, 5, 7, 10, 13, 2], [0, 4, 8], [0, 1, 9, 11],
        [0, 1, 9, 12], [0, 3, 7, 13, 5], nil, [0, 6, 8, 12], [0, 10, 4], [13, 2, 6, 10, 1], nil,
    ]
    static let tillfordTeasers: [[Int]?] = [
        [1, 2, 3], [0, 2, 4, 6], nil, [4, 5, 7, 8, 9], [3, 5, 6], [6, 7, 8, 0], nil, [8, 9, 11, 0, 2, 3],
        [9, 10, 1], nil, [11, 0, 1, 5], [1, 4, 6, 9],
    ]
    /// The teaser lists of the four reprints of Tillford story 5.
    static let tillfordReprintTeasers: [[Int]] = [[6, 7, 9], [8, 9, 1, 2], [0, 3, 4], [7, 1, 3]]
    /// Ridgeline lists: the header, then the stories.
    static let ridgelineTeasers: [(header: String, items: [Int])?] = [
        ("Related stories", [1, 2, 3]), ("More from Ridgeline Post", [0, 2, 5, 6]), nil,
        ("Related stories", [4, 5, 0, 8, 7]), ("More from Ridgeline Post", [3, 6, 1]), nil,
        ("Related stories", [7, 8, 9]), ("More from Ridgeline Post", [6, 10, 0, 1, 2, 3]),
        ("Related stories", [0, 4, 9]), nil, ("Related stories", [8, 3, 5]),
    ]

    static let saltmarshProjects = [
        "the north pier rebuild", "a second ferry crossing", "the harbor dredging contract", "the Tern Island seawall",
        "the coming year's operating budget", "a youth rowing program", "the Breakwater Park playground",
        "a summer night market on the quay", "the lighthouse cottage repairs", "a curbside composting pilot",
        "the Old Cannery loft conversions", "a shared ambulance service", "the tidal flood gates",
    ]
    static let tillfordProjects = [
        "the Millrace Road bridge repairs", "a new library wing", "the county fairground grandstand",
        "the Pell Creek culvert replacement", "a rural broadband grant", "the orchard frost relief fund",
        "the middle school roof", "the Kettle Lane roundabout", "the Sawyer Mill museum",
        "the grain elevator demolition",
    ]
    static let ridgelineProjects = [
        "the ski hill chairlift", "the avalanche warning sirens", "the trailhead shuttle",
        "the hospital maternity ward", "a water rate increase", "the rail depot renovation", "the snowplow contract",
        "a dog park on Birch Flat", "the river gauge network",
    ]
    static let lakeshoreProjects = ["the lakefront boardwalk", "the public pool reopening"]
    /// Stories of Lakeshore Ledger that are not in the corpus: their leads are teaser items only.
    static let lakeshoreOffCorpusProjects = [
        "the cemetery expansion", "a farmers cooperative grain dryer", "the Quarry Lake swimming ban",
        "the old armory sale",
    ]
    static let wireProjects = ["a regional water compact", "the coastal rail timetable", "a statewide wildfire fund"]
    /// Projects for stories written by the tests themselves, outside the corpus.
    static let extraProjects = [
        "the courthouse clock restoration", "the community radio tower", "a tiny-homes village",
        "the landfill methane capture system", "the Cobble Street storm drains", "a four-day school week",
        "the Founders Day parade route", "a cold-weather shelter", "the reservoir spillway inspection",
        "new rules for short-term rentals",
    ]

    /// The hard-wrapped wire story, written by hand so that no wrapped line looks like a cue.
    static let wrappedWireStory = [
        "KESTREL POINT, March 9 (Northline Wire) - The regional transit",
        "authority said on Monday it would add four early buses on the",
        "coastal route from April, after riders complained that the first",
        "departure left too late for hospital shift workers.",
        "The change will cost roughly 310,000 dollars a year, the authority",
        "said, and will be paid for out of a reserve set aside for service",
        "improvements.",
        "Riders' groups welcomed the decision but said evening service on",
        "the inland route remained thin, with gaps of more than an hour",
        "after seven o'clock.",
        "The authority's board is due to review the full timetable in June.",
    ]

    /// A story for one of ``extraProjects`` (for pages the tests build themselves).
    static func extraStory(_ index: Int, paragraphs: Int = 5) -> BoilerplateProse.Story {
        var writer = BoilerplateProse(seed: 9_000 + UInt64(index))
        return writer.story(
            project: extraProjects[index], town: "Wrackley", otherTown: "Port Amsel", paragraphs: paragraphs)
    }

    private static func saltmarshDateline(day: Int, hour: Int, minute: Int) -> String {
        "March \(day), 2026 · \(hour):" + (minute < 10 ? "0" : "") + "\(minute) AM"
    }

    private static func tillfordDateline(day: Int, hour: Int, minute: Int, updated: Bool = false) -> String {
        let weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][(day - 1) % 7]
        return (updated ? "Updated " : "") + "\(weekday), Mar \(day), 2026 • \(hour):"
            + (minute < 10 ? "0" : "") + "\(minute) PM"
    }

    private static func iso(day: Int, hour: Int, minute: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "2026-03-\(two(day))T\(two(hour)):\(two(minute)):00Z"
    }

    /// The chrome of a Saltmarsh Gazette page around `story`.
    static func saltmarshPage(
        story: [String], kicker: String, byline: String, dateline: String, tags: String, syndicated: Bool,
        teasers: [String]?
    ) -> [Line] {
        var page = PageLines()
        page.chrome("Home | Local | Business | Sports | Opinion", .repeated)
        page.chrome(kicker, .leadingRun)
        page.chrome(byline, .cuePhrase)
        page.chrome(dateline, .cuePhrase)
        page.story(story)
        if syndicated { page.chrome(syndicationNotice, .attribution) }
        page.chrome("Share this story: Facebook · Email · Print", .repeated)
        page.chrome(tags, .trailingRun)
        if let teasers {
            page.chrome("Latest News from Saltmarsh Gazette", .repeated)
            page.teasers(teasers)
        }
        page.chrome("© 2026 Saltmarsh Gazette. All rights reserved.", .attribution)
        return page.lines
    }

    init() {
        var pages: [Page] = []

        // Northline Wire.
        let wireDatelines = [
            "CALDER CITY, March 5 (Northline Wire) - ", "HOLLINS FORD, March 8 (Northline Wire) - ",
            "MARROW BAY, March 10 (Northline Wire) - ",
        ]
        let wireTowns = ["Calder City", "Hollins Ford", "Marrow Bay"]
        var wireStories: [BoilerplateProse.Story] = []
        for index in 0..<3 {
            var writer = BoilerplateProse(seed: 100 + UInt64(index))
            let story = writer.story(
                project: Self.wireProjects[index], town: wireTowns[index], otherTown: "Lorne",
                wireDateline: wireDatelines[index])
            wireStories.append(story)
            var lines = PageLines()
            lines.story(story.paragraphs)
            pages.append(
                Page(
                    id: "wire-\(index)", storyID: "wire-\(index)", source: Self.wire,
                    url: "https://northlinewire.example/stories/\(index)", title: story.title,
                    published: Self.iso(day: [5, 8, 10][index], hour: 6, minute: 0), lines: lines.lines,
                    attribution: Self.wire))
        }
        var wrapped = PageLines()
        wrapped.story(Self.wrappedWireStory)
        pages.append(
            Page(
                id: "wire-3", storyID: "wire-3", source: Self.wire, url: "https://northlinewire.example/stories/3",
                title: "Transit authority adds early coastal buses", published: Self.iso(day: 9, hour: 5, minute: 30),
                lines: wrapped.lines, attribution: Self.wire))

        // Saltmarsh Gazette.
        var saltmarshStories: [BoilerplateProse.Story] = []
        let saltmarshTowns = ["Saltmarsh", "Port Amsel", "Gull Reach", "Tern Hollow", "Wrackley"]
        for index in 0..<13 {
            var writer = BoilerplateProse(seed: 200 + UInt64(index))
            saltmarshStories.append(
                writer.story(
                    project: Self.saltmarshProjects[index], town: saltmarshTowns[index % 5],
                    otherTown: saltmarshTowns[(index + 2) % 5]))
        }
        saltmarshStories.append(wireStories[0])
        let kickers = ["Waterfront", "City Hall", "Schools", "Outdoors", "Courts"]
        let authors = ["Mara Lindqvist", "Teodor Ashby", "Philippa Crane", "Jonah Stellmach"]
        let tagWords = [
            "pier", "ferry", "dredging", "seawall", "budget", "rowing", "playground", "market", "lighthouse",
            "compost", "cannery", "ambulance", "flood gates", "water",
        ]
        for index in 0..<14 {
            let story = saltmarshStories[index]
            var paragraphs = story.paragraphs
            switch index {
            case 1, 5, 9: paragraphs[3] += " " + Self.stockSentence
            case 3, 8: paragraphs.insert(Self.sharedQuote, at: 3)
            case 4: paragraphs.append(Self.budgetEnding)
            case 10: paragraphs.insert(saltmarshStories[2].lead, at: 3)
            default: break
            }
            // Stories 6 and 7 share every chrome line.
            let chromeIndex = index == 7 ? 6 : index
            let syndicated = index == 13
            let day = 2 + chromeIndex
            let hour = 6 + chromeIndex % 5
            let minute = (chromeIndex * 7) % 60
            let kicker = syndicated ? "Region" : kickers[chromeIndex % 5]
            let byline = syndicated ? "By Petra Vosk, Northline Wire" : "By \(authors[chromeIndex % 4]), Staff Writer"
            let lines = Self.saltmarshPage(
                story: paragraphs, kicker: kicker, byline: byline,
                dateline: Self.saltmarshDateline(
                    day: syndicated ? 5 : day, hour: syndicated ? 9 : hour, minute: minute),
                tags: "Tags: \(kicker.lowercased()), \(tagWords[chromeIndex])", syndicated: syndicated,
                teasers: Self.saltmarshTeasers[index].map { $0.map { saltmarshStories[$0].lead } })
            let storyID = syndicated ? "wire-0" : "saltmarsh-\(index)"
            pages.append(
                Page(
                    id: "saltmarsh-\(index)", storyID: storyID, source: Self.saltmarsh,
                    url: "https://saltmarshgazette.example/news/\(index)", title: story.title,
                    published: syndicated
                        ? Self.iso(day: 5, hour: 9, minute: 40) : Self.iso(day: day, hour: hour, minute: minute),
                    lines: lines, attribution: syndicated ? Self.wire : nil))
        }

        // Tillford Courier.
        var tillfordStories: [BoilerplateProse.Story] = []
        let tillfordTowns = ["Tillford", "Upper Reed", "Brindle Falls", "Oxbow Mill", "Carrow"]
        for index in 0..<10 {
            var writer = BoilerplateProse(seed: 300 + UInt64(index))
            tillfordStories.append(
                writer.story(
                    project: Self.tillfordProjects[index], town: tillfordTowns[index % 5],
                    otherTown: tillfordTowns[(index + 1) % 5]))
        }
        tillfordStories.append(wireStories[1])
        tillfordStories.append(wireStories[0])
        let tillfordAuthors = ["Tobias Renn", "Signe Alvarado", "Cormac Lisle"]
        let prompts = [
            "Subscribe to the Courier's morning newsletter", "Get the Courier in your inbox: sign up today",
            "Comments are closed on this story.", "Print this page",
        ]
        func tillfordPage(_ index: Int, dateline: String, teasers: [Int]?) -> [Line] {
            let syndicated = index >= 10
            var page = PageLines()
            page.add("", .blank)
            page.chrome("TILLFORD COURIER", .repeated)
            page.chrome("Serving Tillford and the Upper Reed valley since 1911", .repeated)
            page.chrome(
                syndicated
                    ? "Story by Petra Vosk | Northline Wire"
                    : "Story by \(tillfordAuthors[index % 3]) | Courier correspondent",
                .cuePhrase)
            page.chrome(dateline, .cuePhrase)
            if index % 3 == 0 { page.chrome("Advertisement", .cuePhrase) }
            page.story(tillfordStories[index].paragraphs)
            if syndicated { page.chrome(Self.syndicationNotice, .attribution) }
            page.chrome(prompts[index % 4], .cuePhrase)
            if let teasers {
                page.chrome("More from Tillford Courier", .repeated)
                page.teasers(teasers.map { tillfordStories[$0].lead })
            }
            page.chrome("Copyright 2026 Tillford Courier Media Co. All rights reserved.", .attribution)
            return page.lines
        }
        for index in 0..<12 {
            let storyID = index == 10 ? "wire-1" : index == 11 ? "wire-0" : "tillford-\(index)"
            let day = index < 10 ? 2 + index : 5 + 3 * (11 - index)
            let hour = 1 + index % 9
            let minute = (index * 11) % 60
            pages.append(
                Page(
                    id: "tillford-\(index)", storyID: storyID, source: Self.tillford,
                    url: "https://tillfordcourier.example/\(index)", title: tillfordStories[index].title,
                    published: Self.iso(day: day, hour: 12 + hour, minute: minute),
                    lines: tillfordPage(
                        index, dateline: Self.tillfordDateline(day: day, hour: hour, minute: minute),
                        teasers: Self.tillfordTeasers[index]),
                    attribution: index >= 10 ? Self.wire : nil))
            if index == 5 {
                for (reprint, teasers) in Self.tillfordReprintTeasers.enumerated() {
                    let reprintDay = 8 + reprint
                    pages.append(
                        Page(
                            id: "tillford-5-reprint-\(reprint + 1)", storyID: storyID, source: Self.tillford,
                            url: "https://tillfordcourier.example/5?edition=\(reprint + 1)",
                            title: tillfordStories[5].title,
                            published: Self.iso(day: reprintDay, hour: 8, minute: 5),
                            lines: tillfordPage(
                                5, dateline: Self.tillfordDateline(day: reprintDay, hour: 9, minute: 5, updated: true),
                                teasers: teasers),
                            attribution: nil))
                }
            }
        }

        // Ridgeline Post: no source, only a URL.
        var ridgelineStories: [BoilerplateProse.Story] = []
        let ridgelineTowns = ["Elkmoor", "Gallow Ridge", "Juniper Flats", "Scree Hollow", "Pika Pass"]
        for index in 0..<9 {
            var writer = BoilerplateProse(seed: 400 + UInt64(index))
            ridgelineStories.append(
                writer.story(
                    project: Self.ridgelineProjects[index], town: ridgelineTowns[index % 5],
                    otherTown: ridgelineTowns[(index + 3) % 5]))
        }
        ridgelineStories.append(wireStories[1])
        ridgelineStories.append(wireStories[0])
        let ridgelineBylines = [
            "By Ines Okafor", "By Dale Whitcombe", "By Ines Okafor and Dale Whitcombe", "By Ruth Abernathy-Sloane",
        ]
        for index in 0..<11 {
            let syndicated = index >= 9
            var paragraphs = ridgelineStories[index].paragraphs
            if [3, 4, 8].contains(index) { paragraphs.insert(Self.elkmoorBackground, at: 2) }
            let day = syndicated ? (index == 9 ? 8 : 5) : 3 + index
            let hour = syndicated ? 11 : 7 + index % 4
            let minute = (index * 13) % 60
            var page = PageLines(spaced: true)
            page.chrome("Skip to main content", .repeated)
            page.chrome("RIDGELINE POST | News for the high country", .repeated)
            page.chrome(syndicated ? "By Northline Wire staff" : ridgelineBylines[index % 4], .cuePhrase)
            page.chrome(
                "Updated \(hour):" + (minute < 10 ? "0" : "") + "\(minute) a.m. March \(day), 2026", .cuePhrase)
            page.story(paragraphs)
            if syndicated { page.chrome(Self.syndicationNotice, .attribution) }
            if let list = Self.ridgelineTeasers[index] {
                page.chrome(list.header, .cuePhrase)
                page.teasers(list.items.map { ridgelineStories[$0].lead })
            }
            page.chrome("Follow us on Facebook and Instagram", .repeated)
            page.chrome("© 2026 Ridgeline Post", .attribution)
            let storyID = index == 9 ? "wire-1" : index == 10 ? "wire-0" : "ridgeline-\(index)"
            pages.append(
                Page(
                    id: "ridgeline-\(index)", storyID: storyID, source: nil,
                    url: "https://www.ridgelinepost.example/2026/03/story-\(index)",
                    title: ridgelineStories[index].title, published: Self.iso(day: day, hour: hour, minute: minute),
                    lines: page.lines, attribution: syndicated ? Self.wire : nil))
        }

        // Lakeshore Ledger: two pages only.
        var offCorpus: [String] = []
        for (index, project) in Self.lakeshoreOffCorpusProjects.enumerated() {
            var writer = BoilerplateProse(seed: 600 + UInt64(index))
            offCorpus.append(writer.story(project: project, town: "Marrow Bay", otherTown: "Fennick").lead)
        }
        var longWriter = BoilerplateProse(seed: 500)
        let long = longWriter.story(
            project: Self.lakeshoreProjects[0], town: "Lakeshore", otherTown: "Fennick", paragraphs: 6)
        var shortWriter = BoilerplateProse(seed: 501)
        let shortFull = shortWriter.story(project: Self.lakeshoreProjects[1], town: "Lakeshore", otherTown: "Fennick")
        let short = BoilerplateProse.Story(
            title: shortFull.title, lead: shortFull.lead,
            body: ["Lifeguard training begins in May, the parks office said."])

        var first = PageLines()
        first.chrome("By Wren Halloway, Ledger staff", .cuePhrase)
        first.chrome("Posted March 6, 2026", .cuePhrase)
        first.story(long.paragraphs)
        first.chrome("Share this", .cuePhrase)
        first.chrome("Latest News from Lakeshore Ledger", .cuePhrase)
        for item in offCorpus[0..<3] { first.chrome(item, .trailingRun) }
        first.chrome(short.lead, .teaser)
        first.chrome("Copyright 2026 Lakeshore Ledger. All rights reserved.", .attribution)
        pages.append(
            Page(
                id: "lakeshore-0", storyID: "lakeshore-0", source: Self.lakeshore,
                url: "https://lakeshoreledger.example/boardwalk", title: long.title,
                published: Self.iso(day: 6, hour: 10, minute: 0), lines: first.lines, attribution: nil))

        var second = PageLines()
        second.chrome("By Anselm Crowe", .cuePhrase)
        second.chrome("Posted March 7, 2026", .cuePhrase)
        second.story(short.paragraphs)
        second.chrome("Latest News from Lakeshore Ledger", .cuePhrase)
        for item in [offCorpus[0], offCorpus[1], offCorpus[3]] { second.chrome(item, .trailingRun) }
        second.chrome(long.lead, .teaser)
        pages.append(
            Page(
                id: "lakeshore-1", storyID: "lakeshore-1", source: Self.lakeshore,
                url: "https://lakeshoreledger.example/pool", title: short.title,
                published: Self.iso(day: 7, hour: 10, minute: 0), lines: second.lines, attribution: nil))

        var statistics = BoilerplateStatistics()
        let splitter = BlockSplitter()
        for page in pages {
            statistics.add(splitter.blocks(of: page.text), site: page.article.site)
        }
        self.pages = pages
        self.statistics = statistics
    }

    /// The page with `id`.
    func page(_ id: String) -> Page {
        guard let page = pages.first(where: { $0.id == id }) else { preconditionFailure("no page \(id)") }
        return page
    }

    /// The corpus as JSONL.
    var jsonl: String { pages.map(\.jsonLine).joined(separator: "\n") + "\n" }

    /// Writes the corpus to a new temporary directory; returns the file's path.
    func writeJSONL(named name: String = "corpus.jsonl") throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("boilerplate-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(jsonl.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

extension BoilerplateCorpus {
    /// The analysis of a page made of `lines` on `site`.
    static func analyze(
        _ lines: [Line], site: String?, statistics: BoilerplateStatistics, rules: BoilerplateRules = .standard
    ) -> BoilerplateAnalysis {
        let text = lines.map(\.text).joined(separator: "\n")
        return BoilerplateDetector(rules: rules).analyze(
            BlockSplitter().blocks(of: text), site: site, statistics: statistics)
    }

    /// The removals an analysis reports, as line and reason (each removed block must be one line).
    static func removals(_ analysis: BoilerplateAnalysis) -> [Removal] {
        analysis.removed.map { Removal(line: $0.firstLine, reason: $0.reason) }
    }

    /// The removals `lines` expect.
    static func expectedRemovals(_ lines: [Line]) -> [Removal] {
        lines.enumerated().compactMap { offset, line in
            if case .chrome(let reason) = line.role { Removal(line: offset + 1, reason: reason) } else { nil }
        }
    }

    /// A line-by-line account of where an analysis differs from what the lines expect, for failure messages.
    static func differences(_ lines: [Line], _ analysis: BoilerplateAnalysis) -> String {
        var observed: [Int: BoilerplateRemovalNote] = [:]
        for block in analysis.removed {
            for line in block.firstLine...block.lastLine {
                observed[line] = BoilerplateRemovalNote(reason: block.reason, detail: block.detail)
            }
        }
        var report: [String] = []
        for (offset, line) in lines.enumerated() {
            let expected: String
            switch line.role {
            case .story: expected = "story"
            case .blank: expected = "blank"
            case .chrome(let reason): expected = reason.rawValue
            }
            let got = observed[offset + 1].map { "\($0.reason.rawValue) (\($0.detail))" } ?? "kept"
            let isRight: Bool
            switch line.role {
            case .story, .blank: isRight = observed[offset + 1] == nil
            case .chrome(let reason): isRight = observed[offset + 1]?.reason == reason
            }
            if !isRight {
                report.append("line \(offset + 1): expected \(expected), got \(got): \(line.text.prefix(70))")
            }
        }
        return report.joined(separator: "\n")
    }
}

/// The reason and detail of one removed line, for failure messages.
struct BoilerplateRemovalNote: Hashable {
    var reason: BoilerplateReason
    var detail: String
}
