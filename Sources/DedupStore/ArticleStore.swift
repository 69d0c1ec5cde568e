import Dedup

/// What an insert did.
public enum InsertOutcome: Sendable, Hashable {
    /// The article was new.
    case inserted
    /// The id was indexed with the same text hash; nothing changed.
    case unchanged(existing: IndexedArticle)
    /// The id was indexed with other text and `replace` was asked: the old article was removed and the new one
    /// inserted in one transaction.
    case replaced(previous: IndexedArticle)
}

/// Counts that describe an index.
public struct IndexStatistics: Sendable, Hashable {
    /// Indexed articles.
    public var articles: Int
    /// Indexed articles that were found to copy another when they were added.
    public var copies: Int
    /// Distinct sites with at least one story counted for boilerplate.
    public var sources: Int
    /// Stored band keys (articles × bands, less empty signatures).
    public var bandEntries: Int
    /// Bytes the index takes on disk, when the store can tell.
    public var bytesOnDisk: Int?
    /// The configuration the index was created with.
    public var configuration: IndexConfiguration

    /// Statistics from their parts.
    public init(
        articles: Int, copies: Int, sources: Int, bandEntries: Int, bytesOnDisk: Int?,
        configuration: IndexConfiguration
    ) {
        self.articles = articles
        self.copies = copies
        self.sources = sources
        self.bandEntries = bandEntries
        self.bytesOnDisk = bytesOnDisk
        self.configuration = configuration
    }
}

/// What an index has learned of one site's boilerplate.
public struct SourceBoilerplate: Sendable, Hashable {
    /// The site.
    public var source: String
    /// The distinct stories counted for it.
    public var stories: Int
    /// The number of stories a block must be in to count as repeated site chrome (``BoilerplateRules``).
    public var repeatedThreshold: Int
    /// Its blocks seen in at least two stories, most frequent first, then by text.
    public var blocks: [SiteStatistics.LearnedBlock]

    /// A site's learned boilerplate from its parts.
    public init(source: String, stories: Int, repeatedThreshold: Int, blocks: [SiteStatistics.LearnedBlock]) {
        self.source = source
        self.stories = stories
        self.repeatedThreshold = repeatedThreshold
        self.blocks = blocks
    }
}

/// Persistent storage for a ``PublishedIndex``: articles, their band keys, and each site's boilerplate counts.
///
/// Implementations: ``InMemoryArticleStore`` (tests, one process), SQLite (the default, one file) and PostgreSQL
/// (shared by many processes). All have the same logical schema and must make ``insert(_:bandKeys:boilerplate:replace:)``
/// atomic: the id check, the candidate read, the insert of the article, its band keys and its boilerplate
/// contribution happen in one transaction, and inserts from concurrent callers (threads, processes, machines) are
/// serialized, so that no acknowledged article is lost and none is stored twice.
public protocol ArticleStore: Sendable {
    /// The configuration the index was created with.
    var configuration: IndexConfiguration { get }

    /// The article with `id`, if indexed.
    func article(id: ArticleID) async throws -> IndexedArticle?

    /// The indexed articles that have at least one of `bandKeys`, each once, in insertion order.
    func candidates(bandKeys: [UInt64]) async throws -> [IndexedArticle]

    /// What verification reads of the same candidates as ``candidates(bandKeys:)``, less the article with id
    /// `excluding`: their sequence numbers and fingerprint facts, without the rest of their rows.
    func candidateFingerprints(bandKeys: [UInt64], excluding: ArticleID?) async throws -> CandidateFingerprints

    /// The indexed articles with these sequence numbers, in the order given; a sequence number no article has
    /// (any more) is left out.
    func articles(sequences: [Int64]) async throws -> [IndexedArticle]

    /// Inserts `article` (see ``InsertOutcome``) with its band keys, and applies its boilerplate contribution to its
    /// site's counts (a story already counted for the site changes nothing).
    /// `bandKeys` must be the configuration's ``LSHParameters/bandKeys(of:)`` of the signature: the SQL stores
    /// recompute them from the stored signature to delete them, rather than index band keys by article too.
    /// - Throws: ``IndexError/Code/idConflict`` when the id is indexed with another text hash and `replace` is false.
    func insert(
        _ article: IndexedArticle, bandKeys: [UInt64], boilerplate: BoilerplateContribution?, replace: Bool
    ) async throws -> InsertOutcome

    /// Inserts `batch` in order, in one transaction where the store can (see ``BatchEntry``): each entry is prepared
    /// against the boilerplate counts read in the transaction, its candidates read, its `copyOf` chosen, then it is
    /// inserted as ``insert(_:bandKeys:boilerplate:replace:)`` does. A default implementation inserts one entry at a
    /// time.
    /// - Returns: one result per entry, in order: ``IndexError/Code/invalidArticle`` and
    ///   ``IndexError/Code/idConflict`` fail that entry only.
    /// - Throws: a storage error, which fails the whole batch (nothing of it is stored by the transactional stores).
    func insert(batch: [BatchEntry], replace: Bool) async throws -> [Result<BatchInsertResult, IndexError>]

    /// Removes the article with `id` and its band keys; returns whether it was there. Boilerplate counts are kept:
    /// they describe what the site publishes, not what the index holds.
    func remove(id: ArticleID) async throws -> Bool

    /// The learned statistics one document's boilerplate detection needs: its site's story count and the counts of
    /// `blockKeys` (see ``BoilerplateStatistics/init(site:stories:blockStories:leads:)``).
    func boilerplateStatistics(site: String?, blockKeys: [UInt64]) async throws -> BoilerplateStatistics

    /// What checking one article reads: its site's boilerplate counts for `blockKeys`; once `prepare` has
    /// fingerprinted the article against them, the fingerprint facts of the indexed articles that share a band key
    /// with it, less the one with id `excluding` (as ``candidateFingerprints(bandKeys:excluding:)``); once `select`
    /// has verified those, the whole rows of the candidates it selects (as ``articles(sequences:)``).
    ///
    /// A default implementation makes the three reads; SQLite makes them in one read transaction, so that a check
    /// takes one snapshot and one trip to a reader connection.
    /// - Parameters:
    ///   - select: the sequence numbers of the candidates to read whole, in the order `selected` lists them.
    /// - Throws: what `prepare` throws (an ``IndexError`` for an article that cannot be checked), or a storage error.
    func prepareAndReadCandidates(
        site: String?, blockKeys: [UInt64], excluding: ArticleID?,
        prepare: @escaping @Sendable (BoilerplateStatistics) throws -> PreparedArticle,
        select: @escaping @Sendable (PreparedArticle, CandidateFingerprints) -> [Int64]
    ) async throws -> (prepared: PreparedArticle, candidates: CandidateFingerprints, selected: [IndexedArticle])

    /// What the index has learned of `source`'s boilerplate: at most `limit` blocks seen in two or more stories.
    func learnedBoilerplate(source: String, limit: Int) async throws -> SourceBoilerplate

    /// Counts that describe the index.
    func statistics() async throws -> IndexStatistics

    /// Loads fingerprints from storage into the store's in-memory cache of candidates' fingerprints, so that the
    /// checks that follow read fewer rows; `nil` for a store that keeps no such cache. Only SQLite keeps one (see
    /// ``SQLiteArticleStore/warmFingerprintCache(progress:)``); the default implementation does nothing and returns
    /// `nil`: an in-memory store holds every fingerprint in memory already, and a PostgreSQL store reads every
    /// candidate from the server.
    /// - Parameter progress: called with the figures so far while it loads.
    func warmFingerprintCache(
        progress: (@Sendable (FingerprintCacheWarmup) -> Void)?
    ) async throws -> FingerprintCacheWarmup?

    /// Releases connections and files. Further calls throw.
    func close() async throws
}

extension ArticleStore {
    /// Reads the counts, prepares, reads the candidates' facts, selects, then reads the selected rows: three reads,
    /// each of its own (an article removed between the second and the third is left out of `selected`).
    public func prepareAndReadCandidates(
        site: String?, blockKeys: [UInt64], excluding: ArticleID?,
        prepare: @escaping @Sendable (BoilerplateStatistics) throws -> PreparedArticle,
        select: @escaping @Sendable (PreparedArticle, CandidateFingerprints) -> [Int64]
    ) async throws -> (prepared: PreparedArticle, candidates: CandidateFingerprints, selected: [IndexedArticle]) {
        let prepared = try prepare(try await boilerplateStatistics(site: site, blockKeys: blockKeys))
        let candidates = try await candidateFingerprints(bandKeys: prepared.bandKeys, excluding: excluding)
        let chosen = select(prepared, candidates)
        return (prepared, candidates, chosen.isEmpty ? [] : try await articles(sequences: chosen))
    }

    /// Does nothing: the store keeps no fingerprint cache.
    /// - Returns: `nil`.
    public func warmFingerprintCache(
        progress: (@Sendable (FingerprintCacheWarmup) -> Void)?
    ) async throws -> FingerprintCacheWarmup? {
        nil
    }
}
