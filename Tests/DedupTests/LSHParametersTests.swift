import Dedup
import Foundation
import Testing

@Suite("LSHParameters")
struct LSHParametersTests {
    static let thresholds = [0.3, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9]

    /// The weighted error the optimum minimizes, computed here independently of the library (trapezoid rule on a
    /// fine grid instead of its Simpson's rule).
    static func weightedError(
        _ parameters: LSHParameters, threshold: Double, falsePositiveWeight: Double = 0.5,
        falseNegativeWeight: Double = 0.5
    ) -> Double {
        func probability(_ s: Double) -> Double {
            1 - pow(1 - pow(s, Double(parameters.rows)), Double(parameters.bands))
        }
        func trapezoid(_ lower: Double, _ upper: Double, _ f: (Double) -> Double) -> Double {
            let steps = 2000
            let h = (upper - lower) / Double(steps)
            var sum = (f(lower) + f(upper)) / 2
            for index in 1..<steps { sum += f(lower + Double(index) * h) }
            return sum * h
        }
        let falsePositive = trapezoid(0, threshold, probability)
        let falseNegative = trapezoid(threshold, 1) { 1 - probability($0) }
        return falsePositiveWeight * falsePositive + falseNegativeWeight * falseNegative
    }

    @Test("the optimum fits in the signature", arguments: thresholds, [16, 64, 128, 200])
    func fitsInSignature(threshold: Double, length: Int) {
        let parameters = LSHParameters.optimal(threshold: threshold, signatureLength: length)
        #expect(parameters.bands >= 1 && parameters.rows >= 1)
        #expect(parameters.valuesUsed == parameters.bands * parameters.rows)
        #expect(parameters.valuesUsed <= length)
    }

    /// The equal-weight optimum places the S-curve where the false-positive and false-negative areas balance,
    /// not exactly at the threshold, so its steepest point (1/b)^(1/r) is only near the threshold. For k = 128
    /// and thresholds 0.3–0.9 the gap is at most 0.07 (t = 0.35 gives 32 × 4, midpoint 0.42); the tolerance is 0.1.
    @Test("the S-curve midpoint (1/b)^(1/r) is within 0.1 of the threshold", arguments: thresholds)
    func midpointNearThreshold(threshold: Double) {
        let parameters = LSHParameters.optimal(threshold: threshold, signatureLength: 128)
        let midpoint = pow(1 / Double(parameters.bands), 1 / Double(parameters.rows))
        #expect(abs(midpoint - threshold) <= 0.1, "\(parameters): midpoint \(midpoint) for threshold \(threshold)")
        // At the threshold itself the curve is neither flat at 0 nor at 1.
        let atThreshold = parameters.candidateProbability(jaccard: threshold)
        #expect(atThreshold > 0.2 && atThreshold < 0.8, "\(parameters): P(\(threshold)) = \(atThreshold)")
    }

    @Test("higher thresholds give steeper curves further right")
    func monotoneInThreshold() {
        let midpoints = Self.thresholds.map { threshold -> Double in
            let parameters = LSHParameters.optimal(threshold: threshold, signatureLength: 128)
            return pow(1 / Double(parameters.bands), 1 / Double(parameters.rows))
        }
        #expect(midpoints == midpoints.sorted())
        let rows = Self.thresholds.map { LSHParameters.optimal(threshold: $0, signatureLength: 128).rows }
        #expect(rows == rows.sorted())
    }

    @Test(
        "the documented optima",
        arguments: [
            // docs/design/lsh.md; both also reproduced by an independent Python transcription of the criterion.
            (0.8, 0.5, 0.5, LSHParameters(bands: 9, rows: 13)),
            (0.35, 0.2, 0.8, LSHParameters(bands: 42, rows: 3)),
        ])
    func documentedOptima(threshold: Double, fp: Double, fn: Double, expected: LSHParameters) {
        let parameters = LSHParameters.optimal(
            threshold: threshold, signatureLength: 128, falsePositiveWeight: fp, falseNegativeWeight: fn)
        #expect(parameters == expected)
    }

    @Test("no other banding has a clearly smaller weighted error", arguments: [0.35, 0.5, 0.8])
    func isOptimal(threshold: Double) {
        let length = 64
        let chosen = LSHParameters.optimal(threshold: threshold, signatureLength: length)
        let chosenError = Self.weightedError(chosen, threshold: threshold)
        for bands in 1...length {
            for rows in 1...(length / bands) {
                let other = LSHParameters(bands: bands, rows: rows)
                // The two integrators differ by far less than 1e-6 on these curves.
                #expect(
                    Self.weightedError(other, threshold: threshold) >= chosenError - 1e-6,
                    "\(other) beats \(chosen) at threshold \(threshold)")
            }
        }
    }

    @Test("weighting false negatives moves the curve left, false positives right")
    func weights() {
        func midpoint(_ parameters: LSHParameters) -> Double {
            pow(1 / Double(parameters.bands), 1 / Double(parameters.rows))
        }
        let balanced = LSHParameters.optimal(threshold: 0.6, signatureLength: 128)
        let recall = LSHParameters.optimal(
            threshold: 0.6, signatureLength: 128, falsePositiveWeight: 0.1, falseNegativeWeight: 0.9)
        let precision = LSHParameters.optimal(
            threshold: 0.6, signatureLength: 128, falsePositiveWeight: 0.9, falseNegativeWeight: 0.1)
        #expect(midpoint(recall) < midpoint(balanced))
        #expect(midpoint(precision) > midpoint(balanced))
        #expect(recall.candidateProbability(jaccard: 0.6) > balanced.candidateProbability(jaccard: 0.6))
        #expect(precision.candidateProbability(jaccard: 0.6) < balanced.candidateProbability(jaccard: 0.6))
    }

    @Test("a one-value signature can only have one band of one row")
    func smallestSignature() {
        #expect(LSHParameters.optimal(threshold: 0.5, signatureLength: 1) == LSHParameters(bands: 1, rows: 1))
    }

    @Test("candidateProbability is 1 − (1 − sʳ)ᵇ")
    func candidateProbability() {
        let single = LSHParameters(bands: 1, rows: 1)
        for s in [0.0, 0.1, 0.5, 0.9, 1.0] {
            #expect(abs(single.candidateProbability(jaccard: s) - s) < 1e-12)
        }
        #expect(abs(LSHParameters(bands: 1, rows: 2).candidateProbability(jaccard: 0.5) - 0.25) < 1e-12)
        #expect(abs(LSHParameters(bands: 2, rows: 1).candidateProbability(jaccard: 0.5) - 0.75) < 1e-12)
        #expect(abs(LSHParameters(bands: 2, rows: 2).candidateProbability(jaccard: 0.5) - 0.4375) < 1e-12)
        // 1 − (1 − 0.8³)² = 1 − 0.488² = 0.761856
        #expect(abs(LSHParameters(bands: 2, rows: 3).candidateProbability(jaccard: 0.8) - 0.761856) < 1e-12)
        // 42 × 3, computed with Python floats: 1 - (1 - s**3)**42.
        let policy = LSHParameters(bands: 42, rows: 3)
        #expect(abs(policy.candidateProbability(jaccard: 0.2) - 0.286_341_848_913_438_3) < 1e-12)
        #expect(abs(policy.candidateProbability(jaccard: 0.35) - 0.841_260_969_220_982) < 1e-12)
        #expect(abs(policy.candidateProbability(jaccard: 0.5) - 0.996_332_769_339_681_6) < 1e-12)
        for parameters in [policy, LSHParameters(bands: 9, rows: 13), LSHParameters(bands: 25, rows: 5)] {
            #expect(parameters.candidateProbability(jaccard: 0) == 0)
            #expect(parameters.candidateProbability(jaccard: 1) == 1)
            let curve = stride(from: 0.0, through: 1.0, by: 0.01).map { parameters.candidateProbability(jaccard: $0) }
            #expect(zip(curve, curve.dropFirst()).allSatisfy { $0 <= $1 }, "\(parameters) is not increasing")
        }
    }

    @Test("explicit parameters keep their values")
    func explicit() throws {
        let parameters = LSHParameters(bands: 20, rows: 6)
        #expect(parameters.bands == 20)
        #expect(parameters.rows == 6)
        #expect(parameters.valuesUsed == 120)
        #expect(parameters.description == "20 bands × 6 rows")
        let decoded = try JSONDecoder().decode(LSHParameters.self, from: JSONEncoder().encode(parameters))
        #expect(decoded == parameters)
    }

    @Test("band keys are XXH3 of each band's values as little-endian bytes, seeded by the band (the stored format)")
    func bandKeysFollowTheirDefinition() {
        var random = SplitMix64(seed: 7)
        for parameters in [LSHParameters(bands: 42, rows: 3), LSHParameters(bands: 20, rows: 6)] {
            for _ in 0..<50 {
                let values = (0..<128).map { _ in UInt32(truncatingIfNeeded: random.next()) }
                let signature = MinHashSignature(settings: .standard, values: values)
                let expected = (0..<parameters.bands).map { band in
                    var bytes: [UInt8] = []
                    for value in values[(band * parameters.rows)..<((band + 1) * parameters.rows)] {
                        bytes += [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: value >> $0) }
                    }
                    return XXH3.hash(bytes, seed: UInt64(band))
                }
                #expect(parameters.bandKeys(of: signature) == expected)
            }
            let empty = MinHashSignature(settings: .standard, values: Array(repeating: .max, count: 128), isEmpty: true)
            #expect(parameters.bandKeys(of: empty).isEmpty)
        }
    }
}
