import Dedup
import DedupStore
import Hummingbird

/// The routes for operators: health and metrics.
struct OperationsController: Sendable {
    let index: PublishedIndex
    let metrics: ServerMetrics
    /// The fingerprint cache's warm-up, if one runs.
    let cacheWarmup: CacheWarmupStatus?

    /// `GET /healthz`: `{"status": "ok"}` while the process serves requests, with `cache_warmup` when the fingerprint
    /// cache is warmed (its state and figures so far). It does not touch the index, so it stays cheap enough to poll
    /// often.
    func health(_ request: Request, context: some RequestContext) async throws -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.key("status")
        json.value("ok")
        if let cacheWarmup {
            json.key("cache_warmup")
            cacheWarmup.write(to: &json)
        }
        json.endObject()
        return .json(json)
    }

    /// `GET /metrics`: the Prometheus text format, with the index gauges read now.
    func exposition(_ request: Request, context: some RequestContext) async throws -> Response {
        metrics.recordIndex(try await index.statistics())
        if let store = index.store as? SQLiteArticleStore { metrics.recordCache(store.fingerprintCacheCounts) }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
    }
}
