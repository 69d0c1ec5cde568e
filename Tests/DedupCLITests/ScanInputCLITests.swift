import Foundation
import Testing

/// `dedup scan` and `dedup explain` on standard input, several inputs and bad input, through the built binary.
@Suite("dedup scan inputs")
struct ScanInputCLITests {
    typealias CLI = DedupCLITests

    /// Runs `dedup` with `arguments`, writing `input` to its standard input from another thread.
    static func run(_ arguments: [String], input: Data) throws -> CLI.Outcome {
        let executable = try #require(CLI.executable, "the dedup executable was not built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let standardInput = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = standardInput
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let writer = Thread {
            try? standardInput.fileHandleForWriting.write(contentsOf: input)
            try? standardInput.fileHandleForWriting.close()
        }
        writer.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    static func spoolFiles() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter {
            $0.hasPrefix("dedup-stdin-")
        })
    }

    @Test("scan - reads standard input through a pipe and gives the output of the same file")
    func standardInput() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = try Data(contentsOf: URL(fileURLWithPath: CLI.sampleCorpus))
        let spoolsBefore = try Self.spoolFiles()
        let piped = directory.appendingPathComponent("piped")
        let fromFile = directory.appendingPathComponent("file")
        let a = try Self.run(["scan", "-", "--out", piped.path, "--no-timings"], input: corpus)
        let b = try CLI.run(["scan", CLI.sampleCorpus, "--out", fromFile.path, "--no-timings"])
        #expect(a.status == 0, "\(a.standardError)")
        #expect(b.status == 0, "\(b.standardError)")
        let pipedFiles = try CLI.outputs(in: piped)
        let fileFiles = try CLI.outputs(in: fromFile)
        try #require(!(fileFiles["matches.jsonl"] ?? Data()).isEmpty)
        for name in CLI.outputFiles where name != "summary.json" {
            #expect(pipedFiles[name] == fileFiles[name], "\(name)")
        }
        let summary = try #require(
            try JSONSerialization.jsonObject(with: pipedFiles["summary.json"]!) as? [String: Any])
        #expect(summary["input"] as? String == "-")
        let lines = corpus.split(separator: 0x0A).count
        #expect(summary["read"] as? Int == lines)
        #expect(try Self.spoolFiles() == spoolsBefore, "the copy of standard input has no name left behind")

        // Standard input and a file together: the sample twice, so every id of the second is a duplicate.
        let both = directory.appendingPathComponent("both")
        let c = try Self.run(["scan", CLI.sampleCorpus, "-", "--out", both.path, "-q"], input: corpus)
        #expect(c.status == 0, "\(c.standardError)")
        let rejected = try String(contentsOf: both.appendingPathComponent("rejected.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(rejected.count == lines)
        #expect(rejected.allSatisfy { $0.contains(#""file":"-""#) && $0.contains("duplicate_id") })
    }

    @Test("standard input given twice is a usage error")
    func standardInputTwice() throws {
        let result = try Self.run(["scan", "-", "-", "--out", "unused"], input: Data())
        #expect(result.status == 64)
        #expect(result.standardError.contains("standard input"), "\(result.standardError)")
    }

    @Test("--on-error fail exits 2 naming the line, and leaves the previous output as it was")
    func failOnError() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        let first = try CLI.run(["scan", CLI.sampleCorpus, "--out", out.path, "-q"])
        try #require(first.status == 0)
        let previous = try CLI.outputs(in: out)

        var corpus = try String(contentsOfFile: CLI.sampleCorpus, encoding: .utf8)
        corpus += #"{"id": "bad", "text": 12}"# + "\n"
        let input = directory.appendingPathComponent("bad.jsonl")
        try corpus.write(to: input, atomically: true, encoding: .utf8)
        let line = corpus.split(separator: "\n").count
        let result = try CLI.run(["scan", input.path, "--out", out.path, "--on-error", "fail"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(input.path):\(line): field 'text'"), "\(result.standardError)")
        #expect(try CLI.outputs(in: out) == previous)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out.path)) == Set(CLI.outputFiles))

        // The default skips it, reports it and exits 0.
        let skipped = try CLI.run(["scan", input.path, "--out", out.path])
        #expect(skipped.status == 0)
        #expect(skipped.standardOutput.contains("1 rejected"))
        #expect(skipped.standardError.contains("rejected: \(input.path):\(line)"))
    }

    @Test("a scan of standard input stopped by --on-error fail exits 2 naming '-' and leaves no copy of the input")
    func standardInputFails() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spoolsBefore = try Self.spoolFiles()
        var corpus = try Data(contentsOf: URL(fileURLWithPath: CLI.sampleCorpus))
        corpus.append(Data("{\"id\": \"no-text\"}\n".utf8))
        let line = corpus.split(separator: 0x0A).count
        let out = directory.appendingPathComponent("out")
        let result = try Self.run(["scan", "-", "--out", out.path, "--on-error", "fail"], input: corpus)
        #expect(result.status == 2)
        #expect(result.standardError.contains("-:\(line): field 'text'"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
        #expect(try Self.spoolFiles() == spoolsBefore)
    }

    @Test("several inputs with --report: the report reads its documents back from the right files")
    func severalInputsWithReport() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = try String(contentsOfFile: CLI.sampleCorpus, encoding: .utf8).split(separator: "\n")
        let half = lines.count / 2
        let a = directory.appendingPathComponent("a.jsonl")
        let b = directory.appendingPathComponent("b.jsonl")
        try (lines[..<half].joined(separator: "\n") + "\n").write(to: a, atomically: true, encoding: .utf8)
        try (lines[half...].joined(separator: "\n") + "\n").write(to: b, atomically: true, encoding: .utf8)
        let report = directory.appendingPathComponent("report.html")
        let out = directory.appendingPathComponent("out")
        let result = try CLI.run(["scan", a.path, b.path, "--out", out.path, "--report", report.path, "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("<html"))
        let whole = directory.appendingPathComponent("whole")
        let single = try CLI.run(["scan", CLI.sampleCorpus, "--out", whole.path, "-q"])
        #expect(single.status == 0)
        #expect(try CLI.outputs(in: out)["clean.jsonl"] == CLI.outputs(in: whole)["clean.jsonl"])
        #expect(try CLI.outputs(in: out)["clusters.jsonl"] == CLI.outputs(in: whole)["clusters.jsonl"])
    }

    @Test("a corrupt gzip input exits 1 naming the file")
    func corruptGzip() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("corpus.jsonl.gz")
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0xFF, 0xFF, 0xFF, 0xFF]).write(to: path)
        let result = try CLI.run(["scan", path.path, "--out", directory.appendingPathComponent("out").path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("corpus.jsonl.gz"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/summary.json").path))
    }

    @Test("without a terminal there is no progress line; the summary has the time and MB/s")
    func noProgressInPipes() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["scan", CLI.sampleCorpus, "--out", directory.path])
        #expect(result.status == 0)
        #expect(!result.standardError.contains("\r"))
        #expect(!result.standardError.contains("\u{1B}"))
        #expect(result.standardOutput.contains("MB/s"))
        #expect(result.standardOutput.contains(" s ("), "\(result.standardOutput)")
    }

    @Test("explain reads the same inputs as scan: standard input and several files")
    func explainInputs() throws {
        let pair = try #require(try CLI.truthPairs("near_duplicate").first)
        let corpus = try Data(contentsOf: URL(fileURLWithPath: CLI.sampleCorpus))
        let piped = try Self.run(["explain", "-", pair.b, pair.a], input: corpus)
        #expect(piped.status == 0, "\(piped.standardError)")
        let direct = try CLI.run(["explain", CLI.sampleCorpus, pair.b, pair.a])
        #expect(piped.standardOutput == direct.standardOutput)
        #expect(piped.standardOutput.contains("verdict: near_duplicate"))
    }
}
