import Dispatch
import Foundation

/// Reads an input's records in batches and overlaps the three steps of each batch: while one batch is mapped on the
/// worker threads, the calling thread consumes the previous batch's results and reads the next batch.
///
/// Reading (line splitting) and consuming (counting blocks, keeping fingerprints, writing output) run on one
/// thread; done between the parallel maps, they left a core idle for about a quarter of a scan. Batches are
/// consumed in input order, on the calling thread, so the results do not change.
enum BatchPipeline {
    /// Reads `inputs` in batches of `batchSize` records, maps each batch with `map` (off the calling thread; at
    /// most two batches at once), and passes each batch with what its map made to `consume` on the calling thread,
    /// in input order.
    /// - Throws: what reading or `consume` throws; no map is running any more when it does.
    static func run<Mapped>(
        _ inputs: CorpusInput, batchSize: Int, maximumTextBytes: Int,
        map: @escaping ([CorpusRecord]) -> Mapped,
        consume: ([CorpusRecord], Mapped) throws -> Void
    ) throws {
        var pending: (batch: [CorpusRecord], task: MapTask<Mapped>)?
        // A map still running when an error unwinds is waited for: it reads the batch and the closures it was given.
        defer { _ = pending?.task.wait() }
        var batch: [CorpusRecord] = []
        batch.reserveCapacity(batchSize)
        func submit() throws {
            let task = MapTask(batch: batch, map: map)
            if let previous = pending {
                pending = nil
                try consume(previous.batch, previous.task.wait())
            }
            pending = (batch, task)
            batch = []
            batch.reserveCapacity(batchSize)
        }
        try inputs.forEachRecord(maximumTextBytes: maximumTextBytes) { record in
            batch.append(record)
            if batch.count == batchSize { try submit() }
        }
        if !batch.isEmpty { try submit() }
        if let last = pending {
            pending = nil
            try consume(last.batch, last.task.wait())
        }
    }
}

/// One batch's map, running on a thread of its own.
private final class MapTask<Mapped>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var results: Mapped?
    private var waited = false

    init(batch: [CorpusRecord], map: @escaping ([CorpusRecord]) -> Mapped) {
        let work = UncheckedWork { [self] in
            results = map(batch)
            finished.signal()
        }
        Thread.detachNewThread { work.run() }
    }

    /// What the map made, once it has finished.
    func wait() -> Mapped {
        if !waited {
            finished.wait()
            waited = true
        }
        return results!
    }
}

/// A closure over the map's non-Sendable state, run on one other thread while the caller waits for it.
private struct UncheckedWork: @unchecked Sendable {
    let run: () -> Void
}
