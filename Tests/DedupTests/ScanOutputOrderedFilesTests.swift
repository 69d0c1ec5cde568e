import Dispatch
import Foundation
import Testing

@testable import Dedup

/// The write pass's batches write at their own place in the output files, from their own threads, in whatever
/// order they finish: the files must hold the batches in record order, as writing them in turn would.
@Suite("Scan output: batches written in place")
struct ScanOutputOrderedFilesTests {
    /// Two empty temporary files, open for writing, removed with `close`.
    final class TwoFiles {
        let paths: [String]
        let descriptors: [Int32]

        init() throws {
            let directory = FileManager.default.temporaryDirectory
            paths = (0..<2).map { directory.appendingPathComponent("ordered-\(UUID())-\($0).jsonl").path }
            descriptors = paths.map { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
            try #require(descriptors.allSatisfy { $0 >= 0 })
        }

        var files: [OrderedBatchFiles.File] {
            zip(descriptors, paths).map { OrderedBatchFiles.File(descriptor: $0, path: $1) }
        }

        func contents(_ index: Int) throws -> [UInt8] {
            Array(try Data(contentsOf: URL(fileURLWithPath: paths[index])))
        }

        deinit {
            for descriptor in descriptors { Glibc.close(descriptor) }
            for path in paths { unlink(path) }
        }
    }

    /// Batch `number`'s bytes for file `file`: a varying length (empty for some), distinct per batch.
    static func piece(_ number: Int, file: Int) -> [UInt8] {
        let length = (number * 37 + file * 11) % 23 == 0 ? 0 : (number * 7919 + file * 104_729) % 5_000 + 1
        return (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ number &* 7 &+ file) }
    }

    @Test("batches finishing in any order, on several threads, give the files in record order")
    func concurrentBatches() throws {
        let files = try TwoFiles()
        // Batches of uneven record counts, as the last batch of a pipeline is.
        let counts = (0..<120).map { $0 % 9 + 1 }
        let starts = counts.reduce(into: [1]) { $0.append($0.last! + $1) }
        let writer = OrderedBatchFiles(files.files)
        // Later batches are ready sooner: each waits less than the ones before it, so a writer that appended in
        // finishing order would scramble the files.
        let failures = ParallelSlots<FileError>(count: counts.count)
        DispatchQueue.concurrentPerform(iterations: counts.count) { number in
            usleep(UInt32((counts.count - number) * 50))
            do throws(FileError) {
                try writer.write(
                    [Self.piece(number, file: 0), Self.piece(number, file: 1)], firstPosition: starts[number],
                    count: counts[number])
            } catch {
                failures[number] = error
            }
        }
        #expect(failures.values.allSatisfy { $0 == nil })
        for file in 0..<2 {
            let expected = (0..<counts.count).flatMap { Self.piece($0, file: file) }
            #expect(try files.contents(file) == expected)
            #expect(writer.sizes[file] == expected.count)
        }
    }

    @Test("a batch with nothing to write still lets the batches after it write in place")
    func emptyBatch() throws {
        let files = try TwoFiles()
        let writer = OrderedBatchFiles(files.files)
        let third = DispatchSemaphore(value: 0)
        // The third batch is ready first and waits for the first two.
        DispatchQueue.global().async {
            try? writer.write([Array("c".utf8), Array("C".utf8)], firstPosition: 5, count: 3)
            third.signal()
        }
        try writer.write([Array("a".utf8), []], firstPosition: 1, count: 2)
        try writer.write([[], []], firstPosition: 3, count: 2)
        third.wait()
        #expect(try files.contents(0) == Array("ac".utf8))
        #expect(try files.contents(1) == Array("C".utf8))
    }

    @Test("a file that cannot be written is an error naming it")
    func writeError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ordered-\(UUID()).jsonl").path
        let descriptor = open(path, O_RDONLY | O_CREAT, 0o644)
        try #require(descriptor >= 0)
        defer {
            Glibc.close(descriptor)
            unlink(path)
        }
        let writer = OrderedBatchFiles([.init(descriptor: descriptor, path: path)])
        #expect(throws: FileError(path: path, operation: "write", code: EBADF)) {
            try writer.write([Array("x".utf8)], firstPosition: 1, count: 1)
        }
        // An empty piece writes nothing, so it cannot fail.
        try writer.write([[]], firstPosition: 2, count: 1)
    }
}
