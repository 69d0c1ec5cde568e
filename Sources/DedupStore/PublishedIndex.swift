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

    /// An index over `store`, with the store's configuration.
    public init(store: any ArticleStore) {
        self.store = store
        self.processor = ArticleFingerprinter(
            settings: store.configuration.settings, rules: store.configuration.boilerplate)
        self.verifier = Verifier(policy: store.configuration.policy)
    }

    /// The verdict for `article` against the index, without adding it.
    /// - Parameter limit: the most matches to return (the best ones).
    /// - Throws: ``IndexError`` (``IndexError/Code/invalidArticle`` for an article without words), or the store's
    ///   error.
    public func check(_ article: Article, limit: Int = 10) async throws -> CheckResult {
        let prepared = try await prepare(article)
        let candidates = try await store.candidates(bandKeys: prepared.bandKeys)
        return verify(prepared, against: candidates.filter { $0.id != article.id }, limit: limit)
    }

    /// Adds `article`: the verdict against the articles indexed before it, then the insert.
    /// - Parameter replace: whether an id already indexed with other text is replaced (else it is an error).
    /// - Throws: ``IndexError`` (``IndexError/Code/idConflict``, ``IndexError/Code/invalidArticle``), or the store's
    ///   error.
    public func add(_ article: Article, replace: Bool = false, limit: Int = 10) async throws -> AddResult {
        let prepared = try await prepare(article)
        // The insert records the best match as `copyOf`, but the verdict needs the candidates read inside the
        // insert's transaction; so verify the candidates read just before, and again after when they differ.
        let before = try await store.candidates(bandKeys: prepared.bandKeys).filter { $0.id != article.id }
        var record = prepared.record
        record.copyOf = verify(prepared, against: before, limit: 1).best?.article.id
        let outcome = try await store.insert(
            record, bandKeys: prepared.bandKeys, boilerplate: prepared.contribution, replace: replace)
        switch outcome {
        case .inserted(let candidates):
            return AddResult(status: .added, check: verify(prepared, against: candidates, limit: limit))
        case .replaced(_, let candidates):
            return AddResult(status: .replaced, check: verify(prepared, against: candidates, limit: limit))
        case .unchanged:
            let others = try await store.candidates(bandKeys: prepared.bandKeys).filter { $0.id != article.id }
            return AddResult(status: .unchanged, check: verify(prepared, against: others, limit: limit))
        }
    }

    /// Adds `articles` in order; each gets its own result, so one bad article does not stop the others.
    public func add(_ articles: [Article], replace: Bool = false, limit: Int = 10) async
        -> [Result<AddResult, IndexError>]
    {
        var results: [Result<AddResult, IndexError>] = []
        results.reserveCapacity(articles.count)
        for article in articles {
            do {
                results.append(.success(try await add(article, replace: replace, limit: limit)))
            } catch let error as IndexError {
                results.append(.failure(error))
            } catch {
                results.append(.failure(IndexError(.storage, String(describing: error))))
            }
        }
        return results
    }

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

    /// Closes the store.
    public func close() async throws {
        try await store.close()
    }

    private struct Prepared {
        var record: IndexedArticle
        var bandKeys: [UInt64]
        var contribution: BoilerplateContribution?
        var removed: [RemovedBlock]
    }

    private func prepare(_ article: Article) async throws -> Prepared {
        let blocks = processor.splitter.blocks(of: article.text)
        let statistics = try await store.boilerplateStatistics(site: article.site, blockKeys: blocks.map(\.key))
        var scratch = FingerprintScratch(for: processor.fingerprinter)
        let processed = processor.process(article, statistics: statistics, scratch: &scratch)
        let fingerprint = processed.document.fingerprint
        guard !fingerprint.isEmpty else {
            throw IndexError(
                .invalidArticle,
                article.text.isEmpty ? "article '\(article.id)': the text is empty"
                    : "article '\(article.id)': the text has no words")
        }
        let record = IndexedArticle(
            id: article.id, source: article.source, url: article.url, title: article.title,
            published: article.published, attribution: processed.boilerplate.attribution,
            textHash: XXH3.hash(article.fingerprintText, seed: 0), fingerprint: fingerprint, copyOf: nil)
        return Prepared(
            record: record, bandKeys: configuration.lsh.bandKeys(of: fingerprint.signature),
            contribution: BoilerplateContribution(blocks: blocks, site: article.site),
            removed: processed.boilerplate.removed)
    }

    private func verify(_ prepared: Prepared, against candidates: [IndexedArticle], limit: Int) -> CheckResult {
        let incoming = prepared.record.document
        var matches: [IndexMatch] = []
        for candidate in candidates {
            guard let assessment = try? verifier.assess(copy: incoming.fingerprint, original: candidate.fingerprint),
                let kind = assessment.kind
            else { continue }
            let verdict = Verdict(
                kind: kind, crossSource: incoming.crossesSource(with: candidate.document), scores: assessment.scores)
            matches.append(IndexMatch(article: candidate, verdict: verdict))
        }
        matches.sort { a, b in
            if Self.rank(a.verdict.kind) != Self.rank(b.verdict.kind) {
                return Self.rank(a.verdict.kind) < Self.rank(b.verdict.kind)
            }
            if a.verdict.scores.jaccard != b.verdict.scores.jaccard {
                return a.verdict.scores.jaccard > b.verdict.scores.jaccard
            }
            return a.article.sequence < b.article.sequence
        }
        return CheckResult(
            id: prepared.record.id, matches: Array(matches.prefix(max(0, limit))),
            candidatesVerified: candidates.count, removed: prepared.removed,
            attribution: prepared.record.attribution, fingerprint: prepared.record.fingerprint)
    }

    private static func rank(_ kind: CopyKind) -> Int {
        switch kind {
        case .exact: 0
        case .nearDuplicate: 1
        case .contained: 2
        }
    }
}
