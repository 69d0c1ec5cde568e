import Dedup
import Foundation
import Testing

/// A scan of the hand-written sample corpus in `Corpus/`, checked against its labels in `sample-truth.jsonl`.
@Suite("Scan of the sample corpus")
struct ScanSampleCorpusTests {
    static let corpusDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus")

    /// One labeled pair: `a` is the original or earlier document, `b` the copy or later one.
    struct LabeledPair: Sendable, CustomTestStringConvertible {
        var a: ArticleID
        var b: ArticleID
        var label: String
        /// For contained pairs: "b_in_a" (truncated copy) or "a_in_b" (extended update).
        var contained: String?
        /// For pairs related only through a third document: that document.
        var derivedVia: ArticleID?

        var testDescription: String { "\(label) \(a) → \(b)" }
    }

    static func articleID(_ value: Any?) -> ArticleID? {
        if let string = value as? String { return .string(string) }
        if let integer = value as? Int { return .integer(Int64(integer)) }
        return nil
    }

    static let truth: [LabeledPair] = {
        let url = corpusDirectory.appendingPathComponent("sample-truth.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let a = articleID(object["a"]), let b = articleID(object["b"]), let label = object["label"] as? String
            else { return nil }
            return LabeledPair(
                a: a, b: b, label: label, contained: object["contained"] as? String,
                derivedVia: articleID(object["derived_via"]))
        }
    }()

    /// The sample scanned once with the standard options (boilerplate removal on).
    static let scan: Result<ScanResult, any Error> = Result {
        var options = ScanOptions()
        options.threads = 2
        return try CorpusScanner(options: options).scan(
            path: corpusDirectory.appendingPathComponent("sample.jsonl").path)
    }

    struct Index {
        let result: ScanResult
        let positionOf: [ArticleID: Int]
        let matchOfCopy: [Int: Match]

        init(_ result: ScanResult) {
            self.result = result
            positionOf = Dictionary(uniqueKeysWithValues: result.documents.enumerated().map { ($1.document.id, $0) })
            matchOfCopy = Dictionary(uniqueKeysWithValues: result.deduplication.matches.map { ($0.copy, $0) })
        }

        func canonical(of id: ArticleID) -> Int? {
            positionOf[id].map { result.deduplication.canonicalOf[$0] }
        }

        /// The match reporting `copy` as a copy of `original`, if the scan found exactly that.
        func match(copy: ArticleID, original: ArticleID) -> Match? {
            guard let copy = positionOf[copy], let original = positionOf[original],
                let match = matchOfCopy[copy], match.original == original
            else { return nil }
            return match
        }
    }

    static func index() throws -> Index {
        Index(try scan.get())
    }

    @Test("the sample corpus reads cleanly: every line a document, every labeled id present")
    func readsCleanly() throws {
        let index = try Self.index()
        let lines = try String(contentsOf: Self.corpusDirectory.appendingPathComponent("sample.jsonl"), encoding: .utf8)
            .split(separator: "\n").count
        #expect(index.result.linesRead == lines)
        #expect(index.result.rejected.isEmpty)
        #expect(index.result.documents.count == lines)
        try #require(Self.truth.count >= 30)
        for pair in Self.truth {
            #expect(index.positionOf[pair.a] != nil, "\(pair.a)")
            #expect(index.positionOf[pair.b] != nil, "\(pair.b)")
        }
    }

    static var copyPairs: [LabeledPair] { truth.filter { ["exact", "near_duplicate"].contains($0.label) } }

    @Test("labeled exact and near-duplicate pairs are found, with the right original and kind", arguments: copyPairs)
    func copiesAreFound(pair: LabeledPair) throws {
        let index = try Self.index()
        if let via = pair.derivedVia {
            // Both derive from a third document: both must be in its cluster.
            let canonical = try #require(index.positionOf[via])
            #expect(index.canonical(of: pair.a) == canonical)
            #expect(index.canonical(of: pair.b) == canonical)
        } else {
            let match = try #require(index.match(copy: pair.b, original: pair.a))
            #expect(match.verdict.kind.rawValue == pair.label)
            let copySite = index.result.documents[match.copy].document.site
            let originalSite = index.result.documents[match.original].document.site
            #expect(match.verdict.crossSource == (copySite != nil && originalSite != nil && copySite != originalSite))
        }
    }

    static var unrelatedPairs: [LabeledPair] {
        truth.filter { ["template", "same_event", "different"].contains($0.label) }
    }

    @Test("template, same-event and different pairs are never matched", arguments: unrelatedPairs)
    func unrelatedAreNotMatched(pair: LabeledPair) throws {
        let index = try Self.index()
        let a = try #require(index.canonical(of: pair.a))
        let b = try #require(index.canonical(of: pair.b))
        #expect(a != b, "\(pair.a) and \(pair.b) are in one cluster")
    }

    /// Extended updates on their own site keep the site's chrome around the whole original: they are found with or
    /// without boilerplate removal.
    static var sameSiteUpdates: [LabeledPair] {
        truth.filter { $0.label == "contained" && $0.contained == "a_in_b" && $0.derivedVia == nil }
    }

    @Test("extended updates contain their original, the original being the shorter", arguments: sameSiteUpdates)
    func extendedUpdatesAreFound(pair: LabeledPair) throws {
        let index = try Self.index()
        let match = try #require(index.match(copy: pair.b, original: pair.a))
        #expect(match.verdict.kind == .contained)
        #expect(match.verdict.scores.shorter == .original)
    }

    static var containedOrSyndicatedPairs: [LabeledPair] {
        truth.filter { ["contained", "syndicated"].contains($0.label) }
    }

    /// Some of these pairs need site-boilerplate removal to be found; a missed pair is not asserted here, but a
    /// pair that is found must be found the right way round.
    @Test(
        "a contained or syndicated pair, when found, has the right original and direction",
        arguments: containedOrSyndicatedPairs)
    func containedAndSyndicatedDirection(pair: LabeledPair) throws {
        let index = try Self.index()
        if let via = pair.derivedVia {
            if index.canonical(of: pair.a) == index.canonical(of: pair.b) {
                #expect(index.canonical(of: pair.a) == index.positionOf[via])
            }
            return
        }
        // The copy never becomes the canonical of the original.
        #expect(index.match(copy: pair.a, original: pair.b) == nil)
        guard let match = index.match(copy: pair.b, original: pair.a) else { return }
        switch pair.contained {
        case "b_in_a":
            #expect(match.verdict.kind == .contained)
            #expect(match.verdict.scores.shorter == .copy)
        case "a_in_b":
            #expect(match.verdict.kind == .contained)
            #expect(match.verdict.scores.shorter == .original)
        default:
            break
        }
        let sites = (
            index.result.documents[match.copy].document.site, index.result.documents[match.original].document.site
        )
        if pair.label == "syndicated" {
            #expect(sites.0 != nil && sites.1 != nil && sites.0 != sites.1)
            #expect(match.verdict.crossSource)
        }
    }

    @Test("every reported match clears a threshold and points at a canonical")
    func matchesAreConsistent() throws {
        let index = try Self.index()
        let policy = index.result.options.policy
        for match in index.result.deduplication.matches {
            let scores = match.verdict.scores
            #expect(
                scores.jaccard >= policy.nearDuplicateThreshold || scores.containment >= policy.containmentThreshold)
            #expect(index.result.deduplication.canonicalOf[match.original] == match.original)
        }
    }
}
