import Dedup
import DedupServer
import DedupStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The background warm-up of the fingerprint cache (`dedup serve --warm-cache`), as `GET /healthz` reports it.
@Suite("Fingerprint cache warm-up in the service")
struct CacheWarmupTests {
    typealias F = ServerFixture

    /// Polls `/healthz` until its `cache_warmup.state` is no longer pending or running; returns that object.
    static func settledWarmup(_ client: some TestClientProtocol) async throws -> [String: Any] {
        for _ in 0..<200 {
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(try health.object()["status"] as? String == "ok")
            let warmup = try #require(try health.object()["cache_warmup"] as? [String: Any])
            let state = try #require(warmup["state"] as? String)
            if state != "pending" && state != "running" { return warmup }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the warm-up did not finish")
        return [:]
    }

    @Test("over a SQLite index it runs while the service answers, and /healthz reports what it loaded")
    func sqlite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-warmup-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("index.sqlite").path
        let setup = try await PublishedIndex.open(.sqlite(path: path))
        for number in 0..<30 {
            _ = try await setup.add(Article(id: .integer(Int64(number)), text: F.generatedText(number)))
        }
        try await setup.close()

        let index = try await PublishedIndex.open(.sqlite(path: path))
        let app = buildApplication(
            index: index, configuration: ServerConfiguration(port: 0, warmsCache: true))
        try await app.test(.live) { client in
            let check = try await client.post("/v1/check", json: ["id": "new", "text": F.generatedText(3)])
            #expect(check.status == .ok)
            let read = try #require(try check.object()["candidates_verified"] as? Int)
            #expect(read >= 1)
            let warmup = try await Self.settledWarmup(client)
            #expect(warmup["state"] as? String == "done")
            // The whole index, less the rows the check may have put in the cache first.
            let rows = try #require(warmup["rows"] as? Int)
            #expect((30 - read...30).contains(rows), "\(warmup)")
            #expect(warmup["reached_budget"] as? Bool == false)
            #expect((warmup["bytes"] as? Int ?? 0) > 0)
        }
        let store = try #require(index.store as? SQLiteArticleStore)
        #expect(store.fingerprintCacheCounts.entries == 30)
        try await index.close()
    }

    @Test("over an in-memory index there is nothing to warm; without the option /healthz is as before")
    func unavailableOrOff() async throws {
        let index = try await PublishedIndex.open(.memory)
        let app = buildApplication(index: index, configuration: ServerConfiguration(port: 0, warmsCache: true))
        try await app.test(.live) { client in
            let warmup = try await Self.settledWarmup(client)
            #expect(warmup["state"] as? String == "unavailable")
            #expect(warmup["rows"] == nil)
        }
        let (plain, _) = try await F.application()
        try await plain.test(.router) { client in
            let health = try await client.get("/healthz")
            #expect(try health.object().keys.sorted() == ["status"])
        }
    }
}
