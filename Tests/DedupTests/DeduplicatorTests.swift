import Dedup
import Testing

/// Canonical choice, clustering and match order of ``Deduplicator`` on documents fingerprinted from written texts.
@Suite("Deduplicator")
struct DeduplicatorTests {
    let fingerprinter = Fingerprinter()
    let deduplicator = Deduplicator()

    /// A document; `day` is the publication time in days since the epoch, nil for undated.
    func document(_ id: ArticleID, _ text: String, site: String? = nil, day: Double? = nil) -> FingerprintedDocument {
        FingerprintedDocument(
            id: id, site: site, published: day.map { Timestamp(secondsSinceEpoch: $0 * 86_400) },
            fingerprint: fingerprinter.fingerprint(text))
    }

    static func story(seed: UInt64, words: Int = 320) -> MatchingProse.Story {
        var prose = MatchingProse(seed: seed)
        return prose.story(minimumWords: words)
    }

    /// `text` with the words at `positions` (counted over single-space-separated words) replaced by other words.
    static func editing(_ text: String, at positions: [Int]) -> String {
        let replacements = [
            "reportedly", "formally", "quietly", "again", "narrowly", "openly", "finally", "briefly", "jointly",
            "firmly", "largely", "partly", "nearly", "mostly", "plainly", "duly",
        ]
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for (number, position) in positions.enumerated() where position < words.count {
            words[position] = replacements[number % replacements.count]
        }
        return words.joined(separator: " ")
    }

    // MARK: - Canonical choice

    @Test("the earliest published document is the canonical, wherever it is in the input")
    func earliestIsCanonical() {
        let text = Self.story(seed: 11).text
        let documents = [
            document("a-later", text, day: 5),
            document("z-earlier", text, day: 3),
            document("m-latest", text, day: 9),
        ]
        let result = deduplicator.deduplicate(documents)
        #expect(result.canonicalOf == [1, 1, 1])
        #expect(result.clusters.map(\.canonical) == [1])
        #expect(result.clusters.map(\.members) == [[1, 0, 2]])
        #expect(result.matches.map(\.copy) == [0, 2])
        #expect(result.matches.allSatisfy { $0.original == 1 && $0.verdict.kind == .exact })
    }

    @Test("at the same time the longest document is the canonical")
    func longestIsCanonicalOnSameTime() throws {
        let story = Self.story(seed: 12, words: 420)
        let truncated = VerifierTests.leadingShare(0.6, of: story)
        let documents = [document(1, truncated, day: 4), document(2, story.text, day: 4)]
        let result = deduplicator.deduplicate(documents)
        #expect(result.canonicalOf == [1, 1])
        let match = try #require(result.matches.first)
        #expect(match.copy == 0 && match.original == 1)
        #expect(match.verdict.kind == .contained)
        #expect(match.verdict.scores.shorter == .copy)
    }

    static let idTies: [(ids: [ArticleID], canonical: Int)] = [
        (["b", "a"], 1),
        ([10, 9], 1),
        ([-5, 3], 0),
        (["10", "9"], 0),  // strings compare by bytes: "1" < "9"
        (["1", 7], 1),  // integers come before strings
        ([100, "0"], 0),
        (["story-b", "story-a", 42, "0042"], 2),
    ]

    @Test("on a full tie the smallest id is the canonical; integers before strings", arguments: idTies)
    func smallestIDIsCanonicalOnFullTie(ids: [ArticleID], canonical: Int) {
        let text = Self.story(seed: 13).text
        let documents = ids.map { document($0, text, day: 2) }
        let result = deduplicator.deduplicate(documents)
        #expect(result.canonicalOf == Array(repeating: canonical, count: ids.count))
        #expect(result.clusters.map(\.canonical) == [canonical])
    }

    @Test("undated documents come after dated ones, however long and whatever their id")
    func undatedComeAfterDated() {
        let story = Self.story(seed: 14, words: 420)
        let longer = story.text + "\n" + "An earlier version of this story gave the wrong date for the hearing."
        let documents = [document(1, longer), document("zz", story.text, day: 30)]
        let result = deduplicator.deduplicate(documents)
        #expect(result.canonicalOf == [1, 1])

        // Between undated documents, length and then id decide.
        let undated = deduplicator.deduplicate([document("b", story.text), document("a", story.text)])
        #expect(undated.canonicalOf == [1, 1])
    }

    @Test("precedes orders by time, then dated before undated, then length, then id")
    func precedesOrder() {
        let short = Self.story(seed: 15, words: 100).text
        let long = Self.story(seed: 16, words: 300).text
        #expect(Deduplicator.precedes(document("z", short, day: 1), document("a", long, day: 2)))
        #expect(!Deduplicator.precedes(document("a", long, day: 2), document("z", short, day: 1)))
        #expect(Deduplicator.precedes(document("z", short, day: 9), document("a", long)))
        #expect(!Deduplicator.precedes(document("a", long), document("z", short, day: 9)))
        #expect(Deduplicator.precedes(document("z", long, day: 1), document("a", short, day: 1)))
        #expect(Deduplicator.precedes(document(99, short, day: 1), document("0", short, day: 1)))
        #expect(!Deduplicator.precedes(document("a", short, day: 1), document("a", short, day: 1)))
    }

    // MARK: - Chains

    /// A, B = A with edits, C = B with more edits: C is a near-duplicate of B but not of A. Only canonicals are
    /// matched, so C must start its own cluster instead of joining A's through B.
    @Test("a chain of edits does not pull a distant version into the first cluster")
    func chainDoesNotMerge() throws {
        let a = Self.story(seed: 17, words: 700).text
        let wordCount = a.split(separator: " ").count
        let firstEdits = stride(from: 5, to: wordCount, by: wordCount / 11).map { $0 }
        let secondEdits = firstEdits.map { $0 + wordCount / 22 }
        let b = Self.editing(a, at: firstEdits)
        let c = Self.editing(b, at: secondEdits)

        let documents = [document("A", a, day: 1), document("B", b, day: 2), document("C", c, day: 3)]
        let verifier = Verifier()
        let (fa, fb, fc) = (documents[0].fingerprint, documents[1].fingerprint, documents[2].fingerprint)
        try #require(try verifier.assess(copy: fb, original: fa).kind == .nearDuplicate)
        try #require(try verifier.assess(copy: fc, original: fb).kind == .nearDuplicate)
        let distant = try verifier.assess(copy: fc, original: fa)
        try #require(distant.kind == nil)
        try #require(distant.scores.jaccard < MatchPolicy.standard.nearDuplicateThreshold)

        let result = deduplicator.deduplicate(documents)
        #expect(result.canonicalOf == [0, 0, 2])
        #expect(result.clusters.map(\.canonical) == [0])
        #expect(result.clusters.map(\.members) == [[0, 1]])
        #expect(result.matches.map(\.copy) == [1])
    }

    /// The middle version of a chain matches both ends once both are canonicals: it joins the one with the higher
    /// Jaccard, and the earlier canonical on a tie.
    @Test("a copy of two canonicals joins the better match")
    func copyJoinsBestCanonical() throws {
        let a = Self.story(seed: 18, words: 700).text
        let wordCount = a.split(separator: " ").count
        let firstEdits = stride(from: 5, to: wordCount, by: wordCount / 11).map { $0 }
        let b = Self.editing(a, at: firstEdits)
        let c = Self.editing(b, at: firstEdits.map { $0 + wordCount / 22 })
        // A and C are published first, so both are canonicals when B (the middle version) is visited.
        let documents = [document("B", b, day: 3), document("A", a, day: 1), document("C", c, day: 2)]
        let verifier = Verifier()
        let toA = try verifier.assess(copy: documents[0].fingerprint, original: documents[1].fingerprint)
        let toC = try verifier.assess(copy: documents[0].fingerprint, original: documents[2].fingerprint)
        try #require(toA.kind != nil && toC.kind != nil)
        try #require(
            try verifier.assess(copy: documents[2].fingerprint, original: documents[1].fingerprint).kind == nil)

        let expected = toC.scores.jaccard > toA.scores.jaccard ? 2 : 1
        let result = deduplicator.deduplicate(documents)
        #expect(result.canonicalOf == [expected, 1, 2])
        #expect(result.matches.first?.verdict.scores.jaccard == max(toA.scores.jaccard, toC.scores.jaccard))
    }

    // MARK: - Output order and flags

    @Test("clusters list the canonical then the copies in input order; matches follow the copies' input order")
    func clusterAndMatchOrder() {
        let s = Self.story(seed: 19, words: 360)
        let t = Self.story(seed: 20, words: 360)
        let u = Self.story(seed: 21, words: 360)
        var sEdited = s
        sEdited.headline = "Revised: " + s.headline
        let documents = [
            document("s-copy-1", sEdited.text, site: "metro.example", day: 5),
            document("t", t.text, site: "harbor.example", day: 1),
            document("s-copy-2", VerifierTests.restyle(s.text), day: 6),
            document("s", s.text, site: "harbor.example", day: 2),
            document("t-copy", t.text, site: "harbor.example", day: 3),
            document("u", u.text, site: "metro.example", day: 4),
            document("s-copy-3", s.text + "\nThis story has been updated with new figures from the county.", day: 7),
        ]
        let result = deduplicator.deduplicate(documents)
        #expect(result.canonicalOf == [3, 1, 3, 3, 1, 5, 3])
        #expect(result.clusters.map(\.canonical) == [1, 3])
        #expect(result.clusters.map(\.members) == [[1, 4], [3, 0, 2, 6]])
        #expect(result.matches.map(\.copy) == [0, 2, 4, 6])
        #expect(result.matches.map(\.original) == [3, 3, 1, 3])
        #expect(result.matches.map(\.verdict.kind) == [.nearDuplicate, .exact, .exact, .nearDuplicate])
        // Cross-source only when both sites are known and differ.
        #expect(result.matches.map(\.verdict.crossSource) == [true, false, false, false])
        for match in result.matches {
            let scores = match.verdict.scores
            #expect(
                scores.jaccard >= deduplicator.policy.nearDuplicateThreshold
                    || scores.containment >= deduplicator.policy.containmentThreshold)
        }
        #expect(result.candidatesVerified >= result.matches.count)
    }

    @Test("documents that copy nothing form no cluster")
    func noCopiesNoClusters() {
        let documents = (0..<6).map { document(ArticleID.integer(Int64($0)), Self.story(seed: 40 + UInt64($0)).text) }
        let result = deduplicator.deduplicate(documents)
        #expect(result.matches.isEmpty)
        #expect(result.clusters.isEmpty)
        #expect(result.canonicalOf == Array(0..<6))
        #expect(deduplicator.deduplicate([]).canonicalOf.isEmpty)
    }

    @Test("crossesSource needs two known, different sites")
    func crossesSource() {
        let text = Self.story(seed: 22, words: 80).text
        let harbor = document("a", text, site: "harbor.example")
        let harborAgain = document("b", text, site: "harbor.example")
        let metro = document("c", text, site: "metro.example")
        let unknown = document("d", text)
        #expect(harbor.crossesSource(with: metro))
        #expect(metro.crossesSource(with: harbor))
        #expect(!harbor.crossesSource(with: harborAgain))
        #expect(!harbor.crossesSource(with: unknown))
        #expect(!unknown.crossesSource(with: harbor))
        #expect(!unknown.crossesSource(with: unknown))
    }
}
