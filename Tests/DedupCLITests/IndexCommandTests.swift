import DedupStore
import Foundation
import Testing

/// `dedup index` and `dedup check`, run as separate processes: exit codes, output lines, and several processes
/// adding to one index at once.
@Suite("dedup index and check")
struct IndexCommandTests {
    static func run(_ arguments: [String]) throws -> DedupCLITests.Outcome { try DedupCLITests.run(arguments) }
    static let sample = DedupCLITests.sampleCorpus

    /// The PostgreSQL database the tests may use (see the DedupStore tests' StoreKind); nil skips those tests.
    static let postgresURL: String? = {
        let value = ProcessInfo.processInfo.environment["DEDUP_TEST_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    /// A new index location of `kind` ("sqlite" or "postgres") and how to delete it.
    static func newIndex(_ kind: String, in directory: URL) throws -> (db: String, drop: () async throws -> Void) {
        if kind == "sqlite" { return (directory.appendingPathComponent("index.sqlite").path, {}) }
        let base = try #require(postgresURL)
        let schema = "dedup_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let url = base + (base.contains("?") ? "&" : "?") + "schema=" + schema
        return (url, { try await PostgresArticleStore.open(url: url).dropSchema() })
    }

    static var kinds: [String] { postgresURL == nil ? ["sqlite"] : ["sqlite", "postgres"] }

    /// The JSON lines of an output.
    static func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("index add reports each article, re-adding is unchanged, and check exits 1 on a copy, 0 on none")
    func addThenCheck() throws {
        let directory = try DedupCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("index.sqlite").path
        let added = try Self.run(["index", "add", Self.sample, "--db", db])
        #expect(added.status == 0, "\(added.standardError)")
        let records = try Self.lines(added.standardOutput)
        #expect(records.count == 42)
        #expect(records.allSatisfy { $0["status"] as? String == "added" })
        #expect(records.contains { $0["copy"] as? Bool == true && $0["best"] != nil && $0["kind"] is String })
        #expect(added.standardError.contains("42 added"))

        let again = try Self.run(["index", "add", Self.sample, "--db", db, "--quiet"])
        #expect(again.status == 0)
        #expect(again.standardOutput.isEmpty)

        let unchanged = try Self.run(["index", "add", Self.sample, "--db", db])
        #expect(try Self.lines(unchanged.standardOutput).allSatisfy { $0["status"] as? String == "unchanged" })

        let copy = try Self.run(["check", Self.sample, "--db", db])
        #expect(copy.status == 1, "the sample's own articles are in the index")
        let fresh = try Self.run([
            "check", "--db", db, "--text", "A completely new story about a robot that learned to knit scarves.",
        ])
        #expect(fresh.status == 0, "\(fresh.standardError)")
        #expect(try Self.lines(fresh.standardOutput).first?["copy"] as? Bool == false)

        let stats = try Self.run(["index", "stats", "--db", db, "--json"])
        #expect(stats.status == 0)
        let object = try #require(try Self.lines(stats.standardOutput).first)
        #expect(object["articles"] as? Int == 42)
        #expect((object["bytes_on_disk"] as? Int ?? 0) > 0)
    }

    @Test("other text under an indexed id is an error for that line unless --replace; bad lines are counted")
    func conflictsAndBadLines() throws {
        let directory = try DedupCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("index.sqlite").path
        let first = directory.appendingPathComponent("first.jsonl")
        let second = directory.appendingPathComponent("second.jsonl")
        try Data(
            """
            {"id": 1, "text": "The council approved the new harbour budget after a long debate on Tuesday night."}
            {"id": "x", "text": 5}
            not json

            """.utf8
        ).write(to: first)
        try Data(
            """
            {"id": 1, "text": "A different story entirely: the museum reopens its east wing with a show of maps."}

            """.utf8
        ).write(to: second)
        let added = try Self.run(["index", "add", first.path, "--db", db])
        #expect(added.status == 0)
        #expect(added.standardError.contains("first.jsonl:2"))
        #expect(added.standardError.contains("first.jsonl:3"))
        #expect(added.standardError.contains("2 rejected"))
        let conflict = try Self.run(["index", "add", second.path, "--db", db])
        #expect(conflict.status == 0)
        #expect(conflict.standardError.contains("second.jsonl:1"))
        #expect(conflict.standardError.contains("id_conflict"))
        let replaced = try Self.run(["index", "add", second.path, "--db", db, "--replace"])
        #expect(try Self.lines(replaced.standardOutput).first?["status"] as? String == "replaced")

        let removed = try Self.run(["index", "remove", "1", "--db", db])
        #expect(removed.status == 0)
        let missing = try Self.run(["index", "remove", "1", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("not_found"))
    }

    /// A SQLite index in `directory` holding the sample corpus; its path.
    static func indexSample(in directory: URL) throws -> String {
        let db = directory.appendingPathComponent("index.sqlite").path
        let added = try run(["index", "add", sample, "--db", db, "-q"])
        #expect(added.status == 0, "\(added.standardError)")
        return db
    }

    @Test("check --timings-file: one line per checked article with its latency and candidates; bad lines have none")
    func timingsFile() throws {
        let directory = try DedupCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = try Self.indexSample(in: directory)
        let queries = directory.appendingPathComponent("queries.jsonl")
        let sampleLines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(separator: "\n")
        try Data((sampleLines.prefix(5).joined(separator: "\n") + "\nnot json\n").utf8).write(to: queries)
        let timings = directory.appendingPathComponent("timings.jsonl").path
        let checked = try Self.run(["check", queries.path, "--db", db, "--timings-file", timings])
        #expect(checked.status == 1, "\(checked.standardError)")
        let results = try Self.lines(checked.standardOutput)
        let lines = try Self.lines(try String(contentsOfFile: timings, encoding: .utf8))
        #expect(lines.count == 5)
        #expect(lines.map { $0["line"] as? Int } == [1, 2, 3, 4, 5])
        #expect(lines.map { $0["id"] as? String } == results.map { $0["id"] as? String })
        #expect(lines.map { $0["candidates"] as? Int } == results.map { $0["candidates"] as? Int })
        #expect(lines.allSatisfy { ($0["ms"] as? Double ?? -1) >= 0 })
        let unwritable = try Self.run([
            "check", queries.path, "--db", db, "--timings-file", directory.appendingPathComponent("no/such/dir").path,
        ])
        #expect(unwritable.status == 2)
        #expect(unwritable.standardError.contains("--timings-file"))
    }

    @Test("check --warm-cache: the same lines as without it, its figures with --timings; 64 without a cache")
    func warmCache() throws {
        let directory = try DedupCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = try Self.indexSample(in: directory)
        let plain = try Self.run(["check", Self.sample, "--db", db, "--timings"])
        let warmed = try Self.run(["check", Self.sample, "--db", db, "--timings", "--warm-cache"])
        #expect(warmed.status == plain.status)
        #expect(warmed.standardOutput == plain.standardOutput)
        #expect(!plain.standardError.contains("fingerprint cache warmed"))
        #expect(warmed.standardError.contains("fingerprint cache warmed"), "\(warmed.standardError)")
        #expect(warmed.standardError.contains(": 42 fingerprints"), "\(warmed.standardError)")
        // Every candidate was in memory: none was read from the file.
        #expect(warmed.standardError.contains(" in memory, 0 read"), "\(warmed.standardError)")
        #expect(!plain.standardError.contains(" in memory, 0 read"), "\(plain.standardError)")
        let quiet = try Self.run(["check", Self.sample, "--db", db, "--warm-cache", "-q"])
        #expect(quiet.status == plain.status && quiet.standardError.isEmpty, "\(quiet.standardError)")
        #expect(try Self.run(["check", Self.sample, "--db", db, "--warm-cache", "--cache-mb", "0"]).status == 64)
    }

    @Test("check exit codes: 2 for an unreadable index or input, 64 for usage")
    func checkErrors() throws {
        let directory = try DedupCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("index.sqlite").path
        #expect(try Self.run(["check", directory.appendingPathComponent("none.jsonl").path, "--db", db]).status == 2)
        // A mistyped index path is an error, not a check against a new, empty index.
        let missing = try Self.run(["check", Self.sample, "--db", db])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("no index there"))
        #expect(!FileManager.default.fileExists(atPath: db))
        let notAnIndex = directory.appendingPathComponent("text.sqlite")
        try Data(String(repeating: "not a database ", count: 20).utf8).write(to: notAnIndex)
        #expect(try Self.run(["check", Self.sample, "--db", notAnIndex.path]).status == 2)
        #expect(try Self.run(["check", "--db", db, "--text", " ... "]).status == 2)
        #expect(try Self.run(["check", "--db", db]).status == 64)
        #expect(try Self.run(["check", Self.sample, "--db", db, "--text", "both"]).status == 64)
        #expect(try Self.run(["index", "add", Self.sample]).status == 64)
    }

    @Test(
        "two processes adding overlapping inputs to one index at once lose nothing and store nothing twice",
        arguments: IndexCommandTests.kinds)
    func concurrentProcesses(kind: String) async throws {
        let directory = try DedupCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("corpus.jsonl")
        let generated = try Self.run(["generate", "--documents", "300", "--seed", "3", "--out", corpus.path])
        #expect(generated.status == 0)
        let lines = try String(contentsOf: corpus, encoding: .utf8).split(separator: "\n")
        let first = directory.appendingPathComponent("first.jsonl")
        let second = directory.appendingPathComponent("second.jsonl")
        try Data((lines[0..<200].joined(separator: "\n") + "\n").utf8).write(to: first)
        // The second process takes the overlap in reverse order, so both write the same ids at the same time.
        try Data((lines[100..<300].reversed().joined(separator: "\n") + "\n").utf8).write(to: second)
        let (db, drop) = try Self.newIndex(kind, in: directory)

        let outcomes = try Self.runConcurrently([
            ["index", "add", first.path, "--db", db, "--batch-size", "4"],
            ["index", "add", second.path, "--db", db, "--batch-size", "4"],
        ])
        var added: [String: Int] = [:]
        var unchanged: [String: Int] = [:]
        for outcome in outcomes {
            #expect(outcome.status == 0, "\(outcome.standardError)")
            for record in try Self.lines(outcome.standardOutput) {
                let id = "\(record["id"]!)"
                switch record["status"] as? String {
                case "added": added[id, default: 0] += 1
                case "unchanged": unchanged[id, default: 0] += 1
                default: Issue.record("unexpected status in \(record)")
                }
            }
        }
        #expect(added.count == 300, "every id added")
        #expect(added.values.allSatisfy { $0 == 1 }, "no id added twice")
        #expect(unchanged.count == 100 && Set(unchanged.keys).isSubset(of: Set(added.keys)))
        let stats = try Self.run(["index", "stats", "--db", db, "--json"])
        #expect(try Self.lines(stats.standardOutput).first?["articles"] as? Int == 300)
        try await drop()
    }

    /// Runs `dedup` once per argument list, all at once, and waits for every run.
    static func runConcurrently(_ argumentLists: [[String]]) throws -> [DedupCLITests.Outcome] {
        let executable = try #require(DedupCLITests.executable)
        let directory = try DedupCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var running: [(Process, URL, URL)] = []
        for (number, arguments) in argumentLists.enumerated() {
            let out = directory.appendingPathComponent("\(number).out")
            let err = directory.appendingPathComponent("\(number).err")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            running.append((process, out, err))
        }
        return try running.map { process, out, err in
            process.waitUntilExit()
            return DedupCLITests.Outcome(
                status: process.terminationStatus,
                standardOutput: try String(contentsOf: out, encoding: .utf8),
                standardError: try String(contentsOf: err, encoding: .utf8))
        }
    }
}
