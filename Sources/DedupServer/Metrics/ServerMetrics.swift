import Dedup
import DedupStore
import Metrics
import Prometheus

/// The service's metrics, recorded through swift-metrics into a Prometheus registry of its own (no global
/// bootstrap, so that several servers, as in tests, never share counts), and exposed at `GET /metrics`.
///
/// | name | type | labels |
/// |---|---|---|
/// | `dedup_http_requests_total` | counter | `method`, `route` (the path template, `unmatched` for none), `status` |
/// | `dedup_http_request_duration_seconds` | histogram | `method`, `route`, `status` |
/// | `dedup_checks_total` | counter | — (articles checked, `POST /v1/check`) |
/// | `dedup_adds_total` | counter | `status` (`added`, `unchanged`, `replaced`) |
/// | `dedup_rejected_articles_total` | counter | `code` (articles refused by check or add) |
/// | `dedup_copies_found_total` | counter | `operation` (`check`, `add`), `kind` (of the best match), `cross_source` |
/// | `dedup_index_articles`, `dedup_index_copies`, `dedup_index_sources` | gauge | — (read at each scrape) |
/// | `dedup_fingerprint_cache_hits`, `_misses`, `_entries`, `_bytes` | gauge | — (SQLite index: candidates found in and missing from the in-memory fingerprints since start, fingerprints and bytes held; read at each scrape) |
public final class ServerMetrics: Sendable {
    /// The registry the metrics are kept in.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    /// Metrics in a new registry.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        // Latencies here are sub-millisecond to seconds: finer buckets at the low end than the factory's default.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// Records one answered request.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let dimensions = [("method", method), ("route", route), ("status", String(status))]
        Counter(label: "dedup_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Metrics.Timer(label: "dedup_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// Records one checked article.
    func recordCheck(_ result: CheckResult) {
        Counter(label: "dedup_checks_total", factory: factory).increment()
        recordCopy(result, operation: "check")
    }

    /// Records one added article.
    func recordAdd(_ result: AddResult) {
        Counter(label: "dedup_adds_total", dimensions: [("status", result.status.rawValue)], factory: factory)
            .increment()
        recordCopy(result.check, operation: "add")
    }

    /// Records one article refused by check or add.
    func recordRejected(_ code: APIError.Code) {
        Counter(label: "dedup_rejected_articles_total", dimensions: [("code", code.rawValue)], factory: factory)
            .increment()
    }

    /// Sets the index gauges.
    func recordIndex(_ statistics: IndexStatistics) {
        Gauge(label: "dedup_index_articles", factory: factory).record(statistics.articles)
        Gauge(label: "dedup_index_copies", factory: factory).record(statistics.copies)
        Gauge(label: "dedup_index_sources", factory: factory).record(statistics.sources)
    }

    /// Sets the fingerprint cache gauges.
    func recordCache(_ counts: FingerprintCacheCounts) {
        Gauge(label: "dedup_fingerprint_cache_hits", factory: factory).record(counts.hits)
        Gauge(label: "dedup_fingerprint_cache_misses", factory: factory).record(counts.misses)
        Gauge(label: "dedup_fingerprint_cache_entries", factory: factory).record(counts.entries)
        Gauge(label: "dedup_fingerprint_cache_bytes", factory: factory).record(counts.bytes)
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    private func recordCopy(_ result: CheckResult, operation: String) {
        guard let best = result.best else { return }
        let dimensions = [
            ("operation", operation), ("kind", best.verdict.kind.rawValue),
            ("cross_source", String(best.verdict.crossSource)),
        ]
        Counter(label: "dedup_copies_found_total", dimensions: dimensions, factory: factory).increment()
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
