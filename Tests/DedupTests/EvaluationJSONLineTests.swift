import Dedup
import Foundation
import Testing

/// The evaluation reads its JSONL with a parser of its own; these cases pin down what it accepts, through the
/// public readers.
@Suite("Evaluation JSON lines")
struct EvaluationJSONLineTests {
    func read(_ line: String) throws -> EvaluationReference {
        let directory = try EvaluationTestDirectory()
        return try EvaluationReference.read(path: try directory.write([line], to: "pairs.jsonl"))
    }

    func pair(_ line: String) throws -> LabeledPair? {
        guard case .labeledPairs(let pairs) = try read(line) else { return nil }
        return pairs.first
    }

    @Test(
        "Ids: escapes, Unicode, integers of 64 bits",
        arguments: [
            (#"{"a":"tab\there","b":1,"label":true}"#, ArticleID.string("tab\there")),
            (#"{"a":"q\"uote\\/","b":1,"label":true}"#, .string("q\"uote\\/")),
            (#"{"a":"caf\u00e9 \ud83d\ude00","b":1,"label":true}"#, .string("café 😀")),
            (#"{"a":"café","b":1,"label":true}"#, .string("café")),
            (#"{"a":-9223372036854775808,"b":1,"label":true}"#, .integer(Int64.min)),
            (#"  { "a" : 9223372036854775807 , "b" : 1 , "label" : true }  "#, .integer(Int64.max)),
        ])
    func ids(line: String, expected: ArticleID) throws {
        #expect(try pair(line)?.a == expected)
    }

    @Test(
        "Numbers that are not 64-bit integers are not ids",
        arguments: [
            #"{"a":1.0,"b":1,"label":true}"#, #"{"a":1e3,"b":1,"label":true}"#,
            #"{"a":9223372036854775808,"b":1,"label":true}"#,
        ])
    func nonIntegerIDs(line: String) throws {
        let error = try #require(throws: InputError.self) { try read(line) }
        #expect(error.field == "a" && error.reason == .wrongType)
    }

    @Test(
        "Invalid JSON is refused with the byte where it goes wrong",
        arguments: [
            (#"{"a":1,"b":2,"label":tru}"#, "unexpected character at byte 22"),
            (#"{"a":01,"b":2,"label":true}"#, "invalid number (leading zero) at byte 6"),
            (#"{"a":"x\qy","b":2,"label":true}"#, "invalid escape at byte 8"),
            (#"{"a":"\ud800","b":2,"label":true}"#, "unpaired surrogate in a \\u escape at byte 13"),
            (#"{"a":1,"b":2,"label":true} x"#, "unexpected text after the value at byte 28"),
            (#"{"a":1,"b":2,"label":true"#, "unexpected end of the line at byte 26"),
            (#"{"a":1 "b":2}"#, "expected ',' or '}' at byte 8"),
            (#"{"a":"unterminated}"#, "unterminated string at byte 20"),
        ])
    func invalid(line: String, message: String) throws {
        let error = try #require(throws: InputError.self) { try read(line) }
        #expect(error.reason == .invalidJSON)
        #expect(error.message == "invalid JSON (\(message))")
    }

    @Test("Invalid UTF-8 in a string is refused")
    func invalidUTF8() throws {
        let directory = try EvaluationTestDirectory()
        let path = directory.file("pairs.jsonl")
        try Data(Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#"","b":1,"label":true}"#.utf8) + [0x0A])
            .write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: InputError.self) { try EvaluationReference.read(path: path) }
        #expect(error.reason == .invalidJSON && error.message.hasPrefix("invalid JSON (invalid UTF-8 in a string"))
    }

    @Test("Nested values, null and extra fields are read or skipped as JSON says")
    func nested() throws {
        let line = #"{"a":"x","b":"y","label":"copy","meta":{"list":[1,2.5,-3e-2,[],{},null,false]},"n":null}"#
        #expect(try pair(line)?.isDuplicate == true)
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let error = try #require(throws: InputError.self) { try read(#"{"a":1,"b":2,"label":true,"x":\#(deep)}"#) }
        #expect(error.message.contains("nested more than 256 deep"))
    }
}
