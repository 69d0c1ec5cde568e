import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// Starts `dedup serve --db database --port 0 [extra]` and waits (at most 90 s: a loaded CI machine can be
    /// slow to start a debug binary) for its "listening on" line.
    static func start(database: String, extra: [String] = []) async throws -> ServerProcess {
        let executable = try #require(executable, "the dedup executable was not built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--db", database, "--port", "0", "--log-level", "warning"] + extra
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let printed = Locked(Data())
        let complaints = Locked(Data())
        // One blocking reader thread per pipe, until end of file (a readability handler would spin at EOF).
        for (pipe, sink) in [(output, printed), (error, complaints)] {
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread {
                while true {
                    let data = handle.availableData
                    if data.isEmpty { return }
                    sink.withLock { $0.append(data) }
                }
            }
        }
        try process.run()
        let deadline = ContinuousClock.now + .seconds(90)
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
        throw StartFailure(standardError: "no 'listening on' line within 90 s")
    }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    @discardableResult
    func kill(signal: Int32) -> Int32 {
        if process.isRunning {
            #if canImport(Glibc)
                _ = Glibc.kill(process.processIdentifier, signal)
            #else
                _ = Darwin.kill(process.processIdentifier, signal)
            #endif
        }
        process.waitUntilExit()
        return process.terminationStatus
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
