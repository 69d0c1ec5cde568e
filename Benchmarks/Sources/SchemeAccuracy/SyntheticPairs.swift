import Dedup
import Foundation

/// Random pairs of hash sets with a known Jaccard similarity, estimated by both schemes with the same seed.
///
/// The first set's size is log-uniform in 20...2000 and the target similarity uniform in 0.1...0.95; the second
/// set's size is log-uniform over the sizes that can reach the target (|A|·J ≤ |B| ≤ |A|/J, within 20...2000).
/// The elements are random 64-bit values, as shingle hashes are. Every pair gets its own hash seed, so the
/// statistics average over hash functions as well as over sets.
struct SyntheticPairs {
    let count: Int
    let seed: UInt64
    let length: Int

    func measure() -> AccuracyReport {
        var random = SplitMix64(seed: seed)
        var report = AccuracyReport(title: "Synthetic set pairs (\(count) pairs, seed \(seed))", length: length)
        for _ in 0..<count {
            let sizeA = Int(logUniform(20, 2_000, &random).rounded())
            let target = 0.1 + 0.85 * unit(&random)
            let sizeB = Int(
                logUniform(max(20, Double(sizeA) * target), min(2_000, Double(sizeA) / target), &random).rounded())
            let shared = min(sizeA, sizeB, Int((target * Double(sizeA + sizeB) / (1 + target)).rounded()))
            let truth = Double(shared) / Double(sizeA + sizeB - shared)

            let common = (0..<shared).map { _ in random.next() }
            let setA = common + (0..<(sizeA - shared)).map { _ in random.next() }
            let setB = common + (0..<(sizeB - shared)).map { _ in random.next() }
            let hashSeed = random.next()
            var estimates: [MinHashScheme: Double] = [:]
            for scheme in MinHashScheme.allCases {
                let settings = MinHashSettings(scheme: scheme, length: length, seed: hashSeed, shingleSize: 5)
                let hasher = MinHasher(settings: settings)
                estimates[scheme] = try! hasher.signature(of: setA).jaccard(with: hasher.signature(of: setB))
            }
            report.add(EstimatedPair(truth: truth, smallerSetSize: min(sizeA, sizeB), estimates: estimates))
        }
        return report
    }
}

/// A uniform value in [0, 1).
func unit(_ random: inout SplitMix64) -> Double {
    Double(random.next() >> 11) * 0x1p-53
}

/// A value whose logarithm is uniform in [log lower, log upper].
func logUniform(_ lower: Double, _ upper: Double, _ random: inout SplitMix64) -> Double {
    guard upper > lower else { return lower }
    return lower * exp(log(upper / lower) * unit(&random))
}
