import Dedup
import Foundation
import Testing

/// A generated corpus through the whole detector (``CorpusScanner``), scored against the generator's truth.
///
/// Measured (standard settings, 600 documents, seed 31): 108 of 108 exact and near-duplicate copies put with their
/// original, 34 of 34 contained copies, none of 36 template or same-event pairs put together, no match outside its
/// story's group (142 matches), and the removed lines exactly the truth's chrome lines (4,428 of 4,428, no story line).
/// With noise on 30% of the pages and 200-word stories (500 documents, seed 32): 77 of 77, 34 of 36, none of 31, no
/// wrong match of 111, 3,192 of 3,193 chrome lines. The bounds below leave room for changes to the detector's tuning.
@Suite("Generated corpus through the scanner")
struct GeneratorScanTests {
    struct Score: CustomStringConvertible {
        var copiesFound = 0
        var copies = 0
        var containedFound = 0
        var contained = 0
        var unrelatedMatched = 0
        var unrelated = 0
        var matches = 0
        var wrongMatches = 0
        var chromeRemoved = 0
        var chrome = 0
        var storyRemoved = 0

        var description: String {
            "exact+near \(copiesFound)/\(copies), contained \(containedFound)/\(contained), template+same-event "
                + "matched \(unrelatedMatched)/\(unrelated), wrong matches \(wrongMatches)/\(matches), chrome lines "
                + "removed \(chromeRemoved)/\(chrome), story lines removed \(storyRemoved)"
        }
    }

    static func score(_ settings: GeneratorSettings) throws -> Score {
        let directory = try GeneratorTestDirectory()
        let path = directory.file("corpus.jsonl")
        let corpus = try GeneratorTestCorpus(settings)
        try CorpusGenerator(settings: settings).write(corpus: path, truth: directory.file("truth.jsonl"))
        var options = ScanOptions()
        options.threads = 2
        options.includeTimings = false
        let result = try CorpusScanner(options: options).scan(path: path)
        #expect(result.rejected.isEmpty)
        let documents = result.documents
        let position = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1.document.id.description, $0) })
        let canonical = result.deduplication.canonicalOf
        var group: [String: String] = [:]
        for pair in corpus.pairs where pair.isCopy { group[pair.b] = pair.a }

        var score = Score()
        for pair in corpus.pairs {
            let together = canonical[position[pair.a]!] == canonical[position[pair.b]!]
            switch pair.kind {
            case .exact, .nearDuplicate:
                score.copies += 1
                if together { score.copiesFound += 1 }
            case .contained:
                score.contained += 1
                if together { score.containedFound += 1 }
            case .template, .sameEvent:
                score.unrelated += 1
                if together { score.unrelatedMatched += 1 }
            }
        }
        for match in result.deduplication.matches {
            let copy = documents[match.copy].document.id.description
            let original = documents[match.original].document.id.description
            score.matches += 1
            if group[copy, default: copy] != group[original, default: original] { score.wrongMatches += 1 }
        }
        for document in documents {
            var removed = Set<Int>()
            for block in document.removed { removed.formUnion(block.firstLine...block.lastLine) }
            let chrome = corpus.chromeLines(document.document.id.description)
            score.chrome += chrome.count
            score.chromeRemoved += removed.intersection(chrome).count
            score.storyRemoved += removed.subtracting(chrome).count
        }
        return score
    }

    @Test("Copies are found, template issues and same-event reports are not matched")
    func standardCorpus() throws {
        let score = try Self.score(GeneratorSettings(documents: 600, seed: 31))
        print("generated corpus, 600 documents: \(score)")
        #expect(score.copies >= 80 && score.contained >= 20 && score.unrelated >= 30)
        #expect(Double(score.copiesFound) >= 0.97 * Double(score.copies), "\(score)")
        #expect(Double(score.containedFound) >= 0.85 * Double(score.contained), "\(score)")
        #expect(score.unrelatedMatched == 0, "\(score)")
        #expect(Double(score.wrongMatches) <= 0.01 * Double(score.matches), "\(score)")
        #expect(Double(score.chromeRemoved) >= 0.98 * Double(score.chrome), "\(score)")
        #expect(score.storyRemoved <= score.chrome / 100, "\(score)")
    }

    @Test("With noise and short stories the copies are still found")
    func noisyShortCorpus() throws {
        var settings = GeneratorSettings(documents: 500, seed: 32)
        settings.noise = 0.3
        settings.wordsPerDocument = 200
        let score = try Self.score(settings)
        print("generated corpus, 500 noisy 200-word documents: \(score)")
        #expect(Double(score.copiesFound) >= 0.95 * Double(score.copies), "\(score)")
        #expect(Double(score.containedFound) >= 0.75 * Double(score.contained), "\(score)")
        #expect(score.unrelatedMatched <= 1, "\(score)")
        #expect(Double(score.wrongMatches) <= 0.02 * Double(score.matches), "\(score)")
    }
}
