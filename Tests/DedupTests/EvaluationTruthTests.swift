import Dedup
import Foundation
import Testing

/// A scan's output scored against a truth file, on small cases computed by hand.
@Suite("Evaluation against a truth file")
struct EvaluationTruthTests {
    /// Six documents: "a", "b", "c", 4 (an integer id), "e", "f".
    ///
    /// True clusters (connected components of the copy pairs): {a, b, c, 4} (a–b exact, a–c near-duplicate,
    /// b–4 contained) and {e, f} (near-duplicate). Hard negatives: a–e template, c–f same event.
    static let truth = [
        #"{"type":"meta","documents":6,"seed":42}"#,
        #"{"type":"pair","a":"a","b":"b","kind":"exact","operation":"reprint","copy":true,"cross_source":false}"#,
        #"{"type":"pair","a":"a","b":"c","kind":"near_duplicate","operation":"edit","copy":true,"cross_source":false}"#,
        #"{"type":"pair","a":"b","b":4,"kind":"contained","operation":"truncate","copy":true,"cross_source":true}"#,
        #"{"type":"pair","a":"e","b":"f","kind":"near_duplicate","operation":"syndicate","copy":true,"cross_source":true}"#,
        #"{"type":"pair","a":"a","b":"e","kind":"template","operation":"template","copy":false,"cross_source":false}"#,
        #"{"type":"pair","a":"c","b":"f","kind":"same_event","operation":"same_event","copy":false,"cross_source":true}"#,
    ]

    /// One predicted cluster {a, b, c, e}: one extra member (e) and one missing (4); f is left a singleton.
    static let clusters = [#"{"cluster":1,"canonical":"a","members":["a","b","c","e"]}"#]

    /// The matches as `dedup scan` writes them (the fields evaluation does not read are ignored).
    static let matches = [
        #"{"id":"b","original":"a","kind":"exact","cross_source":false,"jaccard":1,"containment":1,"shorter":"equal","#
            + #""containment_of_copy":1,"containment_of_original":1,"attribution":null,"line":2,"original_line":1}"#,
        #"{"id":"c","original":"a","kind":"near_duplicate","cross_source":false,"jaccard":0.91,"containment":0.95}"#,
        #"{"id":"e","original":"a","kind":"near_duplicate","cross_source":true,"jaccard":0.83,"containment":0.9}"#,
    ]

    func evaluate(corpus: [String]? = nil, truth: [String] = Self.truth) throws -> (EvaluationReport, TruthEvaluation) {
        let directory = try EvaluationTestDirectory()
        try directory.writeScan(matches: Self.matches, clusters: Self.clusters)
        let truthPath = try directory.write(truth, to: "truth.jsonl")
        let corpusPath = try corpus.map { try directory.write($0, to: "corpus.jsonl") }
        let report = try Evaluator().evaluate(
            scanDirectory: directory.path, referencePath: truthPath, corpusPath: corpusPath)
        guard case .truth(let evaluation) = report.outcome else {
            Issue.record("a truth file was read as labeled pairs")
            throw CancellationError()
        }
        return (report, evaluation)
    }

    @Test("Pairs within clusters and the adjusted Rand index, by hand")
    func clusterPairs() throws {
        let (report, evaluation) = try evaluate()
        // Predicted pairs: ab ac ae bc be ce = 6. True pairs: ab ac a4 bc b4 c4 ef = 7. Both: ab ac bc = 3.
        // Precision 3/6 = 0.5, recall 3/7 ≈ 0.4286, F1 = 2·0.5·(3/7) / (0.5 + 3/7) = 6/13 ≈ 0.4615.
        // ARI over the 6 documents: C(6,2) = 15, E = 6·7/15 = 2.8, ARI = (3 − 2.8)/(6.5 − 2.8) = 2/37 ≈ 0.0541
        // (scikit-learn: adjusted_rand_score([0,0,0,0,1,1], [0,0,0,1,0,2]) = 0.05405405405405406).
        #expect(evaluation.documents == 6)
        #expect(evaluation.declaredDocuments == 6)
        #expect(evaluation.trueClusters == 2)
        #expect(evaluation.predictedClusters == 1)
        #expect(evaluation.clusterPairs == PrecisionRecall(truePositives: 3, falsePositives: 3, falseNegatives: 4))
        #expect(evaluation.clusterPairs.precision == 0.5)
        #expect(abs(evaluation.clusterPairs.recall! - 3.0 / 7) < 1e-12)
        #expect(abs(evaluation.clusterPairs.f1! - 6.0 / 13) < 1e-12)
        #expect(abs(evaluation.adjustedRandIndex - 2.0 / 37) < 1e-12)
        #expect(evaluation.warnings.isEmpty)
        #expect(report.warnings.isEmpty)
    }

    @Test("Recall by truth kind, by operation and across sources")
    func recallByKind() throws {
        let (_, evaluation) = try evaluate()
        // a–b and a–c are in the predicted cluster; b–4 (4 is a singleton) and e–f (f is) are not.
        #expect(evaluation.copyPairs == Proportion(count: 2, total: 4))
        #expect(evaluation.copyPairsByKind[.exact] == Proportion(count: 1, total: 1))
        #expect(evaluation.copyPairsByKind[.nearDuplicate] == Proportion(count: 1, total: 2))
        #expect(evaluation.copyPairsByKind[.contained] == Proportion(count: 0, total: 1))
        #expect(
            evaluation.copyPairsByOperation == [
                .reprint: Proportion(count: 1, total: 1), .edit: Proportion(count: 1, total: 1),
                .truncate: Proportion(count: 0, total: 1), .syndicate: Proportion(count: 0, total: 1),
            ])
        #expect(evaluation.crossSourceCopyPairs == Proportion(count: 0, total: 2))
    }

    @Test("Precision by predicted kind: a match is correct when copy and original share a true cluster")
    func precisionByKind() throws {
        let (_, evaluation) = try evaluate()
        // b→a and c→a are in the true cluster {a, b, c, 4}; e→a is not (e is in {e, f}).
        #expect(evaluation.matches == Proportion(count: 2, total: 3))
        #expect(evaluation.matchesByKind[.exact] == Proportion(count: 1, total: 1))
        #expect(evaluation.matchesByKind[.nearDuplicate] == Proportion(count: 1, total: 2))
        #expect(evaluation.matchesByKind[.contained] == Proportion(count: 0, total: 0))
        #expect(evaluation.matchesByKind[.contained]?.value == nil)
        #expect(evaluation.crossSourceMatches == Proportion(count: 0, total: 1))
    }

    @Test("Hard negatives placed in one predicted cluster are counted by kind")
    func hardNegatives() throws {
        let (_, evaluation) = try evaluate()
        // a–e (template) are both in the predicted cluster; c–f (same event) are not.
        #expect(
            evaluation.hardNegatives == [
                .template: Proportion(count: 1, total: 1), .sameEvent: Proportion(count: 0, total: 1),
            ])
        // Hard negatives never make true clusters: a and e stay apart in the truth.
        #expect(evaluation.trueClusters == 2)
    }

    @Test("The corpus adds its singletons to the documents of the adjusted Rand index")
    func corpusSingletons() throws {
        let corpus =
            ["a", "b", "c", "e", "f", "g", "h"].map { #"{"id":"\#($0)","text":"…"}"# } + [#"{"id":4,"text":"x"}"#]
        let (_, evaluation) = try evaluate(corpus: corpus)
        // Eight documents, two more singletons in both clusterings: C(8,2) = 28, E = 6·7/28 = 1.5,
        // ARI = (3 − 1.5)/(6.5 − 1.5) = 0.3 (scikit-learn agrees). The pair scores do not change.
        #expect(evaluation.documents == 8)
        #expect(abs(evaluation.adjustedRandIndex - 0.3) < 1e-12)
        #expect(evaluation.clusterPairs == PrecisionRecall(truePositives: 3, falsePositives: 3, falseNegatives: 4))
        // The meta record said 6 documents: more are named now.
        #expect(evaluation.warnings == ["8 documents, more than the 6 the truth's meta record counts"])
    }

    @Test("Without the corpus, a meta count above the named documents gives a warning")
    func incompleteUniverse() throws {
        var truth = Self.truth
        truth[0] = #"{"type":"meta","documents":1000}"#
        let (_, evaluation) = try evaluate(truth: truth)
        #expect(evaluation.documents == 6)
        #expect(evaluation.warnings.count == 1)
        #expect(evaluation.warnings[0].contains("counts 1000 documents but only 6"))
    }

    @Test("Integer and string ids are different documents: 7 is not \"7\"")
    func idTypesStayDistinct() throws {
        let directory = try EvaluationTestDirectory()
        try directory.writeScan(
            matches: [#"{"id":"7","original":"x","kind":"exact","cross_source":false}"#],
            clusters: [#"{"cluster":1,"canonical":"x","members":["x","7"]}"#])
        let truth = try directory.write([#"{"type":"pair","a":"x","b":7,"kind":"exact","operation":"reprint","copy":true,"cross_source":false}"#],
            to: "truth.jsonl")
        let corpus = try directory.write([#"{"id":"x","text":"t"}"#, #"{"id":7,"text":"t"}"#], to: "corpus.jsonl")
        let report = try Evaluator().evaluate(scanDirectory: directory.path, referencePath: truth, corpusPath: corpus)
        guard case .truth(let evaluation) = report.outcome else { throw CancellationError() }
        #expect(evaluation.documents == 3)
        #expect(evaluation.copyPairs == Proportion(count: 0, total: 1))
        #expect(evaluation.matches == Proportion(count: 0, total: 1))
        #expect(evaluation.clusterPairs == PrecisionRecall(truePositives: 0, falsePositives: 1, falseNegatives: 1))
        #expect(evaluation.warnings == [#"1 ids of the scan output are not in the corpus ("7")"#])
    }

    @Test("Boilerplate lines: precision and recall over (document, line), recall by truth reason")
    func boilerplateLines() throws {
        let directory = try EvaluationTestDirectory()
        try directory.writeScan(boilerplate: [
            #"{"id":"a","line":1,"blocks":[{"first_line":1,"last_line":3,"reason":"leading_run","detail":"","text":"x"},"#
                + #"{"first_line":10,"last_line":10,"reason":"cue_phrase","detail":"share","text":"y"}]}"#,
            #"{"id":"c","line":3,"blocks":[{"first_line":5,"last_line":5,"reason":"repeated","detail":"","text":"z"}]}"#,
        ])
        let truth = try directory.write([
                #"{"type":"meta"}"#,
                #"{"type":"boilerplate","id":"a","first_line":1,"last_line":2,"reason":"byline"}"#,
                #"{"type":"boilerplate","id":"a","first_line":2,"last_line":2,"reason":"dateline"}"#,
                #"{"type":"boilerplate","id":"a","first_line":10,"last_line":10,"reason":"footer"}"#,
                #"{"type":"boilerplate","id":"b","first_line":1,"last_line":1,"reason":"byline"}"#,
            ], to: "truth.jsonl")
        let report = try Evaluator().evaluate(scanDirectory: directory.path, referencePath: truth)
        guard case .truth(let evaluation) = report.outcome else { throw CancellationError() }
        // Truth lines (overlapping blocks count once): a1 a2 a10 b1 = 4. Removed: a1 a2 a3 a10 c5 = 5.
        // Both: a1 a2 a10 = 3. Precision 3/5 = 0.6, recall 3/4 = 0.75, F1 = 0.9/1.35 = 2/3.
        let lines = evaluation.boilerplate.lines
        #expect(lines == PrecisionRecall(truePositives: 3, falsePositives: 2, falseNegatives: 1))
        #expect(lines.precision == 0.6)
        #expect(lines.recall == 0.75)
        #expect(abs(lines.f1! - 2.0 / 3) < 1e-12)
        // byline: a1 a2 b1, of which a1 a2 removed. dateline: a2. footer: a10.
        #expect(
            evaluation.boilerplate.recallByReason == [
                "byline": Proportion(count: 2, total: 3), "dateline": Proportion(count: 1, total: 1),
                "footer": Proportion(count: 1, total: 1),
            ])
        // leading_run: a1 a2 a3, a3 is not boilerplate. cue_phrase: a10. repeated: c5, not boilerplate.
        #expect(
            evaluation.boilerplate.precisionByReason == [
                "leading_run": Proportion(count: 2, total: 3), "cue_phrase": Proportion(count: 1, total: 1),
                "repeated": Proportion(count: 0, total: 1),
            ])
        // No copy pairs and no clusters: every document a singleton in both, pairs undefined, ARI 1.
        #expect(evaluation.clusterPairs.precision == nil)
        #expect(evaluation.adjustedRandIndex == 1)
    }

    @Test("The library evaluates values as well as files")
    func inMemory() {
        let truth = GroundTruth(pairs: [
            GroundTruth.Pair(a: "a", b: "b", kind: .exact, operation: .reprint, isCopy: true, crossSource: false),
            GroundTruth.Pair(a: "c", b: "d", kind: .template, operation: .template, isCopy: false, crossSource: false),
        ])
        let prediction = ScanPrediction(
            matches: [PredictedMatch(id: "b", original: "a", kind: .exact, crossSource: false)],
            clusters: [["a", "b"]])
        let evaluation = Evaluator().evaluate(prediction, against: truth)
        #expect(evaluation.documents == 4)
        #expect(evaluation.adjustedRandIndex == 1)
        #expect(evaluation.clusterPairs == PrecisionRecall(truePositives: 1, falsePositives: 0, falseNegatives: 0))
        #expect(evaluation.hardNegatives[.template] == Proportion(count: 0, total: 1))
    }
}
