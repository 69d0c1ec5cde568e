import Dedup
import Testing

/// Syndication and copyright notices: removed wherever they are, and the origin they name recorded.
@Suite("Boilerplate attribution")
struct BoilerplateAttributionTests {
    struct Notice: Sendable, CustomTestStringConvertible {
        var line: String
        var origin: String?
        var testDescription: String { line }
    }

    /// The page's site; none of the origins below is it.
    static let site = "ridgelinepost.example"

    static let notices = [
        Notice(line: BoilerplateCorpus.syndicationNotice, origin: "Northline Wire"),
        Notice(
            line: "This story originally published by Brackwater Press Syndicate.", origin: "Brackwater Press Syndicate"
        ),
        Notice(line: "© 2026 Brackwater Press Syndicate", origin: "Brackwater Press Syndicate"),
        Notice(
            line: "Copyright 2026 Brackwater Press Syndicate. All rights reserved.",
            origin: "Brackwater Press Syndicate"),
        Notice(line: "Reproduced with permission.", origin: nil),
    ]

    func lines(story: [String], notice: String, atTop: Bool) -> [BoilerplateCorpus.Line] {
        var page = BoilerplateCorpus.PageLines()
        if atTop { page.chrome(notice, .attribution) }
        page.story(story)
        if !atTop { page.chrome(notice, .attribution) }
        return page.lines
    }

    @Test("A notice under the story is removed and names the origin", arguments: notices)
    func noticeAtTheEnd(_ notice: Notice) {
        let story = BoilerplateCorpus.extraStory(2).paragraphs
        let page = lines(story: story, notice: notice.line, atTop: false)
        let analysis = BoilerplateCorpus.analyze(page, site: Self.site, statistics: BoilerplateStatistics())
        #expect(BoilerplateCorpus.removals(analysis) == BoilerplateCorpus.expectedRemovals(page))
        #expect(analysis.attribution == notice.origin)
        #expect(analysis.contentText == story.joined(separator: "\n"))
    }

    @Test("A notice above the story is removed and names the origin", arguments: notices)
    func noticeAtTheTop(_ notice: Notice) {
        let story = BoilerplateCorpus.extraStory(3).paragraphs
        let page = lines(story: story, notice: notice.line, atTop: true)
        let analysis = BoilerplateCorpus.analyze(page, site: Self.site, statistics: BoilerplateStatistics())
        #expect(BoilerplateCorpus.removals(analysis) == BoilerplateCorpus.expectedRemovals(page))
        #expect(analysis.attribution == notice.origin)
    }

    @Test("A notice between two paragraphs of the story is removed; the paragraphs around it stay")
    func noticeInTheMiddle() {
        let story = BoilerplateCorpus.extraStory(4).paragraphs
        var page = BoilerplateCorpus.PageLines()
        page.story(Array(story[..<3]))
        page.chrome("Copyright 2026 Brackwater Press Syndicate. All rights reserved.", .attribution)
        page.story(Array(story[3...]))
        let analysis = BoilerplateCorpus.analyze(page.lines, site: Self.site, statistics: BoilerplateStatistics())
        #expect(BoilerplateCorpus.removals(analysis) == [.init(line: 4, reason: .attribution)])
        #expect(analysis.contentText == story.joined(separator: "\n"))
        #expect(analysis.attribution == "Brackwater Press Syndicate")
    }

    @Test("A wire dateline names the origin, and its paragraph stays in the story")
    func wireDateline() {
        let page = BoilerplateCorpus.shared.page("wire-0")
        #expect(page.storyLines[0].hasPrefix("CALDER CITY, March 5 (Northline Wire) - "))
        let analysis = BoilerplateCorpus.analyze(
            page.lines, site: page.article.site, statistics: BoilerplateStatistics())
        #expect(analysis.removed.isEmpty)
        #expect(analysis.attribution == "Northline Wire")
        #expect(analysis.content.first?.text == Substring(page.storyLines[0]))

        // On a site without a name for itself the dateline still names the wire.
        let other = BoilerplateCorpus.analyze(page.lines, site: nil, statistics: BoilerplateStatistics())
        #expect(other.attribution == "Northline Wire")
        #expect(other.removed.isEmpty)
    }

    @Test("A wire dateline in a removed teaser item names no origin for the page")
    func datelineInTeaser() {
        let wire = BoilerplateCorpus.shared.page("wire-2")
        var statistics = BoilerplateStatistics()
        statistics.add(BlockSplitter().blocks(of: wire.text), site: BoilerplateCorpus.wire)
        var page = BoilerplateCorpus.PageLines()
        page.story(BoilerplateCorpus.extraStory(5).paragraphs)
        page.chrome("Related stories", .cuePhrase)
        page.chrome(wire.storyLines[0], .teaser)
        page.chrome("© 2026 Ridgeline Post", .attribution)
        let analysis = BoilerplateCorpus.analyze(page.lines, site: Self.site, statistics: statistics)
        #expect(BoilerplateCorpus.removals(analysis) == BoilerplateCorpus.expectedRemovals(page.lines))
        #expect(analysis.attribution == nil)
    }

    @Test("The hard-wrapped wire story keeps every line and names its origin")
    func wrappedWireStory() {
        let page = BoilerplateCorpus.shared.page("wire-3")
        let analysis = BoilerplateCorpus.analyze(
            page.lines, site: page.article.site, statistics: BoilerplateCorpus.shared.statistics)
        #expect(analysis.removed.isEmpty)
        #expect(analysis.attribution == "Northline Wire")
    }

    @Test("A syndication notice wins over the wire dateline and the site's own copyright line")
    func noticeBeforeOwnCopyright() {
        let page = BoilerplateCorpus.shared.page("tillford-11")
        let analysis = BoilerplateCorpus.analyze(
            page.lines, site: page.article.site, statistics: BoilerplateStatistics())
        #expect(analysis.attribution == "Northline Wire")
    }

    @Test(
        "A copyright line naming the page's own site is removed but is not an origin",
        arguments: [
            ("Tillford Courier", "Copyright 2026 Tillford Courier Media Co. All rights reserved."),
            ("ridgelinepost.example", "© 2026 Ridgeline Post"),
            ("Saltmarsh Gazette", "© 2026 Saltmarsh Gazette. All rights reserved."),
        ])
    func ownCopyright(site: String, line: String) {
        let story = BoilerplateCorpus.extraStory(2).paragraphs
        let page = lines(story: story, notice: line, atTop: false)
        let analysis = BoilerplateCorpus.analyze(page, site: site, statistics: BoilerplateStatistics())
        #expect(BoilerplateCorpus.removals(analysis) == BoilerplateCorpus.expectedRemovals(page))
        #expect(analysis.attribution == nil)
    }
}
