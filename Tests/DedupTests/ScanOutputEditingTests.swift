import Testing

@testable import Dedup

/// The write pass cuts a page's boilerplate lines out of its JSONL line's bytes (``EscapedTextLines``) instead of
/// decoding the line again: the output must be the bytes decoding, cutting and writing again give.
@Suite("Scan output: cutting lines from the bytes")
struct ScanOutputEditingTests {
    static let lines: [String] = [
        #"{"id":"a1","source":"S","text":"Home | News\nBy Jane Doe\nThe story starts here, and goes on.\nShare this\n© 2026 S"}"#,
        #"{"id":7,"text":"one\r\ntwo \"quoted\" \\ back\r\nthree\ttab\u0001\u001f\r","extra":{"text":"not this","n":[1,2,{"a":"}"}]}}"#,
        #"{ "text" : "é first\n\nthird — line\n\n" , "id" : "x" , "n" : -1.5e3 }"#,
        #"{"id":"b","text":"\nleading\nmiddle\r\ntrailing\r"}"#,
    ]
    /// Lines whose text has an escape JSONWriter does not write, or an escaped key: decoded as before.
    static let otherEscapes: [String] = [
        #"{"id":"c","text":"a\/b\nc"}"#, #"{"id":"c","text":"a\u00e9\nc"}"#, #"{"id":"c","text":"a\u000A\nc"}"#,
        #"{"id":"c","text":"a\u000d\nc"}"#, #"{"id":"c","text":"x\b\ny"}"#, #"{"id":"c","te\u0078t":"a\nb"}"#,
        #"{"id":"c","text":"a\nb","text":"c\nd"}"#,
    ]

    static func record(_ line: String) -> CorpusRecord {
        CorpusRecord(
            input: 0, file: "in.jsonl", line: 3, position: 3, content: .jsonLine(ArraySlice(line.utf8)),
            isTerminated: true, bytesConsumed: 0)
    }

    static func removals(lineCount: Int) -> [[RemovedBlock]] {
        func block(_ first: Int, _ last: Int) -> RemovedBlock {
            RemovedBlock(firstLine: first, lastLine: last, reason: .repeated, detail: "in 3 of 4 \"stories\"")
        }
        var sets: [[RemovedBlock]] = [[block(1, 1)], [block(lineCount, lineCount)], [block(1, lineCount)]]
        if lineCount >= 3 { sets.append([block(1, 2), block(lineCount, lineCount)]) }
        if lineCount >= 4 { sets.append([block(2, 3)]) }
        return sets
    }

    @Test("cutting the bytes gives what decoding gives", arguments: lines + otherEscapes)
    func sameBytes(line: String) throws {
        let decoder = ArticleDecoder()
        let text = try decoder.decode(Array(line.utf8), file: "in.jsonl", line: 3).text
        let lineCount = text.lineSlices().count
        for blocks in Self.removals(lineCount: lineCount) {
            for kept in [true, false] {
                for severalInputs in [true, false] {
                    let removal = (id: ArticleID.string("the id"), blocks: blocks)
                    func output(editingBytes: Bool) -> [[UInt8]?]? {
                        guard
                            let output = try? ScanOutput.output(
                                for: Self.record(line), kept: kept, removal: removal, decoder: decoder,
                                maxTextBytes: .max, severalInputs: severalInputs, editingBytes: editingBytes)
                        else { return nil }
                        return [output.clean, output.boilerplate]
                    }
                    #expect(output(editingBytes: true) == output(editingBytes: false), "\(line) \(blocks)")
                }
            }
        }
    }

    @Test("the byte path is taken for JSONWriter's escapes and refused for others")
    func whichPath() {
        let key = Array("text".utf8)
        for line in Self.lines {
            let bytes = Array(line.utf8)
            #expect(bytes.withUnsafeBufferPointer { EscapedTextLines(record: $0, key: key) } != nil, "\(line)")
        }
        for line in Self.otherEscapes {
            let bytes = Array(line.utf8)
            #expect(bytes.withUnsafeBufferPointer { EscapedTextLines(record: $0, key: key) } == nil, "\(line)")
        }
    }

    @Test("UTF-8 validation agrees with String(validating:) on random and edge-case bytes")
    func validation() {
        var random = SplitMix64(seed: 7)
        var samples: [[UInt8]] = [
            [0xC0, 0x80], [0xC2, 0x80], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xF0, 0x8F, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x80], [0x41, 0xE2, 0x80, 0x94], [0xFF], [0x80],
        ]
        let alphabet: [UInt8] = [0x41, 0x20, 0x80, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0x90, 0xA0]
        for _ in 0..<20_000 {
            let count = Int(random.next() % 12)
            samples.append((0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        }
        for sample in samples {
            let fast = sample.withUnsafeBufferPointer { ArticleDecoder.isValidUTF8($0) }
            #expect(fast == (String(validating: sample, as: UTF8.self) != nil), "\(sample)")
        }
    }
}
