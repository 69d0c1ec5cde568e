import DedupStore
import Logging
import ServiceLifecycle

/// Warms the index's fingerprint cache (``DedupStore/PublishedIndex/warmCache(progress:)``) in the background while
/// the server answers requests, recording its progress in `status`; then waits for the shutdown, since a service
/// that returns stops the others.
///
/// In the background rather than before listening: the service is up and healthy at once, and checks answered
/// during the warm-up are the same as after it, only as slow as without a warm-up for the families not yet loaded;
/// a warm-up that held the port closed would add its time (2.6–7 s at 1M articles on a busy two-core machine, more
/// with a larger `--cache-mb`) to every restart, during which an orchestrator counts the instance as down. A client
/// that wants the warm cache before sending traffic polls `GET /healthz` until `cache_warmup.state` is `done`.
struct CacheWarmupService: Service {
    let index: PublishedIndex
    let status: CacheWarmupStatus
    let logger: Logger

    func run() async throws {
        status.start()
        let index = self.index
        let status = self.status
        do {
            let figures = try await cancelWhenGracefulShutdown {
                try await index.warmCache { status.update($0) }
            }
            status.finish(figures)
            if let figures {
                logger.info(
                    "fingerprint cache warmed",
                    metadata: [
                        "rows": "\(figures.rows)", "large_bucket_rows": "\(figures.largeBucketRows)",
                        "bytes": "\(figures.bytes)", "seconds": "\(figures.seconds)",
                        "reached_budget": "\(figures.reachedBudget)",
                    ])
            } else {
                logger.notice("the index keeps no fingerprint cache: nothing to warm")
            }
        } catch is CancellationError {
            status.stop(.cancelled)
            return
        } catch {
            status.stop(.failed, failure: "\(error)")
            logger.error("warming the fingerprint cache failed: \(error)")
        }
        try? await gracefulShutdown()
    }
}
