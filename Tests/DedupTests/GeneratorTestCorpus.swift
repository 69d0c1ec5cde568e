import Dedup
import Foundation

/// A generated corpus held in memory with its truth, and the views the generator tests need: a document's story
/// (headline plus the lines the truth does not mark as chrome), its tokens and shingles.
struct GeneratorTestCorpus: Sendable {
    let settings: GeneratorSettings
    let articles: [Article]
    let byID: [String: Article]
    let meta: GeneratorSettings?
    let pairs: [TruthPair]
    let chrome: [String: [TruthBoilerplate]]
    /// Every truth record, in file order.
    let records: [TruthRecord]

    init(_ settings: GeneratorSettings) throws {
        self.settings = settings
        var articles: [Article] = []
        var records: [TruthRecord] = []
        try CorpusGenerator(settings: settings).generate(
            documents: { articles.append($0) }, truth: { records.append($0) })
        self.articles = articles
        self.records = records
        byID = Dictionary(uniqueKeysWithValues: articles.map { ($0.id.description, $0) })
        var meta: GeneratorSettings?
        var pairs: [TruthPair] = []
        var chrome: [String: [TruthBoilerplate]] = [:]
        for record in records {
            switch record {
            case .meta(let settings): meta = settings
            case .pair(let pair): pairs.append(pair)
            case .boilerplate(let range): chrome[range.id, default: []].append(range)
            }
        }
        self.meta = meta
        self.pairs = pairs
        self.chrome = chrome
    }

    /// The shared corpus most tests read: 800 documents of the default settings.
    static let standard: Result<GeneratorTestCorpus, any Error> = Result {
        try GeneratorTestCorpus(GeneratorSettings(documents: 800, seed: 11))
    }

    /// A corpus with short stories and noise on a third of the documents.
    static let noisyShort: Result<GeneratorTestCorpus, any Error> = Result {
        var settings = GeneratorSettings(documents: 800, seed: 12)
        settings.wordsPerDocument = 150
        settings.noise = 0.33
        return try GeneratorTestCorpus(settings)
    }

    func pairs(kind: TruthKind) -> [TruthPair] {
        pairs.filter { $0.kind == kind }
    }

    func pairs(operation: CopyOperation) -> [TruthPair] {
        pairs.filter { $0.operation == operation }
    }

    /// The 1-based numbers of the document's chrome lines.
    func chromeLines(_ id: String) -> Set<Int> {
        var lines = Set<Int>()
        for range in chrome[id] ?? [] { lines.formUnion(range.firstLine...range.lastLine) }
        return lines
    }

    /// The headline and the text without the chrome lines: what the detector should fingerprint.
    func story(_ id: String) -> String {
        let article = byID[id]!
        let chrome = chromeLines(id)
        let lines = article.text.lineSlices().enumerated().filter { !chrome.contains($0.offset + 1) }.map(\.element)
        return ([Substring(article.title ?? "")] + lines).joined(separator: "\n")
    }

    /// The normalized tokens of the story.
    func storyTokens(_ id: String) -> [String] {
        Tokenizer().tokenize(story(id)).tokens
    }

    /// The distinct 5-token shingles of the story, as normalized strings.
    func shingles(_ id: String) -> Set<String> {
        let tokens = storyTokens(id)
        guard tokens.count >= 5 else { return [tokens.joined(separator: " ")] }
        return Set((0...(tokens.count - 5)).map { tokens[$0..<($0 + 5)].joined(separator: " ") })
    }

    /// The exact Jaccard similarity of two stories' shingle sets.
    func jaccard(_ a: String, _ b: String) -> Double {
        let x = shingles(a)
        let y = shingles(b)
        return Double(x.intersection(y).count) / Double(x.union(y).count)
    }

    /// The share of `a`'s shingles that are also in `b`'s.
    func containment(of a: String, in b: String) -> Double {
        let x = shingles(a)
        return Double(x.intersection(shingles(b)).count) / Double(x.count)
    }

    /// The fingerprint of the story with the standard settings.
    func fingerprint(_ id: String) -> Fingerprint {
        Fingerprinter(settings: .standard).fingerprint(story(id))
    }

    /// Whether a normalized token is a figure (has a digit).
    static func isFigure(_ token: String) -> Bool {
        token.contains { $0.isNumber }
    }
}

/// A temporary directory removed when the value is released.
final class GeneratorTestDirectory {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("dedup-generator-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}
