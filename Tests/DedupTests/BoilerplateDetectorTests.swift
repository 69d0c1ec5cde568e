import Dedup
import Testing

/// Every page of the multi-site corpus analyzed against the statistics of the whole corpus, as a scan does.
@Suite("Boilerplate detector on the multi-site corpus")
struct BoilerplateDetectorCorpusTests {
    static let corpus = BoilerplateCorpus.shared

    func analyze(_ page: BoilerplateCorpus.Page) -> BoilerplateAnalysis {
        BoilerplateCorpus.analyze(page.lines, site: page.article.site, statistics: Self.corpus.statistics)
    }

    func key(_ text: String) -> UInt64 {
        BlockSplitter().blocks(of: text)[0].key
    }

    @Test(
        "Every chrome line is removed with its reason and line, every story line is kept",
        arguments: BoilerplateCorpus.shared.pages.map(\.id))
    func page(id: String) {
        let page = Self.corpus.page(id)
        let analysis = analyze(page)
        #expect(
            BoilerplateCorpus.removals(analysis) == page.expectedRemovals,
            "\(BoilerplateCorpus.differences(page.lines, analysis))")
        #expect(analysis.removed.allSatisfy { $0.firstLine == $0.lastLine })
        #expect(analysis.content.map(\.firstLine) == page.storyLineNumbers)
        #expect(analysis.content.map { String($0.text) } == page.storyLines)
        #expect(analysis.contentText == page.storyLines.joined(separator: "\n"))
    }

    @Test(
        "Every page's attribution is the origin it names itself, not one named by a teaser",
        arguments: BoilerplateCorpus.shared.pages.map(\.id))
    func attribution(id: String) {
        let page = Self.corpus.page(id)
        #expect(analyze(page).attribution == page.attribution)
    }

    @Test("The corpus exercises every reason")
    func everyReason() {
        var reasons = Set<BoilerplateReason>()
        for page in Self.corpus.pages {
            for removal in page.expectedRemovals { reasons.insert(removal.reason) }
        }
        #expect(reasons == Set(BoilerplateReason.allCases))
    }

    @Test("Teaser items under a list header are removed as the leads of other stories")
    func teasersInTrailingRun() throws {
        let corpus = Self.corpus
        let page = corpus.page("saltmarsh-2")
        let analysis = analyze(page)
        let header = try #require(page.lineNumbers(of: "Latest News from Saltmarsh Gazette").first)
        for (position, story) in BoilerplateCorpus.saltmarshTeasers[2]!.enumerated() {
            let lead = corpus.pages.first { $0.id == "saltmarsh-\(story)" }!.storyLines[0]
            let line = header + 1 + position
            #expect(page.lines[line - 1].text == lead)
            let removed = try #require(analysis.removed.first { $0.firstLine == line })
            #expect(removed.reason == .teaser)
            #expect(removed.detail.hasPrefix("lead of 1 other stor"))
        }
    }

    @Test("A page keeps its own lead even though nine other pages of its site list it as a teaser")
    func ownLeadIsKept() throws {
        let corpus = Self.corpus
        let page = corpus.page("saltmarsh-0")
        let lead = page.storyLines[0]
        let site = try #require(corpus.statistics.site(BoilerplateCorpus.saltmarsh))
        let threshold = BoilerplateRules.standard.repeatedThreshold(stories: site.stories)
        // The lead is frequent enough to be "repeated": only the own-lead exemption keeps it.
        #expect(site.stories(containing: key(lead)) == 10)
        #expect(site.stories(containing: key(lead)) >= threshold)
        #expect(corpus.statistics.leadCount(key(lead)) == 1)

        let analysis = analyze(page)
        let leadLine = try #require(page.lineNumbers(of: lead).first)
        #expect(analysis.content.first?.firstLine == leadLine)
        #expect(!analysis.removed.contains { $0.firstLine == leadLine })

        var teasedOn: [String] = []
        for other in corpus.pages where other.id != page.id {
            guard let line = other.lineNumbers(of: lead).first else { continue }
            teasedOn.append(other.id)
            let removed = analyze(other).removed.first { $0.firstLine == line }
            #expect(removed?.reason == .teaser, "\(other.id) line \(line)")
        }
        #expect(teasedOn.count == 9)
    }

    @Test("A lead quoted in the middle of another story stays in that story")
    func leadInsideAnotherStory() throws {
        let corpus = Self.corpus
        let quoted = corpus.page("saltmarsh-2").storyLines[0]
        #expect(corpus.statistics.leadCount(key(quoted)) == 1)
        let page = corpus.page("saltmarsh-10")
        let line = try #require(page.lineNumbers(of: quoted).first)
        #expect(page.lines[line - 1].role == .story)
        // Story paragraphs follow it, then the chrome.
        #expect(page.lines[line].role == .story)
        let analysis = analyze(page)
        #expect(analysis.content.contains { $0.firstLine == line })
        #expect(!analysis.removed.contains { $0.firstLine == line })
    }

    @Test("Two stories of one site that share every chrome line lose all of it")
    func sharedChromePair() {
        let corpus = Self.corpus
        let six = corpus.page("saltmarsh-6")
        let seven = corpus.page("saltmarsh-7")
        let chromeSix = six.lines.filter { $0.role != .story && $0.role != .blank }.map(\.text)
        let chromeSeven = seven.lines.filter { $0.role != .story && $0.role != .blank }.map(\.text)
        // Everything but one teaser is the same.
        #expect(chromeSix.count == chromeSeven.count)
        #expect(zip(chromeSix, chromeSeven).filter { $0 != $1 }.count == 1)
        for page in [six, seven] {
            let analysis = analyze(page)
            #expect(analysis.content.map { String($0.text) } == page.storyLines)
        }
        #expect(Set(six.storyLines).isDisjoint(with: seven.storyLines))
    }

    @Test("Syndicated copies keep exactly the wire story under three sites' chrome")
    func syndicatedCopies() {
        let corpus = Self.corpus
        let wire = corpus.page("wire-0")
        let copies = corpus.pages.filter { $0.storyID == "wire-0" && $0.id != "wire-0" }
        #expect(Set(copies.map(\.site)).count == 3)
        for copy in copies {
            let analysis = analyze(copy)
            #expect(analysis.content.map { String($0.text) } == wire.storyLines, "\(copy.id)")
            #expect(analysis.attribution == BoilerplateCorpus.wire, "\(copy.id)")
            let notice = copy.lineNumbers(of: BoilerplateCorpus.syndicationNotice)
            #expect(analysis.removed.filter { notice.contains($0.firstLine) }.map(\.reason) == [.attribution])
        }
    }
}

/// A site the statistics know fewer than three stories of: only cue phrases and notices mark its chrome.
@Suite("Boilerplate on the first pages of a new site")
struct BoilerplateFirstPageTests {
    typealias Line = BoilerplateCorpus.Line

    static let site = "Wrackley Weekly"

    /// Four leads of stories that no statistics know.
    static let newItems: [String] = (5..<9).map { BoilerplateCorpus.extraStory($0).lead }

    /// A page with a byline and a date above `story`, a share prompt, a list header over `items` and a copyright
    /// line below it.
    func page(story: [String], items: [String], itemsRole: BoilerplateCorpus.Role, copyright: Bool) -> [Line] {
        var page = BoilerplateCorpus.PageLines()
        page.chrome("By Hetty Marsh", .cuePhrase)
        page.chrome("Posted Thursday, March 12, 2026 at 4:30 p.m.", .cuePhrase)
        page.story(story)
        page.chrome("Share this", .cuePhrase)
        page.chrome("Latest News from Wrackley Weekly", .cuePhrase)
        for item in items { page.add(item, itemsRole) }
        if copyright { page.chrome("Copyright 2026 Wrackley Weekly. All rights reserved.", .attribution) }
        return page.lines
    }

    @Test(
        "With no statistics, a list header over new leads under a long story marks a trailing run",
        arguments: [false, true])
    func longStoryWithList(knowingOtherSites: Bool) {
        // Statistics of other sites say nothing about this one.
        let statistics = knowingOtherSites ? BoilerplateCorpus.shared.statistics : BoilerplateStatistics()
        let story = BoilerplateCorpus.extraStory(0).paragraphs
        let lines = page(story: story, items: Self.newItems, itemsRole: .chrome(.trailingRun), copyright: true)
        let analysis = BoilerplateCorpus.analyze(lines, site: Self.site, statistics: statistics)
        #expect(
            BoilerplateCorpus.removals(analysis) == BoilerplateCorpus.expectedRemovals(lines),
            "\(BoilerplateCorpus.differences(lines, analysis))")
        #expect(analysis.contentText == story.joined(separator: "\n"))
        #expect(analysis.attribution == nil)
    }

    @Test("The same page from a site the statistics know two stories of: still only cues and notices")
    func twoKnownStories() {
        var statistics = BoilerplateStatistics()
        let splitter = BlockSplitter()
        for index in 1...2 {
            let other = page(
                story: BoilerplateCorpus.extraStory(index).paragraphs, items: Self.newItems.reversed(),
                itemsRole: .chrome(.trailingRun), copyright: true)
            statistics.add(splitter.blocks(of: other.map(\.text).joined(separator: "\n")), site: Self.site)
        }
        #expect(statistics.site(Self.site)?.stories == 2)
        let story = BoilerplateCorpus.extraStory(0).paragraphs
        let lines = page(story: story, items: Self.newItems, itemsRole: .chrome(.trailingRun), copyright: true)
        let analysis = BoilerplateCorpus.analyze(lines, site: Self.site, statistics: statistics)
        // The items are on all three pages, yet with two stories known nothing is "repeated".
        #expect(!analysis.removed.contains { $0.reason == .repeated })
        #expect(
            BoilerplateCorpus.removals(analysis) == BoilerplateCorpus.expectedRemovals(lines),
            "\(BoilerplateCorpus.differences(lines, analysis))")
    }

    @Test("A short story under a longer list of new items keeps the list: nothing vouches for it")
    func shortStoryWithLongerList() throws {
        let full = BoilerplateCorpus.extraStory(1)
        let story = [full.lead, "The ribbon cutting is planned for early summer."]
        let lines = page(story: story, items: Self.newItems, itemsRole: .story, copyright: true)
        // The header stays too: the run stops under it.
        let header = try #require(lines.firstIndex { $0.text == "Latest News from Wrackley Weekly" })
        var expected = lines
        expected[header].role = .story
        let share = try #require(lines.firstIndex { $0.text == "Share this" })
        expected[share].role = .story
        let analysis = BoilerplateCorpus.analyze(lines, site: Self.site, statistics: BoilerplateStatistics())
        #expect(
            BoilerplateCorpus.removals(analysis) == BoilerplateCorpus.expectedRemovals(expected),
            "\(BoilerplateCorpus.differences(expected, analysis))")
        for item in Self.newItems {
            #expect(analysis.content.contains { $0.text == item })
        }
        #expect(analysis.content.first?.text == Substring(full.lead))
    }

    @Test("The Lakeshore pages: a long story's list is removed; a short story's list goes when half was seen before")
    func lakeshore() throws {
        let corpus = BoilerplateCorpus.shared
        #expect(corpus.statistics.site(BoilerplateCorpus.lakeshore)?.stories == 2)
        for id in ["lakeshore-0", "lakeshore-1"] {
            let page = corpus.page(id)
            let analysis = BoilerplateCorpus.analyze(
                page.lines, site: page.article.site, statistics: corpus.statistics)
            #expect(
                BoilerplateCorpus.removals(analysis) == page.expectedRemovals,
                "\(id)\n\(BoilerplateCorpus.differences(page.lines, analysis))")
        }
        // The short page: the list is longer than the story, so it needs the items seen on the other page.
        let short = corpus.page("lakeshore-1")
        let splitter = BlockSplitter()
        let header = try #require(short.lineNumbers(of: "Latest News from Lakeshore Ledger").first)
        let storyWords = short.lines[..<(header - 1)].reduce(0) {
            $0 + splitter.blocks(of: $1.text).reduce(0) { $0 + $1.tokenCount }
        }
        let listWords = short.lines[header...].reduce(0) {
            $0 + splitter.blocks(of: $1.text).reduce(0) { $0 + $1.tokenCount }
        }
        #expect(storyWords < listWords)
        // Without the other page the same list is kept.
        let alone = BoilerplateCorpus.analyze(
            short.lines, site: short.article.site, statistics: BoilerplateStatistics())
        #expect(!alone.removed.contains { $0.firstLine > header })
    }
}
