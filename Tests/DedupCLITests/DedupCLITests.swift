import Foundation
import Testing

/// End-to-end tests of the `dedup` executable, run as a separate process the way people run it.
@Suite("dedup command line")
struct DedupCLITests {
    /// The package's root directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let sampleCorpus = packageRoot.appendingPathComponent("Corpus/sample.jsonl").path
    static let sampleTruth = packageRoot.appendingPathComponent("Corpus/sample-truth.jsonl").path

    /// The built `dedup` executable: in the products directory, next to the test bundle (swift-argument-parser's
    /// example tests find theirs the same way).
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
        return
            directories
            .map { $0.appendingPathComponent("dedup") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs `dedup` with `arguments` and waits for it to finish.
    static func run(_ arguments: [String]) throws -> Outcome {
        let executable = try #require(executable, "the dedup executable was not built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read before waiting, so that a full pipe cannot block the child.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let outputFiles = [
        "matches.jsonl", "clusters.jsonl", "clean.jsonl", "boilerplate.jsonl", "rejected.jsonl", "summary.json",
    ]

    static func outputs(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in outputFiles { files[name] = try Data(contentsOf: directory.appendingPathComponent(name)) }
        return files
    }

    /// The labeled pairs of the sample corpus with `label`, ids as the command line takes them.
    static func truthPairs(_ label: String) throws -> [(a: String, b: String)] {
        let text = try String(contentsOfFile: sampleTruth, encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard object["label"] as? String == label, object["derived_via"] == nil else { return nil }
            return ("\(object["a"]!)", "\(object["b"]!)")
        }
    }

    // MARK: - scan

    @Test("scan writes every output file and exits 0")
    func scanWritesOutput() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Self.run(["scan", Self.sampleCorpus, "--out", out.path, "--no-timings"])
        #expect(result.status == 0, "\(result.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(Set(names) == Set(Self.outputFiles))

        let lineCount = try String(contentsOfFile: Self.sampleCorpus, encoding: .utf8).split(separator: "\n").count
        #expect(result.standardOutput.hasPrefix("Read \(lineCount) lines"))
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
                as? [String: Any])
        #expect(summary["read"] as? Int == lineCount)
        #expect(summary["timings"] == nil)
        let matches = try String(contentsOf: out.appendingPathComponent("matches.jsonl"), encoding: .utf8)
        #expect(!matches.isEmpty)
    }

    @Test("scan --report writes one self-contained HTML page, the same for the same corpus")
    func scanReport() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        let first = directory.appendingPathComponent("reports/first.html")
        let second = directory.appendingPathComponent("second.html")
        let a = try Self.run(["scan", Self.sampleCorpus, "--out", out, "--report", first.path, "--no-timings"])
        #expect(a.status == 0, "\(a.standardError)")
        #expect(a.standardOutput.contains("report in \(first.path)"))
        let b = try Self.run(["scan", Self.sampleCorpus, "--out", out, "--report", second.path, "--no-timings", "-q"])
        #expect(b.status == 0, "\(b.standardError)")
        let html = try String(contentsOf: first, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for section in ["summary", "similarity", "clusters", "boilerplate", "rejected"] {
            #expect(html.contains("<section id=\"\(section)\">"), "\(section)")
        }
        #expect(html.contains("id=\"figure-read\"><span class=\"value\">42</span>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http"), "nothing is loaded from elsewhere")
        #expect(!html.contains("id=\"timings\""))
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        let reports = try FileManager.default.contentsOfDirectory(atPath: first.deletingLastPathComponent().path)
        #expect(reports == ["first.html"], "no temporary file is left")
    }

    @Test("two scans of the same corpus give byte-identical output, whatever the threads")
    func scanIsDeterministic() throws {
        let first = try Self.temporaryDirectory()
        let second = try Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let a = try Self.run(["scan", Self.sampleCorpus, "--out", first.path, "--no-timings", "--quiet"])
        let b = try Self.run(["scan", Self.sampleCorpus, "-o", second.path, "--no-timings", "--threads", "1", "-q"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.standardOutput.isEmpty && b.standardOutput.isEmpty)
        let firstFiles = try Self.outputs(in: first)
        let secondFiles = try Self.outputs(in: second)
        for name in Self.outputFiles {
            #expect(firstFiles[name] == secondFiles[name], "\(name)")
        }
    }

    @Test(
        "invalid usage exits 64 with a message",
        arguments: [
            (["scan", "Corpus/sample.jsonl", "--out", "unused", "--bogus"], "--bogus"),
            (["scan", "Corpus/sample.jsonl"], "--out"),
            (["scan", "Corpus/sample.jsonl", "--out", "unused", "--threads", "0"], "--threads"),
            (["scan", "Corpus/sample.jsonl", "--out", "unused", "--threshold", "1.5"], "--threshold"),
            (["frobnicate"], "frobnicate"),
        ])
    func invalidUsage(arguments: [String], mentions: String) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains(mentions), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "unused"))
    }

    @Test("a nonexistent input exits 1 with a message naming the file")
    func missingInput() throws {
        let out = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let missing = out.appendingPathComponent("no-such-corpus.jsonl").path
        let result = try Self.run(["scan", missing, "--out", out.appendingPathComponent("out").path])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("dedup: "))
        #expect(result.standardError.contains("no-such-corpus.jsonl"), "\(result.standardError)")
    }

    // MARK: - explain

    @Test("explain prints the verdict of a labeled near-duplicate pair")
    func explainNearDuplicate() throws {
        let pair = try #require(try Self.truthPairs("near_duplicate").first)
        let result = try Self.run(["explain", Self.sampleCorpus, pair.b, pair.a])
        #expect(result.status == 0, "\(result.standardError)")
        let verdict = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("verdict: ") })
        #expect(verdict.hasPrefix("verdict: near_duplicate"))
        #expect(result.standardOutput.contains("estimated Jaccard: "))
        let lines = result.standardOutput.split(separator: "\n")
        let shared = try #require(lines.first { $0.hasPrefix("shared passages") })
        #expect(shared.contains("% of \(pair.b)'s words"))
        #expect(lines.contains { $0.hasPrefix("  [") && $0.contains(" words] ") }, "a near-duplicate shares passages")
    }

    @Test("explain says a template pair is not a copy, and finds integer ids")
    func explainTemplate() throws {
        let pair = try #require(try Self.truthPairs("template").first { Int($0.b) != nil })
        let result = try Self.run(["explain", Self.sampleCorpus, pair.b, pair.a])
        #expect(result.status == 0, "\(result.standardError)")
        let verdict = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("verdict: ") })
        #expect(verdict.hasPrefix("verdict: not a copy"))
    }

    @Test("explain with an unknown id exits 1 and names the id")
    func explainUnknownID() throws {
        let result = try Self.run(["explain", Self.sampleCorpus, "harbor-0001", "no-such-story"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no-such-story"))
        #expect(result.standardOutput.isEmpty)
    }
}
