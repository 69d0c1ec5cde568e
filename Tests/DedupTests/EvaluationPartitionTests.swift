import Dedup
import Testing

/// The adjusted Rand index and the pair counts behind it, against values known from the literature, from
/// scikit-learn's `adjusted_rand_score` (documented values, and values computed with scikit-learn 1.x) and by hand.
@Suite("Evaluation: partition comparison and adjusted Rand index")
struct EvaluationPartitionTests {
    @Test(
        "Adjusted Rand index of small labelings",
        arguments: [
            // scikit-learn's documentation: a relabeling is a perfect match.
            ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),
            ([0, 0, 1, 1], [0, 0, 1, 1], 1.0),
            // scikit-learn's documentation: one cluster split in two.
            ([0, 0, 1, 1], [0, 0, 1, 2], 0.5714285714285715),
            // scikit-learn's documentation: one cluster against all singletons.
            ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
            // Less agreement than chance: (0 − 2·2/6) / (2 − 2·2/6) = −0.5 (scikit-learn agrees).
            ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
            // scikit-learn: adjusted_rand_score([0,0,0,1,1,1,2,2,2,3], [0,0,1,1,2,2,2,3,3,3]).
            ([0, 0, 0, 1, 1, 1, 2, 2, 2, 3], [0, 0, 1, 1, 2, 2, 2, 3, 3, 3], 0.2028985507246377),
            // Both all singletons, both one cluster: 0/0 in the formula, identical clusterings, 1.
            ([0, 1, 2], [5, 6, 7], 1.0),
            ([4, 4, 4], [1, 1, 1], 1.0),
            ([0], [0], 1.0),
        ])
    func smallLabelings(first: [Int], second: [Int], expected: Double) {
        let comparison = PartitionComparison(first: first, second: second)
        #expect(abs(comparison.adjustedRandIndex - expected) < 1e-12)
        // The index is symmetric.
        #expect(abs(PartitionComparison(first: second, second: first).adjustedRandIndex - expected) < 1e-12)
    }

    @Test("Pair counts and the index worked by hand")
    func byHand() {
        // Documents A B C D E F; predicted {A,B,C,E} {D} {F}; true {A,B,C,D} {E,F}.
        // Predicted pairs: AB AC AE BC BE CE = 6. True pairs: AB AC AD BC BD CD EF = 7. Both: AB AC BC = 3.
        // C(6,2) = 15, E = 6·7/15 = 2.8, maximum = (6+7)/2 = 6.5, ARI = (3 − 2.8)/(6.5 − 2.8) = 0.2/3.7 = 2/37.
        // Rand index: agreements = 15 − 6 − 7 + 2·3 = 8, 8/15.
        let comparison = PartitionComparison(first: [0, 0, 0, 1, 0, 2], second: [0, 0, 0, 0, 1, 1])
        #expect(comparison.documents == 6)
        #expect(comparison.pairCount == 15)
        #expect(comparison.pairsInFirst == 6)
        #expect(comparison.pairsInSecond == 7)
        #expect(comparison.pairsInBoth == 3)
        #expect(abs(comparison.adjustedRandIndex - 2.0 / 37) < 1e-15)
        #expect(abs(comparison.randIndex - 8.0 / 15) < 1e-15)
        let scores = comparison.pairScores
        #expect(scores == PrecisionRecall(truePositives: 3, falsePositives: 3, falseNegatives: 4))
        #expect(scores.precision == 0.5)
        #expect(abs(scores.recall! - 3.0 / 7) < 1e-15)
        #expect(abs(scores.f1! - 6.0 / 13) < 1e-15)
    }

    @Test("The table form (margins and cells, singletons left out) equals the labeling form")
    func tableForm() {
        let labels = PartitionComparison(first: [0, 0, 0, 1, 0, 2], second: [0, 0, 0, 0, 1, 1])
        let table = PartitionComparison(documents: 6, firstSizes: [4], secondSizes: [4, 2], cellSizes: [3])
        #expect(table == labels)
        // Two more singletons in both: C(8,2) = 28, E = 6·7/28 = 1.5, ARI = (3 − 1.5)/(6.5 − 1.5) = 0.3
        // (scikit-learn: 0.3).
        let wider = PartitionComparison(documents: 8, firstSizes: [4], secondSizes: [4, 2], cellSizes: [3])
        #expect(abs(wider.adjustedRandIndex - 0.3) < 1e-15)
    }

    @Test("A million documents: counts beyond 32 bits, the index as scikit-learn computes it")
    func millionDocuments() {
        // True: documents 2k and 2k+1 together for k < 250 000, the rest singletons. Predicted: the first 200 000
        // of those pairs, and 10 000 false pairs among the singletons. scikit-learn on the same labelings:
        // 0.8695651578449038.
        let comparison = PartitionComparison(
            documents: 1_000_000, firstSizes: Array(repeating: 2, count: 210_000),
            secondSizes: Array(repeating: 2, count: 250_000), cellSizes: Array(repeating: 2, count: 200_000))
        #expect(comparison.pairCount == 499_999_500_000)
        #expect(abs(comparison.adjustedRandIndex - 0.8695651578449038) < 1e-12)
        #expect(
            comparison.pairScores
                == PrecisionRecall(truePositives: 200_000, falsePositives: 10_000, falseNegatives: 50_000))

        let identical = PartitionComparison(
            documents: 1_000_000, firstSizes: [1_000_000], secondSizes: [1_000_000], cellSizes: [1_000_000])
        #expect(identical.adjustedRandIndex == 1)
    }

    @Test("Precision, recall and F1 are undefined (nil) on empty denominators")
    func undefinedRatios() {
        let nothing = PrecisionRecall(truePositives: 0, falsePositives: 0, falseNegatives: 0)
        #expect(nothing.precision == nil && nothing.recall == nil && nothing.f1 == nil)
        let missedAll = PrecisionRecall(truePositives: 0, falsePositives: 2, falseNegatives: 3)
        #expect(missedAll.precision == 0 && missedAll.recall == 0 && missedAll.f1 == 0)
        #expect(Proportion(count: 0, total: 0).value == nil)
        #expect(Proportion(count: 1, total: 4).value == 0.25)
    }
}
