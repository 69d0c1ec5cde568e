import Dispatch
import Foundation

/// Reads an input's records in batches and overlaps the three steps of each batch: while the next batches are mapped
/// on the worker threads, the calling thread consumes an earlier batch's results and reads the batch after.
///
/// Reading (line splitting) and consuming (counting blocks, keeping fingerprints, writing output) run on one
/// thread; done between the parallel maps, they left a core idle for about a quarter of a scan. Batches are
/// consumed in input order, on the calling thread, so the results do not change.
enum BatchPipeline {
    /// Reads `inputs` in batches of `batchSize` records, maps each batch with `map` (off the calling thread; at
    /// most ``readAhead`` + 1 batches at once), and passes each batch with what its map made to `consume` on the
    /// calling thread, in input order.
    /// - Throws: what reading or `consume` throws; no map is running any more when it does.
    static func run<Mapped>(
        _ inputs: CorpusInput, batchSize: Int, maximumTextBytes: Int,
        map: @escaping ([CorpusRecord]) -> Mapped,
        consume: ([CorpusRecord], Mapped) throws -> Void
    ) throws {
        // Batches submitted and not yet consumed, oldest first.
        var pending: [(batch: [CorpusRecord], task: BackgroundValue<Mapped>)] = []
        // A map still running when an error unwinds is waited for: it reads the batch and the closures it was given.
        defer {
            for (_, task) in pending { _ = task.value }
        }
        var batch: [CorpusRecord] = []
        batch.reserveCapacity(batchSize)
        func consumeOldest() throws {
            let (oldest, task) = pending.removeFirst()
            try consume(oldest, task.value)
        }
        func submit() throws {
            let submitted = batch
            pending.append((batch, BackgroundValue { map(submitted) }))
            batch = []
            batch.reserveCapacity(batchSize)
            while pending.count > readAhead { try consumeOldest() }
        }
        try inputs.forEachRecord(maximumTextBytes: maximumTextBytes) { record in
            batch.append(record)
            if batch.count == batchSize { try submit() }
        }
        if !batch.isEmpty { try submit() }
        while !pending.isEmpty { try consumeOldest() }
    }

    /// The batches read and submitted beyond the one being consumed: with one, reading waited on a slow map; with
    /// two, a slow batch's map overlaps the next two, so the cores stay busy through uneven batches.
    static let readAhead = 2
}

/// A value made on a thread of its own while the caller goes on: a batch's map, or work the caller needs only later.
final class BackgroundValue<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var result: Value?
    private var waited = false

    /// Starts making the value with `make`.
    init(_ make: @escaping () -> Value) {
        let work = UncheckedWork { [self] in
            result = make()
            finished.signal()
        }
        Thread.detachNewThread { work.run() }
    }

    /// The value, once it is made (waits for it).
    var value: Value {
        if !waited {
            finished.wait()
            waited = true
        }
        return result!
    }
}

/// A closure over non-Sendable state, run on one other thread while the caller waits for it.
private struct UncheckedWork: @unchecked Sendable {
    let run: () -> Void
}
