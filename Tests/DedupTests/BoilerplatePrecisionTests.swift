import Dedup
import Testing

/// Story text survives: shared quotes, short closing lines, mid-story "Read more" lines and paragraphs that merely
/// mention a notice word are not chrome.
@Suite("Boilerplate precision")
struct BoilerplatePrecisionTests {
    typealias Line = BoilerplateCorpus.Line
    static let corpus = BoilerplateCorpus.shared

    func key(_ text: String) -> UInt64 {
        BlockSplitter().blocks(of: text)[0].key
    }

    /// A Saltmarsh Gazette page (known chrome, known teaser leads) around `story`, analyzed with the corpus.
    func saltmarshPage(_ story: [String]) -> [Line] {
        let corpus = Self.corpus
        let leads = [1, 4, 9].map { corpus.page("saltmarsh-\($0)").storyLines[0] }
        return BoilerplateCorpus.saltmarshPage(
            story: story, kicker: "Courts", byline: "By Teodor Ashby, Staff Writer",
            dateline: "March 20, 2026 · 8:05 AM", tags: "Tags: courts, ferries", syndicated: false, teasers: leads)
    }

    func check(
        _ lines: [Line], site: String = BoilerplateCorpus.saltmarsh,
        statistics: BoilerplateStatistics = BoilerplateCorpus.shared.statistics
    ) {
        let analysis = BoilerplateCorpus.analyze(lines, site: site, statistics: statistics)
        #expect(
            BoilerplateCorpus.removals(analysis) == BoilerplateCorpus.expectedRemovals(lines),
            "\(BoilerplateCorpus.differences(lines, analysis))")
        #expect(analysis.contentText == lines.filter { $0.role == .story }.map(\.text).joined(separator: "\n"))
    }

    @Test("A quote on a line of its own in two stories of one site is not repeated")
    func sharedQuote() throws {
        let site = try #require(Self.corpus.statistics.site(BoilerplateCorpus.saltmarsh))
        #expect(site.stories(containing: key(BoilerplateCorpus.sharedQuote)) == 2)
        for id in ["saltmarsh-3", "saltmarsh-8"] {
            let page = Self.corpus.page(id)
            let line = try #require(page.lineNumbers(of: BoilerplateCorpus.sharedQuote).first)
            let analysis = BoilerplateCorpus.analyze(
                page.lines, site: page.article.site, statistics: Self.corpus.statistics)
            #expect(analysis.content.contains { $0.firstLine == line }, "\(id)")
        }
    }

    @Test("A background paragraph in three stories of an eleven-story site stays in all three")
    func sharedBackground() throws {
        let site = try #require(Self.corpus.statistics.site(BoilerplateCorpus.ridgeline))
        #expect(site.stories == 11)
        #expect(site.stories(containing: key(BoilerplateCorpus.elkmoorBackground)) == 3)
        for id in ["ridgeline-3", "ridgeline-4", "ridgeline-8"] {
            let page = Self.corpus.page(id)
            let line = try #require(page.lineNumbers(of: BoilerplateCorpus.elkmoorBackground).first)
            let analysis = BoilerplateCorpus.analyze(
                page.lines, site: page.article.site, statistics: Self.corpus.statistics)
            #expect(analysis.content.contains { $0.firstLine == line }, "\(id)")
        }
    }

    @Test("A quote shared by two of four stories is kept; the chrome of all four is not")
    func smallSiteSharedQuote() {
        let site = "Gull Reach Herald"
        let quote = "\"We will not close the school while I am on this board,\" said Fintan Oakshott, the board chair."
        var statistics = BoilerplateStatistics()
        var pages: [[Line]] = []
        for index in 0..<4 {
            var story = BoilerplateCorpus.extraStory(index).paragraphs
            if index < 2 { story.insert(quote, at: 2) }
            var page = BoilerplateCorpus.PageLines()
            page.chrome("Gull Reach Herald | News | Sport | Notices", .repeated)
            page.story(story)
            page.chrome("Gull Reach Herald is published every Thursday by the Herald Trust", .repeated)
            pages.append(page.lines)
            statistics.add(BlockSplitter().blocks(of: page.lines.map(\.text).joined(separator: "\n")), site: site)
        }
        #expect(BoilerplateRules.standard.repeatedThreshold(stories: 4) == 3)
        for lines in pages {
            check(lines, site: site, statistics: statistics)
        }
    }

    @Test("A story that ends with the short line \"The budget takes effect July 1.\" keeps it")
    func budgetEnding() throws {
        let page = Self.corpus.page("saltmarsh-4")
        let line = try #require(page.lineNumbers(of: BoilerplateCorpus.budgetEnding).first)
        // The next line is the site's share prompt, a mark of the trailing run.
        #expect(page.lines[line].text.hasPrefix("Share this story"))
        let analysis = BoilerplateCorpus.analyze(
            page.lines, site: page.article.site, statistics: Self.corpus.statistics)
        #expect(analysis.content.last?.firstLine == line)
        #expect(analysis.content.last?.text == Substring(BoilerplateCorpus.budgetEnding))
    }

    @Test(
        "A story that ends with a short line keeps it",
        arguments: [
            "The budget takes effect July 1.", "Both men remain in custody.", "Voting closes on March 30.",
            "The next hearing is set for Tuesday, April 14.",
        ])
    func shortEnding(_ ending: String) {
        let story = BoilerplateCorpus.extraStory(6).paragraphs + [ending]
        check(saltmarshPage(story))
    }

    @Test(
        "A short closing line that merely contains a prompt word is story text",
        arguments: [
            "Share prices of the ferry operator did not move.", "The print shop on Quay Street will stay open.",
        ])
    func shortEndingWithPromptWord(_ ending: String) {
        let story = BoilerplateCorpus.extraStory(6).paragraphs + [ending]
        check(saltmarshPage(story))
    }

    @Test(
        "A \"Read more\" line in the middle of a story does not take the rest of the story",
        arguments: [
            "Read more: Ferry fares rise again",
            "Read more about the ferry fare increase that the harbor commission approved last spring",
        ])
    func readMoreInTheMiddle(_ readMore: String) {
        var story = BoilerplateCorpus.extraStory(7).paragraphs
        story.insert(readMore, at: 4)
        let lines = saltmarshPage(story)
        check(lines)
    }

    @Test(
        "A story paragraph that mentions a notice word is not a notice",
        arguments: [
            "The museum's lawyer said the copyright on the mural photographs still belongs to the painter's family.",
            "Lunch will be served after the ceremony, courtesy of the Wrackley Rotary Club and two local bakeries.",
        ])
    func noticeWordInsideAParagraph(_ paragraph: String) {
        var story = BoilerplateCorpus.extraStory(8).paragraphs
        story.insert(paragraph, at: 3)
        let lines = saltmarshPage(story)
        check(lines)
        let analysis = BoilerplateCorpus.analyze(
            lines, site: BoilerplateCorpus.saltmarsh, statistics: Self.corpus.statistics)
        #expect(analysis.attribution == nil)
    }

    @Test("A story reprinted five times on one site keeps all its paragraphs on every printing")
    func reprints() throws {
        let corpus = Self.corpus
        let printings = corpus.pages.filter { $0.storyID == "tillford-5" }
        #expect(printings.count == 5)
        let site = try #require(corpus.statistics.site(BoilerplateCorpus.tillford))
        for paragraph in printings[0].storyLines.dropFirst() {
            #expect(site.stories(containing: key(paragraph)) == 1)
        }
        #expect(site.stories(containing: key(printings[0].storyLines[0])) < 5)
        for page in printings {
            let analysis = BoilerplateCorpus.analyze(page.lines, site: page.article.site, statistics: corpus.statistics)
            #expect(analysis.content.map { String($0.text) } == printings[0].storyLines, "\(page.id)")
        }
    }

    @Test("With boilerplate detection disabled nothing is removed")
    func disabled() {
        var rules = BoilerplateRules.standard
        rules.isEnabled = false
        for page in Self.corpus.pages.prefix(8) {
            let analysis = BoilerplateCorpus.analyze(
                page.lines, site: page.article.site, statistics: Self.corpus.statistics, rules: rules)
            #expect(analysis.removed.isEmpty)
            #expect(analysis.attribution == nil)
        }
    }
}
