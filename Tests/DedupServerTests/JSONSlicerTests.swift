import Testing

@testable import DedupServer

@Suite("JSON slicer")
struct JSONSlicerTests {
    func slices(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let slicer = JSONSlicer(bytes: bytes)
        return slicer.elements(ofArray: slicer.topLevel()).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test("array elements come back as their exact bytes, whatever they hold")
    func elements() {
        #expect(slices("[]").isEmpty)
        #expect(slices(" [ ] ").isEmpty)
        #expect(slices("[1,2]") == ["1", "2"])
        #expect(slices("[ 1 , -2.5e3 ,true,null ]") == ["1", "-2.5e3", "true", "null"])
        #expect(
            slices(#"["a,]\"}", {"k": [1, {"x": "]"}]}, [[]]]"#) == [#""a,]\"}""#, #"{"k": [1, {"x": "]"}]}"#, "[[]]"])
        #expect(slices("[\n{\"id\": 1}\n,\n{\"id\": \"\\\\\"}\n]") == [#"{"id": 1}"#, #"{"id": "\\"}"#])
    }

    @Test("object members: keys with their quotes, values as bytes")
    func members() {
        let text = #" {"a": [1, 2], "articles" : [{"id": 1}], "z": "}"} "#
        let bytes = Array(text.utf8)
        let slicer = JSONSlicer(bytes: bytes)
        let members = slicer.members(ofObject: slicer.topLevel()).map {
            (String(decoding: bytes[$0.key], as: UTF8.self), String(decoding: bytes[$0.value], as: UTF8.self))
        }
        #expect(members.map(\.0) == [#""a""#, #""articles""#, #""z""#])
        #expect(members.map(\.1) == ["[1, 2]", #"[{"id": 1}]"#, #""}""#])
    }
}
