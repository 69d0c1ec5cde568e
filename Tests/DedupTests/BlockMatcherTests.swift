import Testing

@testable import Dedup

/// The block-parallel matching loop against the one-document-at-a-time loop it replaced, on a generated corpus
/// with template families (many candidates, many ties) and on hand-made edge cases.
@Suite("Block matcher")
struct BlockMatcherTests {
    /// Documents of a generated corpus, fingerprinted without site statistics, plus empty and duplicate texts.
    static let documents: [FingerprintedDocument] = {
        var articles: [Article] = []
        let generator = try! CorpusGenerator(settings: GeneratorSettings(documents: 1500, seed: 7))
        try! generator.generate(documents: { articles.append($0) }, truth: { _ in })
        let processor = ArticleFingerprinter()
        var documents = articles.map { processor.process($0).document }
        let fingerprinter = Fingerprinter()
        // No words (an empty signature, in no bucket), twice; and an identical undated pair, whose canonical the
        // id decides.
        let sentence = "The council approved the new budget on Tuesday after a debate that ran past midnight."
        for (id, text) in [("empty-a", ""), ("empty-b", "  "), ("same-b", sentence), ("same-a", sentence)] {
            documents.append(
                FingerprintedDocument(
                    id: .string(id), site: nil, published: nil, fingerprint: fingerprinter.fingerprint(text)))
        }
        return documents
    }()

    /// The matching loop as it was: each document in canonical order queries ``LSHIndex`` over the canonicals so
    /// far and joins the best match, or becomes a canonical.
    static func reference(_ documents: [FingerprintedDocument], _ deduplicator: Deduplicator) -> Deduplication {
        let verifier = Verifier(policy: deduplicator.policy)
        var index = LSHIndex<Int32>(parameters: deduplicator.lshParameters, settings: deduplicator.settings)
        var canonicalOf = Array(documents.indices)
        var verdictOf: [Int: Verdict] = [:]
        var candidatesVerified = 0
        for position in Deduplicator.canonicalOrder(documents) {
            let document = documents[position]
            var best: (original: Int, verdict: Verdict)?
            for candidate in try! index.query(document.fingerprint.signature) {
                let original = Int(candidate)
                candidatesVerified += 1
                let assessment = try! verifier.assess(
                    copy: document.fingerprint, original: documents[original].fingerprint)
                guard let kind = assessment.kind else { continue }
                let verdict = Verdict(
                    kind: kind, crossSource: document.crossesSource(with: documents[original]),
                    scores: assessment.scores)
                if let current = best, !Deduplicator.isBetter(verdict, than: current.verdict) { continue }
                best = (original, verdict)
            }
            if let best {
                canonicalOf[position] = best.original
                verdictOf[position] = best.verdict
            } else {
                try! index.insert(Int32(position), signature: document.fingerprint.signature)
            }
        }
        let matches = documents.indices.filter { canonicalOf[$0] != $0 }.map {
            Match(copy: $0, original: canonicalOf[$0], verdict: verdictOf[$0]!)
        }
        return Deduplication(
            matches: matches, clusters: [], canonicalOf: canonicalOf, candidatesVerified: candidatesVerified)
    }

    @Test(
        "Any threads and block size give the one-at-a-time loop's matches",
        arguments: [(1, 4096), (2, 4096), (2, 1), (3, 16), (2, 256)])
    func sameAsSequential(threads: Int, blockSize: Int) {
        let deduplicator = Deduplicator()
        let expected = Self.reference(Self.documents, deduplicator)
        let result = deduplicator.deduplicate(Self.documents, threads: threads, blockSize: blockSize) { _, _ in }
        #expect(expected.matches.count > 50)
        #expect(expected.candidatesVerified > expected.matches.count, "some candidates are rejected")
        #expect(result.matches == expected.matches)
        #expect(result.canonicalOf == expected.canonicalOf)
        #expect(result.candidatesVerified == expected.candidatesVerified)
    }

    @Test("The public entry point gives the same clusters on one thread and two")
    func threadsDoNotMatter() {
        let deduplicator = Deduplicator()
        let one = deduplicator.deduplicate(Self.documents, threads: 1)
        let two = deduplicator.deduplicate(Self.documents, threads: 2)
        #expect(one.matches == two.matches)
        #expect(one.clusters == two.clusters)
        #expect(one.candidatesVerified == two.candidatesVerified)
        #expect(!one.clusters.isEmpty)
    }

    @Test("Once a document's best match is exact, no other canonical can be a better match")
    func exactIsFinal() throws {
        let verifier = Verifier()
        let documents = Array(Self.documents.prefix(400)) + Self.documents.suffix(4)
        var exactPairs = 0
        for copy in documents {
            let assessments = documents.map { try! verifier.assess(copy: copy.fingerprint, original: $0.fingerprint) }
            for (other, exact) in zip(documents, assessments) where exact.kind == .exact {
                if other.id != copy.id { exactPairs += 1 }
                let best = BlockMatcher.Best(original: 0, kind: .exact, scores: exact.scores)
                #expect(BlockMatcher.isFinal(best))
                let verdict = Verdict(kind: .exact, crossSource: false, scores: exact.scores)
                for candidate in assessments {
                    guard let kind = candidate.kind else { continue }
                    let rival = Verdict(kind: kind, crossSource: false, scores: candidate.scores)
                    #expect(!Deduplicator.isBetter(rival, than: verdict))
                }
            }
            for assessment in assessments where assessment.kind != .exact {
                let best = assessment.kind.map { BlockMatcher.Best(original: 0, kind: $0, scores: assessment.scores) }
                #expect(!BlockMatcher.isFinal(best))
            }
        }
        // Besides each document against itself, at least the identical pair added to the corpus.
        #expect(exactPairs >= 2)
    }

    @Test("The append-only index finds what LSHIndex finds, in the same order")
    func indexAgrees() throws {
        let parameters = LSHParameters(bands: 42, rows: 3)
        var reference = LSHIndex<Int32>(parameters: parameters, settings: .standard)
        let index = AppendOnlyLSHIndex(bands: 42, rows: 3)
        let signatures = Self.documents.map(\.fingerprint.signature).filter { !$0.isEmpty }
        var keys = [UInt64](repeating: 0, count: 42)
        let seen = UnsafeMutablePointer<UInt64>.allocate(capacity: signatures.count / 64 + 1)
        defer { seen.deallocate() }
        seen.initialize(repeating: 0, count: signatures.count / 64 + 1)
        var found: [Int32] = []
        for (slot, signature) in signatures.enumerated() {
            keys.withUnsafeMutableBufferPointer { keys in
                signature.values.withUnsafeBufferPointer { index.bandKeys(of: $0, into: keys.baseAddress!) }
            }
            #expect(keys == parameters.bandKeys(of: signature))
            found.removeAll()
            keys.withUnsafeBufferPointer { keys in
                index.withReader { reader in
                    reader.candidates(bandKeys: keys.baseAddress!, seen: seen, into: &found)
                }
                let slot = index.reserveSlots(1).lowerBound
                for band in 0..<42 { index.insert(slots: [(slot, keys.baseAddress!)], band: band) }
            }
            #expect(try found == reference.query(signature), "slot \(slot)")
            try reference.insert(Int32(slot), signature: signature)
        }
    }
}
