/// A scan scored against a complete truth: pairs within clusters, the adjusted Rand index, recall by kind and
/// operation, precision by predicted kind, hard negatives, and boilerplate lines.
///
/// The definitions are in `docs/design/evaluation.md`.
public struct TruthEvaluation: Sendable, Hashable {
    /// The documents evaluated: every id in the truth, the scan output and the corpus (when given).
    public var documents: Int
    /// The `documents` count of the truth's meta record, when it has one.
    public var declaredDocuments: Int?
    /// True clusters of two or more documents (connected components of the copy pairs).
    public var trueClusters: Int
    /// Predicted clusters (lines of `clusters.jsonl`).
    public var predictedClusters: Int
    /// The predicted clustering (first) against the true one (second).
    public var partition: PartitionComparison
    /// Labeled copy pairs whose two documents are in one predicted cluster, of all copy pairs.
    public var copyPairs: Proportion
    /// ``copyPairs`` by truth kind; every copy kind is present.
    public var copyPairsByKind: [CopyKind: Proportion]
    /// ``copyPairs`` by the truth's operation; the operations of the truth's copy pairs.
    public var copyPairsByOperation: [CopyOperation: Proportion]
    /// ``copyPairs`` restricted to the pairs the truth marks cross-source.
    public var crossSourceCopyPairs: Proportion
    /// Lines of `matches.jsonl` whose copy and original are in one true cluster, of all lines.
    public var matches: Proportion
    /// ``matches`` by predicted kind; every copy kind is present.
    public var matchesByKind: [CopyKind: Proportion]
    /// ``matches`` restricted to the lines the scan marks cross-source.
    public var crossSourceMatches: Proportion
    /// Non-copy pairs (template, same event) placed in one predicted cluster, of all such pairs; both kinds present.
    public var hardNegatives: [TruthKind: Proportion]
    /// Removed boilerplate lines against the truth's.
    public var boilerplate: BoilerplateScores
    /// Things about the inputs a reader should know (ids missing from the corpus, an incomplete universe).
    public var warnings: [String]

    /// Precision, recall and F1 of the pairs of documents put together by the predicted clusters.
    public var clusterPairs: PrecisionRecall { partition.pairScores }

    /// The adjusted Rand index between the predicted and the true clustering.
    public var adjustedRandIndex: Double { partition.adjustedRandIndex }

    /// An evaluation from its parts.
    public init(
        documents: Int, declaredDocuments: Int?, trueClusters: Int, predictedClusters: Int,
        partition: PartitionComparison, copyPairs: Proportion, copyPairsByKind: [CopyKind: Proportion],
        copyPairsByOperation: [CopyOperation: Proportion], crossSourceCopyPairs: Proportion, matches: Proportion,
        matchesByKind: [CopyKind: Proportion], crossSourceMatches: Proportion, hardNegatives: [TruthKind: Proportion],
        boilerplate: BoilerplateScores, warnings: [String]
    ) {
        self.documents = documents
        self.declaredDocuments = declaredDocuments
        self.trueClusters = trueClusters
        self.predictedClusters = predictedClusters
        self.partition = partition
        self.copyPairs = copyPairs
        self.copyPairsByKind = copyPairsByKind
        self.copyPairsByOperation = copyPairsByOperation
        self.crossSourceCopyPairs = crossSourceCopyPairs
        self.matches = matches
        self.matchesByKind = matchesByKind
        self.crossSourceMatches = crossSourceMatches
        self.hardNegatives = hardNegatives
        self.boilerplate = boilerplate
        self.warnings = warnings
    }
}

/// Removed boilerplate lines against the truth's, a line being (document, 1-based line number).
public struct BoilerplateScores: Sendable, Hashable {
    /// TP: lines removed and boilerplate in the truth; FP: removed, not in the truth; FN: in the truth, kept.
    public var lines: PrecisionRecall
    /// Truth lines of each truth reason that were removed, of all truth lines of that reason.
    public var recallByReason: [String: Proportion]
    /// Removed lines of each scan reason that are boilerplate in the truth, of all lines removed for that reason.
    public var precisionByReason: [String: Proportion]

    /// Scores from their parts.
    public init(
        lines: PrecisionRecall, recallByReason: [String: Proportion] = [:],
        precisionByReason: [String: Proportion] = [:]
    ) {
        self.lines = lines
        self.recallByReason = recallByReason
        self.precisionByReason = precisionByReason
    }
}

/// A scan scored against labeled pairs: only the labeled pairs are judged, a pair being predicted a copy when its
/// two documents are in one predicted cluster.
public struct LabeledPairEvaluation: Sendable, Hashable {
    /// TP: labeled a copy, in one cluster; FP: labeled not a copy, in one cluster; FN: labeled a copy, apart.
    public var pairs: PrecisionRecall
    /// Labeled not a copy and kept apart.
    public var trueNegatives: Int
    /// For each label, the pairs placed in one predicted cluster, of all pairs with that label (recall for the
    /// labels of copies, the false-positive rate for the others).
    public var predictedCopiesByLabel: [String: Proportion]
    /// Things about the inputs a reader should know.
    public var warnings: [String]

    /// An evaluation from its parts.
    public init(
        pairs: PrecisionRecall, trueNegatives: Int, predictedCopiesByLabel: [String: Proportion], warnings: [String]
    ) {
        self.pairs = pairs
        self.trueNegatives = trueNegatives
        self.predictedCopiesByLabel = predictedCopiesByLabel
        self.warnings = warnings
    }

    /// All labeled pairs.
    public var labeledPairs: Int {
        pairs.truePositives + pairs.falsePositives + pairs.falseNegatives + trueNegatives
    }
}
