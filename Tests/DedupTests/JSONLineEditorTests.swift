import Dedup
import Testing

@Suite("JSON line editor")
struct JSONLineEditorTests {
    func edit(_ line: String, _ value: String = "new") -> String? {
        JSONLineEditor.replacingString(in: Array(line.utf8), key: "text", with: value).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    @Test("replaces the string value and keeps every other byte")
    func replaces() {
        #expect(edit(#"{"id": 7, "meta": {"text": "inner", "a": [1, "}"]}, "text": "old \"q\" \\", "z": null}"#)
            == #"{"id": 7, "meta": {"text": "inner", "a": [1, "}"]}, "text": "new", "z": null}"#)
        #expect(edit(#"{"text":"a\nb"}"#, "x\ny") == #"{"text":"x\ny"}"#)
    }

    @Test("a repeated key: the last occurrence is replaced")
    func lastOccurrence() {
        #expect(edit(#"{"text": "one", "text": "two"}"#) == #"{"text": "one", "text": "new"}"#)
    }

    @Test("no string field, not an object, or broken: nil")
    func refuses() {
        for line in [#"{"text": 5}"#, #"{}"#, #"["text", "x"]"#, #"{"text": "open"#, #"{"text": "x" "#, "", #"{"id": 1,}"#] {
            #expect(edit(line) == nil, "\(line)")
        }
    }
}
