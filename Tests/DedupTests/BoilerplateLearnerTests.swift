import Foundation
import Testing

@testable import Dedup

/// The scan's learner must learn exactly what ``BoilerplateStatistics/add(_:site:)`` learns page by page: the same
/// story counts, block counts, samples (the text of a block's second story, which depends on the order), story keys
/// and lead counts; and the detection tables made from it must answer as the ones made from those statistics.
@Suite("Boilerplate learner")
struct BoilerplateLearnerTests {
    let splitter = BlockSplitter()

    /// Pages drawn from a small vocabulary of lines, so that lines repeat within a site, across sites and within a
    /// page, and whole pages repeat (the same story, counted once).
    static func randomPages(count: Int, seed: UInt64) -> [(site: String?, text: String)] {
        var random = SplitMix64(seed: seed)
        let sites: [String?] = ["alpha.example", "Beta News", nil, "gamma.example"]
        let lines = (0..<4_000).map { number -> String in
            let words = (0..<(1 + number % 13)).map { "w\(($0 * 31 + number * 7) % 97)x\(number / 97)" }
            return words.joined(separator: number % 5 == 0 ? ", " : " ")
        }
        var pages: [(site: String?, text: String)] = []
        for _ in 0..<count {
            if !pages.isEmpty && random.next() % 10 == 0 {
                pages.append(pages[Int(random.next() % UInt64(pages.count))])
                continue
            }
            let site = sites[Int(random.next() % UInt64(sites.count))]
            let length = Int(random.next() % 60)
            let text = (0..<length).map { _ -> String in
                // Chrome-like lines (the first 40) are common; the rest are rare, many in one or two stories.
                let index = random.next() % 3 == 0 ? random.next() % 40 : random.next() % 4_000
                if random.next() % 17 == 0 { return "" }
                // Spellings that normalize alike: which one a sample keeps depends on the order of the pages.
                switch random.next() % 3 {
                case 0: return lines[Int(index)]
                case 1: return lines[Int(index)].uppercased()
                default: return lines[Int(index)] + "."
                }
            }.joined(separator: "\n")
            pages.append((site, text))
        }
        return pages
    }

    @Test("the learner's statistics are the page-by-page statistics", arguments: [1 as UInt64, 2, 3])
    func sameStatistics(seed: UInt64) {
        let pages = Self.randomPages(count: 3_000, seed: seed)
        var expected = BoilerplateStatistics()
        var learner = BoilerplateLearner()
        // Counted in batches of uneven sizes, as a scan's batches are.
        var batch: [BoilerplateLearner.Page] = []
        for (number, page) in pages.enumerated() {
            let blocks = splitter.blocks(of: page.text)
            if !blocks.isEmpty { expected.add(blocks, site: page.site) }
            if let learned = BoilerplateLearner.Page(blocks: blocks, site: page.site) { batch.append(learned) }
            if number % 97 == 0 {
                learner.add(batch)
                batch.removeAll()
            }
        }
        learner.add(batch)
        let statistics = learner.statistics
        #expect(statistics.sites.keys.sorted() == expected.sites.keys.sorted())
        for (name, site) in expected.sites {
            let learned = statistics.sites[name] ?? SiteStatistics()
            #expect(learned.stories == site.stories, "\(name)")
            #expect(Self.differences(learned.blockStories, site.blockStories) == 0, "block counts of \(name)")
            // Samples depend on the order pages are counted in: a block's text on its second story.
            #expect(Self.differences(learned.samples, site.samples) == 0, "samples of \(name)")
            #expect(!site.samples.isEmpty)
        }
        #expect(Self.differences(statistics.leads, expected.leads) == 0)
        // Story keys and anything else: the whole value (compared apart so that a failure does not print it).
        let same = statistics == expected
        #expect(same)
    }

    /// The number of keys whose values differ between `a` and `b` (missing on one side included).
    static func differences<Value: Equatable>(_ a: [UInt64: Value], _ b: [UInt64: Value]) -> Int {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.count
    }

    @Test("detection tables from the learner answer as the ones from the statistics")
    func sameFrozenCounts() {
        let pages = Self.randomPages(count: 2_000, seed: 9)
        var statistics = BoilerplateStatistics()
        var learner = BoilerplateLearner()
        var keys: [UInt64] = [0, 1, 0xFFFF_FFFF_FFFF_FFFF]
        for page in pages {
            let blocks = splitter.blocks(of: page.text)
            if !blocks.isEmpty { statistics.add(blocks, site: page.site) }
            if let learned = BoilerplateLearner.Page(blocks: blocks, site: page.site) { learner.add([learned]) }
            keys += blocks.map(\.key)
        }
        var loose = BoilerplateRules.standard
        loose.minimumRepeatedStories = 1
        loose.sufficientRepeatedStories = 1
        for rules in [BoilerplateRules.standard, loose] {
            let fromStatistics = FrozenBlockCounts(statistics, rules: rules)
            let fromLearner = FrozenBlockCounts(learner, rules: rules)
            for site in ["alpha.example", "Beta News", nil, "gamma.example", "missing.example"] as [String?] {
                #expect(fromLearner.site(site)?.stories == fromStatistics.site(site)?.stories)
                for key in keys {
                    #expect(
                        fromLearner.site(site)?.stories(containing: key)
                            == fromStatistics.site(site)?.stories(containing: key))
                }
            }
            for key in keys { #expect(fromLearner.leadCount(key) == fromStatistics.leadCount(key)) }
        }
    }

    @Test("growing counts agree with a dictionary through growth, the key 0 and repeats")
    func growingCounts() {
        var random = SplitMix64(seed: 42)
        var table = GrowingKeyCounts()
        var reference: [UInt64: UInt32] = [:]
        // Keys that share their low bits collide in the table: they must be told apart by the whole key.
        let pool = (0..<5_000).map { number -> UInt64 in
            number % 50 == 0 ? UInt64(number) << 40 : random.next()
        } + [0]
        for _ in 0..<60_000 {
            let key = pool[Int(random.next() % UInt64(pool.count))]
            reference[key, default: 0] += 1
            #expect(table.increment(key) == reference[key]!)
        }
        #expect(table.count == reference.count)
        #expect(table.dictionary == reference)
        for key in pool.prefix(100) + [12_345, 1 << 40 | 7] {
            #expect(table.count(key) == reference[key] ?? 0)
        }
    }
}
