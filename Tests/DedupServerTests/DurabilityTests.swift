import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The built `dedup serve`, killed with SIGKILL while clients add articles, then restarted on the same file.
///
/// Needs the SQLite index store: until it is in the build, `dedup serve --db FILE.sqlite` answers
/// `unsupported_location` and this suite is skipped (it runs by itself once the store lands).
@Suite("durability of the served index")
struct DurabilityTests {
    @Test(
        "an acknowledged add is durable: SIGKILL during concurrent adds loses no acknowledged article",
        .enabled("`dedup serve` cannot open SQLite indexes in this build (unsupported_location)") {
            await ServerProcess.opensSQLite()
        })
    func acknowledgedAddsSurviveSIGKILL() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-serve-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("index.sqlite").path

        // Adds from 16 connections until SIGKILL; only answered adds (200/201) are acknowledged.
        let server = try await ServerProcess.start(database: database)
        let acknowledged = Locked<[String: String]>([:])
        let attempted = Locked<Set<String>>([])
        let killed = Locked(false)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    try? await TestClient.withClient(
                        host: "127.0.0.1", port: server.port, configuration: .init(timeout: .seconds(60))
                    ) { client in
                        for item in 0..<200 where !killed.withLock({ $0 }) {
                            let id = "w\(worker)-\(item)"
                            let text = ServerFixture.generatedText(worker * 1_000 + item)
                            attempted.withLock { _ = $0.insert(id) }
                            let response = try await client.post(
                                "/v1/articles", headers: ServerFixture.jsonHeaders,
                                body: try ServerFixture.body(["id": id, "text": text]))
                            guard response.status == .created || response.status == .ok else { return }
                            acknowledged.withLock { $0[id] = text }
                        }
                    }
                }
            }
            group.addTask {
                // Kill once enough adds are acknowledged (or after 120 s), while the others are in flight. Alone
                // this takes about a second; beside the rest of the suite on two busy cores it took over 20 s, and
                // a client that timed out stopped adding.
                let deadline = ContinuousClock.now + .seconds(120)
                while acknowledged.withLock({ $0.count }) < 150 && ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .milliseconds(5))
                }
                killed.withLock { $0 = true }
                server.kill(signal: SIGKILL)
            }
        }
        let acked = acknowledged.withLock { $0 }
        let tried = attempted.withLock { $0 }
        #expect(acked.count >= 150, "the server acknowledged only \(acked.count) adds before it was killed")

        // Restart on the same file: every acknowledged article is there, with its text's hash (re-adding the
        // same text is `unchanged`), and the count lies between the acknowledged and the attempted adds.
        let restarted = try await ServerProcess.start(database: database)
        defer { restarted.kill(signal: SIGTERM) }
        try await TestClient.withClient(host: "127.0.0.1", port: restarted.port) { client in
            let metrics = try await client.get("/metrics")
            let text = metrics.body.map { String(buffer: $0) } ?? ""
            let line = text.split(separator: "\n").first { $0.hasPrefix("dedup_index_articles ") }
            let count = try #require(line.flatMap { Double($0.split(separator: " ").last!) }.map { Int($0) })
            #expect(count >= acked.count && count <= tried.count, "\(count) articles; \(acked.count) acknowledged")
            for (id, text) in acked.sorted(by: { $0.key < $1.key }) {
                let found = try await client.get("/v1/articles/\(id)")
                #expect(found.status == .ok, "acknowledged article \(id) is missing after SIGKILL")
                let again = try await client.post(
                    "/v1/articles", headers: ServerFixture.jsonHeaders,
                    body: try ServerFixture.body(["id": id, "text": text]))
                #expect(again.status == .ok, "re-adding \(id) with its text: \(again.status)")
            }
        }
    }
}
