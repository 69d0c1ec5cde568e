import Dedup
import Foundation
import Testing

@testable import DedupStore

/// Warming a SQLite index's fingerprint cache: which rows it loads, within which room, and that checks give the same
/// results after it, or while it runs beside adds.
@Suite("Fingerprint cache warm-up")
struct FingerprintCacheWarmupTests {
    typealias Helpers = FingerprintCacheTests

    /// The cost of one of ``FingerprintCacheTests``' entries (all have the same number of figures).
    static let entryCost = FingerprintCache(settings: .standard, byteBudget: 0).cost(
        figures: Helpers.fingerprint(1).figures.count)

    @Test("filling adds the newest first up to 7/8 of the current generation, skips what is held, never turns over")
    func fill() {
        // Room for 16 entries in each generation; a fill leaves 2 of them to the rows checks read.
        let cache = FingerprintCache(settings: .standard, byteBudget: Self.entryCost * 32)
        #expect(cache.fillRoom == Self.entryCost * 14)
        cache.insert(Helpers.candidates([3]), atMost: .max)
        let filled = cache.fill(with: Helpers.candidates(Array(1...30)))
        #expect(filled.rows == 13, "3 was held: 13 more fill the room")
        #expect(filled.bytes == 13 * Self.entryCost)
        #expect(filled.full)
        #expect(Helpers.lookup(cache, Array(18...30) + [3]).missing.isEmpty, "the newest, and the one held")
        #expect(Helpers.lookup(cache, [1, 2, 17]).missing == [1, 2, 17])
        #expect(cache.counts.entries == 14)
        // A full room takes nothing more, and what was loaded stays.
        let again = cache.fill(with: Helpers.candidates(Array(31...40)))
        #expect(again.rows == 0 && again.full)
        #expect(Helpers.lookup(cache, Array(18...30) + [3]).missing.isEmpty)
        #expect(cache.counts.entries == 14)
        // The rows checks read next fit beside them: the generations do not turn over, so what was loaded is not
        // moved to the previous generation (to be copied back on its first use).
        cache.insert(Helpers.candidates([41, 42]), atMost: .max)
        #expect(cache.generationEntries == (current: 16, previous: 0))
        // With room left, it is not full.
        let roomy = FingerprintCache(settings: .standard, byteBudget: Self.entryCost * 100)
        let partial = roomy.fill(with: Helpers.candidates(Array(1...5)))
        #expect(partial.rows == 5 && !partial.full)
    }

    // MARK: In a SQLite index

    /// A template story: its members differ by one short line, and share their band keys.
    static func familyMember(_ number: Int) -> String {
        Helpers.story + " The harbour bulletin is published every weekday morning, issue \(number)."
    }

    /// An index file of, in insertion order, `oldFamily` members of a template family (prepared, without boilerplate
    /// counts), `generated` generated articles, and `newFamily` more members; returns its path and the family's
    /// sequence numbers.
    static func makeIndex(oldFamily: Int, generated: Int, newFamily: Int) async throws -> (
        path: String, family: [Int64]
    ) {
        let path = try StoreKind.newSQLitePath()
        let store = try SQLiteArticleStore(path: path)
        let index = PublishedIndex(store: store)
        var family: [Int64] = []
        func addFamily(_ numbers: ClosedRange<Int>) async throws {
            for number in numbers {
                let prepared = Helpers.prepared(
                    "family-\(number)", familyMember(number), configuration: store.configuration)
                #expect(try await Helpers.insert(prepared, into: store) == .inserted)
                family.append(try #require(try await store.article(id: .string("family-\(number)"))).sequence)
            }
        }
        if oldFamily > 0 { try await addFamily(1...oldFamily) }
        let articles = try GeneratedArticles.standard.get().articles.prefix(generated)
        for result in await index.add(Array(articles), batchSize: 64) { _ = try result.get() }
        if newFamily > 0 { try await addFamily(oldFamily + 1...oldFamily + newFamily) }
        try await index.close()
        return (path, family)
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    /// The sequence numbers among `sequences` that `store`'s cache holds (looking them up counts as hits).
    static func cached(_ sequences: [Int64], in store: SQLiteArticleStore) -> [Int64] {
        var found = CandidateFingerprints(settings: store.configuration.settings)
        let missing = Set(store.fingerprintCache.append(sequences, to: &found))
        return sequences.filter { !missing.contains($0) }
    }

    @Test("the members of large buckets are loaded first, then the most recent articles, within half the budget")
    func largeBucketsFirst() async throws {
        let (path, family) = try await Self.makeIndex(oldFamily: 12, generated: 120, newFamily: 2)
        defer { Self.remove(path) }
        // Room for about 40 rows in the current generation.
        let budget = 2 * 40 * FingerprintCache(settings: .standard, byteBudget: 0).cost(figures: 8)
        let store = try SQLiteArticleStore(
            path: path, configuration: .standard, fingerprintCacheBytes: budget, fingerprintCacheChunkRows: 8,
            readOnly: true)
        // The 16 most recent articles hold the two newest members: the family's bucket is found.
        let warmup = try await store.warmFingerprintCache(sample: 16, largeBucket: 8, batch: 512, progress: nil)
        #expect(warmup.articles == 134)
        #expect(warmup.largeBucketRows == 14)
        #expect(warmup.reachedBudget)
        #expect(warmup.rows > 14 && warmup.rows < 134, "\(warmup)")
        #expect(warmup.bytes <= budget / 2)
        let counts = store.fingerprintCacheCounts
        #expect(counts.entries == warmup.rows && counts.bytes == warmup.bytes)
        #expect(Self.cached(family, in: store) == family, "every member, old ones too")
        // The others loaded are the most recent ones.
        let others = (1...Int64(134)).filter { !family.contains($0) }
        let loaded = Self.cached(others, in: store)
        #expect(loaded.count == warmup.rows - 14)
        #expect(loaded == Array(others.suffix(loaded.count)))
        try await store.close()

        // Without the large buckets, the most recent articles only: the old members are left out.
        let recent = try SQLiteArticleStore(
            path: path, configuration: .standard, fingerprintCacheBytes: budget, fingerprintCacheChunkRows: 8,
            readOnly: true)
        let recentOnly = try await recent.warmFingerprintCache(sample: 0, largeBucket: 8, batch: 512, progress: nil)
        #expect(recentOnly.largeBucketRows == 0)
        #expect(Self.cached(family, in: recent) == Array(family.suffix(2)))
        try await recent.close()
    }

    @Test("after warming a budget that holds the index, checks read nothing from the file and give the same results")
    func checksHitTheCache() async throws {
        let (path, family) = try await Self.makeIndex(oldFamily: 10, generated: 200, newFamily: 2)
        defer { Self.remove(path) }
        let warmed = try await PublishedIndex.open(.sqlite(path: path), readOnly: true)
        let uncached = try await PublishedIndex.open(.sqlite(path: path), fingerprintCacheBytes: 0, readOnly: true)
        let store = try #require(warmed.store as? SQLiteArticleStore)
        let progress = ProgressCount()
        let warmup = try #require(try await warmed.warmCache { progress.set($0.rows) })
        #expect(warmup.articles == 212)
        #expect(warmup.rows == 212, "the whole index fits in half of 256 MiB")
        #expect(!warmup.reachedBudget)
        #expect(warmup.largeBucketRows == 0, "a family of 12 is under the default large bucket of 64 articles")
        #expect(progress.value == warmup.rows, "the last progress report has the final figures")
        #expect(store.fingerprintCacheCounts.hits == 0 && store.fingerprintCacheCounts.misses == 0)

        let articles = try GeneratedArticles.standard.get().articles.prefix(260)
        let familyArticles = (1...3).map { Article(id: .string("probe-\($0)"), text: Self.familyMember(100 + $0)) }
        var candidates = 0
        for article in Array(articles) + familyArticles {
            let expected = try await uncached.check(article, limit: 5)
            #expect(try await warmed.check(article, limit: 5) == expected, "\(article.id)")
            candidates += expected.candidatesVerified
        }
        let counts = store.fingerprintCacheCounts
        #expect(counts.misses == 0, "\(counts)")
        #expect(counts.hits == candidates && candidates >= 3 * family.count)
        try await uncached.close()
        try await warmed.close()
    }

    @Test("a budget too small for one row, no budget, or an empty index load nothing, and checks are unchanged")
    func smallAndEmpty() async throws {
        let (path, _) = try await Self.makeIndex(oldFamily: 4, generated: 40, newFamily: 2)
        defer { Self.remove(path) }
        let articles = Array(try GeneratedArticles.standard.get().articles.prefix(60))
        let uncached = try await PublishedIndex.open(.sqlite(path: path), fingerprintCacheBytes: 0, readOnly: true)
        for budget in [0, 600, 4_000] {
            let index = try await PublishedIndex.open(
                .sqlite(path: path), fingerprintCacheBytes: budget, readOnly: true)
            let store = try #require(index.store as? SQLiteArticleStore)
            let warmup = try #require(try await index.warmCache())
            #expect(warmup.articles == 46)
            #expect(warmup.reachedBudget, "budget \(budget)")
            #expect(warmup.bytes <= budget / 2, "budget \(budget)")
            #expect(store.fingerprintCacheCounts.entries == warmup.rows, "budget \(budget)")
            // 600 bytes: room for no row (about 700 bytes each); 4,000: for two or three.
            #expect(budget == 4_000 ? (1...3).contains(warmup.rows) : warmup.rows == 0, "budget \(budget)")
            for article in articles {
                #expect(try await index.check(article, limit: 5) == (try await uncached.check(article, limit: 5)))
            }
            #expect(store.fingerprintCacheCounts.bytes <= budget)
            try await index.close()
        }
        try await uncached.close()

        let emptyPath = try StoreKind.newSQLitePath()
        defer { Self.remove(emptyPath) }
        let empty = try await PublishedIndex.open(.sqlite(path: emptyPath))
        let nothing = try #require(try await empty.warmCache())
        #expect(nothing.articles == 0 && nothing.rows == 0 && nothing.bytes == 0 && !nothing.reachedBudget)
        try await empty.close()
    }

    @Test(
        "stores that keep no fingerprint cache do nothing and return nil",
        arguments: StoreKind.available.filter { $0 != .sqlite })
    func noCache(kind: StoreKind) async throws {
        try await kind.withIndex { index in
            let article = try GeneratedArticles.standard.get().articles[0]
            _ = try await index.add(article)
            #expect(try await index.warmCache() == nil)
        }
    }

    @Test("cancelled, it stops after the batch it was loading and keeps what it loaded")
    func cancelled() async throws {
        let (path, _) = try await Self.makeIndex(oldFamily: 0, generated: 60, newFamily: 0)
        defer { Self.remove(path) }
        let store = try SQLiteArticleStore(path: path, readOnly: true)
        let reported = ProgressCount()
        // The progress report runs in the warm-up's task: it cancels that task after the first batch.
        let task = Task {
            try await store.warmFingerprintCache(sample: 0, largeBucket: 8, batch: 16) { progress in
                reported.set(progress.rows)
                withUnsafeCurrentTask { $0?.cancel() }
            }
        }
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(reported.value == 16)
        #expect(store.fingerprintCacheCounts.entries == 16)
        try await store.close()
    }

    @Test("running beside adds and checks, it keeps only stored facts, and checks give the same results")
    func besideAdds() async throws {
        let (path, _) = try await Self.makeIndex(oldFamily: 6, generated: 80, newFamily: 2)
        defer { Self.remove(path) }
        let articles = try GeneratedArticles.standard.get().articles
        // A budget that turns over while the adds run, in chunks of 8 rows.
        let store = try SQLiteArticleStore(
            path: path, configuration: .standard, fingerprintCacheBytes: 1 << 17, fingerprintCacheChunkRows: 8,
            readOnly: false)
        let index = PublishedIndex(store: store)
        async let warmup = store.warmFingerprintCache(sample: 64, largeBucket: 4, batch: 8, progress: nil)
        async let added = index.add(Array(articles[80..<200]), batchSize: 8)
        for article in articles[200..<240] { _ = try await index.check(article, limit: 5) }
        let loaded = try await warmup
        for result in await added { _ = try result.get() }
        #expect(loaded.rows > 0)

        let count = try await store.statistics().articles
        #expect(count == 208)
        let uncached = try await PublishedIndex.open(.sqlite(path: path), fingerprintCacheBytes: 0, readOnly: true)
        // Every fingerprint the cache holds is the stored one for its sequence number.
        let sequences = Array(1...Int64(count + 10))
        var held = CandidateFingerprints(settings: store.configuration.settings)
        _ = store.fingerprintCache.append(sequences, to: &held)
        #expect(held.count > 0)
        let stored = try await uncached.store.articles(sequences: held.sequences)
        #expect(stored.map(\.sequence) == held.sequences)
        #expect(stored.map(\.fingerprint) == held.sequences.indices.map { held.fingerprint($0) })
        for article in articles[0..<260] {
            #expect(try await index.check(article, limit: 5) == (try await uncached.check(article, limit: 5)))
        }
        try await uncached.close()
        try await index.close()
    }
}
