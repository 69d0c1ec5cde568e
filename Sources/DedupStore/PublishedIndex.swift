import Dedup

/// "Was this story already published, and by whom?": a persistent index of articles that answers for each incoming
/// article which indexed articles it copies, and can add it.
///
/// The same path as `dedup scan`: blocks → the site's boilerplate (as the index has learned it so far) removed →
/// fingerprint → band keys → candidates → verification. Adding is a check followed by an insert in one store
/// transaction, so concurrent adds (threads, processes sharing a PostgreSQL index) see each other; the site's
/// boilerplate counts learn from every added article.
///
/// ```swift
/// let index = PublishedIndex(store: InMemoryArticleStore())
/// let result = try await index.add(Article(id: "a1", text: "…", source: "harbor-gazette"))
/// if let first = result.check.firstPublished { print("copies \(first.article.id)") }
/// ```
public final class PublishedIndex: Sendable {
    /// The storage.
    public let store: any ArticleStore
    /// The configuration (the store's).
    public var configuration: IndexConfiguration { store.configuration }

    private let processor: ArticleFingerprinter
    private let verifier: Verifier
    private let scratches: FingerprintScratchPool

    /// An index over `store`, with the store's configuration.
    public init(store: any ArticleStore) {
        let processor = ArticleFingerprinter(
            settings: store.configuration.settings, rules: store.configuration.boilerplate)
        self.store = store
        self.processor = processor
        self.verifier = Verifier(policy: store.configuration.policy)
        self.scratches = FingerprintScratchPool(for: processor.fingerprinter)
    }

    /// The verdict for `article` against the index, without adding it.
    /// - Parameter limit: the most matches to return (the best ones).
    /// - Throws: ``IndexError`` (``IndexError/Code/invalidArticle`` for an article without words), or the store's
    ///   error.
    public func check(_ article: Article, limit: Int = 10) async throws -> CheckResult {
        let split = processor.split(article)
        let (prepared, candidates, selected) = try await store.prepareAndReadCandidates(
            site: article.site, blockKeys: split.blocks.map(\.key), excluding: article.id,
            prepare: { [self] statistics in try prepare(split, statistics: statistics) },
            select: { [self] prepared, candidates in select(prepared, from: candidates, limit: limit) })
        return result(prepared, candidatesVerified: candidates.count, selected: selected, limit: limit)
    }

    /// Adds `article`: the verdict against the articles indexed before it, then the insert, in one store
    /// transaction (the boilerplate counts, the candidates and the insert are read and written together).
    /// - Parameter replace: whether an id already indexed with other text is replaced (else it is an error).
    /// - Throws: ``IndexError`` (``IndexError/Code/idConflict``, ``IndexError/Code/invalidArticle``), or the store's
    ///   error.
    public func add(_ article: Article, replace: Bool = false, limit: Int = 10) async throws -> AddResult {
        let results = try await store.insert(batch: [entry(for: article, limit: limit)], replace: replace)
        guard let result = results.first else { throw IndexError(.storage, "the store returned no result") }
        return try result.map { addResult($0, limit: limit) }.get()
    }

    /// Adds `articles` in order; each gets its own result, so one bad article does not stop the others.
    ///
    /// Articles are written in transactions of `batchSize`, each as if added one by one (each is fingerprinted with
    /// the boilerplate its predecessors taught the index), so the result does not depend on the batch size; a
    /// storage failure fails the articles of its batch only.
    /// - Parameters:
    ///   - batchSize: articles per store transaction (at least 1).
    ///   - progress: called after each batch with the number of articles done so far.
    public func add(
        _ articles: [Article], replace: Bool = false, limit: Int = 10, batchSize: Int = PublishedIndex.batchSize,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async -> [Result<AddResult, IndexError>] {
        var results: [Result<AddResult, IndexError>] = []
        results.reserveCapacity(articles.count)
        var start = 0
        while start < articles.count {
            let chunk = articles[start..<min(articles.count, start + max(1, batchSize))]
            do {
                let stored = try await store.insert(
                    batch: chunk.map { entry(for: $0, limit: limit) }, replace: replace)
                results.append(contentsOf: stored.map { $0.map { addResult($0, limit: limit) } })
            } catch {
                let failure = error as? IndexError ?? IndexError(.storage, String(describing: error))
                results.append(contentsOf: repeatElement(.failure(failure), count: chunk.count))
            }
            start = chunk.endIndex
            progress?(start)
        }
        return results
    }

    /// The default number of articles per store transaction when adding many.
    public static let batchSize = 256

    /// The indexed article with `id`, if any.
    public func article(id: ArticleID) async throws -> IndexedArticle? {
        try await store.article(id: id)
    }

    /// Removes the article with `id`; returns whether it was indexed.
    public func remove(id: ArticleID) async throws -> Bool {
        try await store.remove(id: id)
    }

    /// What the index has learned of `source`'s boilerplate.
    public func boilerplate(source: String, limit: Int = 100) async throws -> SourceBoilerplate {
        try await store.learnedBoilerplate(source: source, limit: limit)
    }

    /// Counts that describe the index.
    public func statistics() async throws -> IndexStatistics {
        try await store.statistics()
    }

    /// Loads fingerprints from the store into its fingerprint cache, so that the first checks of template families
    /// do not read thousands of candidates' rows; opt-in, for a process that is about to answer many checks (which
    /// rows, how many, and what it gives: ``SQLiteArticleStore/warmFingerprintCache(progress:)``). It may run while
    /// checks and adds run, and never changes their results.
    ///
    /// ```swift
    /// let index = try await PublishedIndex.open(.sqlite(path: "news.sqlite"), readOnly: true)
    /// if let warmup = try await index.warmCache() { print("\(warmup.rows) fingerprints in \(warmup.seconds) s") }
    /// ```
    /// - Parameter progress: called with the figures so far while it loads.
    /// - Returns: what was loaded; `nil` when the store keeps no fingerprint cache (in-memory and PostgreSQL
    ///   stores: nothing is done).
    /// - Throws: the store's error; `CancellationError` when the task is cancelled.
    public func warmCache(
        progress: (@Sendable (FingerprintCacheWarmup) -> Void)? = nil
    ) async throws -> FingerprintCacheWarmup? {
        try await store.warmFingerprintCache(progress: progress)
    }

    /// Closes the store.
    public func close() async throws {
        try await store.close()
    }

    private typealias Prepared = PreparedArticle

    /// The batch entry of `article`: prepared, and its matches selected, inside the store's transaction. The best
    /// match (the first selected) is stored as its `copyOf`; `limit` of them are read whole for its result.
    private func entry(for article: Article, limit: Int) -> BatchEntry {
        let split = processor.split(article)
        return BatchEntry(
            site: article.site, blockKeys: split.blocks.map(\.key),
            prepare: { [self] statistics in try prepare(split, statistics: statistics) },
            select: { [self] prepared, candidates in select(prepared, from: candidates, limit: max(1, limit)) })
    }

    private func addResult(_ stored: BatchInsertResult, limit: Int) -> AddResult {
        let status: AddResult.Status
        switch stored.outcome {
        case .inserted: status = .added
        case .replaced: status = .replaced
        case .unchanged: status = .unchanged
        }
        return AddResult(
            status: status,
            check: result(
                stored.prepared, candidatesVerified: stored.candidates.count, selected: stored.selected, limit: limit))
    }

    private func prepare(_ split: SplitArticle, statistics: BoilerplateStatistics) throws -> Prepared {
        let article = split.article
        let processed = scratches.withScratch { scratch in
            processor.process(split, statistics: statistics, scratch: &scratch)
        }
        let fingerprint = processed.document.fingerprint
        guard !fingerprint.isEmpty else {
            throw IndexError(
                .invalidArticle,
                article.text.isEmpty
                    ? "article '\(article.id)': the text is empty"
                    : "article '\(article.id)': the text has no words")
        }
        let record = IndexedArticle(
            id: article.id, source: article.source, url: article.url, title: article.title,
            published: article.published, attribution: processed.boilerplate.attribution,
            textHash: XXH3.hash(article.fingerprintText, seed: 0), fingerprint: fingerprint, copyOf: nil)
        return Prepared(
            article: record, bandKeys: configuration.lsh.bandKeys(of: fingerprint.signature),
            boilerplate: BoilerplateContribution(blocks: split.blocks, site: article.site),
            removed: processed.boilerplate.removed)
    }

    /// Verifies every candidate on its fingerprint facts alone; returns the sequence numbers of the `limit` best
    /// matches, best first: exact before near-duplicate before contained, then the higher Jaccard, then the
    /// earlier indexed. Only these are read whole (their origin decides `cross_source`; their id, title and the rest
    /// are reported).
    private func select(_ prepared: Prepared, from candidates: CandidateFingerprints, limit: Int) -> [Int64] {
        let incoming = prepared.article.fingerprint
        var ranked: [(rank: Int, jaccard: Double, sequence: Int64)] = []
        candidates.forEach { index, table, row in
            guard let assessment = try? verifier.assess(copy: incoming, row: row, of: table), let kind = assessment.kind
            else { return }
            ranked.append((Self.rank(kind), assessment.scores.jaccard, candidates.sequences[index]))
        }
        ranked.sort { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.jaccard != b.jaccard { return a.jaccard > b.jaccard }
            return a.sequence < b.sequence
        }
        return ranked.prefix(max(0, limit)).map(\.sequence)
    }

    /// The result from the selected matches, read whole, in the order ``select(_:from:limit:)`` gave (an add
    /// selects at least one, its `copyOf`: the first `limit` are reported). Each is assessed again on its whole
    /// fingerprint (the same decision) for its verdict, with `cross_source`.
    private func result(_ prepared: Prepared, candidatesVerified: Int, selected: [IndexedArticle], limit: Int)
        -> CheckResult
    {
        let incoming = prepared.article.document
        let matches = selected.prefix(max(0, limit)).compactMap { candidate -> IndexMatch? in
            guard let assessment = try? verifier.assess(copy: incoming.fingerprint, original: candidate.fingerprint),
                let kind = assessment.kind
            else { return nil }
            let verdict = Verdict(
                kind: kind, crossSource: incoming.crossesSource(with: candidate.document), scores: assessment.scores)
            return IndexMatch(article: candidate, verdict: verdict)
        }
        return CheckResult(
            id: prepared.article.id, matches: matches, candidatesVerified: candidatesVerified,
            removed: prepared.removed, attribution: prepared.article.attribution,
            fingerprint: prepared.article.fingerprint)
    }

    private static func rank(_ kind: CopyKind) -> Int {
        switch kind {
        case .exact: 0
        case .nearDuplicate: 1
        case .contained: 2
        }
    }
}
