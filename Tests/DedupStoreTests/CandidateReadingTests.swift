import Dedup
import Testing

@testable import DedupStore

/// A check reads its candidates in two phases: their fingerprint facts, verified, then whole rows for the matches it
/// reports. Its results must be what reading every candidate whole and verifying it gave.
@Suite("Candidate reading")
struct CandidateReadingTests {
    /// What a check gave when every candidate was read whole: all of them verified, the matches sorted (exact, then
    /// near-duplicate, then contained; the higher Jaccard; the earlier indexed) and the first `limit` kept.
    static func wholeRowResult(
        of article: Article, fingerprinted checked: CheckResult, in index: PublishedIndex, limit: Int
    ) async throws -> CheckResult {
        let keys = index.configuration.lsh.bandKeys(of: checked.fingerprint.signature)
        let candidates = try await index.store.candidates(bandKeys: keys).filter { $0.id != article.id }
        let incoming = FingerprintedDocument(
            id: article.id, site: article.site, published: article.published, fingerprint: checked.fingerprint,
            attribution: checked.attribution)
        let verifier = Verifier(policy: index.configuration.policy)
        var matches: [IndexMatch] = []
        for candidate in candidates {
            let assessment = try verifier.assess(copy: incoming.fingerprint, original: candidate.fingerprint)
            guard let kind = assessment.kind else { continue }
            matches.append(
                IndexMatch(
                    article: candidate,
                    verdict: Verdict(
                        kind: kind, crossSource: incoming.crossesSource(with: candidate.document),
                        scores: assessment.scores)))
        }
        func rank(_ kind: CopyKind) -> Int { CopyKind.allCases.firstIndex(of: kind)! }
        matches.sort { a, b in
            if rank(a.verdict.kind) != rank(b.verdict.kind) { return rank(a.verdict.kind) < rank(b.verdict.kind) }
            if a.verdict.scores.jaccard != b.verdict.scores.jaccard {
                return a.verdict.scores.jaccard > b.verdict.scores.jaccard
            }
            return a.article.sequence < b.article.sequence
        }
        var expected = checked
        expected.matches = Array(matches.prefix(max(0, limit)))
        expected.candidatesVerified = candidates.count
        return expected
    }

    /// Versions of one story on several sites and without one (exact reprints, so that Jaccard ties are broken by
    /// the insertion order; one-line edits; a truncated take), so that a check has more matches than its limit.
    static let versions: [Article] = {
        let story = PublishedIndexTests.story
        let lines = story.split(separator: "\n").map(String.init)
        let sources: [String?] = ["Harbor Gazette", "Coast Times", nil, "harbor gazette", "Bay Post", nil]
        var articles: [Article] = []
        for index in 0..<18 {
            let text: String
            switch index % 3 {
            case 0: text = story
            case 1: text = story + "\nThe authority will publish the plan on its website, edition \(index)."
            default: text = lines.prefix(2).joined(separator: "\n")
            }
            let source = sources[index % sources.count]
            articles.append(
                Article(
                    id: index.isMultiple(of: 2) ? .integer(Int64(index)) : .string("v\(index)"), text: text,
                    source: source, url: source == nil && index % 4 == 0 ? "https://www.coast.example/\(index)" : nil,
                    title: index % 5 == 0 ? "Channel to be dredged" : nil))
        }
        return articles
    }()

    @Test(
        "checks give what verifying every whole candidate gives: matches, order, counts, cross-source flags",
        arguments: StoreKind.available)
    func checksMatchWholeRows(kind: StoreKind) async throws {
        let generated = try GeneratedArticles.standard.get().articles
        let indexed = Array(generated.prefix(200)) + Self.versions.prefix(12)
        let checked = generated + Self.versions
        try await kind.withIndex { index in
            for result in await index.add(indexed, batchSize: 64) { _ = try result.get() }
            var compared = 0
            var truncated = 0
            for article in checked {
                for limit in [0, 1, 3, 100] {
                    let result = try await index.check(article, limit: limit)
                    let expected = try await Self.wholeRowResult(
                        of: article, fingerprinted: result, in: index, limit: limit)
                    #expect(result == expected, "\(article.id), limit \(limit)")
                    compared += 1
                    if limit == 100 && expected.matches.count > 3 { truncated += 1 }
                }
            }
            #expect(compared == checked.count * 4)
            #expect(truncated >= 10, "checks with more matches than their limit")
        }
    }

    @Test(
        "adds report what verifying every whole candidate gives, and store the best match as copy_of",
        arguments: StoreKind.available)
    func addsMatchWholeRows(kind: StoreKind) async throws {
        let articles = Array(try GeneratedArticles.standard.get().articles.prefix(120)) + Self.versions
        try await kind.withIndex { index in
            var copies = 0
            for (position, article) in articles.enumerated() {
                let limit = [0, 1, 3, 10][position % 4]
                let before = try await index.check(article, limit: limit)
                let expected = try await Self.wholeRowResult(
                    of: article, fingerprinted: before, in: index, limit: max(1, limit))
                let added = try await index.add(article, limit: limit)
                #expect(added.status == .added)
                var reported = expected
                reported.matches = Array(expected.matches.prefix(limit))
                #expect(added.check == reported, "\(article.id), limit \(limit)")
                let stored = try #require(try await index.article(id: article.id))
                #expect(stored.copyOf == expected.best?.article.id, "\(article.id)")
                if stored.copyOf != nil { copies += 1 }
            }
            #expect(copies >= 20)
            // Re-adding the same text changes nothing and reports the others, as a check does.
            for article in Self.versions {
                let again = try await index.add(article, limit: 3)
                #expect(again.status == .unchanged)
                let check = try await index.check(article, limit: 3)
                #expect(again.check == check)
                #expect(
                    again.check
                        == (try await Self.wholeRowResult(of: article, fingerprinted: check, in: index, limit: 3)))
            }
        }
    }

    @Test(
        "the stores read the same candidate facts as whole candidates, less the excluded id",
        arguments: StoreKind.available)
    func candidateFacts(kind: StoreKind) async throws {
        try await kind.withIndex { index in
            for result in await index.add(Self.versions, batchSize: 5) { _ = try result.get() }
            let store = index.store
            let keys = index.configuration.lsh.bandKeys(
                of: try #require(try await index.article(id: Self.versions[0].id)).fingerprint.signature)
            let whole = try await store.candidates(bandKeys: keys)
            #expect(whole.count >= 8)
            for excluded in [nil, Self.versions[0].id, Self.versions[1].id, ArticleID.string("absent")] {
                let kept = whole.filter { $0.id != excluded }
                let facts = try await store.candidateFingerprints(bandKeys: keys, excluding: excluded)
                #expect(facts.sequences == kept.map(\.sequence))
                #expect((0..<facts.count).map { facts.fingerprint($0) } == kept.map(\.fingerprint))
            }
            #expect(try await store.candidateFingerprints(bandKeys: [], excluding: nil).count == 0)
            // Whole rows come back in the order asked, without sequence numbers no article has.
            let sequences = [whole[3].sequence, 987_654, whole[0].sequence, whole[7].sequence]
            #expect(try await store.articles(sequences: sequences) == [whole[3], whole[0], whole[7]])
            #expect(try await store.articles(sequences: []) == [])
            _ = try await index.remove(id: whole[0].id)
            #expect(try await store.articles(sequences: sequences) == [whole[3], whole[7]])
        }
    }
}
