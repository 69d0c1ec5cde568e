import Foundation
import Testing

@testable import Dedup

/// A scan detects boilerplate against frozen copies of the learned counts; they must answer as the statistics do
/// wherever an answer can change a detection.
@Suite("Boilerplate: frozen block counts")
struct BoilerplateBlockCountsTests {
    @Test("the key table gives every kept count, and 0 for dropped and missing keys", arguments: [1, 2, 3] as [UInt32])
    func keyTable(minimumCount: UInt32) {
        var random = SplitMix64(seed: 3)
        for size in [0, 1, 7, 8, 9, 100, 5_000] {
            var counts: [UInt64: UInt32] = [:]
            for index in 0..<size {
                // Keys that share their low bits (long probe runs), small keys, the key 0 and random ones.
                let key: UInt64
                switch index % 4 {
                case 0: key = UInt64(index) << 40
                case 1: key = UInt64(index)
                case 2: key = random.next()
                default: key = index == 3 ? 0 : random.next() | 0xFFFF
                }
                counts[key] = UInt32(random.next() % 4) + 1
            }
            let table = KeyCountTable(counts, minimumCount: minimumCount)
            for (key, count) in counts {
                #expect(table.count(key) == (count >= minimumCount ? Int(count) : 0), "key \(key)")
            }
            for _ in 0..<1_000 {
                let key = random.next()
                #expect(table.count(key) == Int(counts[key].map { $0 >= minimumCount ? $0 : 0 } ?? 0))
            }
            if counts[0] == nil { #expect(table.count(0) == 0) }
        }
    }

    @Test("a count of 1 is dropped only when no threshold of the rules can be 1")
    func smallestCountRead() {
        #expect(FrozenBlockCounts.smallestCountRead(.standard) == 2)
        var rules = BoilerplateRules.standard
        rules.minimumRepeatedStories = 1
        #expect(FrozenBlockCounts.smallestCountRead(rules) == 1)
        rules = .standard
        rules.sufficientRepeatedStories = 1
        #expect(FrozenBlockCounts.smallestCountRead(rules) == 1)
        rules = .standard
        rules.minimumRepeatedStories = 0
        #expect(FrozenBlockCounts.smallestCountRead(rules) == 1)
    }

    static func rulesVariants() -> [BoilerplateRules] {
        var low = BoilerplateRules.standard
        low.minimumRepeatedStories = 1
        low.sufficientRepeatedStories = 2
        var one = BoilerplateRules.standard
        one.minimumRepeatedStories = 1
        one.sufficientRepeatedStories = 1
        one.repeatedShare = 0
        var high = BoilerplateRules.standard
        high.minimumRepeatedStories = 2
        high.repeatedShare = 0.1
        return [.standard, low, one, high]
    }

    @Test("detection against the frozen counts is detection against the statistics, for several rules")
    func detectionAgrees() throws {
        let generated = try GeneratorTestCorpus.standard.get()
        let splitter = BlockSplitter()
        var pages: [(text: String, site: String?)] = generated.articles.map { ($0.text, $0.site) }
        pages += BoilerplateCorpus.shared.pages.map { ($0.text, $0.article.site) }
        var statistics = BoilerplateStatistics()
        for page in pages { statistics.add(splitter.blocks(of: page.text), site: page.site) }
        // A site nobody learned, and the documents without a site.
        pages.append((pages[0].text, "unlearned.example"))
        pages.append((pages[1].text, nil))
        for rules in Self.rulesVariants() {
            let detector = BoilerplateDetector(rules: rules)
            let frozen = FrozenBlockCounts(statistics, rules: rules)
            var differing = 0
            for page in pages {
                let blocks = splitter.blocks(of: page.text)
                let expected = detector.analyze(blocks, site: page.site, statistics: statistics)
                let actual = detector.analyze(blocks, tokens: nil, site: page.site, statistics: frozen)
                if actual != expected { differing += 1 }
            }
            #expect(differing == 0, "rules \(rules)")
        }
        // The corpus has repeated blocks, teasers and blocks in exactly one story, so the comparison means something.
        let frozen = FrozenBlockCounts(statistics, rules: .standard)
        let (site, counts) = try #require(statistics.sites.max { $0.value.stories < $1.value.stories })
        let threshold = BoilerplateRules.standard.repeatedThreshold(stories: counts.stories)
        #expect(counts.blockStories.values.contains(1))
        #expect(counts.blockStories.values.contains { Int($0) >= threshold })
        for (key, count) in counts.blockStories {
            #expect(frozen.site(site)?.stories(containing: key) == (count >= 2 ? Int(count) : 0))
        }
        #expect(frozen.site(site)?.stories == counts.stories)
        for (key, count) in statistics.leads { #expect(frozen.leadCount(key) == Int(count)) }
    }

    @Test("fingerprinting against the frozen counts gives the same documents and removals")
    func fingerprintsAgree() throws {
        let generated = try GeneratorTestCorpus.standard.get()
        let articles = generated.articles + BoilerplateCorpus.shared.pages.map(\.article)
        let processor = ArticleFingerprinter()
        var scratch = FingerprintScratch(for: processor.fingerprinter)
        var statistics = BoilerplateStatistics()
        for article in articles { statistics.add(processor.blocks(of: article, scratch: &scratch), site: article.site) }
        let frozen = FrozenBlockCounts(statistics, rules: .standard)
        var removed = 0
        for article in articles {
            let expected = processor.process(article, statistics: statistics, scratch: &scratch)
            let actual = processor.process(article, counts: frozen, scratch: &scratch)
            #expect(actual == expected, "\(article.id)")
            removed += expected.boilerplate.removed.count
        }
        #expect(removed > 0)
    }

    @Test("a page's blocks count once per story, short pages and long ones, with the first text as the sample")
    func countsOncePerStory() {
        var random = SplitMix64(seed: 9)
        var statistics = SiteStatistics()
        var expectedCounts: [UInt64: UInt32] = [:]
        var expectedSamples: [UInt64: String] = [:]
        for story in 0..<400 {
            // Few distinct keys, so pages repeat blocks within themselves and across stories; key 0 for blocks
            // without words, which never count.
            let length = Int(random.next() % 110)
            let blocks = (0..<length).map { line -> TextBlock in
                let key = random.next() % 40
                let words = key == 0 ? 0 : Int(key % 5) + 1
                return TextBlock(
                    firstLine: line + 1, lastLine: line + 1, text: "story \(story) line \(line)"[...], key: key,
                    tokenCount: words)
            }
            var seen = Set<UInt64>()
            for block in blocks where block.hasWords && seen.insert(block.key).inserted {
                expectedCounts[block.key, default: 0] += 1
                if expectedCounts[block.key] == 2 { expectedSamples[block.key] = String(block.text) }
            }
            let counted = statistics.add(blocks, story: UInt64(story))
            #expect(counted)
        }
        #expect(statistics.blockStories == expectedCounts)
        #expect(statistics.samples == expectedSamples)
        #expect(statistics.stories == 400)
        let repeatedStory = statistics.add([], story: 0)
        #expect(!repeatedStory)
    }
}
