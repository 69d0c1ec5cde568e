import Dedup
import Foundation
import Testing

@testable import DedupStore

/// The fingerprints a SQLite index keeps in memory between reads: bounded, and never a fingerprint that is not the
/// stored one for its sequence number.
@Suite("Fingerprint cache")
struct FingerprintCacheTests {
    static let fingerprinter = Fingerprinter()

    static func fingerprint(_ number: Int) -> Fingerprint {
        fingerprinter.fingerprint(
            "Story \(number): the council of district \(number) met on Tuesday and approved budget line \(number).")
    }

    static func candidates(_ numbers: [Int]) -> CandidateFingerprints {
        var candidates = CandidateFingerprints(settings: .standard)
        for number in numbers { candidates.append(sequence: Int64(number), fingerprint: fingerprint(number)) }
        return candidates
    }

    /// The fingerprints the cache gives for `sequences`, and the sequence numbers it does not have.
    static func lookup(_ cache: FingerprintCache, _ sequences: [Int64]) -> (found: [Int64: Fingerprint], missing: [Int64]) {
        var candidates = CandidateFingerprints(settings: .standard)
        let missing = cache.append(sequences, to: &candidates)
        var found: [Int64: Fingerprint] = [:]
        for row in 0..<candidates.count {
            found[candidates.sequences[row]] = candidates.fingerprint(row)
        }
        #expect(candidates.sequences == sequences.filter { !missing.contains($0) }, "in the order asked")
        return (found, missing)
    }

    @Test("entries come back by sequence number, in the order asked; hits and misses are counted")
    func lookup() {
        let cache = FingerprintCache(settings: .standard, byteBudget: 1 << 20)
        cache.insert(Self.candidates(Array(1...20)), atMost: .max)
        let (found, missing) = Self.lookup(cache, [3, 21, 10, 20, 0, 1])
        #expect(missing == [21, 0])
        #expect(found == [3: Self.fingerprint(3), 10: Self.fingerprint(10), 20: Self.fingerprint(20), 1: Self.fingerprint(1)])
        #expect(cache.counts.hits == 4)
        #expect(cache.counts.misses == 2)
        #expect(cache.counts.entries == 20)
        #expect(cache.counts.bytes == (1...20).map { cache.cost(figures: Self.fingerprint($0).figures.count) }.reduce(0, +))
    }

    @Test("only the rows up to the committed maximum are kept")
    func committedOnly() {
        let cache = FingerprintCache(settings: .standard, byteBudget: 1 << 20)
        cache.insert(Self.candidates([2, 4, 6, 8]), atMost: 5)
        #expect(Self.lookup(cache, [2, 4, 6, 8]).missing == [6, 8])
    }

    @Test("a budget of 0 keeps nothing")
    func zeroBudget() {
        let cache = FingerprintCache(settings: .standard, byteBudget: 0)
        cache.insert(Self.candidates([1]), atMost: .max)
        #expect(Self.lookup(cache, [1]).missing == [1])
        #expect(cache.counts.entries == 0)
    }

    @Test("the entries never cost more than the budget, and the most recently used survive a turnover")
    func bounded() {
        let cost = FingerprintCache(settings: .standard, byteBudget: 0).cost(
            figures: Self.fingerprint(1).figures.count)
        // Room for 10 entries in each of the two generations.
        let cache = FingerprintCache(settings: .standard, byteBudget: cost * 20 + cost / 2)
        for number in 1...200 {
            cache.insert(Self.candidates([number]), atMost: .max)
            // Entry 1 is looked up after every insert: it moves to the current generation and is never dropped.
            #expect(Self.lookup(cache, [1]).found == [1: Self.fingerprint(1)], "after inserting \(number)")
            #expect(cache.counts.entries * cost <= cache.byteBudget, "after inserting \(number)")
            #expect(cache.counts.bytes == cache.counts.entries * cost, "after inserting \(number)")
        }
        #expect(cache.counts.entries >= 10)
        // The newest entries are kept, the oldest (other than 1) are gone.
        #expect(Self.lookup(cache, [200]).found == [200: Self.fingerprint(200)])
        #expect(Self.lookup(cache, [2, 50]).missing == [2, 50])
    }

    @Test("an entry bigger than half the budget is not kept")
    func oversized() {
        let figures = Self.fingerprint(1).figures.count
        let cost = FingerprintCache(settings: .standard, byteBudget: 0).cost(figures: figures)
        let cache = FingerprintCache(settings: .standard, byteBudget: cost * 2 - 1)
        cache.insert(Self.candidates([1]), atMost: .max)
        #expect(Self.lookup(cache, [1]).missing == [1])
    }

    /// A cache of chunks of 4 rows, with room for 30 of this suite's entries in each generation.
    static func smallChunks() -> FingerprintCache {
        let cost = FingerprintCache(settings: .standard, byteBudget: 0).cost(figures: fingerprint(1).figures.count)
        return FingerprintCache(settings: .standard, byteBudget: cost * 60, chunkRows: 4)
    }

    @Test("full chunks are lent, not copied, and keep their facts while the cache goes on filling and turning over")
    func lentChunks() {
        let cache = Self.smallChunks()
        cache.insert(Self.candidates(Array(1...10)), atMost: .max)
        var candidates = CandidateFingerprints(settings: .standard)
        let asked: [Int64] = [9, 2, 10, 5, 1, 8]
        #expect(cache.append(asked, to: &candidates).isEmpty)
        #expect(candidates.lentTables == 2, "the chunks of 1–4 and 5–8")
        #expect(candidates.copiedRows == 2, "9 and 10 are in the chunk still filling")

        // The cache fills more chunks and turns over three times: 1–30 are gone, the lent facts stay.
        for number in 11...100 { cache.insert(Self.candidates([number]), atMost: .max) }
        #expect(Self.lookup(cache, [1, 9]).missing == [1, 9])
        #expect(candidates.sequences == asked)
        #expect(candidates.sequences.indices.map { candidates.fingerprint($0) } == asked.map { Self.fingerprint(Int($0)) })
        var visited: [Int] = []
        candidates.forEach { index, table, row in
            visited.append(index)
            #expect(table.fingerprint(row: row) == Self.fingerprint(Int(asked[index])))
        }
        #expect(visited.sorted() == Array(asked.indices), "each candidate once")
    }

    @Test("an entry of the previous generation is lent from it, then found in the current one")
    func previousGeneration() {
        let cache = Self.smallChunks()
        // 1–30 fill the first generation; 31 turns it over.
        cache.insert(Self.candidates(Array(1...40)), atMost: .max)
        var first = CandidateFingerprints(settings: .standard)
        #expect(cache.append([5, 35, 2], to: &first).isEmpty)
        #expect(first.lentTables == 3, "the previous generation's chunks of 1–4 and 5–8, the current one's of 35–38")
        #expect(first.copiedRows == 0)
        #expect(first.sequences.indices.map { first.fingerprint($0) } == [5, 35, 2].map { Self.fingerprint($0) })
        // 5 and 2 moved to the current generation's last chunk, which is still filling: copied.
        var second = CandidateFingerprints(settings: .standard)
        #expect(cache.append([2, 5], to: &second).isEmpty)
        #expect(second.copiedRows == 2)
        #expect(second.sequences.indices.map { second.fingerprint($0) } == [2, 5].map { Self.fingerprint($0) })
        #expect(cache.counts.entries == 40)
    }

    @Test("merged candidates are in ascending order with each one's facts, lent or copied")
    func merged() {
        let cache = Self.smallChunks()
        cache.insert(Self.candidates([2, 4, 6, 8, 10, 12, 14, 16, 18]), atMost: .max)
        var found = CandidateFingerprints(settings: .standard)
        let missing = cache.append([1, 2, 3, 6, 9, 12, 17, 18], to: &found)
        #expect(missing == [1, 3, 9, 17])
        let merged = CandidateFingerprints.merged(found, Self.candidates(missing.map { Int($0) }))
        #expect(merged.sequences == [1, 2, 3, 6, 9, 12, 17, 18])
        #expect(merged.sequences.map { Self.fingerprint(Int($0)) } == merged.sequences.indices.map { merged.fingerprint($0) })
        var visited: [Int64: Fingerprint] = [:]
        merged.forEach { index, table, row in visited[merged.sequences[index]] = table.fingerprint(row: row) }
        #expect(visited.count == merged.count)
        #expect(visited.allSatisfy { $0.value == Self.fingerprint(Int($0.key)) })
    }

    // MARK: In a SQLite index

    static let story =
        "The harbour authority approved a plan on Tuesday to dredge the northern channel, allowing container ships "
        + "with deeper drafts to reach the old quay. Work costs 40 million and starts in the spring, the authority "
        + "said, and the channel stays open to fishing boats while the dredgers work."

    static func prepared(_ id: String, _ text: String, configuration: IndexConfiguration) -> PreparedArticle {
        let fingerprint = Fingerprinter(settings: configuration.settings).fingerprint(text)
        return PreparedArticle(
            article: IndexedArticle(
                id: .string(id), source: nil, url: nil, title: nil, published: nil, attribution: nil,
                textHash: XXH3.hash(text, seed: 0), fingerprint: fingerprint, copyOf: nil),
            bandKeys: configuration.lsh.bandKeys(of: fingerprint.signature), boilerplate: nil, removed: [])
    }

    /// Inserts `prepared` on its own, without boilerplate counts.
    static func insert(_ prepared: PreparedArticle, into store: SQLiteArticleStore) async throws -> InsertOutcome {
        try await store.insert(prepared.article, bandKeys: prepared.bandKeys, boilerplate: nil, replace: false)
    }

    /// A batch entry of `prepared` that records the sequence numbers of the candidates it was given.
    static func entry(_ prepared: PreparedArticle, seen: SeenSequences? = nil) -> BatchEntry {
        BatchEntry(
            site: nil, blockKeys: [], prepare: { _ in prepared },
            select: { _, candidates in
                seen?.record(candidates.sequences)
                return []
            })
    }

    final class SeenSequences: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Int64] = []
        func record(_ sequences: [Int64]) { lock.withLock { stored += sequences } }
        var sequences: [Int64] { lock.withLock { stored } }
    }

    struct Interrupted: Error {}

    @Test("a rolled-back batch leaves nothing in the cache, though SQLite gives its sequence numbers again")
    func rolledBackBatch() async throws {
        let path = try StoreKind.newSQLitePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try SQLiteArticleStore(path: path)
        let configuration = store.configuration
        let first = Self.prepared(
            "first", "A different story about the city library opening on Sundays from next month.",
            configuration: configuration)
        #expect(try await Self.insert(first, into: store) == .inserted)
        let firstSequence = try #require(try await store.article(id: .string("first"))).sequence

        // The batch's second entry reads its first, inserted but not committed, as a candidate; then it fails.
        let doomed = Self.prepared("doomed", Self.story, configuration: configuration)
        let reprint = Self.prepared(
            "reprint", Self.story + " Fishermen said they had not been consulted.", configuration: configuration)
        let seen = SeenSequences()
        let failing = BatchEntry(
            site: nil, blockKeys: [], prepare: { _ in throw Interrupted() }, select: { _, _ in [] })
        await #expect(throws: IndexError.self) {
            _ = try await store.insert(
                batch: [Self.entry(doomed), Self.entry(reprint, seen: seen), failing], replace: false)
        }
        #expect(seen.sequences == [firstSequence + 1], "the reprint saw the uncommitted article")
        #expect(try await store.article(id: .string("doomed")) == nil)

        // Another text is given the rolled-back number: a read of it must give its own fingerprint.
        let other = Self.prepared(
            "other", "The regional rail operator will add two night trains between the capital and the coast.",
            configuration: configuration)
        #expect(try await Self.insert(other, into: store) == .inserted)
        #expect(try #require(try await store.article(id: .string("other"))).sequence == firstSequence + 1)
        let facts = try await store.candidateFingerprints(bandKeys: other.bandKeys, excluding: nil)
        #expect(facts.sequences == [firstSequence + 1])
        #expect(facts.fingerprint(0) == other.article.fingerprint)
        #expect(facts.fingerprint(0) != doomed.article.fingerprint)
        try await store.close()
    }

    @Test("checks read the same candidates with the cache as without it, and the cache is used")
    func sameWithAndWithout() async throws {
        let path = try StoreKind.newSQLitePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let generated = try GeneratedArticles.standard.get().articles
        let cached = try await PublishedIndex.open(.sqlite(path: path))
        for result in await cached.add(Array(generated.prefix(300)), batchSize: 50) { _ = try result.get() }
        let uncached = try await PublishedIndex.open(.sqlite(path: path), fingerprintCacheBytes: 0)
        // Chunks of 8 rows: most candidates' facts come from lent chunks.
        let chunked = PublishedIndex(
            store: try SQLiteArticleStore(
                path: path, configuration: .standard, fingerprintCacheBytes: 1 << 24, fingerprintCacheChunkRows: 8,
                readOnly: true))
        let store = try #require(cached.store as? SQLiteArticleStore)
        for round in 0..<2 {
            for article in generated.prefix(400) {
                let expected = try await uncached.check(article, limit: 5)
                #expect(try await cached.check(article, limit: 5) == expected, "\(article.id), round \(round)")
                #expect(try await chunked.check(article, limit: 5) == expected, "\(article.id), round \(round)")
            }
        }
        try await chunked.close()
        // A replaced article is stored under a new number: checks see its new text.
        let replaced = Article(
            id: generated[7].id, text: generated[7].text + " A correction was appended to this story.",
            source: generated[7].source)
        #expect(try await cached.add(replaced, replace: true).status == .replaced)
        for article in [generated[7], replaced] {
            #expect(try await cached.check(article, limit: 5) == (try await uncached.check(article, limit: 5)))
        }
        let counts = store.fingerprintCache.counts
        #expect(counts.hits > counts.misses, "\(counts)")
        let uncachedStore = try #require(uncached.store as? SQLiteArticleStore)
        #expect(uncachedStore.fingerprintCache.counts.entries == 0)
        try await uncached.close()
        try await cached.close()
    }
}
