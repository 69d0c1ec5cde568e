import Dedup

/// The steps of an insert inside one synchronous store transaction (SQLite). The insert and batch algorithms are
/// written once over them, so that every store applies the same rules; PostgreSQL's asynchronous transaction follows
/// the same steps in ``PostgresTransaction``.
protocol StoreTransaction {
    func article(id: ArticleID) throws -> IndexedArticle?
    func candidateFingerprints(bandKeys: [UInt64], excluding: ArticleID?) throws -> CandidateFingerprints
    func articles(sequences: [Int64]) throws -> [IndexedArticle]
    func boilerplateStatistics(site: String?, blockKeys: [UInt64]) throws -> BoilerplateStatistics
    /// Deletes the article and its band keys.
    func unlink(_ article: IndexedArticle) throws
    /// Stores the article with a new sequence number and its band keys; returns it as stored.
    func append(_ article: IndexedArticle, bandKeys: [UInt64]) throws -> IndexedArticle
    /// Applies a boilerplate contribution (nothing when its story is already counted for its site).
    func learn(_ contribution: BoilerplateContribution) throws
}

extension StoreTransaction {
    func insert(
        _ article: IndexedArticle, bandKeys: [UInt64], boilerplate: BoilerplateContribution?, replace: Bool
    ) throws -> InsertOutcome {
        var previous: IndexedArticle?
        if let existing = try self.article(id: article.id) {
            if existing.textHash == article.textHash { return .unchanged(existing: existing) }
            guard replace else { throw StoreRules.conflict(article.id) }
            previous = existing
            try unlink(existing)
        }
        _ = try append(article, bandKeys: bandKeys)
        if let boilerplate { try learn(boilerplate) }
        if let previous { return .replaced(previous: previous) }
        return .inserted
    }

    func insert(batch: [BatchEntry], replace: Bool) throws -> [Result<BatchInsertResult, IndexError>] {
        var results: [Result<BatchInsertResult, IndexError>] = []
        results.reserveCapacity(batch.count)
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
            var previous: IndexedArticle?
            if let existing = try article(id: id) {
                if existing.textHash == prepared.article.textHash {
                    let others = try candidateFingerprints(bandKeys: prepared.bandKeys, excluding: id)
                    let selected = try articles(sequences: entry.select(prepared, others))
                    results.append(
                        .success(
                            BatchInsertResult(
                                prepared: prepared, outcome: .unchanged(existing: existing), candidates: others,
                                selected: selected)))
                    continue
                }
                guard replace else {
                    results.append(.failure(StoreRules.conflict(id)))
                    continue
                }
                previous = existing
                try unlink(existing)
            }
            // The id is not indexed (any more): nothing to exclude.
            let found = try candidateFingerprints(bandKeys: prepared.bandKeys, excluding: nil)
            let selected = try articles(sequences: entry.select(prepared, found))
            prepared.article.copyOf = selected.first?.id
            _ = try append(prepared.article, bandKeys: prepared.bandKeys)
            if let boilerplate = prepared.boilerplate { try learn(boilerplate) }
            let outcome: InsertOutcome = previous.map { .replaced(previous: $0) } ?? .inserted
            results.append(
                .success(
                    BatchInsertResult(prepared: prepared, outcome: outcome, candidates: found, selected: selected)))
        }
        return results
    }
}

extension PostgresTransaction {
    // The algorithms of ``StoreTransaction``, step for step, over the asynchronous steps.

    func insert(
        _ article: IndexedArticle, bandKeys: [UInt64], boilerplate: BoilerplateContribution?, replace: Bool
    ) async throws -> InsertOutcome {
        var previous: IndexedArticle?
        if let existing = try await self.article(id: article.id) {
            if existing.textHash == article.textHash { return .unchanged(existing: existing) }
            guard replace else { throw StoreRules.conflict(article.id) }
            previous = existing
            try await unlink(existing)
        }
        _ = try await append(article, bandKeys: bandKeys)
        if let boilerplate { try await learn(boilerplate) }
        if let previous { return .replaced(previous: previous) }
        return .inserted
    }

    func insert(batch: [BatchEntry], replace: Bool) async throws -> [Result<BatchInsertResult, IndexError>] {
        var results: [Result<BatchInsertResult, IndexError>] = []
        results.reserveCapacity(batch.count)
        for entry in batch {
            let statistics = try await boilerplateStatistics(site: entry.site, blockKeys: entry.blockKeys)
            var prepared: PreparedArticle
            do {
                prepared = try entry.prepare(statistics)
            } catch let error as IndexError {
                results.append(.failure(error))
                continue
            }
            let id = prepared.article.id
            var previous: IndexedArticle?
            if let existing = try await article(id: id) {
                if existing.textHash == prepared.article.textHash {
                    let others = try await candidateFingerprints(bandKeys: prepared.bandKeys, excluding: id)
                    let selected = try await articles(sequences: entry.select(prepared, others))
                    results.append(
                        .success(
                            BatchInsertResult(
                                prepared: prepared, outcome: .unchanged(existing: existing), candidates: others,
                                selected: selected)))
                    continue
                }
                guard replace else {
                    results.append(.failure(StoreRules.conflict(id)))
                    continue
                }
                previous = existing
                try await unlink(existing)
            }
            // The id is not indexed (any more): nothing to exclude.
            let found = try await candidateFingerprints(bandKeys: prepared.bandKeys, excluding: nil)
            let selected = try await articles(sequences: entry.select(prepared, found))
            prepared.article.copyOf = selected.first?.id
            _ = try await append(prepared.article, bandKeys: prepared.bandKeys)
            if let boilerplate = prepared.boilerplate { try await learn(boilerplate) }
            let outcome: InsertOutcome = previous.map { .replaced(previous: $0) } ?? .inserted
            results.append(
                .success(
                    BatchInsertResult(prepared: prepared, outcome: outcome, candidates: found, selected: selected)))
        }
        return results
    }
}

/// Rules every store shares.
enum StoreRules {
    static func conflict(_ id: ArticleID) -> IndexError {
        IndexError(.idConflict, "article '\(id)' is already indexed with other text (use replace)")
    }
}
