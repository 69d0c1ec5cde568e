import Dedup

/// An article ready to be stored, as ``PublishedIndex`` prepares it against the site's learned boilerplate.
public struct PreparedArticle: Sendable, Hashable {
    /// The record to store (`copyOf` and `sequence` are set by the batch insert).
    public var article: IndexedArticle
    /// Its band keys: ``LSHParameters/bandKeys(of:)`` of the signature with the index's banding.
    public var bandKeys: [UInt64]
    /// What it adds to its site's boilerplate counts, if it has words.
    public var boilerplate: BoilerplateContribution?
    /// The blocks removed from it as boilerplate (reported, not stored).
    public var removed: [RemovedBlock]

    /// A prepared article from its parts.
    public init(
        article: IndexedArticle, bandKeys: [UInt64], boilerplate: BoilerplateContribution?, removed: [RemovedBlock]
    ) {
        self.article = article
        self.bandKeys = bandKeys
        self.boilerplate = boilerplate
        self.removed = removed
    }
}

/// One article of ``ArticleStore/insert(batch:replace:)``: how to prepare it once the store has read its site's
/// boilerplate counts inside the batch's transaction, and how to pick the indexed articles it copies.
///
/// Preparing inside the transaction makes a batch give exactly what the same articles added one by one give: each
/// article is fingerprinted with the counts its predecessors in the batch (and concurrent writers) left.
public struct BatchEntry: Sendable {
    /// The article's site (nil: ``BoilerplateStatistics/unknownSite``).
    public var site: String?
    /// The keys of its blocks, whose counts ``prepare`` needs.
    public var blockKeys: [UInt64]
    /// Fingerprints the article against the learned counts. Throws ``IndexError`` for an article that cannot be
    /// indexed; that entry fails and the batch goes on.
    public var prepare: @Sendable (BoilerplateStatistics) throws -> PreparedArticle
    /// The sequence numbers of the indexed articles the prepared one copies, best first, given the fingerprint
    /// facts of the candidates its band keys found (without itself). The store reads those articles whole, in
    /// this order, and stores the first one's id as the article's ``IndexedArticle/copyOf``.
    public var select: @Sendable (PreparedArticle, CandidateFingerprints) -> [Int64]

    /// An entry from its parts.
    public init(
        site: String?, blockKeys: [UInt64],
        prepare: @escaping @Sendable (BoilerplateStatistics) throws -> PreparedArticle,
        select: @escaping @Sendable (PreparedArticle, CandidateFingerprints) -> [Int64]
    ) {
        self.site = site
        self.blockKeys = blockKeys
        self.prepare = prepare
        self.select = select
    }
}

/// What a batch insert did with one entry.
public struct BatchInsertResult: Sendable, Hashable {
    /// The article as prepared (with `copyOf` as stored).
    public var prepared: PreparedArticle
    /// What the insert did.
    public var outcome: InsertOutcome
    /// The fingerprint facts of the indexed articles its band keys found in the transaction, without itself (for
    /// an unchanged article, the others it would be checked against).
    public var candidates: CandidateFingerprints
    /// The candidates ``BatchEntry/select`` selected, read whole in the transaction, in its order.
    public var selected: [IndexedArticle]

    /// A result from its parts.
    public init(
        prepared: PreparedArticle, outcome: InsertOutcome, candidates: CandidateFingerprints,
        selected: [IndexedArticle]
    ) {
        self.prepared = prepared
        self.outcome = outcome
        self.candidates = candidates
        self.selected = selected
    }
}

extension ArticleStore {
    /// Inserts `batch` in order. Stores override this to run the whole batch in one transaction (SQLite,
    /// PostgreSQL, in memory); this default makes each insert atomic on its own, for stores that only implement
    /// ``insert(_:bandKeys:boilerplate:replace:)``.
    /// - Returns: one result per entry: ``IndexError/Code/invalidArticle`` or ``IndexError/Code/idConflict`` fail
    ///   that entry only.
    /// - Throws: a storage error, which fails the whole batch.
    public func insert(batch: [BatchEntry], replace: Bool) async throws -> [Result<BatchInsertResult, IndexError>] {
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
            let before = try await candidateFingerprints(bandKeys: prepared.bandKeys, excluding: id)
            let chosen = try await articles(sequences: entry.select(prepared, before))
            prepared.article.copyOf = chosen.first?.id
            do {
                let outcome = try await insert(
                    prepared.article, bandKeys: prepared.bandKeys, boilerplate: prepared.boilerplate,
                    replace: replace)
                // Without a transaction over the steps, the facts read before the insert are the best there are.
                results.append(
                    .success(
                        BatchInsertResult(prepared: prepared, outcome: outcome, candidates: before, selected: chosen)))
            } catch let error as IndexError where error.code == .idConflict {
                results.append(.failure(error))
            }
        }
        return results
    }
}
