import Dedup
import Testing

/// The candidate rate an `LSHIndex` actually produces follows the S-curve 1 − (1 − Jʳ)ᵇ.
///
/// For each Jaccard value, 400 random set pairs with exactly that similarity are built; the first set of every
/// pair is indexed, the second is queried, and the share of pairs whose partner comes back is the measured rate.
/// Each pair is a Bernoulli trial with probability P = 1 − (1 − Jʳ)ᵇ (signature positions agree independently with
/// probability J), so the rate over n = 400 pairs has standard deviation √(P(1−P)/n). It must be within
///
///     4·√(P(1−P)/n) + 1/n
///
/// of P: a 4σ binomial confidence bound (two-sided normal tail 6·10⁻⁵) plus one trial of slack where P is so close
/// to 0 or 1 that σ vanishes. Sets of different pairs share no element, so no other key may come back.
///
/// Banding 25 × 5 (125 of 128 values) puts the curve's steep part, (1/25)^(1/5) ≈ 0.53, inside the tested range:
/// P ≈ 0.008, 0.23, 0.55, 0.86, 1.0, 1.0 for J = 0.2, 0.4, 0.5, 0.6, 0.8, 0.9.
///
/// The one-permutation scheme uses unions of 1,000 elements, so that fewer than 1% of its 128 bins are empty
/// (densified bins copy other bins, which would correlate the rows of a band); the classic scheme's positions are
/// independent at any set size, and unions of 100 keep its k hash evaluations per element cheap.
@Suite("LSH S-curve")
struct LSHSCurveTests {
    static let parameters = LSHParameters(bands: 25, rows: 5)
    static let pairsPerJaccard = 400
    static let jaccards = [0.2, 0.4, 0.5, 0.6, 0.8, 0.9]

    @Test(
        "measured candidate rates match 1 − (1 − Jʳ)ᵇ within 4σ",
        arguments: [
            (MinHashScheme.onePermutation, 1000),
            (MinHashScheme.permutations, 100),
        ])
    func measuredCurve(scheme: MinHashScheme, unionSize: Int) throws {
        let settings = MinHashSettings(scheme: scheme, length: 128, seed: 11, shingleSize: 5)
        let hasher = MinHasher(settings: settings)
        var generator = SplitMix64(seed: 0x5C_0B5E)
        let n = Double(Self.pairsPerJaccard)
        for jaccard in Self.jaccards {
            let intersection = Int((jaccard * Double(unionSize)).rounded())
            var index = LSHIndex<Int>(parameters: Self.parameters, settings: settings)
            var queries: [MinHashSignature] = []
            for key in 0..<Self.pairsPerJaccard {
                let pair = MinHashRandomSetPair(unionSize: unionSize, intersection: intersection, using: &generator)
                #expect(pair.jaccard == jaccard)
                try index.insert(key, signature: hasher.signature(of: pair.first))
                queries.append(hasher.signature(of: pair.second))
            }
            var candidates = 0
            var strangers = 0
            for (key, query) in queries.enumerated() {
                let found = try index.query(query)
                if found.contains(key) { candidates += 1 }
                strangers += found.filter { $0 != key }.count
            }
            let expected = Self.parameters.candidateProbability(jaccard: jaccard)
            let rate = Double(candidates) / n
            let bound = 4 * (expected * (1 - expected) / n).squareRoot() + 1 / n
            #expect(
                abs(rate - expected) <= bound,
                "\(scheme), J = \(jaccard): rate \(rate), expected \(expected) ± \(bound)")
            #expect(strangers == 0, "\(scheme), J = \(jaccard): \(strangers) unrelated keys returned")
        }
    }
}
