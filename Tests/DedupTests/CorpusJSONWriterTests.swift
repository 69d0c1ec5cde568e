import Dedup
import Foundation
import Testing

/// ``JSONWriter``: structure, string escaping and the fixed number format.
@Suite("JSONWriter")
struct CorpusJSONWriterTests {
    func written(_ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        body(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test("objects, arrays and scalars are separated by commas in the order written")
    func structure() {
        let json = written { w in
            w.beginObject()
            w.key("id")
            w.value(ArticleID.integer(40117))
            w.key("original")
            w.value(ArticleID.string("metro-0001"))
            w.key("members")
            w.beginArray()
            w.value(1)
            w.value("two")
            w.value(true)
            w.null()
            w.beginObject()
            w.endObject()
            w.beginArray()
            w.endArray()
            w.endArray()
            w.key("nested")
            w.beginObject()
            w.key("flag")
            w.value(false)
            w.key("raw")
            w.raw(Array(#"{"a":[1]}"#.utf8))
            w.endObject()
            w.key("score")
            w.value(0.85)
            w.endObject()
            w.newline()
            w.beginObject()
            w.key("next")
            w.value(-7)
            w.endObject()
            w.newline()
        }
        #expect(
            json == #"{"id":40117,"original":"metro-0001","members":[1,"two",true,null,{},[]],"#
                + #""nested":{"flag":false,"raw":{"a":[1]}},"score":0.85}"# + "\n" + #"{"next":-7}"# + "\n")
    }

    static let escapes: [(string: String, json: String)] = [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        (#"back\slash"#, #""back\\slash""#),
        ("line\nbreak", #""line\nbreak""#),
        ("cr\rlf", #""cr\rlf""#),
        ("tab\there", #""tab\there""#),
        ("\u{0}\u{1}\u{8}\u{C}\u{1F}", #""\u0000\u0001\u0008\u000c\u001f""#),
        ("café – “quotes” 😀", "\"café – “quotes” 😀\""),
        ("slash / and \u{7F}", "\"slash / and \u{7F}\""),
        ("\u{FEFF}bom\u{2028}", "\"\u{FEFF}bom\u{2028}\""),
    ]

    @Test("strings are escaped as JSON requires, other characters kept as UTF-8", arguments: escapes)
    func escaping(string: String, json: String) {
        #expect(written { $0.value(string) } == json)
        let asKey = written { writer in
            writer.beginObject()
            writer.key(string)
            writer.value(1)
            writer.endObject()
        }
        #expect(asKey == "{\(json):1}")
    }

    @Test("any string survives a round trip through a JSON parser")
    func escapingRoundTrip() throws {
        var generator = SplitMix64(seed: 5)
        let alphabet: [Unicode.Scalar] =
            (0..<0x80).compactMap(Unicode.Scalar.init) + ["é", "ß", "–", "“", "”", "’", "中", "😀", "\u{2028}"]
        for _ in 0..<200 {
            let length = Int(generator.next() % 40)
            var string = String.UnicodeScalarView()
            for _ in 0..<length { string.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            let text = String(string)
            var writer = JSONWriter()
            writer.beginArray()
            writer.value(text)
            writer.endArray()
            let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
            #expect(parsed == [text])
        }
    }

    static let numbers: [(value: Double, decimals: Int, text: String)] = [
        (0.85, 4, "0.85"),
        (1, 4, "1"),
        (0, 4, "0"),
        (0.0123, 4, "0.0123"),
        (0.12346, 4, "0.1235"),
        (0.99996, 4, "1"),
        (0.00004, 4, "0"),
        (0.00006, 4, "0.0001"),
        (0.9296875, 4, "0.9297"),
        (2.5, 0, "3"),
        (12.3456789, 3, "12.346"),
        (0.1, 3, "0.1"),
        (1_234_567, 4, "1234567"),
        (-0.5, 4, "-0.5"),
        (-0.00001, 4, "0"),
        (-3, 2, "-3"),
        (.nan, 4, "null"),
        (.infinity, 4, "null"),
        (-.infinity, 4, "null"),
    ]

    @Test("numbers have at most the given decimals, without trailing zeros", arguments: numbers)
    func numberFormat(value: Double, decimals: Int, text: String) {
        #expect(JSONWriter.format(value, decimals: decimals) == text)
        #expect(written { $0.value(value, decimals: decimals) } == text)
    }

    @Test("the default is four decimals")
    func defaultDecimals() {
        #expect(written { $0.value(0.123456) } == "0.1235")
    }
}
