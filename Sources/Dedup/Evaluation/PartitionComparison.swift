/// Two clusterings of the same n documents compared through their contingency table: how many pairs of documents
/// each puts together, how many both do, and the adjusted Rand index.
///
/// Only pair counts are kept: Σᵢⱼ C(nᵢⱼ, 2) over the cells of the contingency table, Σᵢ C(aᵢ, 2) over its rows
/// (the first clustering's clusters) and Σⱼ C(bⱼ, 2) over its columns (the second's), with C(k, 2) = k(k − 1)/2.
/// Singletons add nothing to any of them, so a million documents with a few thousand clusters cost only the
/// clusters. Counts are `Int64` (C(10⁶, 2) ≈ 5·10¹¹); their products are formed in `Double`.
///
/// ```swift
/// let comparison = PartitionComparison(first: [0, 0, 1, 1], second: [0, 0, 1, 2])
/// comparison.adjustedRandIndex  // 0.5714… (4/7)
/// ```
public struct PartitionComparison: Sendable, Hashable {
    /// The number of documents n.
    public var documents: Int
    /// Σᵢ C(aᵢ, 2): pairs in one cluster of the first clustering.
    public var pairsInFirst: Int64
    /// Σⱼ C(bⱼ, 2): pairs in one cluster of the second clustering.
    public var pairsInSecond: Int64
    /// Σᵢⱼ C(nᵢⱼ, 2): pairs in one cluster of both.
    public var pairsInBoth: Int64

    /// A comparison from the contingency table's margins and cells.
    /// - Parameters:
    ///   - documents: n, the number of documents, singletons included.
    ///   - firstSizes: the sizes of the first clustering's clusters (singletons may be left out).
    ///   - secondSizes: the sizes of the second clustering's clusters (singletons may be left out).
    ///   - cellSizes: the nonzero cells nᵢⱼ, the documents in cluster i of the first and cluster j of the second
    ///     (cells of 1 may be left out).
    public init(
        documents: Int, firstSizes: some Sequence<Int>, secondSizes: some Sequence<Int>,
        cellSizes: some Sequence<Int>
    ) {
        precondition(documents >= 0, "negative document count")
        self.documents = documents
        pairsInFirst = Self.pairs(firstSizes)
        pairsInSecond = Self.pairs(secondSizes)
        pairsInBoth = Self.pairs(cellSizes)
        precondition(
            pairsInBoth <= min(pairsInFirst, pairsInSecond) && max(pairsInFirst, pairsInSecond) <= pairCount,
            "the cells and margins do not form a contingency table of \(documents) documents")
    }

    /// Compares two labelings of the same documents: document k is in cluster `first[k]` of the first clustering
    /// and in cluster `second[k]` of the second.
    /// - Complexity: O(n).
    public init<First: Hashable, Second: Hashable>(first: [First], second: [Second]) {
        precondition(first.count == second.count, "the labelings have \(first.count) and \(second.count) documents")
        var firstSizes: [First: Int] = [:]
        var secondSizes: [Second: Int] = [:]
        var cells: [Pair<First, Second>: Int] = [:]
        for (a, b) in zip(first, second) {
            firstSizes[a, default: 0] += 1
            secondSizes[b, default: 0] += 1
            cells[Pair(first: a, second: b), default: 0] += 1
        }
        self.init(
            documents: first.count, firstSizes: firstSizes.values, secondSizes: secondSizes.values,
            cellSizes: cells.values)
    }

    /// C(n, 2): all pairs of documents.
    public var pairCount: Int64 { Int64(documents) * Int64(max(documents - 1, 0)) / 2 }

    /// Pair-counting precision and recall of the first clustering (the prediction) against the second (the truth):
    /// TP = pairs in both, FP = pairs in the first only, FN = pairs in the second only.
    public var pairScores: PrecisionRecall {
        PrecisionRecall(
            truePositives: Int(pairsInBoth), falsePositives: Int(pairsInFirst - pairsInBoth),
            falseNegatives: Int(pairsInSecond - pairsInBoth))
    }

    /// The Rand index: the share of the C(n, 2) pairs on which the two clusterings agree (together in both or
    /// apart in both); 1 when n < 2.
    public var randIndex: Double {
        guard pairCount > 0 else { return 1 }
        let agreements = pairCount - pairsInFirst - pairsInSecond + 2 * pairsInBoth
        return Double(agreements) / Double(pairCount)
    }

    /// The adjusted Rand index of Hubert and Arabie (1985):
    ///
    ///     ARI = (Σᵢⱼ C(nᵢⱼ,2) − E) / (½[Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)] − E),  E = Σᵢ C(aᵢ,2) · Σⱼ C(bⱼ,2) / C(n,2)
    ///
    /// 1 for identical clusterings, about 0 for independent ones (its expectation under random labelings with the
    /// same cluster sizes), negative when they agree less than chance. Identical clusterings give exactly 1,
    /// including the cases where the formula is 0/0 (both all singletons, or both one cluster), as in
    /// scikit-learn.
    public var adjustedRandIndex: Double {
        // The same pairs together in both: identical clusterings. Checked on the integers, so that the 0/0 cases
        // never meet rounding in E.
        if pairsInBoth == pairsInFirst && pairsInBoth == pairsInSecond { return 1 }
        let index = Double(pairsInBoth)
        let expected = Double(pairsInFirst) * Double(pairsInSecond) / Double(pairCount)
        let maximum = (Double(pairsInFirst) + Double(pairsInSecond)) / 2
        return (index - expected) / (maximum - expected)
    }

    private static func pairs(_ sizes: some Sequence<Int>) -> Int64 {
        var total: Int64 = 0
        for size in sizes {
            precondition(size >= 0, "negative cluster size")
            total += Int64(size) * Int64(max(size - 1, 0)) / 2
        }
        return total
    }
}

private struct Pair<First: Hashable, Second: Hashable>: Hashable {
    let first: First
    let second: Second
}
