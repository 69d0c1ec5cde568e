/// The scores of the candidate pairs a scan verified and did not report as copies.
///
/// The scan keeps only its verdicts, so the report replays its candidate search: documents in canonical order,
/// each queried against the canonicals indexed so far (``Deduplication/canonicalOf`` says which those are), every
/// candidate assessed with the scan's policy. That is the scan's own candidate set, so the pairs replayed are
/// ``Deduplication/candidatesVerified`` in number; the ones without a verdict are near misses and unrelated
/// collisions, whose scores show how far below the thresholds the rejected pairs were.
public struct CandidateScores: Sendable, Hashable {
    /// The scores of each verified candidate pair that was not judged a copy, in replay order.
    public var rejected: [MatchScores]
    /// The number of candidate pairs replayed (matches included).
    public var verified: Int

    /// Replays the candidate search of `result`.
    /// - Complexity: one LSH query and the verification of its candidates per document, as the scan's match step.
    public init(replaying result: ScanResult) {
        let options = result.options
        let documents = result.documents
        let canonicalOf = result.deduplication.canonicalOf
        let verifier = Verifier(policy: options.policy)
        let order = documents.indices.sorted { i, j in
            Deduplicator.precedes(documents[i].document, documents[j].document)
        }
        var index = LSHIndex<Int32>(parameters: options.effectiveLSH, settings: options.settings)
        var rejected: [MatchScores] = []
        var verified = 0
        for position in order {
            let fingerprint = documents[position].document.fingerprint
            let candidates = (try? index.query(fingerprint.signature)) ?? []
            for candidate in candidates {
                verified += 1
                guard
                    let assessment = try? verifier.assess(
                        copy: fingerprint, original: documents[Int(candidate)].document.fingerprint)
                else { continue }
                if assessment.kind == nil { rejected.append(assessment.scores) }
            }
            if canonicalOf.indices.contains(position), canonicalOf[position] == position {
                try? index.insert(Int32(position), signature: fingerprint.signature)
            }
        }
        self.rejected = rejected
        self.verified = verified
    }
}
