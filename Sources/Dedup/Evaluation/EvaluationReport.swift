/// The result of `dedup eval`: what was scored against what, and the scores.
///
/// ``table()`` renders it for people, ``json()`` for scripts (fields in a fixed order, so the same inputs give
/// the same bytes).
public struct EvaluationReport: Sendable, Hashable {
    /// The scores, by kind of reference.
    public enum Outcome: Sendable, Hashable {
        /// Scored against a complete truth file.
        case truth(TruthEvaluation)
        /// Scored against labeled pairs.
        case labeledPairs(LabeledPairEvaluation)
    }

    /// The scan's output directory.
    public var scanDirectory: String
    /// The truth or labeled-pairs file.
    public var referencePath: String
    /// The corpus read for its ids, if one was.
    public var corpusPath: String?
    /// The scores.
    public var outcome: Outcome

    /// A report from its parts.
    public init(scanDirectory: String, referencePath: String, corpusPath: String?, outcome: Outcome) {
        self.scanDirectory = scanDirectory
        self.referencePath = referencePath
        self.corpusPath = corpusPath
        self.outcome = outcome
    }

    /// The warnings of either kind of evaluation.
    public var warnings: [String] {
        switch outcome {
        case .truth(let evaluation): evaluation.warnings
        case .labeledPairs(let evaluation): evaluation.warnings
        }
    }
}
