import Dedup
import Foundation
import Testing

/// The report's JSON and table.
@Suite("Evaluation report")
struct EvaluationReportTests {
    func truthReport() throws -> EvaluationReport {
        let directory = try EvaluationTestDirectory()
        try directory.writeScan(
            matches: EvaluationTruthTests.matches, clusters: EvaluationTruthTests.clusters,
            boilerplate: [
                #"{"id":"a","line":1,"blocks":[{"first_line":1,"last_line":2,"reason":"cue_phrase","detail":"","text":"x"}]}"#
            ])
        let truth = try directory.write(
            EvaluationTruthTests.truth + [
                #"{"type":"boilerplate","id":"a","first_line":1,"last_line":1,"reason":"byline"}"#
            ],
            to: "truth.jsonl")
        // The report's paths are set so that the tests' temporary paths stay out of the text.
        let evaluated = try Evaluator().evaluate(scanDirectory: directory.path, referencePath: truth)
        return EvaluationReport(
            scanDirectory: "scan", referencePath: "truth.jsonl", corpusPath: nil, outcome: evaluated.outcome)
    }

    @Test("The JSON holds every number, in a fixed order, with null for undefined ratios")
    func json() throws {
        let report = try truthReport()
        let bytes = report.json()
        #expect(bytes == report.json())
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"mode":"truth","inputs":{"scan":"scan","reference":"truth.jsonl","corpus":null},"#))
        #expect(text.hasSuffix("\"warnings\":[]}\n"))
        #expect(
            text.contains(
                #""pairs":{"true_positives":3,"false_positives":3,"false_negatives":4,"precision":0.5,"#
                    + #""recall":0.428571,"f1":0.461538},"adjusted_rand_index":0.054054,"#))
        #expect(text.contains(#""contained":{"correct":0,"total":0,"precision":null}"#))
        #expect(
            text.contains(
                #""hard_negatives":{"template":{"matched":1,"total":1,"rate":1},"#
                    + #""same_event":{"matched":0,"total":1,"rate":0}}"#))
        #expect(
            text.contains(
                #""by_operation":{"reprint":{"found":1,"total":1,"recall":1},"edit":{"found":1,"total":1,"recall":1},"#
                    + #""truncate":{"found":0,"total":1,"recall":0},"syndicate":{"found":0,"total":1,"recall":0}}"#))
        #expect(
            text.contains(
                #""boilerplate":{"lines":{"true_positives":1,"false_positives":1,"false_negatives":0,"#
                    + #""precision":0.5,"recall":1,"f1":0.666667},"recall_by_reason":{"byline":{"found":1,"#))

        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["documents"] as? Int == 6)
        let copyPairs = try #require(object["copy_pairs"] as? [String: Any])
        let byKind = try #require(copyPairs["by_kind"] as? [String: Any])
        let nearDuplicate = try #require(byKind["near_duplicate"] as? [String: Any])
        #expect(nearDuplicate["recall"] as? Double == 0.5)
    }

    @Test("The table shows each section with aligned columns")
    func table() throws {
        let table = try truthReport().table()
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "scan against the truth in truth.jsonl: 6 documents, 2 true clusters, 1 predicted clusters")
        let header = try #require(lines.firstIndex { $0.hasPrefix("Pairs in one cluster") })
        #expect(lines[header + 1].hasPrefix("  all "))
        #expect(lines[header + 1].hasSuffix("0.5000  0.4286  0.4615   3   3   4"))
        #expect(lines[header].count == lines[header + 1].count)
        let ari = try #require(lines.first { $0.hasPrefix("  adjusted Rand index") })
        #expect(ari.hasSuffix("0.0541"))
        let contained = try #require(lines.last { $0.hasPrefix("  contained ") })
        #expect(contained.hasSuffix("0      0          -"))
        #expect(!table.contains("warning:"))
    }

    @Test("Labeled pairs: the JSON has the pair counts and the labels")
    func labeledPairsJSON() {
        let evaluation = Evaluator().evaluate(
            ScanPrediction(clusters: [["a", "b"]]),
            against: [
                LabeledPair(a: "a", b: "b", label: "duplicate", isDuplicate: true),
                LabeledPair(a: "a", b: "c", label: "different", isDuplicate: false),
            ])
        let report = EvaluationReport(
            scanDirectory: "out", referencePath: "pairs.jsonl", corpusPath: "corpus.jsonl",
            outcome: .labeledPairs(evaluation))
        let text = String(decoding: report.json(), as: UTF8.self)
        #expect(
            text
                == #"{"mode":"labeled_pairs","inputs":{"scan":"out","reference":"pairs.jsonl","corpus":"corpus.jsonl"},"#
                + #""labeled_pairs":2,"pairs":{"true_positives":1,"false_positives":0,"false_negatives":0,"#
                + #""true_negatives":1,"precision":1,"recall":1,"f1":1},"by_label":{"#
                + #""different":{"predicted_copies":0,"total":1,"rate":0},"#
                + #""duplicate":{"predicted_copies":1,"total":1,"rate":1}},"warnings":[]}"# + "\n")
        #expect(report.table().contains("duplicate (copy)"))
    }
}
