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
                        host: "127.0.0.1", port: server.port, configuration: .init(timeout: .seconds(10))
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
                // Kill once enough adds are acknowledged (or after 20 s), while the others are in flight.
                let deadline = ContinuousClock.now + .seconds(20)
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

/// A `dedup serve` child process on a free loopback port. (`Process` is only signalled and waited for here, which
/// any thread may do.)
final class ServerProcess: @unchecked Sendable {
    let process: Process
    let port: Int

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// The built `dedup` executable, next to the test bundle (as the command-line tests find it).
    static let executable: URL? = {
        var directories: [URL] = []
        for bundle in Bundle.allBundles + [Bundle.main] {
            let url = bundle.bundleURL
            directories.append(url.pathExtension == "xctest" ? url.deletingLastPathComponent() : url)
        }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        if let argument = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: argument).deletingLastPathComponent())
        }
        return directories.map { $0.appendingPathComponent("dedup") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct StartFailure: Error, CustomStringConvertible {
        var standardError: String
        var description: String { "dedup serve did not start: \(standardError)" }
    }

    /// Starts `dedup serve --db database --port 0` and waits (at most 30 s) for its "listening on" line.
    static func start(database: String) async throws -> ServerProcess {
        let executable = try #require(executable, "the dedup executable was not built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--db", database, "--port", "0", "--log-level", "warning"]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let printed = Locked(Data())
        let complaints = Locked(Data())
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            printed.withLock { $0.append(data) }
        }
        error.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            complaints.withLock { $0.append(data) }
        }
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let text = printed.withLock { String(decoding: $0, as: UTF8.self) }
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), text[range.upperBound...].dropFirst(digits.count).first == "\n" {
                    return ServerProcess(process: process, port: port)
                }
            }
            if !process.isRunning {
                try? await Task.sleep(for: .milliseconds(100))
                throw StartFailure(standardError: complaints.withLock { String(decoding: $0, as: UTF8.self) })
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.terminate()
        throw StartFailure(standardError: "no 'listening on' line within 30 s")
    }

    /// Sends `signal` and waits for the process to end.
    func kill(signal: Int32) {
        if process.isRunning {
            #if canImport(Glibc)
                _ = Glibc.kill(process.processIdentifier, signal)
            #else
                _ = Darwin.kill(process.processIdentifier, signal)
            #endif
        }
        process.waitUntilExit()
    }

    /// Whether `dedup serve` opens a SQLite index (false while it answers `unsupported_location`). Any other
    /// failure counts as true, so that the durability test runs and shows it.
    static func opensSQLite() async -> Bool {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-probe-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let server = try await start(database: directory.appendingPathComponent("probe.sqlite").path)
            server.kill(signal: SIGTERM)
            return true
        } catch let failure as StartFailure {
            return !failure.standardError.contains("unsupported_location")
        } catch {
            return true
        }
    }
}
