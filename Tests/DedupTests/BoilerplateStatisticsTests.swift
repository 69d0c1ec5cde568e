import Dedup
import Foundation
import Testing

@Suite("Boilerplate statistics")
struct BoilerplateStatisticsTests {
    static let corpus = BoilerplateCorpus.shared
    let splitter = BlockSplitter()

    func key(_ text: String) -> UInt64 {
        splitter.blocks(of: text)[0].key
    }

    func blocks(_ lines: [BoilerplateCorpus.Line]) -> [TextBlock] {
        splitter.blocks(of: lines.map(\.text).joined(separator: "\n"))
    }

    @Test(
        "T(N) = min(10, max(3, ⌈N/2⌉))",
        arguments: [(0, 3), (2, 3), (3, 3), (4, 3), (5, 3), (7, 4), (10, 5), (11, 6), (19, 10), (20, 10), (1000, 10)])
    func threshold(stories: Int, expected: Int) {
        #expect(BoilerplateRules.standard.repeatedThreshold(stories: stories) == expected)
    }

    @Test("Counts are by distinct story: each site of the corpus")
    func storiesPerSite() {
        let statistics = Self.corpus.statistics
        #expect(statistics.site(BoilerplateCorpus.saltmarsh)?.stories == 14)
        #expect(statistics.site(BoilerplateCorpus.tillford)?.stories == 12)
        #expect(statistics.site(BoilerplateCorpus.ridgeline)?.stories == 11)
        #expect(statistics.site(BoilerplateCorpus.lakeshore)?.stories == 2)
        #expect(statistics.site(BoilerplateCorpus.wire)?.stories == 4)
        #expect(statistics.sites.count == 5)
        // Tillford has 16 pages: story 5 four more times.
        #expect(Self.corpus.pages.filter { $0.site == BoilerplateCorpus.tillford }.count == 16)
    }

    @Test("A reprint adds nothing: add returns false and the counts do not change")
    func reprintAddsNothing() throws {
        var statistics = BoilerplateStatistics()
        var accepted: [String] = []
        for page in Self.corpus.pages where page.site == BoilerplateCorpus.tillford {
            let before = statistics
            if statistics.add(splitter.blocks(of: page.text), site: page.site) {
                accepted.append(page.id)
            } else {
                #expect(statistics == before, "\(page.id)")
            }
        }
        #expect(accepted == (0..<12).map { "tillford-\($0)" })
        let site = try #require(statistics.site(BoilerplateCorpus.tillford))
        let story = Self.corpus.page("tillford-5")
        for paragraph in story.storyLines.dropFirst() {
            #expect(site.stories(containing: key(paragraph)) == 1)
        }
        // The lead: its own story and three other stories' teaser lists, not the reprints or their lists.
        #expect(site.stories(containing: key(story.storyLines[0])) == 4)
        #expect(statistics.leadCount(key(story.storyLines[0])) == 1)
        // The masthead is on every story: 12, not 16.
        #expect(site.stories(containing: key("TILLFORD COURIER")) == 12)
    }

    @Test("A story printed five times among four others: its paragraphs are not repeated, the chrome is")
    func reprintedStoryOnSmallSite() throws {
        let site = "Gull Reach Herald"
        func page(_ story: [String], dateline: String) -> [BoilerplateCorpus.Line] {
            var page = BoilerplateCorpus.PageLines()
            page.chrome("Gull Reach Herald | News | Sport | Notices", .repeated)
            page.chrome(dateline, .cuePhrase)
            page.story(story)
            page.chrome("Gull Reach Herald is published every Thursday by the Herald Trust", .repeated)
            return page.lines
        }
        var statistics = BoilerplateStatistics()
        for index in 0..<4 {
            statistics.add(
                blocks(page(BoilerplateCorpus.extraStory(index).paragraphs, dateline: "March \(index + 2), 2026")),
                site: site)
        }
        let reprinted = BoilerplateCorpus.extraStory(9).paragraphs
        let printings = (0..<5).map { page(reprinted, dateline: "Updated March \(10 + $0), 2026 at 9:00 a.m.") }
        for printing in printings { statistics.add(blocks(printing), site: site) }

        let known = try #require(statistics.site(site))
        #expect(known.stories == 5)
        for paragraph in reprinted {
            #expect(known.stories(containing: key(paragraph)) == 1)
        }
        #expect(known.stories(containing: key("Gull Reach Herald | News | Sport | Notices")) == 5)
        // Counted by page the paragraphs would be in 5 of 9 stories, above T(9) = 5.
        for printing in printings {
            let analysis = BoilerplateCorpus.analyze(printing, site: site, statistics: statistics)
            #expect(BoilerplateCorpus.removals(analysis) == BoilerplateCorpus.expectedRemovals(printing))
            #expect(analysis.contentText == reprinted.joined(separator: "\n"))
        }
    }

    @Test("Below three stories nothing is repeated; the third story makes the shared line repeated")
    func belowThreeStories() {
        let site = "Gull Reach Herald"
        func page(_ index: Int) -> [BoilerplateCorpus.Line] {
            var page = BoilerplateCorpus.PageLines()
            page.chrome("Gull Reach Herald | News | Sport | Notices", .repeated)
            page.story(BoilerplateCorpus.extraStory(index).paragraphs)
            return page.lines
        }
        var statistics = BoilerplateStatistics()
        statistics.add(blocks(page(0)), site: site)
        statistics.add(blocks(page(1)), site: site)
        let two = BoilerplateCorpus.analyze(page(0), site: site, statistics: statistics)
        #expect(two.removed.isEmpty)
        statistics.add(blocks(page(2)), site: site)
        let three = BoilerplateCorpus.analyze(page(0), site: site, statistics: statistics)
        #expect(BoilerplateCorpus.removals(three) == [.init(line: 1, reason: .repeated)])
        #expect(three.removed.first?.detail == "in 3 of 3 stories of Gull Reach Herald")
    }

    @Test("Sites are counted apart; a page without source or URL counts under the unknown site")
    func sitesApart() throws {
        let statistics = Self.corpus.statistics
        let navigation = key("Home | Local | Business | Sports | Opinion")
        #expect(statistics.site(BoilerplateCorpus.saltmarsh)?.stories(containing: navigation) == 14)
        #expect(statistics.site(BoilerplateCorpus.tillford)?.stories(containing: navigation) == 0)
        #expect(statistics.site(nil) == nil)

        var anonymous = BoilerplateStatistics()
        anonymous.add(
            splitter.blocks(of: BoilerplateCorpus.extraStory(0).paragraphs.joined(separator: "\n")), site: nil)
        #expect(anonymous.site(nil)?.stories == 1)
        #expect(anonymous.site(BoilerplateStatistics.unknownSite)?.stories == 1)
    }

    @Test("Leads are counted by distinct story over all sites")
    func leads() {
        let statistics = Self.corpus.statistics
        // Wire story 0 leads its own page and three syndicated copies.
        #expect(statistics.leadCount(key(Self.corpus.page("wire-0").storyLines[0])) == 4)
        #expect(statistics.leadCount(key(Self.corpus.page("wire-1").storyLines[0])) == 3)
        #expect(statistics.leadCount(key(Self.corpus.page("saltmarsh-3").storyLines[0])) == 1)
        // A teaser-only lead leads nothing.
        let item = Self.corpus.page("lakeshore-0").lines.first { $0.role == .chrome(.trailingRun) }
        #expect(item.map { statistics.leadCount(key($0.text)) } == 0)
    }

    @Test("Learned blocks list what a site repeats, most frequent first")
    func learnedBlocks() throws {
        let site = try #require(Self.corpus.statistics.site(BoilerplateCorpus.saltmarsh))
        let learned = site.learnedBlocks(minimumStories: 7)
        #expect(learned.first?.stories == 14)
        let texts = Set(learned.map(\.text))
        #expect(texts.contains("Home | Local | Business | Sports | Opinion"))
        #expect(texts.contains("Latest News from Saltmarsh Gazette"))
        #expect(!texts.contains(BoilerplateCorpus.sharedQuote))
        #expect(learned.allSatisfy { $0.stories >= 7 })
    }

    @Test("Adding page by page gives what a scan learns from the corpus file")
    func incrementalEqualsBatch() throws {
        let path = try Self.corpus.writeJSONL()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var options = ScanOptions()
        options.threads = 2
        let batch = try CorpusScanner(options: options).learnBoilerplate(path: path)
        #expect(batch == Self.corpus.statistics)

        // Learning in two sessions, saved and loaded in between, gives the same again.
        var first = BoilerplateStatistics()
        let half = Self.corpus.pages.count / 2
        for page in Self.corpus.pages[..<half] { first.add(splitter.blocks(of: page.text), site: page.article.site) }
        var second = try JSONDecoder().decode(BoilerplateStatistics.self, from: JSONEncoder().encode(first))
        for page in Self.corpus.pages[half...] { second.add(splitter.blocks(of: page.text), site: page.article.site) }
        #expect(second == batch)
    }

    @Test("A JSON round trip gives equal statistics and equal analyses")
    func codableRoundTrip() throws {
        let statistics = Self.corpus.statistics
        let data = try JSONEncoder().encode(statistics)
        let decoded = try JSONDecoder().decode(BoilerplateStatistics.self, from: data)
        #expect(decoded == statistics)
        #expect(decoded.sites.keys.sorted() == statistics.sites.keys.sorted())
        for page in Self.corpus.pages {
            let blocks = splitter.blocks(of: page.text)
            #expect(
                BoilerplateDetector().analyze(blocks, site: page.article.site, statistics: decoded)
                    == BoilerplateDetector().analyze(blocks, site: page.article.site, statistics: statistics))
        }
        // Reprints are still recognized after loading.
        var reloaded = decoded
        let added = reloaded.add(
            splitter.blocks(of: Self.corpus.page("tillford-5").text), site: BoilerplateCorpus.tillford)
        #expect(!added)
        #expect(reloaded == statistics)
    }
}
