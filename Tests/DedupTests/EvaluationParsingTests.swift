import Dedup
import Foundation
import Testing

/// Bad input lines are reported with their file, line and field.
@Suite("Evaluation input errors")
struct EvaluationParsingTests {
    static let pair =
        #"{"type":"pair","a":"a","b":"b","kind":"exact","operation":"reprint","copy":true,"cross_source":false}"#

    @Test(
        "A bad truth line is reported with its line number and field",
        arguments: [
            (#"{"type":"pair","a":"a""#, #"truth.jsonl:3: invalid JSON (unexpected end of the line at byte 23)"#),
            (#"[1, 2]"#, #"truth.jsonl:3: the line is not a JSON object"#),
            (
                #"{"type":"document","id":"a"}"#,
                #"truth.jsonl:3: field 'type': 'document' is not one of meta, pair, boilerplate"#
            ),
            (
                #"{"type":"pair","a":"a","kind":"exact","operation":"reprint","copy":true,"cross_source":false}"#,
                #"truth.jsonl:3: field 'b': missing b"#
            ),
            (
                #"{"type":"pair","a":"a","b":1.5,"kind":"exact","operation":"reprint","copy":true,"cross_source":false}"#,
                #"truth.jsonl:3: field 'b': the id must be a string or an integer, not a number"#
            ),
            (
                #"{"type":"pair","a":"a","b":"a","kind":"exact","operation":"reprint","copy":true,"cross_source":false}"#,
                #"truth.jsonl:3: field 'b': a and b are the same document (a)"#
            ),
            (
                #"{"type":"pair","a":"a","b":"c","kind":"copyish","operation":"reprint","copy":true,"cross_source":false}"#,
                #"truth.jsonl:3: field 'kind': 'copyish' is not one of exact, near_duplicate, contained, template, same_event"#
            ),
            (
                #"{"type":"pair","a":"a","b":"c","kind":"template","operation":"template","copy":true,"cross_source":false}"#,
                #"truth.jsonl:3: field 'copy': a template pair must have "copy": false (copies are exact, near_duplicate and contained)"#
            ),
            (
                #"{"type":"pair","a":"a","b":"c","kind":"exact","operation":"copy","copy":true,"cross_source":false}"#,
                #"truth.jsonl:3: field 'operation': 'copy' is not one of reprint, edit, truncate, extend, syndicate, template, same_event"#
            ),
            (
                #"{"type":"pair","a":"a","b":"c","kind":"exact","operation":"reprint","copy":"yes","cross_source":false}"#,
                #"truth.jsonl:3: field 'copy': must be true or false"#
            ),
            (
                #"{"type":"boilerplate","id":"a","first_line":4,"last_line":2,"reason":"byline"}"#,
                #"truth.jsonl:3: field 'last_line': must be at least first_line (4)"#
            ),
            (
                #"{"type":"boilerplate","id":"a","first_line":0,"last_line":2,"reason":"byline"}"#,
                #"truth.jsonl:3: field 'first_line': must be at least 1"#
            ),
            (
                #"{"type":"boilerplate","id":"a","first_line":1,"last_line":2}"#,
                #"truth.jsonl:3: field 'reason': missing reason"#
            ),
        ])
    func truthLine(line: String, expected: String) throws {
        let directory = try EvaluationTestDirectory()
        // Line 2 is blank: it is skipped but counted.
        let path = try directory.write([#"{"type":"meta","documents":3}"#, "", line, Self.pair], to: "truth.jsonl")
        let error = try #require(throws: InputError.self) { try EvaluationReference.read(path: path) }
        #expect(error.line == 3)
        #expect(error.description == directory.path + "/" + expected)
    }

    @Test("A bad labeled pair is reported with its line number and field")
    func labeledPairLine() throws {
        let directory = try EvaluationTestDirectory()
        let path = try directory.write([#"{"a":1,"b":2,"label":"duplicate"}"#, #"{"a":1,"b":3,"label":"maybe"}"#], to: "pairs.jsonl")
        let error = try #require(throws: InputError.self) { try EvaluationReference.read(path: path) }
        #expect(error.line == 2 && error.field == "label" && error.reason == .invalidValue)
        #expect(error.description.hasPrefix(path + ":2: field 'label': 'maybe' is not a known label (copies: "))

        let mixed = try directory.write([#"{"a":1,"b":2,"label":"duplicate"}"#, #"{"a":1,"b":3,"label":2}"#], to: "mixed.jsonl")
        let wrongType = try #require(throws: InputError.self) { try EvaluationReference.read(path: mixed) }
        #expect(wrongType.description == mixed + ":2: field 'label': must be a string or true/false")
    }

    @Test("A first line that is neither kind of record is refused")
    func unknownFormat() throws {
        let directory = try EvaluationTestDirectory()
        let path = try directory.write([#"{"id":1,"text":"a corpus, not a truth"}"#], to: "corpus.jsonl")
        let error = try #require(throws: InputError.self) { try EvaluationReference.read(path: path) }
        #expect(error.line == 1 && error.reason == .missingField)
    }

    @Test("An empty reference file is an error, not a perfect score")
    func emptyReference() throws {
        let directory = try EvaluationTestDirectory()
        let path = try directory.write(["", "  "], to: "truth.jsonl")
        let error = try #require(throws: EvaluationError.self) { try EvaluationReference.read(path: path) }
        #expect(error.description == "'\(path)' holds no truth records or labeled pairs")
    }

    @Test("A missing file is a FileError naming it")
    func missingFiles() throws {
        let directory = try EvaluationTestDirectory()
        let missing = directory.file("nowhere.jsonl")
        let error = try #require(throws: FileError.self) { try EvaluationReference.read(path: missing) }
        #expect(error.path == missing && error.code == ENOENT)

        let truth = try directory.write([Self.pair], to: "truth.jsonl")
        let noScan = try #require(throws: FileError.self) {
            try Evaluator().evaluate(scanDirectory: directory.file("no-scan"), referencePath: truth)
        }
        #expect(noScan.path == directory.file("no-scan") + "/matches.jsonl")
    }

    @Test("Bad scan output lines are reported with their file and line")
    func scanOutputLines() throws {
        let directory = try EvaluationTestDirectory()
        try directory.writeScan(
            matches: [#"{"id":"b","original":"a","kind":"exact","cross_source":false}"#],
            clusters: [
                #"{"cluster":1,"canonical":"a","members":["a","b"]}"#,
                #"{"cluster":2,"canonical":"c","members":["c","b"]}"#,
            ])
        let duplicate = try #require(throws: InputError.self) { try ScanPrediction(directory: directory.path) }
        #expect(
            duplicate.description
                == directory.file("clusters.jsonl")
                + #":2: field 'members': b is already a member of the cluster on line 1"#)

        try directory.writeScan(matches: ["", #"{"id":"b","original":"a","kind":"reprint","cross_source":false}"#])
        let kind = try #require(throws: InputError.self) { try ScanPrediction(directory: directory.path) }
        #expect(
            kind.description
                == directory.file("matches.jsonl")
                + ":2: field 'kind': 'reprint' is not one of exact, near_duplicate, contained")

        try directory.writeScan(boilerplate: [
            #"{"id":"b","line":1,"blocks":[{"first_line":3,"last_line":1,"reason":"x"}]}"#
        ])
        let range = try #require(throws: InputError.self) { try ScanPrediction(directory: directory.path) }
        #expect(
            range.description == directory.file("boilerplate.jsonl") + ":1: field 'blocks': invalid line range 3...1")
    }
}
