/// The banding of an LSH index: `bands` bands of `rows` signature values each.
///
/// Two signatures become candidates when all `rows` values of at least one band agree; for sets with Jaccard
/// similarity s that happens with probability 1 − (1 − sʳ)ᵇ, an S-curve whose steepest point sits near (1/b)^(1/r).
public struct LSHParameters: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The number of bands.
    public let bands: Int
    /// Signature values per band.
    public let rows: Int

    /// An explicit banding.
    /// - Precondition: both are at least 1.
    public init(bands: Int, rows: Int) {
        precondition(bands >= 1 && rows >= 1, "bands and rows must be at least 1")
        self.bands = bands
        self.rows = rows
    }

    /// The banding for `threshold` that minimizes the weighted sum of the false-positive area (the probability of
    /// becoming candidates, integrated over similarities below the threshold) and the false-negative area (the
    /// probability of being missed, integrated over similarities above it), over every `bands × rows ≤ length`.
    ///
    /// - Parameters:
    ///   - threshold: the Jaccard similarity that should separate candidates from the rest, in (0, 1).
    ///   - signatureLength: the number of values in a signature.
    ///   - falsePositiveWeight: the weight of the false-positive area.
    ///   - falseNegativeWeight: the weight of the false-negative area.
    /// - Complexity: O(k log k) candidate bandings for k values, each integrated numerically.
    public static func optimal(
        threshold: Double, signatureLength: Int, falsePositiveWeight: Double = 0.5,
        falseNegativeWeight: Double = 0.5
    ) -> LSHParameters {
        precondition(threshold > 0 && threshold < 1, "the threshold must be strictly between 0 and 1")
        precondition(signatureLength >= 1, "the signature length must be at least 1")
        var best = LSHParameters(bands: 1, rows: 1)
        var bestError = Double.infinity
        for bands in 1...signatureLength {
            for rows in 1...(signatureLength / bands) {
                let candidate = LSHParameters(bands: bands, rows: rows)
                let falsePositive = integrate(from: 0, to: threshold) { candidate.candidateProbability(jaccard: $0) }
                let falseNegative = integrate(from: threshold, to: 1) { 1 - candidate.candidateProbability(jaccard: $0) }
                let error = falsePositiveWeight * falsePositive + falseNegativeWeight * falseNegative
                if error < bestError - 1e-15 {
                    bestError = error
                    best = candidate
                }
            }
        }
        return best
    }

    /// The probability that two sets with Jaccard similarity `jaccard` share at least one band: 1 − (1 − sʳ)ᵇ.
    public func candidateProbability(jaccard: Double) -> Double {
        1 - pow(1 - pow(jaccard, Double(rows)), Double(bands))
    }

    /// The number of signature values the banding uses.
    public var valuesUsed: Int { bands * rows }

    public var description: String { "\(bands) bands × \(rows) rows" }

    /// Composite Simpson's rule with 200 intervals: exact enough for these smooth curves.
    private static func integrate(from lower: Double, to upper: Double, _ f: (Double) -> Double) -> Double {
        let intervals = 200
        let step = (upper - lower) / Double(intervals)
        var sum = f(lower) + f(upper)
        for index in 1..<intervals {
            sum += f(lower + Double(index) * step) * (index % 2 == 1 ? 4 : 2)
        }
        return sum * step / 3
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
