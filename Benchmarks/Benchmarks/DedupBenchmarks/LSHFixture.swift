import Dedup

/// Signatures to index (100,000, or 1,000,000 for the large fixture) and 1,000 to query, made from random shingle
/// sets of news-story size.
///
/// Signatures come from random 64-bit "shingle hashes" rather than text: the index only sees signature values, and
/// this makes 100k of them in a fraction of a second. One indexed story in ten is a near-copy of an earlier one
/// (10% of its shingles replaced), so buckets hold real collisions; half the queries are near-copies of indexed
/// stories and half are new stories, so a query returns zero, one or a few candidates, as in a scan.
struct LSHFixture: Sendable {
    static let queryCount = 1_000
    static let shared = LSHFixture(indexedCount: 100_000)
    /// A million signatures: the scale at which the query's memory accesses, not its arithmetic, set the time.
    static let million = LSHFixture(indexedCount: 1_000_000)

    let settings = MinHashSettings.standard
    /// The banding the deduplicator uses for the standard policy.
    let parameters = MatchPolicy.standard.lshParameters(signatureLength: MinHashSettings.standard.length)
    let indexed: [MinHashSignature]
    let queries: [MinHashSignature]

    private init(indexedCount: Int) {
        var random = SplitMix64(seed: 7)
        let hasher = MinHasher(settings: settings)
        let shinglesPerStory = 550

        func story() -> [UInt64] { (0..<shinglesPerStory).map { _ in random.next() } }
        func nearCopy(of shingles: [UInt64]) -> [UInt64] {
            shingles.map { random.next() % 10 == 0 ? random.next() : $0 }
        }

        var sets: [[UInt64]] = []
        var indexed: [MinHashSignature] = []
        indexed.reserveCapacity(indexedCount)
        for number in 0..<indexedCount {
            // Keep only a window of recent sets to copy from: memory stays small and copies stay plausible.
            let shingles = number % 10 == 9 ? nearCopy(of: sets[Int(random.next() % UInt64(sets.count))]) : story()
            if sets.count < 1_000 { sets.append(shingles) } else { sets[number % 1_000] = shingles }
            indexed.append(hasher.signature(of: shingles))
        }
        self.indexed = indexed

        queries = (0..<Self.queryCount).map { number in
            let shingles = number % 2 == 0 ? nearCopy(of: sets[number % sets.count]) : story()
            return hasher.signature(of: shingles)
        }
    }

    /// An index holding every signature of ``indexed``, keyed by position.
    func makeIndex() -> LSHIndex<Int> {
        var index = LSHIndex<Int>(parameters: parameters, settings: settings)
        for (key, signature) in indexed.enumerated() {
            try! index.insert(key, signature: signature)
        }
        return index
    }
}
