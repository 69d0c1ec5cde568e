@testable import Dedup
import Foundation
import Testing

/// The one-pass article reader must agree with JSONDecoder on every line it accepts, and accept the common lines.
@Suite("Corpus: fast JSON path")
struct CorpusJSONScannerTests {
    let decoder = ArticleDecoder()

    /// Lines the fast path must read (and read as JSONDecoder does).
    static let accepted: [String] = [
        #"{"id":1,"text":"plain"}"#,
        #" { "id" : "a" , "text" : "x" } "#,
        #"{"id":-9223372036854775808,"text":"min"}"#,
        #"{"id":9223372036854775807,"text":"max"}"#,
        #"{"id":0,"text":"zero"}"#,
        #"{"text":"escapes \" \\ \/ \b \f \n \r \t","id":"e"}"#,
        #"{"id":"u","text":"\u00e9\u4e2d\ud83d\ude00 caf\u00E9"}"#,
        #"{"id":"n","text":"t","source":null,"url":null,"title":null,"published":null}"#,
        #"{"id":"f","text":"t","source":"S","url":"https://x.example/a","title":"T","published":"2026-03-02T08:15:00Z"}"#,
        #"{"id":"o","text":"t","extra":{"a":[1,2.5,-3e4,true,false,null,{"b":"c"}],"d":"\"}"},"more":[]}"#,
        #"{"id":"k","text":"non-ASCII é ü 中文 “quotes”"}"#,
        #"{"id":"sp","text":"tab\tinside"}"#.replacingOccurrences(of: "\\t", with: "\\t"),
        "{\"id\":\"ws\",\n\"text\":\"newline between members\"}",
        #"{"id":"num","text":"t","n1":0.5,"n2":-0,"n3":1E+2,"n4":1e-2}"#,
        // Keys are compared in place when plain, and unescaped first when not.
        #"{"\u0069d":"k","te\u0078t":"escaped keys","titl\u0065":"T"}"#,
        #"{"id":"k2","text":"t","x\"y":"escaped unknown key","\u00e9":1}"#,
        #"{"id":"k3","text":"t","identifier":"a longer key","tex":"a shorter one","":"empty"}"#,
    ]

    /// Lines the fast path must leave to JSONDecoder (which may still accept some of them).
    static let declined: [String] = [
        #"{"id":1.0,"text":"fraction id"}"#,
        #"{"id":1e3,"text":"exponent id"}"#,
        #"{"id":9223372036854775808,"text":"overflow"}"#,
        #"{"id":"a","text":"x",}"#,
        #"{"id":"a","text":"x","text":"again"}"#,
        #"{"id":"a","text":5}"#,
        #"{"id":"","text":"empty id"}"#,
        #"{"id":"a"}"#,
        #"{"id":"a","text":"x"} trailing"#,
        #"{"id":"a","text":"\ud800 lone"}"#,
        #"{"id":"a","text":"bad \x escape"}"#,
        #"{"id":"a","text":"x","published":"yesterday"}"#,
        #"{"id":"a","text":"x","n":01}"#,
        #"{"id":"a","text":"x","n":.5}"#,
        #"{"id":"a","text":"x","n":[1,]}"#,
        #"{"id":true,"text":"x"}"#,
        "{\"id\":\"a\",\"text\":\"raw\tcontrol\"}",
        #"["id","text"]"#,
        #"{"id":"a","text":"x""#,
        #"{"id":"a","text":"x","t\u0065xt":"again, escaped"}"#,
        #"{"id":"a","text":"x","z\q":1}"#,
        #"{"id":"a","text":"x","z":"\q"}"#,
        "{\"id\":\"a\",\"text\":\"x\",\"k\tey\":1}",
        #"{"id":"a","text":"x","open"#,
        "",
    ]

    @Test("accepted lines read exactly as JSONDecoder reads them")
    func agreesOnAccepted() throws {
        let scanner = ArticleJSONScanner(fields: InputFields())
        for line in Self.accepted {
            let bytes = Array(line.utf8)
            let fast = bytes.withUnsafeBufferPointer { scanner.article($0) }
            let reference = try decoder.decodeWithFoundation(bytes, file: "t", line: 1)
            #expect(fast == reference, "\(line)")
        }
    }

    @Test("unusual lines are declined, so JSONDecoder decides and names the problem")
    func declinesUnusual() {
        let scanner = ArticleJSONScanner(fields: InputFields())
        for line in Self.declined {
            let bytes = Array(line.utf8)
            #expect(bytes.withUnsafeBufferPointer { scanner.article($0) } == nil, "\(line)")
            let viaDecoder = Result { () throws(InputError) in try decoder.decode(bytes, file: "t", line: 1) }
            let reference = Result { () throws(InputError) in try decoder.decodeWithFoundation(bytes, file: "t", line: 1) }
            #expect(viaDecoder == reference, "\(line)")
        }
    }

    @Test("random articles with escapes and non-ASCII text: fast path and JSONDecoder agree, and the fast path reads them")
    func randomArticles() throws {
        var random = SplitMix64(seed: 7)
        let pieces = ["word", " ", "\n", "\"", "\\", "é", "中", "😀", "\u{7}", "/", "\t", "“", "ﬁ", "e\u{301}"]
        let scanner = ArticleJSONScanner(fields: InputFields())
        for number in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &random) { text += pieces.randomElement(using: &random)! }
            var object: [String: Any] = ["id": number.isMultiple(of: 2) ? number as Any : "id-\(number)", "text": text]
            if Bool.random(using: &random) { object["source"] = "Site \(number % 3)" }
            if Bool.random(using: &random) { object["meta"] = ["k": [1, 2.5, "x"]] }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            let bytes = [UInt8](data)
            let fast = bytes.withUnsafeBufferPointer { scanner.article($0) }
            #expect(fast != nil, "declined: \(String(decoding: bytes, as: UTF8.self))")
            #expect(fast == (try decoder.decodeWithFoundation(bytes, file: "t", line: 1)))
        }
    }
    @Test("the end of a plain run, eight bytes at a time, is the first quote, backslash or control byte")
    func endOfPlainRun() {
        var random = SplitMix64(seed: 41)
        // The bytes to find, their neighbours, and UTF-8 bytes (never to be found).
        let alphabet: [UInt8] = [
            0x22, 0x5C, 0x00, 0x01, 0x0A, 0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x61, 0x7F, 0x80, 0xA2, 0xDC, 0xE2, 0xFF,
        ]
        for _ in 0..<5_000 {
            let length = Int(random.next() % 40)
            // Mostly plain bytes, so that runs are long enough to cross several words.
            let bytes = (0..<length).map { _ in
                random.next() % 6 == 0 ? alphabet[Int(random.next() % UInt64(alphabet.count))] : 0x61
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...length {
                    var expected = start
                    while expected < length && bytes[expected] != 0x22 && bytes[expected] != 0x5C
                        && bytes[expected] >= 0x20
                    {
                        expected += 1
                    }
                    #expect(ArticleJSONScanner.endOfPlainRun(buffer, from: start) == expected, "\(bytes) from \(start)")
                }
            }
        }
    }
}
