import Foundation
import Testing

@testable import Dedup

/// The read-ahead batch pipeline: every record once, in input order, batch by batch; errors stop it.
@Suite("Batch pipeline")
struct BatchPipelineTests {
    /// A JSONL file of `lines` one-field objects, removed when the test ends.
    static func input(lines: Int) throws -> (CorpusInput, path: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID()).jsonl").path
        let text = (1...lines).map { "{\"id\": \($0), \"text\": \"line \($0)\"}\n" }.joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (try CorpusInput(paths: [path]), path)
    }

    @Test("Every record is mapped and consumed once, in order", arguments: [1, 7, 64, 5000])
    func inOrder(batchSize: Int) throws {
        let (input, path) = try Self.input(lines: 1000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var consumed: [Int] = []
        var batches = 0
        try BatchPipeline.run(
            input, batchSize: batchSize, maximumTextBytes: .max,
            map: { batch in
                // Later batches finish sooner, so that a pipeline that consumed in finishing order would fail.
                usleep(UInt32(max(0, 200 - batch[0].position / 5)))
                return batch.map { $0.position * 10 }
            },
            consume: { batch, mapped in
                #expect(batch.count <= batchSize)
                #expect(mapped == batch.map { $0.position * 10 })
                consumed += batch.map(\.position)
                batches += 1
            })
        #expect(consumed == Array(1...1000))
        #expect(batches == (1000 + batchSize - 1) / batchSize)
    }

    struct Stop: Error {}

    @Test("An error thrown by consume stops the pipeline and is rethrown")
    func consumeError() throws {
        let (input, path) = try Self.input(lines: 1000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var consumedBatches = 0
        #expect(throws: Stop.self) {
            try BatchPipeline.run(
                input, batchSize: 10, maximumTextBytes: .max, map: { $0.map(\.position) },
                consume: { _, _ in
                    consumedBatches += 1
                    if consumedBatches == 3 { throw Stop() }
                })
        }
        #expect(consumedBatches == 3)
    }
}
