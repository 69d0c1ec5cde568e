import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `dedup serve` as people run it: the built binary over an in-memory index.
@Suite("dedup serve")
struct ServeCommandTests {
    /// Runs `dedup` to completion (for commands that exit by themselves).
    static func run(_ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let executable = try #require(ServerProcess.executable, "the dedup executable was not built")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("usage errors exit 64; an unreadable or empty token file exits 1 and says why")
    func startupFailures() throws {
        #expect(try Self.run(["serve", "--db", ":memory:", "--port", "70000"]).status == 64)
        #expect(try Self.run(["serve", "--db", ":memory:", "--max-body-size", "10"]).status == 64)
        #expect(try Self.run(["serve", "--db", ":memory:", "--log-level", "loud"]).status == 64)
        let missing = try Self.run(["serve", "--db", ":memory:", "--token-file", "/nonexistent/token"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("token file"))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-token-\(UUID())")
        try Data("  \n".utf8).write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        let refused = try Self.run(["serve", "--db", ":memory:", "--token-file", empty.path])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("empty"))
    }

    @Test("on loopback with a token file: /healthz open, the API behind the token; SIGTERM exits 0")
    func tokenAndShutdown() async throws {
        let tokenFile = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-token-\(UUID())")
        try Data("s3cret\n".utf8).write(to: tokenFile)
        defer { try? FileManager.default.removeItem(at: tokenFile) }
        let server = try await ServerProcess.start(database: ":memory:", extra: ["--token-file", tokenFile.path])
        try await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
            #expect(try await client.get("/healthz").status == .ok)
            let article = try ServerFixture.body(["id": 1, "text": ServerFixture.story])
            var headers = ServerFixture.jsonHeaders
            #expect(try await client.post("/v1/articles", headers: headers, body: article).status == .unauthorized)
            headers[.authorization] = "Bearer s3cret"
            #expect(try await client.post("/v1/articles", headers: headers, body: article).status == .created)
        }
        #expect(server.kill(signal: SIGTERM) == 0)
    }
}
