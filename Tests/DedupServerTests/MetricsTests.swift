import DedupServer
import DedupStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("metrics")
struct MetricsTests {
    typealias F = ServerFixture

    @Test("/metrics has request counts and latencies by route and status, checks, adds, copies and index size")
    func exposition() async throws {
        let (app, _) = try await F.application()
        try await app.test(.router) { client in
            _ = try await client.post("/v1/articles", json: F.article(id: "a", text: F.story, source: "A"))
            _ = try await client.post("/v1/articles", json: F.article(id: "b", text: F.story, source: "B"))
            _ = try await client.post("/v1/check", json: F.article(id: "c", text: F.story))
            _ = try await client.post("/v1/check", raw: "{")
            _ = try await client.get("/v1/articles/zzz")
            let response = try await client.get("/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let lines = response.text.split(separator: "\n").map(String.init)
            func value(_ series: String) -> Double? {
                lines.first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last!) }
            }
            #expect(
                value(#"dedup_http_requests_total{method="POST",route="/v1/articles",status="201"}"#) == 2,
                "\(response.text)")
            #expect(value(#"dedup_http_requests_total{method="POST",route="/v1/check",status="200"}"#) == 1)
            #expect(value(#"dedup_http_requests_total{method="POST",route="/v1/check",status="400"}"#) == 1)
            #expect(value(#"dedup_http_requests_total{method="GET",route="/v1/articles/{id}",status="404"}"#) == 1)
            #expect(
                value(#"dedup_http_request_duration_seconds_count{method="POST",route="/v1/check",status="200"}"#)
                    == 1)
            #expect(lines.contains { $0.hasPrefix("dedup_http_request_duration_seconds_bucket{") })
            #expect(value("dedup_checks_total") == 1)
            #expect(value(#"dedup_adds_total{status="added"}"#) == 2)
            #expect(value(#"dedup_rejected_articles_total{code="invalid_json"}"#) == 1)
            #expect(
                value(#"dedup_copies_found_total{operation="add",kind="exact",cross_source="true"}"#) == 1)
            #expect(
                value(#"dedup_copies_found_total{operation="check",kind="exact",cross_source="false"}"#) == 1)
            #expect(value("dedup_index_articles") == 2)
            #expect(value("dedup_index_copies") == 1)
        }
    }

    @Test("/metrics of a SQLite index has the fingerprint cache's hits, misses, entries and bytes")
    func cacheGauges() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-metrics-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (app, index) = try await F.application(
            location: .sqlite(path: directory.appendingPathComponent("index.sqlite").path))
        try await app.test(.router) { client in
            _ = try await client.post("/v1/articles", json: F.article(id: "a", text: F.story, source: "A"))
            // The first check reads article a's fingerprint from the file, the second finds it in memory.
            _ = try await client.post("/v1/check", json: F.article(id: "c", text: F.story))
            _ = try await client.post("/v1/check", json: F.article(id: "d", text: F.story))
            let lines = try await client.get("/metrics").text.split(separator: "\n").map(String.init)
            func value(_ series: String) -> Double? {
                lines.first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last!) }
            }
            #expect(value("dedup_fingerprint_cache_misses") == 1)
            #expect(value("dedup_fingerprint_cache_hits") == 1)
            #expect(value("dedup_fingerprint_cache_entries") == 1)
            #expect((value("dedup_fingerprint_cache_bytes") ?? 0) > 512)
        }
        try await index.close()
    }
}
