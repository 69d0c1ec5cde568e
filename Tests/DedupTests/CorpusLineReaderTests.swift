import Dedup
import Foundation
import Testing

/// ``LineReader``: line ends, the last line, empty files and lines longer than its read chunk.
@Suite("LineReader")
struct CorpusLineReaderTests {
    func lines(of bytes: [UInt8]) throws -> [(line: Int, text: [UInt8])] {
        let directory = try ScanTestDirectory()
        let path = try directory.write(bytes, to: "input.jsonl")
        return try LineReader(path: path).map { ($0.line, Array($0.bytes)) }
    }

    func texts(of text: String) throws -> [String] {
        try lines(of: Array(text.utf8)).map { String(decoding: $0.text, as: UTF8.self) }
    }

    @Test("lines end at LF; a CR before the LF is removed, other CRs are kept")
    func lineEnds() throws {
        #expect(try texts(of: "one\ntwo\r\nthree\n") == ["one", "two", "three"])
        #expect(try texts(of: "a\rb\r\nc\r\r\n") == ["a\rb", "c\r"])
        #expect(try texts(of: "\r\n") == [""])
    }

    @Test("the last line is returned without a final newline, and empty lines are kept with their numbers")
    func lastLineAndNumbers() throws {
        let read = try lines(of: Array("first\n\n  \nlast".utf8))
        #expect(read.map(\.line) == [1, 2, 3, 4])
        #expect(read.map { String(decoding: $0.text, as: UTF8.self) } == ["first", "", "  ", "last"])
        #expect(try texts(of: "only") == ["only"])
        #expect(try texts(of: "only\r") == ["only"])
        #expect(try texts(of: "\n") == [""])
        #expect(try texts(of: "\n\n") == ["", ""])
    }

    @Test("an empty file has no lines")
    func emptyFile() throws {
        #expect(try lines(of: []).isEmpty)
    }

    @Test("lines longer than the 1 MiB read chunk come back whole", arguments: [false, true])
    func longLines(crlf: Bool) throws {
        let chunk = 1 << 20
        var generator = SplitMix64(seed: 9)
        /// A line of `length` letters; every 4,096th byte is random, so that a misplaced splice shows.
        func line(_ length: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: UInt8(ascii: "m"), count: length)
            for index in stride(from: 0, to: length, by: 4_096) {
                bytes[index] = UInt8(ascii: "a") + UInt8(generator.next() % 26)
            }
            if length > 0 { bytes[length - 1] = UInt8(ascii: "z") }
            return bytes
        }
        let expected = [line(chunk * 2 + 12_345), line(10), line(chunk + 1), line(3)]
        let end: [UInt8] = crlf ? [0x0D, 0x0A] : [0x0A]
        var bytes: [UInt8] = []
        for (index, text) in expected.enumerated() {
            bytes += text
            if index < expected.count - 1 { bytes += end }
        }
        let read = try lines(of: bytes)
        #expect(read.map(\.line) == Array(1...expected.count))
        #expect(read.map(\.text.count) == expected.map(\.count))
        #expect(read.map(\.text) == expected)
    }

    @Test("a line break falling exactly on a chunk boundary splits correctly")
    func breakOnChunkBoundary() throws {
        let chunk = 1 << 20
        for offset in [-2, -1, 0, 1] {
            let first = [UInt8](repeating: UInt8(ascii: "x"), count: chunk + offset - 1)
            let bytes = first + [0x0D, 0x0A] + Array("second".utf8) + [0x0A]
            let read = try lines(of: bytes)
            #expect(read.map(\.text) == [first, Array("second".utf8)], "offset \(offset)")
        }
    }

    @Test("a missing file cannot be opened")
    func missingFile() throws {
        let directory = try ScanTestDirectory()
        #expect(throws: (any Error).self) { try LineReader(path: directory.file("missing.jsonl")) }
    }
}
