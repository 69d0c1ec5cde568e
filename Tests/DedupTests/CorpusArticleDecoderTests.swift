import Dedup
import Foundation
import Testing

/// ``ArticleDecoder``: what it reads from a JSONL line, and what it says about a bad one.
@Suite("ArticleDecoder")
struct CorpusArticleDecoderTests {
    func decode(_ line: String, fields: InputFields = InputFields(), lineNumber: Int = 7) throws(InputError) -> Article
    {
        try ArticleDecoder(fields: fields).decode(Array(line.utf8), file: "news.jsonl", line: lineNumber)
    }

    /// The error decoding `bytes` throws, or nil when it decodes.
    func failure(_ bytes: [UInt8], fields: InputFields = InputFields(), lineNumber: Int = 7) -> InputError? {
        do {
            _ = try ArticleDecoder(fields: fields).decode(bytes, file: "news.jsonl", line: lineNumber)
            return nil
        } catch {
            return error
        }
    }

    func failure(_ line: String, fields: InputFields = InputFields(), lineNumber: Int = 7) -> InputError? {
        failure(Array(line.utf8), fields: fields, lineNumber: lineNumber)
    }

    @Test("every field is read; integer and string ids are kept as they came")
    func readsEveryField() throws {
        let article = try decode(
            #"{"id": 40117, "text": "Ferry fares rise.\nMore below.", "source": "Harbor Gazette", "#
                + #""url": "https://harbor.example/a", "title": "Fares rise", "published": "2026-03-04T05:30:00Z", "#
                + #""extra": {"tags": [1, 2]}}"#)
        #expect(article.id == .integer(40117))
        #expect(article.text == "Ferry fares rise.\nMore below.")
        #expect(article.source == "Harbor Gazette")
        #expect(article.url == "https://harbor.example/a")
        #expect(article.title == "Fares rise")
        #expect(article.published == Timestamp(iso8601: "2026-03-04T05:30:00Z"))
        #expect(article.published != nil)

        #expect(try decode(#"{"id": "harbor-0001", "text": "x"}"#).id == .string("harbor-0001"))
        #expect(try decode(#"{"id": "40117", "text": "x"}"#).id == .string("40117"))
        #expect(try decode(#"{"id": -3, "text": "x"}"#).id == .integer(-3))
        #expect(try decode(#"{"id": 9007199254740993, "text": "x"}"#).id == .integer(9_007_199_254_740_993))
        #expect(try decode(#"{"id": 9223372036854775807, "text": "x"}"#).id == .integer(.max))
    }

    @Test("optional fields may be missing or null")
    func optionalFieldsMayBeAbsent() throws {
        let article = try decode(#"{"text": "Body", "id": 1, "source": null, "title": null}"#)
        #expect(article.source == nil && article.url == nil && article.title == nil && article.published == nil)
        #expect(article.site == nil)
    }

    @Test("JSON escapes in the text are decoded")
    func escapesAreDecoded() throws {
        let article = try decode(#"{"id": "e", "text": "caf\u00e9 \"quoted\"\ttab \ud83d\ude00 \/slash"}"#)
        #expect(article.text == "café \"quoted\"\ttab 😀 /slash")
    }

    static let problems: [(line: String, reason: InputError.Reason, field: String?)] = [
        (#"{"text": "Body"}"#, .missingField, "id"),
        (#"{"id": null, "text": "Body"}"#, .missingField, "id"),
        (#"{"id": "", "text": "Body"}"#, .invalidValue, "id"),
        (#"{"id": 1.5, "text": "Body"}"#, .wrongType, "id"),
        (#"{"id": true, "text": "Body"}"#, .wrongType, "id"),
        (#"{"id": ["a"], "text": "Body"}"#, .wrongType, "id"),
        (#"{"id": "a"}"#, .missingField, "text"),
        (#"{"id": "a", "text": null}"#, .missingField, "text"),
        (#"{"id": "a", "text": 42}"#, .wrongType, "text"),
        (#"{"id": "a", "text": ["Body"]}"#, .wrongType, "text"),
        (#"{"id": "a", "text": "Body", "source": 3}"#, .wrongType, "source"),
        (#"{"id": "a", "text": "Body", "url": {"href": "x"}}"#, .wrongType, "url"),
        (#"{"id": "a", "text": "Body", "title": false}"#, .wrongType, "title"),
        (#"{"id": "a", "text": "Body", "published": 1741000000}"#, .wrongType, "published"),
        (#"{"id": "a", "text": "Body", "published": "2026-13-01"}"#, .invalidValue, "published"),
        (#"{"id": "a", "text": "Body", "published": "2026-02-30T10:00:00Z"}"#, .invalidValue, "published"),
        (#"{"id": "a", "text": "Body", "published": "yesterday"}"#, .invalidValue, "published"),
        (#"{"id": "a", "text": "Body""#, .invalidJSON, nil),
        (#"id,text"#, .invalidJSON, nil),
        (#"[{"id": "a", "text": "Body"}]"#, .notAnObject, nil),
        (#""just a string""#, .notAnObject, nil),
        (#"42"#, .notAnObject, nil),
    ]

    @Test("a bad line gives an InputError with the reason, the field and the line", arguments: problems)
    func badLines(line: String, reason: InputError.Reason, field: String?) throws {
        let problem = try #require(failure(line, lineNumber: 31))
        #expect(problem.reason == reason)
        #expect(problem.field == field)
        #expect(problem.line == 31)
        #expect(problem.file == "news.jsonl")
        #expect(!problem.message.isEmpty)
        if let field {
            #expect(problem.description.hasPrefix("news.jsonl:31: field '\(field)': "))
        } else {
            #expect(problem.description.hasPrefix("news.jsonl:31: "))
        }
    }

    @Test("an invalid published value is quoted in the message")
    func publishedValueInMessage() throws {
        let problem = try #require(failure(#"{"id": "a", "text": "Body", "published": "2026-13-01"}"#))
        #expect(problem.message.contains("2026-13-01"))
    }

    /// A line that is not valid UTF-8, named after where the bad bytes are.
    struct NotUTF8: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var bytes: [UInt8]
    }

    static let invalidUTF8Lines = [
        NotUTF8(
            testDescription: "lead byte then ASCII, in the text",
            bytes: Array(#"{"id": "a", "text": "caf"#.utf8) + [0xC3, 0x28] + Array(#" and more"}"#.utf8)),
        NotUTF8(
            testDescription: "truncated sequence at the end of the text",
            bytes: Array(#"{"id": "a", "text": "dash "#.utf8) + [0xE2, 0x80] + Array(#""}"#.utf8)),
        NotUTF8(
            testDescription: "0xFF in the id",
            bytes: Array(#"{"id": "a"#.utf8) + [0xFF] + Array(#"", "text": "Body"}"#.utf8)),
        // The decoder does not read this field, but the line is still not UTF-8 (and would be copied to clean.jsonl).
        NotUTF8(
            testDescription: "overlong encoding in an unread field",
            bytes: Array(#"{"id": "a", "text": "Body", "note": "x"#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8)),
    ]

    @Test("a line that is not valid UTF-8 is invalid_utf8, wherever the bad bytes are", arguments: invalidUTF8Lines)
    func invalidUTF8(line: NotUTF8) throws {
        try #require(String(validating: line.bytes, as: UTF8.self) == nil)
        let problem = try #require(failure(line.bytes, lineNumber: 3))
        #expect(problem.reason == .invalidUTF8)
        #expect(problem.field == nil)
        #expect(problem.line == 3)
    }

    @Test("other field names are read through InputFields, and errors name them")
    func customFields() throws {
        var fields = InputFields()
        fields.id = "doc_id"
        fields.text = "body"
        fields.source = "outlet"
        fields.url = "link"
        fields.title = "headline"
        fields.published = "date"
        let article = try decode(
            #"{"doc_id": 5, "body": "Story", "outlet": "Valley Courier", "link": "https://v.example/s", "#
                + #""headline": "H", "date": "2026-03-07", "text": 12, "id": "ignored"}"#,
            fields: fields)
        #expect(article.id == .integer(5))
        #expect(article.text == "Story")
        #expect(article.source == "Valley Courier")
        #expect(article.url == "https://v.example/s")
        #expect(article.title == "H")
        #expect(article.published == Timestamp(iso8601: "2026-03-07T00:00:00Z"))

        #expect(failure(#"{"id": 5, "text": "Story"}"#, fields: fields)?.field == "doc_id")
        #expect(failure(#"{"doc_id": 5, "text": "Story"}"#, fields: fields)?.field == "body")
        #expect(failure(#"{"doc_id": 5, "body": 1}"#, fields: fields)?.reason == .wrongType)
        #expect(failure(#"{"doc_id": 5, "body": "S", "date": "soon"}"#, fields: fields)?.field == "date")
        #expect(failure(#"{"doc_id": 5, "body": "S", "outlet": 1}"#, fields: fields)?.field == "outlet")
    }

    @Test("a line given as a slice of a larger buffer (as LineReader gives it) decodes as the same bytes on their own")
    func sliceOfABuffer() throws {
        let lines = [
            #"{"id": 5, "text": "Caf\u00e9 owners protest.\nMore below.", "source": "Harbor Gazette"}"#,
            #"{"id": "x", "text": "Ferry fares rise", "title": "Fares", "published": "2026-03-04T05:30:00Z"}"#,
        ]
        let buffer = Array(lines.joined(separator: "\n").utf8)
        let firstEnd = lines[0].utf8.count
        let slices = [buffer[0..<firstEnd], buffer[(firstEnd + 1)...]]
        for (line, slice) in zip(lines, slices) {
            let decoder = ArticleDecoder()
            #expect(try decoder.decode(slice, file: "news.jsonl", line: 3) == decode(line))
        }
        let invalid = Array(#"xx{"id": 1, "text": "caf"#.utf8) + [0xE9] + Array(#""}xx"#.utf8)
        let problem = failureOfSlice(invalid[2..<(invalid.count - 2)])
        #expect(problem?.reason == .invalidUTF8)
        #expect(problem?.line == 9)
        let noID = Array(#"[{"text": "no id"}]"#.utf8)
        #expect(failureOfSlice(noID[1..<(noID.count - 1)])?.field == "id")
    }

    func failureOfSlice(_ bytes: ArraySlice<UInt8>) -> InputError? {
        do {
            _ = try ArticleDecoder().decode(bytes, file: "news.jsonl", line: 9)
            return nil
        } catch {
            return error
        }
    }
}
