import Dedup

/// Pairs of real news texts with their exact shingle-set Jaccard similarity: pairs that already overlap in the
/// corpus (the BBC set has duplicates and lightly edited versions), and each story against an edited copy of
/// itself (words replaced, the end cut off), which spreads the similarities over the whole range.
///
/// The corpus is read at run time from the path given; nothing of it is stored.
struct CorpusPairs {
    struct Document {
        var text: String
        var shingles: Set<UInt64>
    }

    let documents: [Document]
    let length: Int
    /// Hash seeds to estimate every pair with: each pair counts once per seed.
    let seeds: [UInt64]
    private let tokenizer = Tokenizer()
    private let shingler = Shingler(size: MinHashSettings.standard.shingleSize, seed: MinHashSettings.standard.seed)

    init(path: String, length: Int, seeds: [UInt64]) throws {
        let decoder = ArticleDecoder()
        var documents: [Document] = []
        let shingler = self.shingler
        let tokenizer = self.tokenizer
        for (line, bytes) in try LineReader(path: path) where !bytes.isEmpty {
            let text = try decoder.decode(bytes, file: path, line: line).fingerprintText
            documents.append(Document(text: text, shingles: Set(shingler.shingleHashes(of: tokenizer.tokenize(text)))))
        }
        self.documents = documents
        self.length = length
        self.seeds = seeds
    }

    /// Pairs of corpus documents with 0.1 ≤ J < 1 (identical shingle sets are left out: both schemes give them 1).
    func naturalPairs() -> (report: AccuracyReport, identical: Int) {
        // Candidates: pairs sharing a shingle that at most 50 documents have (common phrases would pair everything
        // with everything; a pair with J ≥ 0.1 shares many rarer shingles too).
        var postings: [UInt64: [Int32]] = [:]
        for (index, document) in documents.enumerated() {
            for shingle in document.shingles { postings[shingle, default: []].append(Int32(index)) }
        }
        var candidates = Set<UInt64>()
        for list in postings.values where list.count > 1 && list.count <= 50 {
            for first in 0..<list.count {
                for second in (first + 1)..<list.count {
                    candidates.insert(UInt64(list[first]) << 32 | UInt64(list[second]))
                }
            }
        }
        var report = AccuracyReport(
            title: "BBC News: overlapping pairs in the corpus (0.1 ≤ J < 1), \(seeds.count) seeds each", length: length)
        var identical = 0
        for candidate in candidates.sorted() {
            let first = documents[Int(candidate >> 32)]
            let second = documents[Int(candidate & 0xFFFF_FFFF)]
            let truth = jaccard(first.shingles, second.shingles)
            if truth >= 1 { identical += 1 }
            guard truth >= 0.1 && truth < 1 else { continue }
            let smaller = min(first.shingles.count, second.shingles.count)
            estimate(first.text, second.text, truth: truth, smallerSetSize: smaller, into: &report)
        }
        return (report, identical)
    }

    /// Each document against a copy with a fraction p ∈ [0, 0.06] of its words replaced by other words of the
    /// document and only the first f ∈ [0.5, 1] of it kept; pairs with 0.1 ≤ J ≤ 0.95 are kept.
    func editedPairs(seed: UInt64) -> AccuracyReport {
        var random = SplitMix64(seed: seed)
        var report = AccuracyReport(
            title: "BBC News: each story against an edited copy (0.1 ≤ J ≤ 0.95), \(seeds.count) seeds each",
            length: length)
        for document in documents {
            var words = document.text.split(separator: " ", omittingEmptySubsequences: false)
            let replaced = 0.06 * unit(&random)
            let kept = 0.5 + 0.5 * unit(&random)
            for index in words.indices where unit(&random) < replaced {
                words[index] = words[Int(random.next() % UInt64(words.count))]
            }
            let copy = words.prefix(max(1, Int(Double(words.count) * kept))).joined(separator: " ")
            let shingles = Set(shingler.shingleHashes(of: tokenizer.tokenize(copy)))
            let truth = jaccard(document.shingles, shingles)
            guard truth >= 0.1 && truth <= 0.95 else { continue }
            let smaller = min(document.shingles.count, shingles.count)
            estimate(document.text, copy, truth: truth, smallerSetSize: smaller, into: &report)
        }
        return report
    }

    /// Adds the pair's estimates with each seed, through the production path (text to fingerprint).
    private func estimate(
        _ first: String, _ second: String, truth: Double, smallerSetSize: Int, into report: inout AccuracyReport
    ) {
        for seed in seeds {
            var estimates: [MinHashScheme: Double] = [:]
            for scheme in MinHashScheme.allCases {
                let settings = MinHashSettings(
                    scheme: scheme, length: length, seed: seed, shingleSize: MinHashSettings.standard.shingleSize)
                let fingerprinter = Fingerprinter(settings: settings)
                estimates[scheme] = try! fingerprinter.fingerprint(first).signature.jaccard(
                    with: fingerprinter.fingerprint(second).signature)
            }
            report.add(EstimatedPair(truth: truth, smallerSetSize: smallerSetSize, estimates: estimates))
        }
    }

    private func jaccard(_ first: Set<UInt64>, _ second: Set<UInt64>) -> Double {
        guard !first.isEmpty || !second.isEmpty else { return 0 }
        let shared = first.intersection(second).count
        return Double(shared) / Double(first.count + second.count - shared)
    }
}
