import Dedup
import Foundation
import Testing

/// The scan's inputs: several JSONL files, gzip files, directories of `.txt` files; bad lines of every kind, the
/// accounting identity, the size limit, `onError: .fail`, atomic output and progress reports.
@Suite("Scan inputs")
struct ScanInputTests {
    /// Scans `paths` and writes the output into `out` under `directory`.
    @discardableResult
    static func scan(
        _ paths: [String], options: ScanOptions = ScanOptions(), in directory: ScanTestDirectory, out: String = "out"
    ) throws -> ScanResult {
        let result = try CorpusScanner(options: options).scan(CorpusInput(paths: paths))
        try ScanOutput(directory: directory.file(out)).write(result)
        return result
    }

    /// The output files of `out` under `directory`.
    static func outputs(_ out: String, in directory: ScanTestDirectory) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in ScanTests.outputFiles { files[name] = try directory.read("\(out)/\(name)") }
        return files
    }

    /// Checks `kept + copies + rejected = read` in the result and in `summary.json`, overall and per input.
    static func expectAccounting(_ result: ScanResult, out: String, in directory: ScanTestDirectory) throws {
        #expect(result.kept + result.deduplication.matches.count + result.rejected.count == result.linesRead)
        let summary = try ScanTests.object(directory.read("\(out)/summary.json"))
        let copies = try #require(summary["copies"] as? [String: Any])
        let read = try #require(summary["read"] as? Int)
        #expect(read == result.linesRead)
        #expect((summary["kept"] as? Int ?? -1) + (copies["total"] as? Int ?? -1) + (summary["rejected"] as? Int ?? -1)
            == read)
        let inputs = try #require(summary["inputs"] as? [[String: Any]])
        #expect(inputs.count == result.inputs.sources.count)
        var total = 0
        for input in inputs {
            let inputRead = try #require(input["read"] as? Int)
            #expect(
                (input["kept"] as? Int ?? -1) + (input["copies"] as? Int ?? -1) + (input["rejected"] as? Int ?? -1)
                    == inputRead, "\(input["input"] ?? "?")")
            total += inputRead
        }
        #expect(total == read)
        #expect(inputs.map { $0["input"] as? String } == result.inputs.sources.map(\.path))
    }

    static func gzip(_ path: String, to target: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c \"$0\" > \"$1\"", path, target]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip failed")
    }

    static func story(_ seed: UInt64, words: Int = 200) -> String {
        var prose = MatchingProse(seed: seed)
        return prose.story(minimumWords: words).body
    }

    // MARK: - Reading

    @Test("JSONL records are the lines LineReader reads: line ends, CRs, a last line without LF, long lines")
    func recordsAreLines() throws {
        let directory = try ScanTestDirectory()
        let long = [UInt8](repeating: 0x62, count: (1 << 20) + 17)
        let cases: [[UInt8]] = [
            Array("one\ntwo\r\nthree\n".utf8), Array("a\rb\r\nc\r\r\n".utf8), Array("first\n\n  \nlast".utf8),
            Array("only\r".utf8), [], Array("\n\n".utf8), long + [0x0A] + long + Array("x\r".utf8),
        ]
        for bytes in cases {
            let path = try directory.write(bytes, to: "lines.jsonl")
            let expected = try LineReader(path: path).map { (line: $0.line, bytes: Array($0.bytes)) }
            var read: [(line: Int, bytes: [UInt8], position: Int, terminated: Bool)] = []
            try CorpusInput(paths: [path]).forEachRecord { record in
                guard case .jsonLine(let line) = record.content else {
                    Issue.record("not a line")
                    return
                }
                read.append((record.line, Array(line), record.position, record.isTerminated))
            }
            #expect(read.map(\.line) == expected.map(\.line))
            #expect(read.map(\.bytes) == expected.map(\.bytes))
            #expect(read.map(\.position) == expected.map(\.line))
            #expect(read.map(\.terminated) == read.indices.map { $0 < read.count - 1 || bytes.last == 0x0A })
        }
    }

    // MARK: - Bad input

    @Test("every kind of bad line is rejected with its file, line, field and reason, and accounted for")
    func badLines() throws {
        let directory = try ScanTestDirectory()
        var bytes: [UInt8] = []
        func line(_ text: String) { bytes += Array(text.utf8) + [0x0A] }
        line(#"{"id": "good-1", "text": \#(ScanTestCorpus.json(Self.story(1)))}"#)  // 1
        line(#"{"id": "broken", "text": "unterminated}"#)  // 2 invalid JSON
        bytes += Array(#"{"id": "latin", "text": "caf"#.utf8) + [0xE9] + Array(#""}"#.utf8) + [0x0A]  // 3 invalid UTF-8
        line(#"{"id": "no-text", "title": "Headline"}"#)  // 4 missing text
        line(#"{"id": "typed", "text": ["a", "b"]}"#)  // 5 non-string text
        line(#"{"text": "no id here, but words"}"#)  // 6 missing id
        line(#"{"id": "good-1", "text": \#(ScanTestCorpus.json(Self.story(2)))}"#)  // 7 duplicate id
        line(#"{"id": "empty", "text": ""}"#)  // 8 empty text
        var garbage = SplitMix64(seed: 9)
        bytes += (0..<3_000).map { _ in UInt8(truncatingIfNeeded: garbage.next()) }.map { $0 == 0x0A ? 0 : $0 }
        bytes.append(0x0A)  // 9 binary garbage
        line(#"{"id": "good-2", "text": \#(ScanTestCorpus.json(Self.story(3)))}"#)  // 10
        bytes += Array(#"{"id": "cut", "text": "the last line was cut sh"#.utf8)  // 11 truncated, no line feed
        let path = try directory.write(bytes, to: "bad.jsonl")

        let result = try Self.scan([path], in: directory)
        let expected: [Int: (InputError.Reason, String?)] = [
            2: (.invalidJSON, nil), 3: (.invalidUTF8, nil), 4: (.missingField, "text"), 5: (.wrongType, "text"),
            6: (.missingField, "id"), 7: (.duplicateID, "id"), 8: (.emptyText, "text"), 11: (.invalidJSON, nil),
        ]
        let byLine = Dictionary(uniqueKeysWithValues: result.rejected.map { ($0.line, $0) })
        #expect(Set(byLine.keys) == Set(expected.keys).union([9]))
        for (line, (reason, field)) in expected {
            let error = try #require(byLine[line], "line \(line)")
            #expect(error.reason == reason, "line \(line): \(error)")
            #expect(error.field == field, "line \(line): \(error)")
            #expect(error.file == path)
            #expect(error.description.hasPrefix("\(path):\(line): "))
        }
        #expect([.invalidJSON, .invalidUTF8].contains(byLine[9]?.reason))
        #expect(byLine[7]?.message.contains("first on line 1 of \(path)") == true)
        #expect(byLine[11]?.message.contains("cut short") == true, "\(byLine[11]?.message ?? "")")
        #expect(byLine[2]?.message.contains("cut short") == false)
        #expect(result.documents.map(\.document.id) == ["good-1", "good-2"])
        #expect(result.linesRead == 11)
        try Self.expectAccounting(result, out: "out", in: directory)
        let rejected = try ScanTests.objects(directory.read("out/rejected.jsonl"))
        #expect(rejected.map { $0["line"] as? Int } == [2, 3, 4, 5, 6, 7, 8, 9, 11])
    }

    @Test("a 100 MB line is rejected as too large without stopping the scan; the lines around it are read")
    func hundredMegabyteLine() throws {
        let directory = try ScanTestDirectory()
        let path = directory.file("huge.jsonl")
        let size = 100 << 20
        var head = Array(#"{"id": "first", "text": \#(ScanTestCorpus.json(Self.story(4)))}"#.utf8) + [0x0A]
        head += Array(#"{"id": "huge", "text": ""#.utf8)
        var data = Data(head)
        data.append(Data(repeating: 0x61, count: size))
        data.append(Data(#""}"#.utf8 + [0x0A]))
        data.append(Data(#"{"id": "last", "text": \#(ScanTestCorpus.json(Self.story(5)))}"#.utf8 + [0x0A]))
        try data.write(to: URL(fileURLWithPath: path))
        let lineLength = #"{"id": "huge", "text": ""}"#.utf8.count + size

        let result = try Self.scan([path], in: directory)
        #expect(result.documents.map(\.document.id) == ["first", "last"])
        let error = try #require(result.rejected.first)
        #expect(result.rejected.count == 1)
        #expect(error.line == 2)
        #expect(error.reason == .tooLarge)
        #expect(error.field == "text")
        #expect(error.message.contains("\(lineLength) bytes"), "\(error.message)")
        try Self.expectAccounting(result, out: "out", in: directory)
        #expect(ScanTests.lines(try directory.read("out/clean.jsonl")).count == 2)
    }

    @Test("a text over maxTextBytes is rejected as too_large naming the field; a .txt file too")
    func textLimit() throws {
        let directory = try ScanTestDirectory()
        let long = Self.story(6, words: 400)
        let short = Self.story(7, words: 60)
        let path = try directory.write(
            #"{"id": "long", "body": \#(ScanTestCorpus.json(long))}"# + "\n"
                + #"{"id": "short", "body": \#(ScanTestCorpus.json(short))}"# + "\n", to: "limit.jsonl")
        try FileManager.default.createDirectory(atPath: directory.file("texts"), withIntermediateDirectories: true)
        try directory.write(long, to: "texts/long.txt")
        try directory.write(short, to: "texts/short.txt")
        var options = ScanOptions()
        options.fields.text = "body"
        options.maxTextBytes = short.utf8.count + 10
        let result = try Self.scan([path, directory.file("texts")], options: options, in: directory)
        #expect(result.rejected.map(\.reason) == [.tooLarge, .tooLarge])
        #expect(result.rejected.map(\.field) == ["body", "body"])
        #expect(result.rejected.map(\.file) == [path, directory.file("texts/long.txt")])
        #expect(result.documents.map(\.document.id) == ["short", "short.txt"])
        try Self.expectAccounting(result, out: "out", in: directory)
    }

    @Test("onError .fail stops at the first bad line with its InputError")
    func failOnError() throws {
        let directory = try ScanTestDirectory()
        let path = try directory.write(ScanTestCorpus.small().contents, to: "corpus.jsonl")
        let firstBad = try #require(ScanTestCorpus.small().expectedRejections.keys.min())
        for boilerplate in [true, false] {
            var options = ScanOptions()
            options.onError = .fail
            options.boilerplate.isEnabled = boilerplate
            let error = try #require(throws: InputError.self) {
                try CorpusScanner(options: options).scan(CorpusInput(paths: [path]))
            }
            #expect(error.line == firstBad, "boilerplate: \(boilerplate)")
            #expect(error.file == path)
        }
        // A duplicate id is only known on the second reading; it still stops the scan.
        let duplicate = try directory.write(
            #"{"id": 1, "text": \#(ScanTestCorpus.json(Self.story(8)))}"# + "\n"
                + #"{"id": 1, "text": \#(ScanTestCorpus.json(Self.story(9)))}"# + "\n", to: "duplicate.jsonl")
        var options = ScanOptions()
        options.onError = .fail
        let error = try #require(throws: InputError.self) {
            try CorpusScanner(options: options).scan(CorpusInput(paths: [duplicate]))
        }
        #expect(error.reason == .duplicateID)
        #expect(error.line == 2)
    }

    // MARK: - Several files

    @Test("several files: one numbering, copies across files, per-file counts, duplicate ids across files")
    func severalFiles() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.small()
        let half = corpus.lines.count / 2
        let first = try directory.write(corpus.lines[..<half].map { $0 + "\n" }.joined(), to: "a.jsonl")
        let second = try directory.write(
            corpus.lines[half...].map { $0 + "\n" }.joined()
                + #"{"id": "story-0", "text": "a second story-0, in the second file, with words"}"# + "\n",
            to: "b.jsonl")
        let whole = try directory.write(corpus.contents, to: "whole.jsonl")
        let split = try Self.scan([first, second], in: directory, out: "split")
        let single = try Self.scan([whole], in: directory, out: "single")

        #expect(split.linesRead == corpus.lines.count + 1)
        #expect(split.inputCounts.map(\.read) == [half, corpus.lines.count - half + 1])
        #expect(split.documents.map(\.document.id) == single.documents.map(\.document.id))
        #expect(split.deduplication.matches.count == single.deduplication.matches.count)
        let duplicate = try #require(split.rejected.last)
        #expect(duplicate.reason == .duplicateID)
        #expect(duplicate.file == second)
        #expect(duplicate.line == corpus.lines.count - half + 1)
        #expect(duplicate.message.contains("of \(first)"), "\(duplicate.message)")
        try Self.expectAccounting(split, out: "split", in: directory)

        // Matches name the file and the line within it; a copy in b.jsonl of an original in a.jsonl is found.
        let matches = try ScanTests.objects(directory.read("split/matches.jsonl"))
        #expect(matches.contains { $0["file"] as? String == second && $0["original_file"] as? String == first })
        for match in matches {
            let file = try #require(match["file"] as? String)
            let line = try #require(match["line"] as? Int)
            let offset = file == first ? 0 : half
            let expected = corpus.lines[offset + line - 1]
            let id = try #require(ScanTests.id(match["id"]))
            #expect(expected.contains(ScanTestCorpus.json(id)), "\(file):\(line)")
        }
        // clean.jsonl is the same corpus either way.
        #expect(try directory.read("split/clean.jsonl") == directory.read("single/clean.jsonl"))
    }

    // MARK: - gzip

    @Test("the same corpus plain, gzipped and in two gzip members gives byte-identical output")
    func gzipInput() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.medium
        let plain = try directory.write(corpus.contents, to: "corpus.jsonl")
        try Self.gzip(plain, to: directory.file("corpus.jsonl.gz"))
        let half = corpus.lines.count / 2
        let a = try directory.write(corpus.lines[..<half].map { $0 + "\n" }.joined(), to: "a.jsonl")
        let b = try directory.write(corpus.lines[half...].map { $0 + "\n" }.joined(), to: "b.jsonl")
        try Self.gzip(a, to: directory.file("a.gz"))
        try Self.gzip(b, to: directory.file("b.gz"))
        let members = try directory.read("a.gz") + directory.read("b.gz")
        // No .gz suffix: recognized by its magic bytes.
        try directory.write(members, to: "members.data")

        var options = ScanOptions()
        options.includeTimings = false
        try Self.scan([plain], options: options, in: directory, out: "plain")
        try Self.scan([directory.file("corpus.jsonl.gz")], options: options, in: directory, out: "gzip")
        let result = try Self.scan([directory.file("members.data")], options: options, in: directory, out: "members")
        #expect(result.inputs.sources.map(\.kind) == [.gzipJSONL])
        let expected = try Self.outputs("plain", in: directory)
        try #require(!(expected["matches.jsonl"] ?? []).isEmpty)
        for out in ["gzip", "members"] {
            let files = try Self.outputs(out, in: directory)
            for name in ["matches.jsonl", "clusters.jsonl", "clean.jsonl", "boilerplate.jsonl"] {
                #expect(files[name] == expected[name], "\(out)/\(name)")
            }
            let rejected = try ScanTests.objects(files["rejected.jsonl"]!).map { $0["line"] as? Int }
            #expect(rejected == (try ScanTests.objects(expected["rejected.jsonl"]!).map { $0["line"] as? Int }))
        }
        try Self.expectAccounting(result, out: "members", in: directory)
    }

    @Test("corrupt or truncated gzip is an error naming the file", arguments: ["corrupt", "truncated", "empty"])
    func corruptGzip(damage: String) throws {
        let directory = try ScanTestDirectory()
        let plain = try directory.write(ScanTestCorpus.small().contents, to: "corpus.jsonl")
        let path = directory.file("corpus.jsonl.gz")
        try Self.gzip(plain, to: path)
        var bytes = try directory.read("corpus.jsonl.gz")
        switch damage {
        case "corrupt":
            for index in stride(from: bytes.count / 3, to: bytes.count / 3 + 64, by: 1) { bytes[index] ^= 0x5A }
        case "truncated": bytes.removeLast(bytes.count / 2)
        default: bytes = []
        }
        try directory.write(bytes, to: "corpus.jsonl.gz")
        var options = ScanOptions()
        options.boilerplate.isEnabled = damage != "truncated"
        let error = try #require(throws: FileError.self) {
            try CorpusScanner(options: options).scan(CorpusInput(paths: [path]))
        }
        #expect(error.path == path)
        #expect(error.description.contains("gzip"), "\(error)")
    }

    // MARK: - Directories of .txt files

    @Test("a directory of .txt files: ids, sources, byte order, nested folders, bad and empty files")
    func textDirectory() throws {
        let directory = try ScanTestDirectory()
        let root = directory.file("site")
        for folder in ["world/2026", "sports", "bad", "Zeta"] {
            try FileManager.default.createDirectory(
                atPath: (root as NSString).appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let world = Self.story(10)
        try directory.write(Self.story(11), to: "site/top.txt")
        try directory.write(world, to: "site/world/rates.txt")
        try directory.write(world, to: "site/world/2026/rates-copy.txt")
        try directory.write(Self.story(12), to: "site/sports/final.txt")
        try directory.write(Self.story(13), to: "site/Zeta/upper.txt")
        try directory.write(Array("caf".utf8) + [0xE9, 0x20] + Array(Self.story(14).utf8), to: "site/bad/latin1.txt")
        try directory.write("", to: "site/bad/empty.txt")
        try directory.write("not a text file", to: "site/notes.md")

        let result = try Self.scan([root], in: directory)
        let ids = [
            "Zeta/upper.txt", "bad/empty.txt", "bad/latin1.txt", "sports/final.txt", "top.txt",
            "world/2026/rates-copy.txt", "world/rates.txt",
        ]
        guard case .textDirectory(let files) = result.inputs.sources.first?.kind else {
            Issue.record("not a text directory")
            return
        }
        #expect(files == ids)
        #expect(result.linesRead == ids.count)
        #expect(result.rejected.map(\.file) == [root + "/bad/empty.txt", root + "/bad/latin1.txt"])
        #expect(result.rejected.map(\.reason) == [.emptyText, .invalidUTF8])
        #expect(result.documents.map(\.document.id.description) == ids.filter { !$0.hasPrefix("bad/") })
        let copy = try #require(result.deduplication.matches.first)
        #expect(result.deduplication.matches.count == 1)
        #expect(result.documents[copy.copy].document.id == "world/rates.txt")
        #expect(result.documents[copy.original].document.id == "world/2026/rates-copy.txt")
        #expect(copy.verdict.kind == .exact)
        #expect(!copy.verdict.crossSource, "both are in world/")
        try Self.expectAccounting(result, out: "out", in: directory)

        let clean = try ScanTests.objects(directory.read("out/clean.jsonl"))
        #expect(clean.map { $0["id"] as? String } == ["Zeta/upper.txt", "sports/final.txt", "top.txt",
            "world/2026/rates-copy.txt"])
        #expect(clean.map { $0["source"] as? String } == ["Zeta", "sports", nil, "world"])
        #expect(clean[1]["text"] as? String == Self.story(12))
        #expect(clean.allSatisfy { Set($0.keys) == ["id", "source", "text"] })
        let matches = try ScanTests.objects(directory.read("out/matches.jsonl"))
        #expect(matches.first?["line"] as? Int == 1)
    }

    // MARK: - Determinism

    @Test("gzip, .txt directory and several inputs give byte-identical output for 1, 2 and 4 threads")
    func threadsDoNotChangeOutput() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.medium
        let half = corpus.lines.count / 2
        let a = try directory.write(corpus.lines[..<half].map { $0 + "\n" }.joined(), to: "a.jsonl")
        let b = try directory.write(corpus.lines[half...].map { $0 + "\n" }.joined(), to: "b.jsonl")
        try Self.gzip(b, to: directory.file("b.jsonl.gz"))
        for index in 0..<30 {
            let folder = ["world", "sports", "local"][index % 3]
            try FileManager.default.createDirectory(
                atPath: directory.file("texts/\(folder)"), withIntermediateDirectories: true)
            try directory.write(Self.story(UInt64(100 + index % 20), words: 80), to: "texts/\(folder)/\(index).txt")
        }
        var outputs: [[String: [UInt8]]] = []
        for threads in [1, 2, 4] {
            var options = ScanOptions()
            options.threads = threads
            options.includeTimings = false
            try Self.scan(
                [a, directory.file("b.jsonl.gz"), directory.file("texts")], options: options, in: directory,
                out: "out-\(threads)")
            outputs.append(try Self.outputs("out-\(threads)", in: directory))
        }
        try #require(!(outputs[0]["matches.jsonl"] ?? []).isEmpty)
        for name in ScanTests.outputFiles {
            #expect(outputs[1][name] == outputs[0][name], "\(name), 2 threads")
            #expect(outputs[2][name] == outputs[0][name], "\(name), 4 threads")
        }
    }

    // MARK: - Atomic output

    @Test("a write that fails leaves the previous output as it was and no temporary file")
    func failedWriteKeepsPreviousOutput() throws {
        let directory = try ScanTestDirectory()
        var options = ScanOptions()
        options.includeTimings = false
        let path = try directory.write(ScanTestCorpus.small().contents, to: "corpus.jsonl")
        try Self.scan([path], options: options, in: directory)
        let previous = try Self.outputs("out", in: directory)

        // The input is gone when the output re-reads it: the write fails half-way, after three files.
        let result = try CorpusScanner(options: options).scan(CorpusInput(paths: [path]))
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: FileError.self) { try ScanOutput(directory: directory.file("out")).write(result) }
        #expect(try Self.outputs("out", in: directory) == previous)
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: directory.file("out")))
                == Set(ScanTests.outputFiles))

        // The output directory cannot be made: nothing is written.
        try directory.write("a file", to: "blocked")
        #expect(throws: (any Error).self) { try ScanOutput(directory: directory.file("blocked")).write(result) }
        #expect(try directory.read("blocked") == Array("a file".utf8))
    }

    @Test("records appended to the input after the scan are not written, and every other line is as before")
    func appendedRecordsAreNotWritten() throws {
        let directory = try ScanTestDirectory()
        var options = ScanOptions()
        options.includeTimings = false
        let corpus = ScanTestCorpus.small().contents
        let path = try directory.write(corpus, to: "corpus.jsonl")
        let result = try CorpusScanner(options: options).scan(CorpusInput(paths: [path]))
        try ScanOutput(directory: directory.file("before")).write(result)

        // A line that would be kept, appended once the scan is done: the write pass reads past the scanned records.
        let extra = #"{"id":"appended","text":"A story nobody scanned, about a harbour, a ferry and a storm."}"#
        try directory.write(corpus + extra + "\n", to: "corpus.jsonl")
        try ScanOutput(directory: directory.file("after")).write(result)
        for name in ["clean.jsonl", "boilerplate.jsonl", "matches.jsonl", "clusters.jsonl", "summary.json"] {
            #expect(try directory.read("after/\(name)") == directory.read("before/\(name)"), "\(name)")
        }
        #expect(!String(decoding: try directory.read("after/clean.jsonl"), as: UTF8.self).contains("appended"))
    }

    // MARK: - Progress

    @Test("progress goes through the phases in order and ends with every record and byte read")
    func progressReports() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.batchCrossing
        let path = try directory.write(corpus.contents, to: "corpus.jsonl")
        let inputs = try CorpusInput(paths: [path])
        var reports: [ScanProgress] = []
        let result = try CorpusScanner().scan(inputs) { reports.append($0) }
        try ScanOutput(directory: directory.file("out")).write(result) { reports.append($0) }

        let size = try #require(inputs.totalBytes)
        #expect(size == corpus.contents.utf8.count)
        var phases: [ScanProgress.Phase] = []
        for report in reports where phases.last != report.phase { phases.append(report.phase) }
        #expect(phases == [.learningBoilerplate, .fingerprinting, .matching, .writing])
        for phase in [ScanProgress.Phase.learningBoilerplate, .fingerprinting, .writing] {
            let inPhase = reports.filter { $0.phase == phase }
            #expect(inPhase.map(\.done) == inPhase.map(\.done).sorted(), "\(phase)")
            #expect(inPhase.last?.done == corpus.lines.count, "\(phase)")
            #expect(inPhase.last?.bytesRead == size, "\(phase)")
            #expect(inPhase.allSatisfy { $0.totalBytes == size && $0.copies == nil })
        }
        let matching = reports.filter { $0.phase == .matching }
        #expect(matching.last?.copies == result.deduplication.matches.count)
        #expect(matching.last?.done == result.documents.count)
    }
}
