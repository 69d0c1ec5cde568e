/// Scores a scan's output against a truth file or a file of labeled pairs.
///
/// ```swift
/// let report = try Evaluator().evaluate(scanDirectory: "out", referencePath: "truth.jsonl",
///                                       corpusPath: "corpus.jsonl")
/// print(report.table())
/// ```
///
/// The metrics are defined in `docs/design/evaluation.md`.
public struct Evaluator: Sendable {
    /// How many example ids a warning names.
    public var exampleIDs = 3

    /// An evaluator.
    public init() {}

    /// Reads a scan's output directory, a truth or labeled-pairs file and optionally the corpus (for its ids), and
    /// scores the scan.
    /// - Parameters:
    ///   - scanDirectory: the scan's output directory (`matches.jsonl`, `clusters.jsonl`, `boilerplate.jsonl`).
    ///   - referencePath: a truth file or a labeled-pairs file (see ``EvaluationReference``).
    ///   - corpusPath: the scanned corpus, read for the ids of every document, or nil.
    ///   - idField: the corpus's id field.
    /// - Throws: ``FileError``, ``InputError`` (with file, line and field) or ``EvaluationError``.
    public func evaluate(
        scanDirectory: String, referencePath: String, corpusPath: String? = nil, idField: String = "id"
    ) throws -> EvaluationReport {
        let reference = try EvaluationReference.read(path: referencePath)
        let corpus = try corpusPath.map { try CorpusIDs(path: $0, idField: idField) }
        let outcome: EvaluationReport.Outcome
        switch reference {
        case .truth(let truth):
            let prediction = try ScanPrediction(directory: scanDirectory)
            outcome = .truth(evaluate(prediction, against: truth, corpus: corpus))
        case .labeledPairs(let pairs):
            let prediction = try ScanPrediction(directory: scanDirectory, includeBoilerplate: false)
            outcome = .labeledPairs(evaluate(prediction, against: pairs, corpus: corpus))
        }
        return EvaluationReport(
            scanDirectory: scanDirectory, referencePath: referencePath, corpusPath: corpusPath, outcome: outcome)
    }

    /// Scores a prediction against a complete truth.
    /// - Parameter corpus: the corpus's ids; with them every singleton counts in the adjusted Rand index. Without
    ///   them the documents are those named by the truth or the prediction.
    /// - Complexity: O(n + p + b) for n documents, p pairs and b boilerplate blocks (lines of a document are
    ///   handled as ranges).
    public func evaluate(_ prediction: ScanPrediction, against truth: GroundTruth, corpus: CorpusIDs? = nil)
        -> TruthEvaluation
    {
        var index = DocumentIndex()
        for id in corpus?.ids ?? [] { index.insert(id) }
        var truthIDs: [ArticleID] = []
        for pair in truth.pairs { truthIDs += [pair.a, pair.b] }
        truthIDs += truth.boilerplate.map(\.id)
        var predictedIDs = prediction.clusters.flatMap { $0 }
        for match in prediction.matches { predictedIDs += [match.id, match.original] }
        predictedIDs += prediction.boilerplate.map(\.id)
        for id in truthIDs { index.insert(id) }
        for id in predictedIDs { index.insert(id) }
        let documents = index.count

        var warnings: [String] = []
        if let corpus {
            if corpus.skippedLines > 0 {
                warnings.append("\(corpus.skippedLines) corpus lines without a usable id were skipped")
            }
            warnings += missingWarning(truthIDs, from: corpus.ids, what: "the truth")
            warnings += missingWarning(predictedIDs, from: corpus.ids, what: "the scan output")
        } else if let declared = truth.declaredDocuments, declared > documents {
            warnings.append(
                "the truth's meta record counts \(declared) documents but only \(documents) are named by the truth "
                    + "or the scan output; the others count as singletons only when the corpus is given")
        }
        if let declared = truth.declaredDocuments, declared < documents {
            warnings.append("\(documents) documents, more than the \(declared) the truth's meta record counts")
        }

        // True clusters: connected components of the copy pairs.
        var components = UnionFind(count: documents)
        for pair in truth.pairs where pair.isCopy {
            components.union(index[pair.a], index[pair.b])
        }
        var roots = [Int32](repeating: 0, count: documents)
        var componentSizes = [Int32](repeating: 0, count: documents)
        for document in 0..<documents {
            roots[document] = Int32(components.find(document))
            componentSizes[Int(roots[document])] += 1
        }
        // Singletons get no label (-1): only clusters of two or more enter the contingency table.
        let trueLabel = roots.map { componentSizes[Int($0)] > 1 ? $0 : -1 }
        let trueSizes = componentSizes.filter { $0 > 1 }.map { Int($0) }
        let trueClusters = trueSizes.count

        // Predicted clusters.
        var predictedLabel = [Int32](repeating: -1, count: documents)
        for (number, members) in prediction.clusters.enumerated() {
            for member in members {
                let document = index[member]
                precondition(predictedLabel[document] == -1, "\(member) is in two predicted clusters")
                predictedLabel[document] = Int32(number)
            }
        }

        var cells: [Int64: Int] = [:]
        for document in 0..<documents where predictedLabel[document] >= 0 && trueLabel[document] >= 0 {
            cells[Int64(predictedLabel[document]) << 32 | Int64(trueLabel[document]), default: 0] += 1
        }
        let partition = PartitionComparison(
            documents: documents, firstSizes: prediction.clusters.map(\.count), secondSizes: trueSizes,
            cellSizes: cells.values)

        func together(_ labels: [Int32], _ a: ArticleID, _ b: ArticleID) -> Bool {
            let label = labels[index[a]]
            return label >= 0 && label == labels[index[b]]
        }

        var copyPairs = Proportion()
        var copyPairsByKind = Dictionary(uniqueKeysWithValues: CopyKind.allCases.map { ($0, Proportion()) })
        var copyPairsByOperation: [CopyOperation: Proportion] = [:]
        var crossSourceCopyPairs = Proportion()
        var hardNegatives = Dictionary(
            uniqueKeysWithValues: TruthKind.allCases.filter { GroundTruth.copyKind(of: $0) == nil }.map {
                ($0, Proportion())
            })
        for pair in truth.pairs {
            let found = together(predictedLabel, pair.a, pair.b)
            guard let kind = GroundTruth.copyKind(of: pair.kind) else {
                hardNegatives[pair.kind]!.add(found)
                continue
            }
            copyPairs.add(found)
            copyPairsByKind[kind]!.add(found)
            copyPairsByOperation[pair.operation, default: Proportion()].add(found)
            if pair.crossSource { crossSourceCopyPairs.add(found) }
        }

        var matches = Proportion()
        var matchesByKind = Dictionary(uniqueKeysWithValues: CopyKind.allCases.map { ($0, Proportion()) })
        var crossSourceMatches = Proportion()
        var outsideClusters: [ArticleID] = []
        for match in prediction.matches {
            let correct = together(trueLabel, match.id, match.original)
            matches.add(correct)
            matchesByKind[match.kind]!.add(correct)
            if match.crossSource { crossSourceMatches.add(correct) }
            if !together(predictedLabel, match.id, match.original) { outsideClusters.append(match.id) }
        }
        if !outsideClusters.isEmpty {
            warnings.append(
                "\(outsideClusters.count) matches are not in one cluster with their original in clusters.jsonl "
                    + "(\(examples(outsideClusters)))")
        }

        return TruthEvaluation(
            documents: documents, declaredDocuments: truth.declaredDocuments, trueClusters: trueClusters,
            predictedClusters: prediction.clusters.count, partition: partition, copyPairs: copyPairs,
            copyPairsByKind: copyPairsByKind, copyPairsByOperation: copyPairsByOperation,
            crossSourceCopyPairs: crossSourceCopyPairs, matches: matches, matchesByKind: matchesByKind,
            crossSourceMatches: crossSourceMatches, hardNegatives: hardNegatives,
            boilerplate: boilerplateScores(predicted: prediction.boilerplate, truth: truth.boilerplate),
            warnings: warnings)
    }

    /// Scores a prediction against labeled pairs: a pair is predicted a copy when its two documents are in one
    /// predicted cluster.
    /// - Parameter corpus: the corpus's ids, to warn about labeled ids that are not in it.
    public func evaluate(_ prediction: ScanPrediction, against pairs: [LabeledPair], corpus: CorpusIDs? = nil)
        -> LabeledPairEvaluation
    {
        var clusterOf: [ArticleID: Int] = [:]
        for (number, members) in prediction.clusters.enumerated() {
            for member in members {
                precondition(clusterOf.updateValue(number, forKey: member) == nil, "\(member) is in two clusters")
            }
        }
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var trueNegatives = 0
        var byLabel: [String: Proportion] = [:]
        for pair in pairs {
            let cluster = clusterOf[pair.a]
            let predicted = cluster != nil && cluster == clusterOf[pair.b]
            byLabel[pair.label, default: Proportion()].add(predicted)
            switch (pair.isDuplicate, predicted) {
            case (true, true): truePositives += 1
            case (false, true): falsePositives += 1
            case (true, false): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }
        var warnings: [String] = []
        if let corpus {
            if corpus.skippedLines > 0 {
                warnings.append("\(corpus.skippedLines) corpus lines without a usable id were skipped")
            }
            warnings += missingWarning(pairs.flatMap { [$0.a, $0.b] }, from: corpus.ids, what: "the labeled pairs")
        }
        return LabeledPairEvaluation(
            pairs: PrecisionRecall(
                truePositives: truePositives, falsePositives: falsePositives, falseNegatives: falseNegatives),
            trueNegatives: trueNegatives, predictedCopiesByLabel: byLabel, warnings: warnings)
    }

    /// Line-level scores of the removed boilerplate, computed per document on merged line ranges.
    func boilerplateScores(predicted: [PredictedBoilerplate], truth: [GroundTruth.Boilerplate]) -> BoilerplateScores {
        var truthByDocument: [ArticleID: [(range: ClosedRange<Int>, reason: String)]] = [:]
        for block in truth {
            truthByDocument[block.id, default: []].append((block.firstLine...block.lastLine, block.reason))
        }
        var predictedByDocument: [ArticleID: [(range: ClosedRange<Int>, reason: String)]] = [:]
        for block in predicted {
            predictedByDocument[block.id, default: []].append((block.firstLine...block.lastLine, block.reason))
        }
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var recallByReason: [String: Proportion] = [:]
        var precisionByReason: [String: Proportion] = [:]
        for id in Set(truthByDocument.keys).union(predictedByDocument.keys) {
            let truthBlocks = truthByDocument[id] ?? []
            let predictedBlocks = predictedByDocument[id] ?? []
            let truthLines = LineRanges(truthBlocks.map(\.range))
            let predictedLines = LineRanges(predictedBlocks.map(\.range))
            let both = truthLines.intersectionCount(predictedLines)
            truePositives += both
            falsePositives += predictedLines.count - both
            falseNegatives += truthLines.count - both
            for reason in Set(truthBlocks.map(\.reason)) {
                let lines = LineRanges(truthBlocks.filter { $0.reason == reason }.map(\.range))
                recallByReason[reason, default: Proportion()].count += lines.intersectionCount(predictedLines)
                recallByReason[reason]!.total += lines.count
            }
            for reason in Set(predictedBlocks.map(\.reason)) {
                let lines = LineRanges(predictedBlocks.filter { $0.reason == reason }.map(\.range))
                precisionByReason[reason, default: Proportion()].count += lines.intersectionCount(truthLines)
                precisionByReason[reason]!.total += lines.count
            }
        }
        return BoilerplateScores(
            lines: PrecisionRecall(
                truePositives: truePositives, falsePositives: falsePositives, falseNegatives: falseNegatives),
            recallByReason: recallByReason, precisionByReason: precisionByReason)
    }

    private func missingWarning(_ ids: [ArticleID], from corpus: Set<ArticleID>, what: String) -> [String] {
        var seen = Set<ArticleID>()
        let missing = ids.filter { !corpus.contains($0) && seen.insert($0).inserted }
        guard !missing.isEmpty else { return [] }
        return ["\(missing.count) ids of \(what) are not in the corpus (\(examples(missing)))"]
    }

    private func examples(_ ids: [ArticleID]) -> String {
        let shown = ids.prefix(exampleIDs).map { id in
            switch id {
            case .integer(let value): String(value)
            case .string(let value): "\"\(value)\""
            }
        }
        return shown.joined(separator: ", ") + (ids.count > exampleIDs ? ", …" : "")
    }
}

/// Dense positions 0..<n for the documents of an evaluation.
struct DocumentIndex {
    private var positions: [ArticleID: Int] = [:]

    var count: Int { positions.count }

    mutating func insert(_ id: ArticleID) {
        if positions[id] == nil { positions[id] = positions.count }
    }

    /// The position of an inserted id.
    subscript(id: ArticleID) -> Int { positions[id]! }
}

/// Disjoint sets over 0..<n with path halving and union by size.
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    mutating func find(_ element: Int) -> Int {
        var element = element
        while parent[element] != element {
            parent[element] = parent[parent[element]]
            element = parent[element]
        }
        return element
    }

    mutating func union(_ a: Int, _ b: Int) {
        var a = find(a)
        var b = find(b)
        guard a != b else { return }
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        size[a] += size[b]
    }
}

/// A set of line numbers held as sorted, disjoint, non-adjacent ranges.
struct LineRanges {
    private(set) var ranges: [ClosedRange<Int>] = []

    /// The union of `ranges`.
    init(_ ranges: [ClosedRange<Int>]) {
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = self.ranges.last, range.lowerBound <= last.upperBound + 1 {
                self.ranges[self.ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                self.ranges.append(range)
            }
        }
    }

    /// The number of lines.
    var count: Int { ranges.reduce(0) { $0 + $1.count } }

    /// The number of lines in both sets.
    func intersectionCount(_ other: LineRanges) -> Int {
        var total = 0
        var i = 0
        var j = 0
        while i < ranges.count && j < other.ranges.count {
            let low = max(ranges[i].lowerBound, other.ranges[j].lowerBound)
            let high = min(ranges[i].upperBound, other.ranges[j].upperBound)
            if low <= high { total += high - low + 1 }
            if ranges[i].upperBound < other.ranges[j].upperBound { i += 1 } else { j += 1 }
        }
        return total
    }
}
