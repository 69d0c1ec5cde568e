import Dedup
import Foundation
import Testing

/// ``CorpusScanner`` and ``ScanOutput`` on JSONL files written for the test: the output contract.
@Suite("Corpus scan and output")
struct ScanTests {
    static let outputFiles = [
        "matches.jsonl", "clusters.jsonl", "clean.jsonl", "boilerplate.jsonl", "rejected.jsonl", "summary.json",
    ]

    /// Scans `corpus` and writes the output into `out` under `directory`.
    static func scan(
        _ corpus: ScanTestCorpus, options: ScanOptions = ScanOptions(), in directory: ScanTestDirectory,
        out: String = "out"
    ) throws -> ScanResult {
        let input = try directory.write(corpus.contents, to: "corpus.jsonl")
        let result = try CorpusScanner(options: options).scan(path: input)
        try ScanOutput(directory: directory.file(out)).write(result)
        return result
    }

    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last == [] { lines.removeLast() }
        return lines
    }

    static func objects(_ bytes: [UInt8]) throws -> [[String: Any]] {
        try lines(bytes).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        }
    }

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    /// An id as written in the output: a JSON string or a JSON integer.
    static func id(_ value: Any?) -> ArticleID? {
        if let string = value as? String { return .string(string) }
        if let number = value as? NSNumber, !(value is Bool), let integer = Int64(exactly: number.doubleValue) {
            return .integer(integer)
        }
        return nil
    }

    // MARK: - Files and fields

    @Test("the output directory has every file, with the documented fields")
    func filesAndFields() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.small()
        let result = try Self.scan(corpus, in: directory, out: "nested/out")
        let out = "nested/out/"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.file("nested/out"))
        #expect(Set(names) == Set(Self.outputFiles), "no temporary files are left behind")

        let matches = try Self.objects(directory.read(out + "matches.jsonl"))
        try #require(!matches.isEmpty)
        let kinds = Set(CopyKind.allCases.map(\.rawValue))
        for match in matches {
            #expect(Self.id(match["id"]) != nil)
            #expect(Self.id(match["original"]) != nil)
            #expect(kinds.contains(match["kind"] as? String ?? ""))
            #expect(match["cross_source"] is Bool)
            for score in ["jaccard", "containment", "containment_of_copy", "containment_of_original"] {
                let value = try #require(match[score] as? Double, "\(score)")
                #expect(value >= 0 && value <= 1)
            }
            #expect(["copy", "original", "equal"].contains(match["shorter"] as? String ?? ""))
            #expect((match["line"] as? Int).map { 1...corpus.lines.count ~= $0 } == true)
            #expect((match["original_line"] as? Int).map { 1...corpus.lines.count ~= $0 } == true)
        }

        let clusters = try Self.objects(directory.read(out + "clusters.jsonl"))
        #expect(clusters.map { $0["cluster"] as? Int } == Array(1...clusters.count))
        for cluster in clusters {
            let members = try #require(cluster["members"] as? [Any])
            #expect(members.count >= 2)
            #expect(Self.id(members.first) == Self.id(cluster["canonical"]))
        }

        let rejected = try Self.objects(directory.read(out + "rejected.jsonl"))
        #expect(rejected.count == result.rejected.count)
        let reasons = Set(corpus.expectedRejections.values.map(\.rawValue))
        for line in rejected {
            #expect(line["file"] as? String == result.input)
            #expect(line["line"] is Int)
            #expect(line["field"] is String || line["field"] is NSNull)
            #expect(reasons.contains(line["reason"] as? String ?? ""))
            #expect(!(line["message"] as? String ?? "").isEmpty)
        }
        #expect(rejected.map { $0["line"] as? Int } == rejected.map { $0["line"] as? Int }.sorted { $0! < $1! })

        let summary = try Self.object(directory.read(out + "summary.json"))
        for key in [
            "input", "read", "documents", "kept", "copies", "clusters", "rejected", "rejected_by_reason",
            "candidates_verified", "settings",
        ] {
            #expect(summary[key] != nil, "summary.\(key)")
        }
        let copies = try #require(summary["copies"] as? [String: Any])
        for key in ["total", "exact", "near_duplicate", "contained", "cross_source"] {
            #expect(copies[key] is Int, "summary.copies.\(key)")
        }
        let settings = try #require(summary["settings"] as? [String: Any])
        for key in [
            "scheme", "signature_length", "seed", "shingle_size", "near_duplicate_threshold", "containment_threshold",
            "minimum_contained_ratio", "template_rule", "lsh_bands", "lsh_rows",
        ] {
            #expect(settings[key] != nil, "summary.settings.\(key)")
        }
        #expect(settings["signature_length"] as? Int == ScanOptions().settings.length)
        #expect(settings["shingle_size"] as? Int == ScanOptions().settings.shingleSize)
        #expect(settings["lsh_bands"] as? Int == ScanOptions().effectiveLSH.bands)
        #expect(settings["lsh_rows"] as? Int == ScanOptions().effectiveLSH.rows)
    }

    @Test("integer ids stay integers and string ids stay strings in every output file")
    func idTypesArePreserved() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.small()
        let result = try Self.scan(corpus, in: directory)
        let idOfLine = Dictionary(uniqueKeysWithValues: result.documents.map { ($0.line, $0.document.id) })
        #expect(idOfLine.values.contains { if case .integer = $0 { true } else { false } })

        for match in try Self.objects(directory.read("out/matches.jsonl")) {
            #expect(Self.id(match["id"]) == idOfLine[match["line"] as? Int ?? 0])
            #expect(Self.id(match["original"]) == idOfLine[match["original_line"] as? Int ?? 0])
        }
        let integerCopies = result.deduplication.matches.filter {
            if case .integer = result.documents[$0.copy].document.id { true } else { false }
        }
        try #require(!integerCopies.isEmpty)
        let raw = Self.lines(try directory.read("out/matches.jsonl")).map { String(decoding: $0, as: UTF8.self) }
        for match in integerCopies {
            #expect(raw.contains { $0.hasPrefix("{\"id\":\(result.documents[match.copy].document.id),") })
        }
        for cluster in try Self.objects(directory.read("out/clusters.jsonl")) {
            for member in try #require(cluster["members"] as? [Any]) {
                #expect(Self.id(member).map { idOfLine.values.contains($0) } == true)
            }
        }
    }

    // MARK: - Accounting

    @Test("every input line is kept, a copy, or rejected, exactly once")
    func everyLineAccountedFor() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.small()
        let result = try Self.scan(corpus, in: directory)
        let dedup = result.deduplication
        #expect(result.linesRead == corpus.lines.count)
        #expect(result.kept + dedup.matches.count + result.rejected.count == result.linesRead)
        #expect(result.documents.count + result.rejected.count == result.linesRead)

        let kept = result.documents.indices.filter { dedup.canonicalOf[$0] == $0 }.map { result.documents[$0].line }
        let copies = dedup.matches.map { result.documents[$0.copy].line }
        let rejected = result.rejected.map(\.line)
        #expect(kept.count == result.kept)
        #expect((kept + copies + rejected).sorted() == Array(1...corpus.lines.count))
    }

    @Test("bad lines are rejected with their reason; duplicate ids point at the first line")
    func rejections() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.small()
        let result = try Self.scan(corpus, in: directory)
        let byLine = Dictionary(uniqueKeysWithValues: result.rejected.map { ($0.line, $0) })
        #expect(Set(byLine.keys) == Set(corpus.expectedRejections.keys))
        for (line, reason) in corpus.expectedRejections {
            #expect(byLine[line]?.reason == reason, "line \(line)")
            #expect(byLine[line]?.file == result.input)
        }
        try #require(!corpus.expectedDuplicates.isEmpty)
        for (line, first) in corpus.expectedDuplicates {
            let error = try #require(byLine[line])
            #expect(error.field == "id")
            #expect(error.message.contains("first on line \(first)"), "\(error.message)")
        }
        // The accepted document with a duplicated id is the first one.
        for (_, first) in corpus.expectedDuplicates {
            #expect(result.documents.contains { $0.line == first })
        }
    }

    @Test("a duplicate id in a later read batch still points at the first line")
    func duplicateAcrossBatches() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.batchCrossing
        try #require(corpus.lines.count > 2_048)
        var options = ScanOptions()
        options.threads = 2
        let result = try Self.scan(corpus, options: options, in: directory)
        let last = corpus.lines.count
        let first = try #require(corpus.expectedDuplicates[last])
        let error = try #require(result.rejected.first { $0.line == last })
        #expect(error.reason == .duplicateID)
        #expect(error.message.contains("first on line \(first)"))
        #expect(result.linesRead == corpus.lines.count)
        #expect(result.kept + result.deduplication.matches.count + result.rejected.count == result.linesRead)
        #expect(Set(result.rejected.map(\.line)) == Set(corpus.expectedRejections.keys))
    }

    // MARK: - clean.jsonl

    @Test("without boilerplate removal, clean.jsonl is exactly the kept input lines, byte for byte")
    func cleanIsKeptLines() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.small()
        var options = ScanOptions()
        options.boilerplate.isEnabled = false
        let result = try Self.scan(corpus, options: options, in: directory)
        #expect(result.documents.allSatisfy { $0.removed.isEmpty })

        // Kept lines, as the other output files tell them: neither a copy in matches.jsonl nor in rejected.jsonl.
        let copyLines = Set(try Self.objects(directory.read("out/matches.jsonl")).compactMap { $0["line"] as? Int })
        let rejectedLines = Set(
            try Self.objects(directory.read("out/rejected.jsonl")).compactMap { $0["line"] as? Int })
        let input = Self.lines(try directory.read("corpus.jsonl"))
        var expected: [UInt8] = []
        for (offset, line) in input.enumerated()
        where !copyLines.contains(offset + 1) && !rejectedLines.contains(offset + 1) {
            expected += line + [0x0A]
        }
        let clean = try directory.read("out/clean.jsonl")
        #expect(clean == expected)
        #expect(Self.lines(clean).count == result.kept)
        #expect(try directory.read("out/boilerplate.jsonl").isEmpty)
    }

    @Test("with boilerplate removal, a kept line changes only in its removed text lines")
    func cleanKeepsOtherFields() throws {
        let directory = try ScanTestDirectory()
        var corpus = ScanTestCorpus()
        // One site whose every page carries the same chrome, so that the chrome is learned and removed.
        for index in 0..<8 {
            var prose = MatchingProse(seed: 6_000 + UInt64(index))
            let story = prose.story(minimumWords: 200)
            let text =
                "By the Harbor Gazette news desk\n" + story.body
                + "\nShare this story: Facebook | X | Email\nCopyright 2026 Harbor Gazette. All rights reserved."
            corpus.document(
                index % 2 == 0 ? .integer(Int64(900 + index)) : .string("g-\(index)"), text: text,
                title: story.headline, source: "Harbor Gazette", day: index,
                extra: #""section": "Local", "wordcount": 2.5e2, "tags": ["a", {"b": [1, 2]}]"#, style: index)
        }
        let result = try Self.scan(corpus, in: directory)
        let input = Self.lines(try directory.read("corpus.jsonl"))
        let clean = Self.lines(try directory.read("out/clean.jsonl"))
        try #require(clean.count == result.kept)
        let kept = result.documents.indices.filter { result.deduplication.canonicalOf[$0] == $0 }
        let withRemovals = kept.filter { !result.documents[$0].removed.isEmpty }
        try #require(!withRemovals.isEmpty)
        for (cleanLine, position) in zip(clean, kept) {
            let scanned = result.documents[position]
            let original = input[scanned.line - 1]
            guard !scanned.removed.isEmpty else {
                #expect(cleanLine == original)
                continue
            }
            var before = try Self.object(original)
            let after = try Self.object(cleanLine)
            let text = try #require(before["text"] as? String)
            var removedLines = Set<Int>()
            for block in scanned.removed { removedLines.formUnion(block.firstLine...block.lastLine) }
            let expectedText = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { !removedLines.contains($0.offset + 1) }.map(\.element).joined(separator: "\n")
            #expect(after["text"] as? String == expectedText)
            #expect(expectedText != text)
            before["text"] = expectedText
            #expect(NSDictionary(dictionary: before).isEqual(to: after), "line \(scanned.line)")

            // Every byte around the text value is as it was.
            let originalString = String(decoding: original, as: UTF8.self)
            let cleanString = String(decoding: cleanLine, as: UTF8.self)
            let value = try #require(originalString.range(of: ScanTestCorpus.json(text)))
            #expect(cleanString.hasPrefix(originalString[..<value.lowerBound]))
            #expect(cleanString.hasSuffix(originalString[value.upperBound...]))
        }
    }

    // MARK: - Determinism and summary

    @Test("the output is byte-identical for 1, 2 and 4 threads")
    func threadsDoNotChangeOutput() throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.medium
        var outputs: [[String: [UInt8]]] = []
        for threads in [1, 2, 4] {
            var options = ScanOptions()
            options.threads = threads
            options.includeTimings = false
            _ = try Self.scan(corpus, options: options, in: directory, out: "out-\(threads)")
            var files: [String: [UInt8]] = [:]
            for name in Self.outputFiles { files[name] = try directory.read("out-\(threads)/\(name)") }
            outputs.append(files)
        }
        try #require(!(outputs[0]["matches.jsonl"] ?? []).isEmpty)
        for name in Self.outputFiles {
            #expect(outputs[1][name] == outputs[0][name], "\(name), 2 threads")
            #expect(outputs[2][name] == outputs[0][name], "\(name), 4 threads")
        }
        #expect(try Self.object(outputs[0]["summary.json"]!)["timings"] == nil)
    }

    @Test("summary.json carries timings only when asked")
    func timings() throws {
        let directory = try ScanTestDirectory()
        var options = ScanOptions()
        options.includeTimings = true
        _ = try Self.scan(ScanTestCorpus.small(), options: options, in: directory)
        let timings = try #require(try Self.object(directory.read("out/summary.json"))["timings"] as? [String: Any])
        #expect(!timings.isEmpty)
        #expect(timings.values.allSatisfy { ($0 as? Double).map { $0 >= 0 } == true })
    }

    @Test("summary.json counts agree with the other files", arguments: [false, true])
    func summaryAgreesWithFiles(large: Bool) throws {
        let directory = try ScanTestDirectory()
        let corpus = large ? ScanTestCorpus.medium : ScanTestCorpus.small()
        let result = try Self.scan(corpus, in: directory)
        let summary = try Self.object(directory.read("out/summary.json"))
        let matches = try Self.objects(directory.read("out/matches.jsonl"))
        let clusters = try Self.objects(directory.read("out/clusters.jsonl"))
        let rejected = try Self.objects(directory.read("out/rejected.jsonl"))
        let clean = Self.lines(try directory.read("out/clean.jsonl"))

        #expect(summary["input"] as? String == result.input)
        #expect(summary["read"] as? Int == corpus.lines.count)
        #expect(summary["documents"] as? Int == corpus.lines.count - rejected.count)
        #expect(summary["kept"] as? Int == clean.count)
        #expect(summary["clusters"] as? Int == clusters.count)
        #expect(summary["rejected"] as? Int == rejected.count)
        let copies = try #require(summary["copies"] as? [String: Any])
        #expect(copies["total"] as? Int == matches.count)
        for kind in CopyKind.allCases {
            #expect(copies[kind.rawValue] as? Int == matches.filter { $0["kind"] as? String == kind.rawValue }.count)
        }
        #expect(copies["cross_source"] as? Int == matches.filter { $0["cross_source"] as? Bool == true }.count)
        let byReason = try #require(summary["rejected_by_reason"] as? [String: Any])
        var counted: [String: Int] = [:]
        for line in rejected { counted[line["reason"] as? String ?? "?", default: 0] += 1 }
        #expect(byReason.mapValues { $0 as? Int } == counted.mapValues { Optional($0) })
        // Clusters hold every copy once, next to its original.
        let memberCount = clusters.reduce(0) { $0 + (($1["members"] as? [Any])?.count ?? 0) }
        #expect(memberCount == matches.count + clusters.count)
        #expect((summary["kept"] as? Int ?? 0) + matches.count + rejected.count == corpus.lines.count)
        #expect((summary["candidates_verified"] as? Int ?? -1) >= matches.count)
    }

    // MARK: - Verdicts on planted copies

    @Test("planted copies are found with the right original, kind and cross-source flag", arguments: [false, true])
    func plantedCopies(boilerplateRemoval: Bool) throws {
        let directory = try ScanTestDirectory()
        let corpus = ScanTestCorpus.small()
        var options = ScanOptions()
        options.boilerplate.isEnabled = boilerplateRemoval
        let result = try Self.scan(corpus, options: options, in: directory)
        let documents = result.documents
        let matchByLine = Dictionary(
            uniqueKeysWithValues: result.deduplication.matches.map { (documents[$0.copy].line, $0) })
        try #require(corpus.plantedCopies.count == 5)
        for planted in corpus.plantedCopies {
            let match = try #require(matchByLine[planted.copy], "line \(planted.copy)")
            #expect(documents[match.original].line == planted.original, "line \(planted.copy)")
            #expect(match.verdict.kind == planted.kind, "line \(planted.copy)")
            let copySite = documents[match.copy].document.site
            let originalSite = documents[match.original].document.site
            #expect(match.verdict.crossSource == (copySite != nil && originalSite != nil && copySite != originalSite))
        }
        #expect(result.deduplication.matches.count == corpus.plantedCopies.count)
        #expect(result.deduplication.matches.contains { $0.verdict.crossSource })
        let contained = result.deduplication.matches.filter { $0.verdict.kind == .contained }
        #expect(Set(contained.map(\.verdict.scores.shorter)) == [.copy, .original])
    }

    // MARK: - Failures

    @Test("a missing input file throws")
    func missingInput() throws {
        let directory = try ScanTestDirectory()
        #expect(throws: (any Error).self) { try CorpusScanner().scan(path: directory.file("absent.jsonl")) }
    }

    @Test("writing twice into the same directory replaces the files with the same bytes")
    func rewrite() throws {
        let directory = try ScanTestDirectory()
        var options = ScanOptions()
        options.includeTimings = false
        let result = try Self.scan(ScanTestCorpus.small(), options: options, in: directory)
        let first = try Self.outputFiles.map { try directory.read("out/\($0)") }
        try ScanOutput(directory: directory.file("out")).write(result)
        #expect(try Self.outputFiles.map { try directory.read("out/\($0)") } == first)
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: directory.file("out"))) == Set(Self.outputFiles))
    }
}
