import Dedup
import DedupServer
import DedupStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("concurrent clients")
struct ConcurrentClientsTests {
    typealias F = ServerFixture

    /// What the clients saw.
    struct Tally: Sendable {
        var statuses: [String: Int] = [:]
        var failures: [String] = []
    }

    @Test("64 clients on their own connections, mixing check and add: no errors, nothing lost or stored twice")
    func sixtyFourClients() async throws {
        let clients = 64
        let ownArticles = 4
        let sharedIDs = 8
        let (app, index) = try await F.application()
        let tally = Locked(Tally())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 0..<clients {
                    group.addTask {
                        try await TestClient.withClient(host: "127.0.0.1", port: port) { connection in
                            func send(_ uri: String, _ article: [String: Any]) async throws -> String? {
                                let request = TestClient.Request(
                                    uri, method: .post, headers: F.jsonHeaders, body: try F.body(article))
                                let response = try await connection.execute(request)
                                let body = response.body.map { Data(buffer: $0) } ?? Data()
                                let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
                                guard response.status == .ok || response.status == .created else {
                                    tally.withLock {
                                        $0.failures.append(
                                            "\(uri) \(response.status): \(String(decoding: body, as: UTF8.self))")
                                    }
                                    return nil
                                }
                                return object?["status"] as? String ?? "checked"
                            }
                            var seen: [String] = []
                            for item in 0..<ownArticles {
                                let text = F.generatedText(number * 100 + item)
                                seen.append(
                                    try await send("/v1/articles", F.article(id: "c\(number)-\(item)", text: text))
                                        ?? "failed")
                                seen.append(
                                    try await send("/v1/check", F.article(id: "probe", text: F.generatedText(item)))
                                        ?? "failed")
                            }
                            let shared = number % sharedIDs
                            let text = F.generatedText(10_000 + shared)
                            seen.append(
                                try await send("/v1/articles", F.article(id: "shared-\(shared)", text: text))
                                    ?? "failed")
                            tally.withLock { tally in
                                for status in seen { tally.statuses[status, default: 0] += 1 }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            for number in [0, 17, 63] {
                #expect(try await client.get("/v1/articles/c\(number)-3").status == .ok)
            }
        }
        let result = tally.withLock { $0 }
        #expect(result.failures.isEmpty, "\(result.failures.prefix(5))")
        #expect(result.statuses["added"] == clients * ownArticles + sharedIDs)
        #expect(result.statuses["unchanged"] == clients - sharedIDs)
        #expect(result.statuses["checked"] == clients * ownArticles)
        #expect(try await index.statistics().articles == clients * ownArticles + sharedIDs)
        for number in 0..<clients {
            for item in 0..<ownArticles {
                #expect(try await index.article(id: .string("c\(number)-\(item)")) != nil)
            }
        }
    }
}
