import Dedup
import DedupStore
import Foundation

/// Where the background warm-up of the index's fingerprint cache is (``ServerConfiguration/warmsCache``), as
/// `GET /healthz` reports it.
public final class CacheWarmupStatus: @unchecked Sendable {
    /// The stage of the warm-up.
    public enum State: String, Sendable, Hashable {
        /// Not started yet.
        case pending
        /// Loading; ``CacheWarmupStatus/figures`` are the figures so far.
        case running
        /// Finished; ``CacheWarmupStatus/figures`` are the final figures.
        case done
        /// The index keeps no fingerprint cache (PostgreSQL, in memory): nothing was done.
        case unavailable
        /// Stopped by the server's shutdown.
        case cancelled
        /// Stopped by an error (``CacheWarmupStatus/failure``); the service answers as without a warm-up.
        case failed
    }

    private struct Snapshot {
        var state = State.pending
        var figures: FingerprintCacheWarmup?
        var failure: String?
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var snapshot = Snapshot()

    /// A warm-up not started yet.
    public init() {}

    /// The stage of the warm-up.
    public var state: State { lock.withLock { snapshot.state } }
    /// What it has loaded so far, once it has loaded a batch.
    public var figures: FingerprintCacheWarmup? { lock.withLock { snapshot.figures } }
    /// Why it failed, when it did.
    public var failure: String? { lock.withLock { snapshot.failure } }

    func start() { lock.withLock { snapshot.state = .running } }

    func update(_ figures: FingerprintCacheWarmup) {
        lock.withLock { if snapshot.state == .running { snapshot.figures = figures } }
    }

    func finish(_ figures: FingerprintCacheWarmup?) {
        lock.withLock {
            snapshot.state = figures == nil ? .unavailable : .done
            snapshot.figures = figures ?? snapshot.figures
        }
    }

    func stop(_ state: State, failure: String? = nil) {
        lock.withLock {
            snapshot.state = state
            snapshot.failure = failure
        }
    }

    /// The `cache_warmup` object of `GET /healthz`: `state`, and once rows were loaded `rows`, `large_bucket_rows`,
    /// `bytes`, `seconds`, `reached_budget`; `message` when it failed.
    func write(to json: inout JSONWriter) {
        let snapshot = lock.withLock { self.snapshot }
        json.beginObject()
        json.key("state")
        json.value(snapshot.state.rawValue)
        if let figures = snapshot.figures {
            json.key("rows")
            json.value(figures.rows)
            json.key("large_bucket_rows")
            json.value(figures.largeBucketRows)
            json.key("bytes")
            json.value(figures.bytes)
            json.key("seconds")
            json.value(figures.seconds, decimals: 3)
            json.key("reached_budget")
            json.value(figures.reachedBudget)
        }
        if let failure = snapshot.failure {
            json.key("message")
            json.value(failure)
        }
        json.endObject()
    }
}
