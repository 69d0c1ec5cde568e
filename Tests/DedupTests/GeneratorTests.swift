import Dedup
import Foundation
import Testing

/// The generator's output as a stream: determinism, sizes, ids, times, fields, files and settings.
@Suite("Corpus generator output")
struct GeneratorTests {
    /// The corpus and truth lines of `settings`, as bytes.
    static func lines(_ settings: GeneratorSettings) throws -> (corpus: [UInt8], truth: [UInt8]) {
        var corpus: [UInt8] = []
        var truth: [UInt8] = []
        try CorpusGenerator(settings: settings).generateLines(
            documents: { corpus.append(contentsOf: $0) }, truth: { truth.append(contentsOf: $0) })
        return (corpus, truth)
    }

    static func jsonLines(_ bytes: [UInt8]) throws -> [[String: Any]] {
        try bytes.split(separator: 0x0A).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        }
    }

    @Test("The same seed gives byte-identical corpus and truth; another seed another corpus")
    func determinism() throws {
        var settings = GeneratorSettings(documents: 300, seed: 5)
        settings.noise = 0.2
        let first = try Self.lines(settings)
        let second = try Self.lines(settings)
        #expect(first.corpus == second.corpus)
        #expect(first.truth == second.truth)
        settings.seed = 6
        let other = try Self.lines(settings)
        #expect(other.corpus != first.corpus)
        #expect(other.truth != first.truth)
        // Not only the names: the stories differ too.
        let firstTexts = Set(try Self.jsonLines(first.corpus).compactMap { $0["text"] as? String })
        let otherTexts = Set(try Self.jsonLines(other.corpus).compactMap { $0["text"] as? String })
        #expect(firstTexts.isDisjoint(with: otherTexts))
    }

    @Test(
        "N documents give N lines with unique, sequential ids and increasing publication times",
        arguments: [0, 1, 10, 257])
    func streaming(count: Int) throws {
        let (corpus, truth) = try Self.lines(GeneratorSettings(documents: count, seed: 3))
        let documents = try Self.jsonLines(corpus)
        #expect(documents.count == count)
        #expect(corpus.last == (count == 0 ? nil : 0x0A))
        let ids = documents.compactMap { $0["id"] as? String }
        let expected = (1...max(1, count)).prefix(count).map { number -> String in
            let digits = String(number)
            return "d" + String(repeating: "0", count: 7 - digits.count) + digits
        }
        #expect(ids == expected)
        let times = documents.compactMap { ($0["published"] as? String).flatMap { Timestamp(iso8601: $0) } }
        #expect(times.count == count)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        for document in documents {
            for field in ["id", "source", "url", "title", "published", "text"] {
                #expect((document[field] as? String)?.isEmpty == false, "\(field) of \(document["id"] ?? "?")")
            }
            #expect((document["published"] as? String)?.hasSuffix("Z") == true)
            #expect((document["url"] as? String)?.hasPrefix("https://www.") == true)
        }
        let records = try Self.jsonLines(truth)
        #expect(records.first?["type"] as? String == "meta")
        #expect(records.first?["documents"] as? Int == count)
        #expect(records.dropFirst().allSatisfy { ["pair", "boilerplate"].contains($0["type"] as? String) })
    }

    @Test("The JSONL lines and the Article values describe the same documents")
    func linesMatchArticles() throws {
        let settings = GeneratorSettings(documents: 120, seed: 8)
        let (corpus, truth) = try Self.lines(settings)
        let generated = try GeneratorTestCorpus(settings)
        let decoder = ArticleDecoder()
        let decoded = try corpus.split(separator: 0x0A).enumerated().map { index, line in
            try decoder.decode(line, file: "corpus", line: index + 1)
        }
        #expect(decoded == generated.articles)
        let truthLines = truth.split(separator: 0x0A).map { Array($0) + [0x0A] }
        #expect(truthLines == generated.records.map(\.jsonLine))
    }

    @Test("The meta record carries the seed, the size and every setting")
    func metaRecord() throws {
        var settings = GeneratorSettings(documents: 12, seed: 18_446_744_073_709_551_615)
        settings.noise = 0.125
        settings.rates.edit = 0.2
        let line = String(
            decoding: try #require(TruthRecord.meta(settings).jsonLine.split(separator: 0x0A).first), as: UTF8.self)
        #expect(line.hasPrefix(#"{"type":"meta","seed":18446744073709551615,"documents":12,"settings":{"#))
        for fragment in [
            #""sites":8"#, #""wires":2"#, #""words_per_document":600"#, #""edit":0.2"#, #""noise":0.125"#,
            #""same_event":0.03"#, #""start":"2026-01-05T06:00:00Z""#,
        ] {
            #expect(line.contains(fragment), "\(fragment)")
        }
    }

    @Test("Site names are distinct, wires last, and every document's source is one of them")
    func sites() throws {
        var settings = GeneratorSettings(documents: 200, seed: 21)
        settings.sites = 5
        settings.wires = 1
        let generator = try CorpusGenerator(settings: settings)
        #expect(generator.siteNames.count == 5)
        #expect(Set(generator.siteNames.map(SiteName.canonical)).count == 5)
        #expect(generator.wireNames == [generator.siteNames[4]])
        let corpus = try GeneratorTestCorpus(settings)
        #expect(Set(corpus.articles.compactMap(\.source)).isSubset(of: Set(generator.siteNames)))
        // Wire pages carry no chrome but, sometimes, a credit line.
        for article in corpus.articles where article.source == generator.wireNames[0] {
            let chrome = corpus.chrome[article.id.description] ?? []
            #expect(chrome.allSatisfy { $0.reason == .cuePhrase || $0.reason == .attribution })
        }
    }

    @Test("A single site works: no wires, no syndication, still copies")
    func singleSite() throws {
        var settings = GeneratorSettings(documents: 150, seed: 2)
        settings.sites = 1
        let corpus = try GeneratorTestCorpus(settings)
        #expect(corpus.articles.count == 150)
        #expect(corpus.pairs(operation: .syndicate).isEmpty)
        #expect(corpus.pairs(operation: .sameEvent).isEmpty)
        #expect(!corpus.pairs(operation: .reprint).isEmpty)
        #expect(corpus.pairs.allSatisfy { !$0.crossSource })
    }

    @Test("Without operations every document is a new story")
    func noCopies() throws {
        var settings = GeneratorSettings(documents: 100, seed: 4)
        settings.rates = .none
        let corpus = try GeneratorTestCorpus(settings)
        #expect(corpus.pairs.isEmpty)
        #expect(Set(corpus.articles.map(\.text)).count == 100)
    }

    @Test("The copy rate scales the five copy operations and keeps their proportions")
    func copyRate() {
        let rates = CopyRates.standard.withCopyRate(0.48)
        #expect(abs(rates.copies - 0.48) < 1e-12)
        #expect(abs(rates.reprint / rates.edit - CopyRates.standard.reprint / CopyRates.standard.edit) < 1e-12)
        #expect(rates.template == CopyRates.standard.template)
        #expect(abs(CopyRates.none.withCopyRate(0.25).truncate - 0.05) < 1e-12)
    }

    @Test("Settings out of range are refused with the setting's name")
    func validation() {
        func field(_ change: (inout GeneratorSettings) -> Void) -> String? {
            var settings = GeneratorSettings(documents: 10, seed: 1)
            change(&settings)
            do {
                _ = try CorpusGenerator(settings: settings)
                return nil
            } catch {
                return error.field
            }
        }
        #expect(field { _ in } == nil)
        #expect(field { $0.documents = -1 } == "documents")
        #expect(field { $0.sites = 0 } == "sites")
        #expect(field { $0.wires = 8 } == "wires")
        #expect(field { $0.wordsPerDocument = 10 } == "words_per_document")
        #expect(field { $0.noise = 1.5 } == "noise")
        #expect(field { $0.rates.edit = -0.1 } == "rates.edit")
        #expect(field { $0.rates = CopyRates.standard.withCopyRate(0.85) } == "rates")
        #expect(field { $0.start = "March 2" } == "start")
    }

    @Test("Files are written whole, under their names, with a summary that counts them")
    func files() throws {
        let directory = try GeneratorTestDirectory()
        let corpusPath = directory.file("corpus.jsonl")
        let truthPath = directory.file("truth.jsonl")
        var reported: [Int] = []
        let settings = GeneratorSettings(documents: 5000, seed: 9)
        let summary = try CorpusGenerator(settings: settings).write(corpus: corpusPath, truth: truthPath) {
            reported.append($0)
        }
        let corpus = try Data(contentsOf: URL(fileURLWithPath: corpusPath))
        let truth = try Data(contentsOf: URL(fileURLWithPath: truthPath))
        #expect(summary.documents == 5000)
        #expect(summary.corpusBytes == corpus.count)
        #expect(summary.truthBytes == truth.count)
        #expect(corpus.split(separator: 0x0A).count == 5000)
        #expect(reported == [4096, 5000])
        let records = try GeneratorTests.jsonLines(Array(truth))
        let pairs = records.filter { $0["type"] as? String == "pair" }
        #expect(summary.pairs.values.reduce(0, +) == pairs.count)
        #expect(summary.boilerplateRanges == records.filter { $0["type"] as? String == "boilerplate" }.count)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
                "corpus.jsonl", "truth.jsonl",
            ])
        // The same bytes as the streaming interface.
        let lines = try Self.lines(settings)
        #expect(Array(corpus) == lines.corpus)
        #expect(Array(truth) == lines.truth)
    }

    @Test("An unwritable path is reported as a file error and leaves nothing behind")
    func unwritable() throws {
        let directory = try GeneratorTestDirectory()
        let generator = try CorpusGenerator(settings: GeneratorSettings(documents: 10, seed: 1))
        #expect(throws: FileError.self) {
            try generator.write(corpus: directory.file("missing/corpus.jsonl"), truth: directory.file("truth.jsonl"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
