extension EvaluationReport {
    /// Decimal places of the ratios in ``json()``.
    public static let jsonDecimals = 6

    /// The report as one JSON object followed by a newline, fields in a fixed order: kinds in their order
    /// (exact, near_duplicate, contained) and operations in their order (reprint, edit, truncate, extend,
    /// syndicate), reasons and labels sorted; undefined ratios are `null`.
    public func json() -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("mode")
        switch outcome {
        case .truth: json.value("truth")
        case .labeledPairs: json.value("labeled_pairs")
        }
        json.key("inputs")
        json.beginObject()
        json.key("scan")
        json.value(scanDirectory)
        json.key("reference")
        json.value(referencePath)
        json.key("corpus")
        if let corpusPath { json.value(corpusPath) } else { json.null() }
        json.endObject()
        switch outcome {
        case .truth(let evaluation): Self.write(evaluation, to: &json)
        case .labeledPairs(let evaluation): Self.write(evaluation, to: &json)
        }
        json.key("warnings")
        json.beginArray()
        for warning in warnings { json.value(warning) }
        json.endArray()
        json.endObject()
        json.newline()
        return json.bytes
    }

    private static func write(_ evaluation: TruthEvaluation, to json: inout JSONWriter) {
        json.key("documents")
        json.value(evaluation.documents)
        json.key("declared_documents")
        if let declared = evaluation.declaredDocuments { json.value(declared) } else { json.null() }
        json.key("clusters")
        json.beginObject()
        json.key("true")
        json.value(evaluation.trueClusters)
        json.key("predicted")
        json.value(evaluation.predictedClusters)
        json.endObject()
        json.key("pairs")
        write(evaluation.clusterPairs, to: &json)
        json.key("adjusted_rand_index")
        ratio(evaluation.adjustedRandIndex, to: &json)

        json.key("copy_pairs")
        json.beginObject()
        let found = ("found", "recall")
        json.key("all")
        write(evaluation.copyPairs, names: found, to: &json)
        json.key("by_kind")
        json.beginObject()
        for kind in CopyKind.allCases {
            json.key(kind.rawValue)
            write(evaluation.copyPairsByKind[kind] ?? Proportion(), names: found, to: &json)
        }
        json.endObject()
        json.key("by_operation")
        json.beginObject()
        for operation in CopyOperation.allCases {
            guard let proportion = evaluation.copyPairsByOperation[operation] else { continue }
            json.key(operation.rawValue)
            write(proportion, names: found, to: &json)
        }
        json.endObject()
        json.key("cross_source")
        write(evaluation.crossSourceCopyPairs, names: found, to: &json)
        json.endObject()

        json.key("matches")
        json.beginObject()
        let correct = ("correct", "precision")
        json.key("all")
        write(evaluation.matches, names: correct, to: &json)
        json.key("by_kind")
        json.beginObject()
        for kind in CopyKind.allCases {
            json.key(kind.rawValue)
            write(evaluation.matchesByKind[kind] ?? Proportion(), names: correct, to: &json)
        }
        json.endObject()
        json.key("cross_source")
        write(evaluation.crossSourceMatches, names: correct, to: &json)
        json.endObject()

        json.key("hard_negatives")
        json.beginObject()
        for kind in TruthKind.allCases where GroundTruth.copyKind(of: kind) == nil {
            json.key(kind.rawValue)
            write(evaluation.hardNegatives[kind] ?? Proportion(), names: ("matched", "rate"), to: &json)
        }
        json.endObject()

        json.key("boilerplate")
        json.beginObject()
        json.key("lines")
        write(evaluation.boilerplate.lines, to: &json)
        json.key("recall_by_reason")
        write(evaluation.boilerplate.recallByReason, names: found, to: &json)
        json.key("precision_by_reason")
        write(evaluation.boilerplate.precisionByReason, names: correct, to: &json)
        json.endObject()
    }

    private static func write(_ evaluation: LabeledPairEvaluation, to json: inout JSONWriter) {
        json.key("labeled_pairs")
        json.value(evaluation.labeledPairs)
        json.key("pairs")
        write(evaluation.pairs, trueNegatives: evaluation.trueNegatives, to: &json)
        json.key("by_label")
        write(evaluation.predictedCopiesByLabel, names: ("predicted_copies", "rate"), to: &json)
    }

    private static func write(_ scores: PrecisionRecall, trueNegatives: Int? = nil, to json: inout JSONWriter) {
        json.beginObject()
        json.key("true_positives")
        json.value(scores.truePositives)
        json.key("false_positives")
        json.value(scores.falsePositives)
        json.key("false_negatives")
        json.value(scores.falseNegatives)
        if let trueNegatives {
            json.key("true_negatives")
            json.value(trueNegatives)
        }
        json.key("precision")
        ratio(scores.precision, to: &json)
        json.key("recall")
        ratio(scores.recall, to: &json)
        json.key("f1")
        ratio(scores.f1, to: &json)
        json.endObject()
    }

    private static func write(
        _ proportions: [String: Proportion], names: (count: String, ratio: String), to json: inout JSONWriter
    ) {
        json.beginObject()
        for name in proportions.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            json.key(name)
            write(proportions[name]!, names: names, to: &json)
        }
        json.endObject()
    }

    private static func write(
        _ proportion: Proportion, names: (count: String, ratio: String), to json: inout JSONWriter
    ) {
        json.beginObject()
        json.key(names.count)
        json.value(proportion.count)
        json.key("total")
        json.value(proportion.total)
        json.key(names.ratio)
        ratio(proportion.value, to: &json)
        json.endObject()
    }

    private static func ratio(_ value: Double?, to json: inout JSONWriter) {
        if let value { json.value(value, decimals: jsonDecimals) } else { json.null() }
    }
}
