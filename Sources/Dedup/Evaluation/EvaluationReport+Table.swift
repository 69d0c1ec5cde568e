extension EvaluationReport {
    /// The report as aligned plain-text tables, ratios with 4 decimals ("-" when undefined), then the warnings.
    public func table() -> String {
        var tables: [TextTable] = []
        var heading: String
        switch outcome {
        case .truth(let evaluation):
            heading =
                "\(scanDirectory) against the truth in \(referencePath): \(evaluation.documents) documents, "
                + "\(evaluation.trueClusters) true clusters, \(evaluation.predictedClusters) predicted clusters"
            tables = Self.tables(evaluation)
        case .labeledPairs(let evaluation):
            heading =
                "\(scanDirectory) against the labeled pairs in \(referencePath): \(evaluation.labeledPairs) pairs "
                + "(a pair is predicted a copy when both documents are in one cluster)"
            tables = Self.tables(evaluation)
        }
        if let corpusPath { heading += "; documents from \(corpusPath)" }
        let firstWidth = tables.flatMap { [$0.header[0].count] + $0.rows.map { $0[0].count + 2 } }.max() ?? 0
        var text = heading + "\n"
        for table in tables { text += "\n" + table.render(firstColumnWidth: firstWidth) }
        if !warnings.isEmpty { text += "\n" }
        for warning in warnings { text += "warning: \(warning)\n" }
        return text
    }

    private static let scoreHeader = ["precision", "recall", "F1", "TP", "FP", "FN"]

    private static func tables(_ evaluation: TruthEvaluation) -> [TextTable] {
        var pairs = TextTable(header: ["Pairs in one cluster"] + scoreHeader)
        pairs.rows.append(["all"] + scores(evaluation.clusterPairs))
        var agreement = TextTable(header: ["Clusterings", "value"])
        agreement.rows.append(["adjusted Rand index", ratio(evaluation.adjustedRandIndex)])

        var recall = TextTable(header: ["Copy pairs found", "found", "total", "recall"])
        recall.rows.append(["all"] + proportion(evaluation.copyPairs))
        for kind in CopyKind.allCases {
            recall.rows.append([kind.rawValue] + proportion(evaluation.copyPairsByKind[kind] ?? Proportion()))
        }
        recall.rows.append(["cross_source"] + proportion(evaluation.crossSourceCopyPairs))
        for operation in CopyOperation.allCases {
            guard let found = evaluation.copyPairsByOperation[operation] else { continue }
            recall.rows.append(["operation \(operation.rawValue)"] + proportion(found))
        }

        var precision = TextTable(header: ["Matches correct", "correct", "total", "precision"])
        precision.rows.append(["all"] + proportion(evaluation.matches))
        for kind in CopyKind.allCases {
            precision.rows.append([kind.rawValue] + proportion(evaluation.matchesByKind[kind] ?? Proportion()))
        }
        precision.rows.append(["cross_source"] + proportion(evaluation.crossSourceMatches))

        var negatives = TextTable(header: ["Hard negatives in one cluster", "matched", "total", "rate"])
        for kind in TruthKind.allCases where GroundTruth.copyKind(of: kind) == nil {
            negatives.rows.append([kind.rawValue] + proportion(evaluation.hardNegatives[kind] ?? Proportion()))
        }

        let boilerplateScores = evaluation.boilerplate
        var boilerplate = TextTable(header: ["Boilerplate lines"] + scoreHeader)
        boilerplate.rows.append(["all"] + scores(boilerplateScores.lines))
        var tables = [pairs, agreement, recall, precision, negatives, boilerplate]
        if !boilerplateScores.recallByReason.isEmpty {
            var byReason = TextTable(header: ["Boilerplate lines found", "found", "total", "recall"])
            for reason in sorted(boilerplateScores.recallByReason.keys) {
                byReason.rows.append([reason] + proportion(boilerplateScores.recallByReason[reason]!))
            }
            tables.append(byReason)
        }
        if !boilerplateScores.precisionByReason.isEmpty {
            var byReason = TextTable(header: ["Lines removed correctly", "correct", "total", "precision"])
            for reason in sorted(boilerplateScores.precisionByReason.keys) {
                byReason.rows.append([reason] + proportion(boilerplateScores.precisionByReason[reason]!))
            }
            tables.append(byReason)
        }
        return tables
    }

    private static func tables(_ evaluation: LabeledPairEvaluation) -> [TextTable] {
        var pairs = TextTable(header: ["Labeled pairs"] + scoreHeader + ["TN"])
        pairs.rows.append(["all"] + scores(evaluation.pairs) + [String(evaluation.trueNegatives)])
        var byLabel = TextTable(header: ["Pairs in one cluster by label", "in one", "total", "rate"])
        let labels = evaluation.predictedCopiesByLabel
        let ordered =
            sorted(labels.keys.filter(LabeledPair.positiveLabels.contains))
            + sorted(labels.keys.filter { !LabeledPair.positiveLabels.contains($0) })
        for label in ordered {
            let copy = LabeledPair.positiveLabels.contains(label) ? "copy" : "not copy"
            byLabel.rows.append(["\(label) (\(copy))"] + proportion(labels[label]!))
        }
        return [pairs, byLabel]
    }

    private static func scores(_ scores: PrecisionRecall) -> [String] {
        [
            ratio(scores.precision), ratio(scores.recall), ratio(scores.f1), String(scores.truePositives),
            String(scores.falsePositives), String(scores.falseNegatives),
        ]
    }

    private static func proportion(_ proportion: Proportion) -> [String] {
        [String(proportion.count), String(proportion.total), ratio(proportion.value)]
    }

    /// A ratio with exactly 4 decimals, or "-".
    static func ratio(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        var text = JSONWriter.format(value, decimals: 4)
        if text == "-0" { text = "0" }
        if !text.contains(".") { text += "." }
        let decimals = text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)
        return text + String(repeating: "0", count: 4 - decimals)
    }

    private static func sorted(_ names: some Sequence<String>) -> [String] {
        names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

/// A plain-text table: the first column left-aligned and indented under its header, the others right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    func render(firstColumnWidth: Int) -> String {
        var widths = header.map(\.count)
        widths[0] = max(widths[0], firstColumnWidth)
        for row in rows {
            for (column, cell) in row.enumerated().dropFirst() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String], indent: Bool) -> String {
            var text = ""
            for (column, cell) in cells.enumerated() {
                if column == 0 {
                    let first = (indent ? "  " : "") + cell
                    text += first + String(repeating: " ", count: max(0, widths[0] - first.count))
                } else {
                    text += "  " + String(repeating: " ", count: max(0, widths[column] - cell.count)) + cell
                }
            }
            return text + "\n"
        }
        return line(header, indent: false) + rows.map { line($0, indent: true) }.joined()
    }
}
