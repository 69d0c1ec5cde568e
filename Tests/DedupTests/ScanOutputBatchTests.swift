import Testing

@testable import Dedup

/// The write pass joins each batch's output lines on the batch's own thread: the bytes are the records' lines in
/// record order, unchanged lines are copied from the records, and the first failure in record order is reported.
@Suite("Scan output: joining a batch")
struct ScanOutputBatchTests {
    static func record(_ position: Int, _ line: String) -> CorpusRecord {
        CorpusRecord(
            input: 0, file: "in.jsonl", line: position, position: position, content: .jsonLine(ArraySlice(line.utf8)),
            isTerminated: true, bytesConsumed: 0)
    }

    static func lines(_ clean: String?, _ boilerplate: String?) -> Result<ScanOutput.RecordOutput, FileError> {
        let bytes = { (line: String?) in line.map { Array($0.utf8) } }
        return .success(ScanOutput.RecordOutput(clean: bytes(clean), boilerplate: bytes(boilerplate)))
    }

    @Test("lines in record order; a record kept as it is is its line and a line feed, whatever its output says")
    func order() throws {
        let batch = (1...5).map { Self.record($0, "{\"id\":\($0)}") }
        let outputs = [
            Self.lines("not read\n", "not read\n"), Self.lines("two\n", "b2\n"), Self.lines(nil, nil),
            Self.lines(nil, "b4\n"), Self.lines("five\n", nil),
        ]
        let joined = try ScanOutput.BatchOutput(batch: batch, outputs: outputs) { $0 == 1 || $0 == 3 }
        #expect(String(decoding: joined.clean, as: UTF8.self) == "{\"id\":1}\ntwo\n{\"id\":3}\nfive\n")
        #expect(String(decoding: joined.boilerplate, as: UTF8.self) == "b2\nb4\n")
    }

    @Test("the first failing record's error is thrown, not a later one's")
    func firstError() {
        let batch = (1...4).map { Self.record($0, "{}") }
        let first = FileError(path: "in.jsonl", operation: "re-read", reason: "first")
        let second = FileError(path: "in.jsonl", operation: "re-read", reason: "second")
        let outputs: [Result<ScanOutput.RecordOutput, FileError>] = [
            Self.lines("one\n", nil), .failure(first), Self.lines("three\n", nil), .failure(second),
        ]
        #expect(throws: first) {
            try ScanOutput.BatchOutput(batch: batch, outputs: outputs) { _ in false }
        }
        // A record kept as it is has no output to fail.
        #expect(throws: second) {
            try ScanOutput.BatchOutput(batch: batch, outputs: outputs) { $0 == 2 }
        }
    }

    @Test("an empty batch joins to nothing")
    func empty() throws {
        let joined = try ScanOutput.BatchOutput(batch: [], outputs: []) { _ in true }
        #expect(joined.clean.isEmpty && joined.boilerplate.isEmpty)
    }
}
