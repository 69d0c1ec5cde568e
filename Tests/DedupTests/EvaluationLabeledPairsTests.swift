import Dedup
import Foundation
import Testing

/// A scan's output scored against a plain file of labeled pairs.
@Suite("Evaluation against labeled pairs")
struct EvaluationLabeledPairsTests {
    static let clusters = [
        #"{"cluster":1,"canonical":"a","members":["a","b","c","e"]}"#,
        #"{"cluster":2,"canonical":"p","members":["p",4]}"#,
    ]

    static let pairs = [
        #"{"a":"a","b":"b","label":"duplicate"}"#,  // same cluster: TP
        #"{"a":"a","b":"c","label":true,"note":"extra fields are ignored"}"#,  // TP
        #"{"a":"a","b":4,"label":"Near-Duplicate"}"#,  // different clusters: FN
        "",  // blank lines are skipped (and still counted in line numbers)
        #"{"a":"a","b":"e","label":"different"}"#,  // same cluster: FP
        #"{"a":"e","b":"f","label":false}"#,  // f in no cluster: TN
        #"{"a":"c","b":"p","label":"template"}"#,  // TN
        #"{"a":"x","b":"y","label":"exact"}"#,  // neither in a cluster: FN
        #"{"a":"p","b":"4","label":"copy"}"#,  // "4" is not 4: FN
    ]

    func evaluate(corpus: [String]? = nil) throws -> (EvaluationReport, LabeledPairEvaluation) {
        let directory = try EvaluationTestDirectory()
        // A labeled-pairs evaluation needs no boilerplate.jsonl.
        try directory.write([String](), to: "matches.jsonl")
        try directory.write(Self.clusters, to: "clusters.jsonl")
        let pairs = try directory.write(Self.pairs, to: "pairs.jsonl")
        let corpusPath = try corpus.map { try directory.write($0, to: "corpus.jsonl") }
        let report = try Evaluator().evaluate(
            scanDirectory: directory.path, referencePath: pairs, corpusPath: corpusPath)
        guard case .labeledPairs(let evaluation) = report.outcome else {
            Issue.record("labeled pairs were read as a truth file")
            throw CancellationError()
        }
        return (report, evaluation)
    }

    @Test("Precision, recall and F1 over the labeled pairs only, by hand")
    func scores() throws {
        let (_, evaluation) = try evaluate()
        // TP: a–b, a–c. FP: a–e. FN: a–4, x–y, p–"4". TN: e–f, c–p.
        // Precision 2/3, recall 2/5 = 0.4, F1 = 2·(2/3)·0.4 / (2/3 + 0.4) = (8/15)/(16/15) = 0.5.
        #expect(evaluation.pairs == PrecisionRecall(truePositives: 2, falsePositives: 1, falseNegatives: 3))
        #expect(evaluation.trueNegatives == 2)
        #expect(evaluation.labeledPairs == 8)
        #expect(abs(evaluation.pairs.precision! - 2.0 / 3) < 1e-12)
        #expect(evaluation.pairs.recall == 0.4)
        #expect(abs(evaluation.pairs.f1! - 0.5) < 1e-12)
        #expect(evaluation.warnings.isEmpty)
    }

    @Test("Pairs placed in one cluster, by normalized label")
    func byLabel() throws {
        let (_, evaluation) = try evaluate()
        #expect(
            evaluation.predictedCopiesByLabel == [
                "duplicate": Proportion(count: 1, total: 1), "true": Proportion(count: 1, total: 1),
                "near_duplicate": Proportion(count: 0, total: 1), "different": Proportion(count: 1, total: 1),
                "false": Proportion(count: 0, total: 1), "template": Proportion(count: 0, total: 1),
                "exact": Proportion(count: 0, total: 1), "copy": Proportion(count: 0, total: 1),
            ])
    }

    @Test("Labeled ids missing from the corpus are reported")
    func missingFromCorpus() throws {
        let corpus =
            ["a", "b", "c", "e", "f", "p"].map { #"{"id":"\#($0)","text":"t"}"# } + [
                #"{"id":4,"text":"t"}"#, "not json", #"{"text":"no id"}"#,
            ]
        let (_, evaluation) = try evaluate(corpus: corpus)
        #expect(
            evaluation.warnings == [
                "2 corpus lines without a usable id were skipped",
                #"3 ids of the labeled pairs are not in the corpus ("x", "y", "4")"#,
            ])
    }

    @Test(
        "Labels: copies and non-copies, any case, hyphens or spaces",
        arguments: [
            (#"true"#, true), (#""duplicate""#, true), (#""copy""#, true), (#""exact""#, true),
            (#""near_duplicate""#, true), (#""Near duplicate""#, true), (#""contained""#, true),
            (#""syndicated""#, true), (#"false"#, false), (#""different""#, false), (#""not_duplicate""#, false),
            (#""not-copy""#, false), (#""template""#, false), (#""same_event""#, false), (#""UNRELATED""#, false),
        ])
    func labels(label: String, isDuplicate: Bool) throws {
        let directory = try EvaluationTestDirectory()
        let path = try directory.write([#"{"a":1,"b":2,"label":\#(label)}"#], to: "pairs.jsonl")
        guard case .labeledPairs(let pairs) = try EvaluationReference.read(path: path) else {
            Issue.record("not read as labeled pairs")
            return
        }
        #expect(pairs.map(\.isDuplicate) == [isDuplicate])
        #expect(pairs.map(\.a) == [1] && pairs.map(\.b) == [2] && pairs.map(\.line) == [1])
    }

    @Test("The sample corpus's labeled pairs score a real scan")
    func sampleCorpus() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let corpus = root.appendingPathComponent("Corpus/sample.jsonl").path
        let truth = root.appendingPathComponent("Corpus/sample-truth.jsonl").path
        let directory = try EvaluationTestDirectory()
        var options = ScanOptions()
        options.includeTimings = false
        try ScanOutput(directory: directory.path).write(try CorpusScanner(options: options).scan(path: corpus))
        let report = try Evaluator().evaluate(scanDirectory: directory.path, referencePath: truth, corpusPath: corpus)
        guard case .labeledPairs(let evaluation) = report.outcome else {
            Issue.record("the sample truth was not read as labeled pairs")
            return
        }
        // 36 labeled pairs: 17 copies (exact, near_duplicate, contained, syndicated) and 19 not.
        #expect(evaluation.labeledPairs == 36)
        #expect(evaluation.pairs.truePositives + evaluation.pairs.falseNegatives == 17)
        #expect(evaluation.warnings.isEmpty)
    }
}
