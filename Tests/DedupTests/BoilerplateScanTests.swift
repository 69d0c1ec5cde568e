import Dedup
import Foundation
import Testing

/// The multi-site corpus written to a JSONL file and run through ``CorpusScanner`` and ``ScanOutput``.
@Suite("Boilerplate through a corpus scan")
struct BoilerplateScanTests {
    static let corpus = BoilerplateCorpus.shared

    /// A finished scan and its output directory.
    struct Scan {
        var input: String
        var output: String
        var result: ScanResult

        func lines(_ name: String) throws -> [String] {
            let text = try String(contentsOfFile: (output as NSString).appendingPathComponent(name), encoding: .utf8)
            return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        }

        func records(_ name: String) throws -> [[String: Any]] {
            try lines(name).map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
        }

        func document(_ id: String) throws -> ScannedDocument {
            try #require(result.documents.first { $0.document.id == .string(id) })
        }
    }

    /// Scans the corpus with boilerplate detection on or off, then runs `body` and removes the files.
    func withScan<T>(boilerplate: Bool = true, _ body: (Scan) throws -> T) throws -> T {
        let input = try Self.corpus.writeJSONL()
        let directory = (input as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = ScanOptions()
        options.boilerplate.isEnabled = boilerplate
        options.includeTimings = false
        options.threads = 2
        let result = try CorpusScanner(options: options).scan(path: input)
        let output = (directory as NSString).appendingPathComponent("out")
        try ScanOutput(directory: output).write(result)
        return try body(Scan(input: input, output: output, result: result))
    }

    /// The copies the corpus holds: syndicated copies and reprints, each with the page it copies.
    static var expectedCopies: [String: String] {
        var copies: [String: String] = [:]
        for page in corpus.pages where page.id != page.storyID {
            copies[page.id] = page.storyID.hasPrefix("wire-") ? page.storyID : "tillford-5"
        }
        return copies
    }

    @Test("The corpus file is read whole")
    func readsEverything() throws {
        try withScan { scan in
            #expect(scan.result.rejected.isEmpty)
            #expect(scan.result.documents.count == Self.corpus.pages.count)
            #expect(scan.result.documents.map(\.document.id) == Self.corpus.pages.map { .string($0.id) })
        }
    }

    @Test("Syndicated copies under other sites' chrome match the wire story, across sources")
    func syndicatedCopies() throws {
        try withScan { scan in
            let matches = try scan.records("matches.jsonl")
            let byID = Dictionary(uniqueKeysWithValues: matches.map { ($0["id"] as! String, $0) })
            let copies = Self.corpus.pages.filter { $0.storyID.hasPrefix("wire-") && $0.id != $0.storyID }
            #expect(copies.count == 5)
            for copy in copies {
                let match = try #require(byID[copy.id], "\(copy.id) is not matched")
                #expect(match["original"] as? String == copy.storyID)
                #expect(match["cross_source"] as? Bool == true)
                #expect(match["kind"] as? String == "exact")
                #expect(match["attribution"] as? String == BoilerplateCorpus.wire)
            }
            let clusters = try scan.records("clusters.jsonl")
            let wire = try #require(clusters.first { $0["canonical"] as? String == "wire-0" })
            #expect(
                Set(wire["members"] as? [String] ?? [])
                    == ["wire-0", "saltmarsh-13", "tillford-11", "ridgeline-10"])
        }
    }

    @Test("Only pages of one story are matched: never two different stories of one site")
    func noDifferentStoriesMatched() throws {
        let storyOf = Dictionary(uniqueKeysWithValues: Self.corpus.pages.map { ($0.id, $0.storyID) })
        let siteOf = Dictionary(uniqueKeysWithValues: Self.corpus.pages.map { ($0.id, $0.site) })
        try withScan { scan in
            var matched: [String: String] = [:]
            for match in try scan.records("matches.jsonl") {
                let id = try #require(match["id"] as? String)
                let original = try #require(match["original"] as? String)
                matched[id] = original
                #expect(storyOf[id] == storyOf[original], "\(id) matched \(original)")
                if siteOf[id] == siteOf[original] {
                    #expect(match["cross_source"] as? Bool == false)
                }
            }
            #expect(matched == Self.expectedCopies)
        }
    }

    @Test("boilerplate.jsonl lists every removed line with its 1-based number, reason and text")
    func boilerplateFile() throws {
        try withScan { scan in
            let records = try scan.records("boilerplate.jsonl")
            let byID = Dictionary(uniqueKeysWithValues: records.map { ($0["id"] as! String, $0) })
            for (offset, page) in Self.corpus.pages.enumerated() {
                let expected = page.expectedRemovals
                guard let record = byID[page.id] else {
                    #expect(expected.isEmpty, "\(page.id) has no boilerplate record")
                    continue
                }
                #expect(record["line"] as? Int == offset + 1)
                let blocks = try #require(record["blocks"] as? [[String: Any]])
                let textLines = page.text.split(separator: "\n", omittingEmptySubsequences: false)
                var observed: [BoilerplateCorpus.Removal] = []
                for block in blocks {
                    let first = try #require(block["first_line"] as? Int)
                    let last = try #require(block["last_line"] as? Int)
                    let reason = try #require((block["reason"] as? String).flatMap(BoilerplateReason.init(rawValue:)))
                    #expect(first == last)
                    #expect(block["text"] as? String == String(textLines[first - 1]), "\(page.id) line \(first)")
                    #expect(!(block["detail"] as? String ?? "").isEmpty)
                    observed.append(.init(line: first, reason: reason))
                }
                #expect(observed == expected, "\(page.id)")
            }
            #expect(records.count == Self.corpus.pages.filter { !$0.expectedRemovals.isEmpty }.count)
        }
    }

    @Test("clean.jsonl carries the kept documents without their chrome, every other byte as it was")
    func cleanFile() throws {
        try withScan { scan in
            let copies = Self.expectedCopies
            let kept = Self.corpus.pages.filter { copies[$0.id] == nil }
            let lines = try scan.lines("clean.jsonl")
            #expect(lines.count == kept.count)
            for (line, page) in zip(lines, kept) {
                if page.expectedRemovals.isEmpty {
                    #expect(line == page.jsonLine, "\(page.id)")
                    continue
                }
                let bytes = Array(line.utf8)
                let prefix = Array(page.jsonPrefix.utf8)
                let suffix = Array(page.jsonSuffix.utf8)
                #expect(bytes.starts(with: prefix), "\(page.id)")
                #expect(bytes.reversed().starts(with: suffix.reversed()), "\(page.id)")
                guard bytes.count >= prefix.count + suffix.count else { continue }
                let value = Data(bytes[prefix.count..<(bytes.count - suffix.count)])
                let text = try JSONDecoder().decode([String].self, from: Data("[".utf8) + value + Data("]".utf8))
                #expect(text == [page.cleanedText], "\(page.id)")
            }
        }
    }

    @Test("Scanned documents carry the removed blocks")
    func scannedDocuments() throws {
        try withScan { scan in
            for page in Self.corpus.pages {
                let document = try scan.document(page.id)
                #expect(
                    document.removed.map { BoilerplateCorpus.Removal(line: $0.firstLine, reason: $0.reason) }
                        == page.expectedRemovals, "\(page.id)")
            }
        }
    }

    @Test("Scanned documents carry the origin they name themselves")
    func scannedAttribution() throws {
        try withScan { scan in
            var wrong: [String] = []
            for page in Self.corpus.pages {
                let attribution = try scan.document(page.id).document.attribution
                if attribution != page.attribution {
                    wrong.append("\(page.id): \(attribution ?? "nil"), expected \(page.attribution ?? "nil")")
                }
            }
            #expect(wrong.isEmpty, "\(wrong.joined(separator: "; "))")
        }
    }

    @Test("Without boilerplate removal two different stories of one site look more alike")
    func chromeMatters() throws {
        let similarity: (Bool) throws -> Double = { enabled in
            try withScan(boilerplate: enabled) { scan in
                let six = try scan.document("saltmarsh-6").document.fingerprint.signature
                let seven = try scan.document("saltmarsh-7").document.fingerprint.signature
                return try six.jaccard(with: seven)
            }
        }
        let with = try similarity(true)
        let without = try similarity(false)
        #expect(with < 0.1)
        #expect(without >= with + 0.1, "Jaccard \(without) without removal, \(with) with")
    }

    @Test("Without boilerplate removal nothing is reported and clean.jsonl is the input's kept lines")
    func disabledOutput() throws {
        try withScan(boilerplate: false) { scan in
            #expect(try scan.lines("boilerplate.jsonl").isEmpty)
            #expect(scan.result.documents.allSatisfy { $0.removed.isEmpty })
            let keptIDs = Set(try scan.records("clean.jsonl").compactMap { $0["id"] as? String })
            for line in try scan.lines("clean.jsonl") {
                #expect(Self.corpus.pages.contains { $0.jsonLine == line })
            }
            #expect(keptIDs.count == (try scan.lines("clean.jsonl")).count)
        }
    }
}
