import Dedup

/// An ``ArticleStore`` in memory: for tests, and for one process that does not need the index to survive it.
public actor InMemoryArticleStore: ArticleStore {
    public nonisolated let configuration: IndexConfiguration

    private var articles: [ArticleID: IndexedArticle] = [:]
    private var bandKeysOf: [ArticleID: [UInt64]] = [:]
    private var bucket: [UInt64: [ArticleID]] = [:]
    private var idOfSequence: [Int64: ArticleID] = [:]
    private var nextSequence: Int64 = 1
    private var siteStories: [String: Set<UInt64>] = [:]
    private var blockStories: [String: [UInt64: Int]] = [:]
    private var blockText: [String: [UInt64: String]] = [:]
    private var leads: [UInt64: Int] = [:]
    private var isClosed = false

    /// An empty store for an index with `configuration`.
    public init(configuration: IndexConfiguration = .standard) {
        self.configuration = configuration
    }

    public func article(id: ArticleID) throws -> IndexedArticle? {
        try checkOpen()
        return articles[id]
    }

    public func candidates(bandKeys: [UInt64]) throws -> [IndexedArticle] {
        try checkOpen()
        var seen = Set<ArticleID>()
        var found: [IndexedArticle] = []
        for key in bandKeys {
            for id in bucket[key] ?? [] where seen.insert(id).inserted {
                if let article = articles[id] { found.append(article) }
            }
        }
        return found.sorted { $0.sequence < $1.sequence }
    }

    public func candidateFingerprints(bandKeys: [UInt64], excluding: ArticleID?) throws -> CandidateFingerprints {
        var found = CandidateFingerprints(settings: configuration.settings)
        for article in try candidates(bandKeys: bandKeys) where article.id != excluding {
            found.append(sequence: article.sequence, fingerprint: article.fingerprint)
        }
        return found
    }

    public func articles(sequences: [Int64]) throws -> [IndexedArticle] {
        try checkOpen()
        return sequences.compactMap { idOfSequence[$0].flatMap { articles[$0] } }
    }

    /// The three reads of a check with no suspension between them: one snapshot, as SQLite's read transaction.
    public func prepareAndReadCandidates(
        site: String?, blockKeys: [UInt64], excluding: ArticleID?,
        prepare: @escaping @Sendable (BoilerplateStatistics) throws -> PreparedArticle,
        select: @escaping @Sendable (PreparedArticle, CandidateFingerprints) -> [Int64]
    ) throws -> (prepared: PreparedArticle, candidates: CandidateFingerprints, selected: [IndexedArticle]) {
        let prepared = try prepare(try boilerplateStatistics(site: site, blockKeys: blockKeys))
        let candidates = try candidateFingerprints(bandKeys: prepared.bandKeys, excluding: excluding)
        return (prepared, candidates, try articles(sequences: select(prepared, candidates)))
    }

    public func insert(
        _ article: IndexedArticle, bandKeys: [UInt64], boilerplate: BoilerplateContribution?, replace: Bool
    ) throws -> InsertOutcome {
        try checkOpen()
        var previous: IndexedArticle?
        if let existing = articles[article.id] {
            if existing.textHash == article.textHash { return .unchanged(existing: existing) }
            guard replace else {
                throw StoreRules.conflict(article.id)
            }
            previous = existing
            unlink(article.id)
        }
        var stored = article
        stored.sequence = nextSequence
        nextSequence += 1
        articles[article.id] = stored
        idOfSequence[stored.sequence] = article.id
        bandKeysOf[article.id] = bandKeys
        for key in bandKeys { bucket[key, default: []].append(article.id) }
        if let boilerplate { learn(boilerplate) }
        if let previous { return .replaced(previous: previous) }
        return .inserted
    }

    public func insert(batch: [BatchEntry], replace: Bool) throws -> [Result<BatchInsertResult, IndexError>] {
        try checkOpen()
        // The actor runs the whole batch without suspending, so it is as atomic as a transaction.
        var results: [Result<BatchInsertResult, IndexError>] = []
        for entry in batch {
            let statistics = try boilerplateStatistics(site: entry.site, blockKeys: entry.blockKeys)
            var prepared: PreparedArticle
            do {
                prepared = try entry.prepare(statistics)
            } catch let error as IndexError {
                results.append(.failure(error))
                continue
            }
            let id = prepared.article.id
            if let existing = articles[id], existing.textHash == prepared.article.textHash {
                let others = try candidateFingerprints(bandKeys: prepared.bandKeys, excluding: id)
                let selected = try articles(sequences: entry.select(prepared, others))
                results.append(
                    .success(
                        BatchInsertResult(
                            prepared: prepared, outcome: .unchanged(existing: existing), candidates: others,
                            selected: selected)))
                continue
            }
            if articles[id] != nil, !replace {
                results.append(.failure(StoreRules.conflict(id)))
                continue
            }
            let previous = articles[id]
            if previous != nil { unlink(id) }
            let found = try candidateFingerprints(bandKeys: prepared.bandKeys, excluding: nil)
            let selected = try articles(sequences: entry.select(prepared, found))
            prepared.article.copyOf = selected.first?.id
            let outcome = try insert(
                prepared.article, bandKeys: prepared.bandKeys, boilerplate: prepared.boilerplate, replace: replace)
            switch outcome {
            case .inserted: break
            default: preconditionFailure("the id was free")
            }
            let reported: InsertOutcome = previous.map { .replaced(previous: $0) } ?? .inserted
            results.append(
                .success(
                    BatchInsertResult(prepared: prepared, outcome: reported, candidates: found, selected: selected)))
        }
        return results
    }

    public func remove(id: ArticleID) throws -> Bool {
        try checkOpen()
        guard articles[id] != nil else { return false }
        unlink(id)
        return true
    }

    public func boilerplateStatistics(site: String?, blockKeys: [UInt64]) throws -> BoilerplateStatistics {
        try checkOpen()
        let name = site ?? BoilerplateStatistics.unknownSite
        let counts = blockStories[name] ?? [:]
        var blocks: [UInt64: Int] = [:]
        var leadCounts: [UInt64: Int] = [:]
        for key in blockKeys {
            if let count = counts[key] { blocks[key] = count }
            if let count = leads[key] { leadCounts[key] = count }
        }
        return BoilerplateStatistics(
            site: site, stories: siteStories[name]?.count ?? 0, blockStories: blocks, leads: leadCounts)
    }

    public func learnedBoilerplate(source: String, limit: Int) throws -> SourceBoilerplate {
        try checkOpen()
        let stories = siteStories[source]?.count ?? 0
        let texts = blockText[source] ?? [:]
        let blocks = (blockStories[source] ?? [:]).compactMap { key, count -> SiteStatistics.LearnedBlock? in
            guard count >= 2, let text = texts[key] else { return nil }
            return SiteStatistics.LearnedBlock(text: text, stories: count)
        }.sorted { ($0.stories, $1.text) > ($1.stories, $0.text) }
        return SourceBoilerplate(
            source: source, stories: stories,
            repeatedThreshold: configuration.boilerplate.repeatedThreshold(stories: stories),
            blocks: Array(blocks.prefix(max(0, limit))))
    }

    public func statistics() throws -> IndexStatistics {
        try checkOpen()
        return IndexStatistics(
            articles: articles.count, copies: articles.values.count { $0.copyOf != nil },
            sources: siteStories.count, bandEntries: bandKeysOf.values.reduce(0) { $0 + $1.count },
            bytesOnDisk: nil, configuration: configuration)
    }

    public func close() {
        isClosed = true
    }

    private func checkOpen() throws {
        if isClosed { throw IndexError(.storage, "the index is closed") }
    }

    private func unlink(_ id: ArticleID) {
        for key in bandKeysOf[id] ?? [] {
            bucket[key]?.removeAll { $0 == id }
            if bucket[key]?.isEmpty == true { bucket[key] = nil }
        }
        bandKeysOf[id] = nil
        if let sequence = articles[id]?.sequence { idOfSequence[sequence] = nil }
        articles[id] = nil
    }

    private func learn(_ contribution: BoilerplateContribution) {
        guard siteStories[contribution.site, default: []].insert(contribution.story).inserted else { return }
        for block in contribution.blocks {
            blockStories[contribution.site, default: [:]][block.key, default: 0] += 1
            // The text is kept as seen on the second story (as ``SiteStatistics`` does): blocks seen once are most
            // of a site's text, and the persistent stores should not keep a copy of every article.
            if blockStories[contribution.site]?[block.key] == 2 {
                blockText[contribution.site, default: [:]][block.key] = block.text
            }
        }
        if let lead = contribution.lead { leads[lead, default: 0] += 1 }
    }
}
