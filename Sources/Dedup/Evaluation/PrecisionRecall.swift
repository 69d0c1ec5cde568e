/// Counts of a binary decision against the truth, with precision, recall and F1.
///
/// A ratio whose denominator is zero is undefined and reads as nil (no predictions: no precision), rather than
/// 0 or 1, so that an empty category is never mistaken for a perfect or a failed one.
public struct PrecisionRecall: Sendable, Hashable {
    /// Predicted positive and positive in the truth.
    public var truePositives: Int
    /// Predicted positive, negative in the truth.
    public var falsePositives: Int
    /// Positive in the truth, predicted negative.
    public var falseNegatives: Int

    /// Scores from their counts.
    public init(truePositives: Int, falsePositives: Int, falseNegatives: Int) {
        precondition(truePositives >= 0 && falsePositives >= 0 && falseNegatives >= 0, "negative count")
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// TP / (TP + FP); nil when nothing was predicted positive.
    public var precision: Double? { Self.ratio(truePositives, truePositives + falsePositives) }

    /// TP / (TP + FN); nil when the truth has no positive.
    public var recall: Double? { Self.ratio(truePositives, truePositives + falseNegatives) }

    /// The harmonic mean of precision and recall, 2PR / (P + R); 0 when both are 0, nil when either is undefined.
    public var f1: Double? {
        guard let precision, let recall else { return nil }
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    static func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
        denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }
}

/// How many of some items have a property: found copy pairs among the true ones, correct matches among the
/// predicted ones, hard negatives placed in one cluster.
public struct Proportion: Sendable, Hashable {
    /// The items with the property.
    public var count: Int
    /// All the items.
    public var total: Int

    /// A proportion from its counts.
    public init(count: Int = 0, total: Int = 0) {
        precondition(count >= 0 && count <= total, "count \(count) out of 0...\(total)")
        self.count = count
        self.total = total
    }

    /// count / total; nil when there is no item.
    public var value: Double? { PrecisionRecall.ratio(count, total) }

    /// Adds one item, with or without the property.
    public mutating func add(_ hasProperty: Bool) {
        total += 1
        if hasProperty { count += 1 }
    }
}
