import Dedup
import Foundation
import Logging
import PostgresNIO

/// An ``ArticleStore`` in a PostgreSQL database, through postgres-nio: one index shared by `dedup` processes on many
/// machines (`--db postgres://…`).
///
/// Every write is one transaction that first takes a transaction-scoped advisory lock
/// (``IndexSchema/postgresWriteLock``), then reads the id and the candidates and writes: writers anywhere are
/// serialized, and each sees everything committed before it. Reads take no lock. 64-bit unsigned values are stored
/// as `BIGINT` with the same bits.
public final class PostgresArticleStore: ArticleStore {
    public let configuration: IndexConfiguration
    /// The PostgreSQL schema holding the index, when the URL names one.
    public let schema: String?

    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    private let location: String
    private let state = ClosedState()

    /// Opens the index at the `postgres://` URL `url` (see ``IndexLocation``), creating its tables when missing. A
    /// new index gets `configuration`; an existing one keeps its own.
    /// - Throws: ``IndexError/Code/unsupportedLocation`` for a URL that cannot be used,
    ///   ``IndexError/Code/incompatibleIndex`` for an index of a newer format, ``IndexError/Code/storage`` when the
    ///   server cannot be reached.
    public static func open(url: String, configuration: IndexConfiguration = .standard) async throws
        -> PostgresArticleStore
    {
        let location = try PostgresLocation(url: url)
        let client = PostgresClient(configuration: location.configuration)
        let runner = Task { await client.run() }
        let logger = {
            var logger = Logger(label: "dedup.postgres")
            logger.logLevel = .critical
            return logger
        }()
        do {
            // The client retries connections until a query's lease is served: bound the wait for the first one.
            let stored = try await withThrowingTaskGroup(of: IndexConfiguration?.self) { group in
                group.addTask {
                    try await Self.migrate(
                        client: client, schema: location.schema, configuration: configuration, logger: logger)
                }
                group.addTask {
                    try await Task.sleep(for: location.connectTimeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let stored = first else {
                    throw IndexError(
                        .storage, "\(location.redacted): no answer from the server within \(location.connectTimeout)")
                }
                return stored
            }
            return PostgresArticleStore(
                configuration: stored, schema: location.schema, client: client, runner: runner, logger: logger,
                location: location.redacted)
        } catch {
            runner.cancel()
            await runner.value
            throw Self.indexError(error, location: location.redacted)
        }
    }

    private init(
        configuration: IndexConfiguration, schema: String?, client: PostgresClient, runner: Task<Void, Never>,
        logger: Logger, location: String
    ) {
        self.configuration = configuration
        self.schema = schema
        self.client = client
        self.runner = runner
        self.logger = logger
        self.location = location
    }

    /// Creates the schema and applies the named migrations not yet applied, under an advisory lock so that processes
    /// opening a new index at once do it once; then stores `configuration` unless the index has one.
    private static func migrate(
        client: PostgresClient, schema: String?, configuration: IndexConfiguration, logger: Logger
    ) async throws -> IndexConfiguration {
        let json = try StorageEncoding.json(of: configuration)
        return try await client.withTransaction(logger: logger) { connection in
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(IndexSchema.postgresMigrationLock))", logger: logger)
            if let schema {
                // An identifier cannot be a bound parameter; PostgresLocation admits only [a-z_][a-z0-9_]*.
                try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger)
            }
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS dedup_migrations (
                    identifier TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.query(
                "SELECT identifier FROM dedup_migrations", logger: logger
            ).decode(String.self) {
                applied.insert(name)
            }
            let known = Set(IndexSchema.migrations.map(\.name))
            if !applied.isSubset(of: known) {
                throw IndexError(.incompatibleIndex, "the index was migrated by a newer version of dedup")
            }
            if applied.contains(IndexSchema.migrations[0].name) {
                _ = try await storedConfiguration(connection, logger: logger)
            }
            for migration in IndexSchema.migrations where !applied.contains(migration.name) {
                for statement in migration.postgres {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO dedup_migrations (identifier) VALUES (\(migration.name))", logger: logger)
            }
            try await connection.query(
                """
                INSERT INTO meta (key, value) VALUES ('format', \(String(configuration.format))),
                    ('configuration', \(json)) ON CONFLICT (key) DO NOTHING
                """, logger: logger)
            return try await storedConfiguration(connection, logger: logger)
        }
    }

    private static func storedConfiguration(_ connection: PostgresConnection, logger: Logger) async throws
        -> IndexConfiguration
    {
        var values: [String: String] = [:]
        for try await (key, value) in try await connection.query(
            "SELECT key, value FROM meta WHERE key IN ('format', 'configuration')", logger: logger
        ).decode((String, String).self) {
            values[key] = value
        }
        guard let formatText = values["format"], let format = Int(formatText), let json = values["configuration"]
        else { throw IndexError(.incompatibleIndex, "the index has no stored configuration") }
        return try StorageEncoding.configuration(json: json, format: format)
    }

    /// The names of the migrations applied to the index.
    public func appliedMigrations() async throws -> [String] {
        try await access {
            var names: [String] = []
            for try await name in try await client.query(
                "SELECT identifier FROM dedup_migrations ORDER BY applied_at, identifier", logger: logger
            ).decode(String.self) {
                names.append(name)
            }
            return names
        }
    }

    // MARK: Reads

    public func article(id: ArticleID) async throws -> IndexedArticle? {
        try await access {
            try await PostgresTransaction.article(
                client.query, id: id, settings: configuration.settings, logger: logger)
        }
    }

    public func candidates(bandKeys: [UInt64]) async throws -> [IndexedArticle] {
        try await access {
            try await PostgresTransaction.candidates(
                client.query, bandKeys: bandKeys, settings: configuration.settings, logger: logger)
        }
    }

    public func candidateFingerprints(bandKeys: [UInt64], excluding: ArticleID?) async throws
        -> CandidateFingerprints
    {
        try await access {
            try await PostgresTransaction.candidateFingerprints(
                client.query, bandKeys: bandKeys, excluding: excluding, settings: configuration.settings,
                logger: logger)
        }
    }

    public func articles(sequences: [Int64]) async throws -> [IndexedArticle] {
        try await access {
            try await PostgresTransaction.articles(
                client.query, sequences: sequences, settings: configuration.settings, logger: logger)
        }
    }

    public func boilerplateStatistics(site: String?, blockKeys: [UInt64]) async throws -> BoilerplateStatistics {
        try await access {
            try await PostgresTransaction.boilerplateStatistics(
                client.query, site: site, blockKeys: blockKeys, logger: logger)
        }
    }

    public func learnedBoilerplate(source: String, limit: Int) async throws -> SourceBoilerplate {
        try await access {
            var stories = 0
            for try await count in try await client.query(
                "SELECT stories FROM sites WHERE name = \(source)", logger: logger
            ).decode(Int64.self) {
                stories = Int(count)
            }
            var blocks: [SiteStatistics.LearnedBlock] = []
            for try await (text, count) in try await client.query(
                """
                SELECT b.sample, b.stories FROM block_stories b JOIN sites s ON s.site_id = b.site_id
                WHERE s.name = \(source) AND b.stories >= 2 AND b.sample IS NOT NULL
                ORDER BY b.stories DESC, b.sample COLLATE "C" ASC LIMIT \(Int64(max(0, limit)))
                """, logger: logger
            ).decode((String, Int64).self) {
                blocks.append(SiteStatistics.LearnedBlock(text: text, stories: Int(count)))
            }
            return SourceBoilerplate(
                source: source, stories: stories,
                repeatedThreshold: configuration.boilerplate.repeatedThreshold(stories: stories), blocks: blocks)
        }
    }

    public func statistics() async throws -> IndexStatistics {
        try await access {
            let rows = try await client.query(
                """
                SELECT (SELECT count(*) FROM articles), (SELECT count(copy_of) FROM articles),
                    (SELECT count(*) FROM sites WHERE stories > 0), (SELECT count(*) FROM band_keys),
                    (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::BIGINT FROM pg_class c
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relkind = 'r'
                        AND c.relname IN ('meta', 'articles', 'band_keys', 'sites', 'site_stories', 'block_stories',
                            'lead_stories', 'dedup_migrations'))
                """, logger: logger)
            for try await (articles, copies, sources, bands, bytes) in rows.decode(
                (Int64, Int64, Int64, Int64, Int64).self)
            {
                return IndexStatistics(
                    articles: Int(articles), copies: Int(copies), sources: Int(sources), bandEntries: Int(bands),
                    bytesOnDisk: Int(bytes), configuration: configuration)
            }
            throw IndexError(.storage, "the statistics query returned no row")
        }
    }

    // MARK: Writes

    public func insert(
        _ article: IndexedArticle, bandKeys: [UInt64], boilerplate: BoilerplateContribution?, replace: Bool
    ) async throws -> InsertOutcome {
        try await write { transaction in
            try await transaction.insert(article, bandKeys: bandKeys, boilerplate: boilerplate, replace: replace)
        }
    }

    public func insert(batch: [BatchEntry], replace: Bool) async throws -> [Result<BatchInsertResult, IndexError>] {
        guard !batch.isEmpty else { return [] }
        return try await write { transaction in try await transaction.insert(batch: batch, replace: replace) }
    }

    public func remove(id: ArticleID) async throws -> Bool {
        try await write { transaction in
            guard let existing = try await transaction.article(id: id) else { return false }
            try await transaction.unlink(existing)
            return true
        }
    }

    public func close() async throws {
        guard state.close() else { return }
        runner.cancel()
        await runner.value
    }

    /// Drops the index's schema (named in the URL) and everything in it: for tests that made a schema of their own.
    public func dropSchema() async throws {
        guard let schema else { return }
        try await access {
            _ = try await client.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE", logger: logger)
        }
    }

    // MARK: Access

    private func access<T>(_ body: () async throws -> T) async throws -> T {
        try state.checkOpen()
        do {
            return try await body()
        } catch {
            throw Self.indexError(error, location: location)
        }
    }

    /// Runs `body` in a transaction that holds the write lock.
    private func write<T: Sendable>(_ body: (PostgresTransaction) async throws -> T) async throws -> T {
        try await access {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(\(IndexSchema.postgresWriteLock))", logger: logger)
                return try await body(
                    PostgresTransaction(connection: connection, configuration: configuration, logger: logger))
            }
        }
    }

    static func indexError(_ error: any Error, location: String) -> IndexError {
        if let error = error as? IndexError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.beginError ?? error.commitError {
                return indexError(inner, location: location)
            }
            return IndexError(.storage, "\(location): the transaction failed")
        }
        if let error = error as? PSQLError {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            return IndexError(.storage, "\(location): \(message)")
        }
        return IndexError(.storage, "\(location): \(error)")
    }
}

/// The steps of an insert inside one PostgreSQL transaction: the same as ``StoreTransaction``'s, asynchronous.
struct PostgresTransaction {
    typealias Run = (PostgresQuery, Logger?, String, Int) async throws -> PostgresRowSequence

    let connection: PostgresConnection
    let configuration: IndexConfiguration
    let logger: Logger
    /// The site ids this transaction has read or created.
    let siteIDs = SiteIDs()

    /// Site ids by name, for one transaction (which runs one step at a time).
    final class SiteIDs {
        var ids: [String: Int64] = [:]
    }

    private var run: Run {
        { query, logger, file, line in
            try await connection.query(query, logger: logger ?? self.logger, file: file, line: line)
        }
    }

    func article(id: ArticleID) async throws -> IndexedArticle? {
        try await Self.article(run, id: id, settings: configuration.settings, logger: logger)
    }

    func candidateFingerprints(bandKeys: [UInt64], excluding: ArticleID?) async throws -> CandidateFingerprints {
        try await Self.candidateFingerprints(
            run, bandKeys: bandKeys, excluding: excluding, settings: configuration.settings, logger: logger)
    }

    func articles(sequences: [Int64]) async throws -> [IndexedArticle] {
        try await Self.articles(run, sequences: sequences, settings: configuration.settings, logger: logger)
    }

    func boilerplateStatistics(site: String?, blockKeys: [UInt64]) async throws -> BoilerplateStatistics {
        try await Self.boilerplateStatistics(run, site: site, blockKeys: blockKeys, logger: logger)
    }

    func unlink(_ article: IndexedArticle) async throws {
        let keys = configuration.lsh.bandKeys(of: article.fingerprint.signature).map(StorageEncoding.signed)
        try await connection.query(
            "DELETE FROM band_keys WHERE key = ANY(\(keys)) AND article = \(article.sequence)", logger: logger)
        try await connection.query("DELETE FROM articles WHERE sequence = \(article.sequence)", logger: logger)
    }

    func append(_ article: IndexedArticle, bandKeys: [UInt64]) async throws -> IndexedArticle {
        let (id, idIsInteger) = StorageEncoding.columns(of: article.id)
        let copy = article.copyOf.map(StorageEncoding.columns(of:))
        let fingerprint = article.fingerprint
        let signature = ByteBuffer(bytes: StorageEncoding.bytes(of: fingerprint.signature))
        let figures = ByteBuffer(bytes: StorageEncoding.bytes(of: fingerprint.figures))
        let keys = bandKeys.map(StorageEncoding.signed)
        // One round trip: the article, then its band keys with the sequence the insert gave it.
        let rows = try await connection.query(
            """
            WITH stored AS (
                INSERT INTO articles (id, id_is_integer, source, url, title, published, attribution, text_hash,
                    content_hash, token_count, shingle_count, signature, figures, copy_of, copy_of_is_integer)
                VALUES (\(id), \(idIsInteger), \(article.source), \(article.url), \(article.title),
                    \(article.published?.secondsSinceEpoch), \(article.attribution),
                    \(StorageEncoding.signed(article.textHash)), \(StorageEncoding.signed(fingerprint.contentHash)),
                    \(Int64(fingerprint.tokenCount)), \(Int64(fingerprint.shingleCount)), \(signature), \(figures),
                    \(copy?.text), \(copy?.isInteger))
                RETURNING sequence),
            keyed AS (
                INSERT INTO band_keys (key, article)
                SELECT DISTINCT k, stored.sequence FROM stored, unnest(\(keys)::BIGINT[]) AS k
                ON CONFLICT DO NOTHING)
            SELECT sequence FROM stored
            """, logger: logger)
        var stored = article
        for try await sequence in rows.decode(Int64.self) { stored.sequence = sequence }
        return stored
    }

    func learn(_ contribution: BoilerplateContribution) async throws {
        let siteID = try await self.siteID(contribution.site)
        let keys = contribution.blocks.map { StorageEncoding.signed($0.key) }
        let texts = contribution.blocks.map(\.text)
        let lead = contribution.lead.map(StorageEncoding.signed)
        let story = StorageEncoding.signed(contribution.story)
        // One round trip: the story is counted for its site only if it is new to it, and then its blocks count one
        // more story (keeping the text of the second), new blocks start at one, and the lead counts one more story.
        // All under the write lock, so the update-then-insert cannot race.
        try await connection.query(
            """
            WITH story AS (
                INSERT INTO site_stories (site_id, story) VALUES (\(siteID), \(story))
                ON CONFLICT DO NOTHING RETURNING site_id),
            site AS (UPDATE sites SET stories = stories + 1 WHERE site_id IN (SELECT site_id FROM story)),
            given AS (
                SELECT t.block, t.sample FROM unnest(\(keys)::BIGINT[], \(texts)::TEXT[]) AS t(block, sample)
                WHERE EXISTS (SELECT 1 FROM story)),
            counted AS (
                UPDATE block_stories b SET stories = b.stories + 1, sample = coalesce(b.sample, given.sample)
                FROM given WHERE b.site_id = \(siteID) AND b.block = given.block RETURNING b.block),
            added AS (
                INSERT INTO block_stories (site_id, block, stories, sample)
                SELECT \(siteID), given.block, 1, NULL FROM given
                WHERE given.block NOT IN (SELECT block FROM counted))
            INSERT INTO lead_stories (block, stories) SELECT l, 1 FROM (SELECT \(lead)::BIGINT AS l) AS lead
            WHERE l IS NOT NULL AND EXISTS (SELECT 1 FROM story)
            ON CONFLICT (block) DO UPDATE SET stories = lead_stories.stories + 1
            """, logger: logger)
    }

    /// The id of the site named `name`, created when missing. Ids are remembered for the rest of the transaction:
    /// a site row is never deleted, and one created here is rolled back with the transaction that remembers it.
    private func siteID(_ name: String) async throws -> Int64 {
        if let known = siteIDs.ids[name] { return known }
        var siteID: Int64?
        for try await id in try await connection.query(
            "SELECT site_id FROM sites WHERE name = \(name)", logger: logger
        ).decode(Int64.self) {
            siteID = id
        }
        if siteID == nil {
            for try await id in try await connection.query(
                "INSERT INTO sites (name, stories) VALUES (\(name), 0) RETURNING site_id", logger: logger
            ).decode(Int64.self) {
                siteID = id
            }
        }
        guard let siteID else { throw IndexError(.storage, "the site '\(name)' could not be stored") }
        siteIDs.ids[name] = siteID
        return siteID
    }

    // MARK: Queries shared by reads and transactions

    static func article(_ run: Run, id: ArticleID, settings: MinHashSettings, logger: Logger) async throws
        -> IndexedArticle?
    {
        let (text, isInteger) = StorageEncoding.columns(of: id)
        let rows = try await run(
            """
            SELECT \(unescaped: IndexSchema.articleColumns) FROM articles
            WHERE id = \(text) AND id_is_integer = \(isInteger)
            """, logger, #fileID, #line)
        return try await decode(rows, settings: settings).first
    }

    static func candidates(_ run: Run, bandKeys: [UInt64], settings: MinHashSettings, logger: Logger) async throws
        -> [IndexedArticle]
    {
        guard !bandKeys.isEmpty else { return [] }
        let keys = bandKeys.map(StorageEncoding.signed)
        let rows = try await run(
            """
            SELECT \(unescaped: IndexSchema.articleColumns) FROM articles
            WHERE sequence IN (SELECT article FROM band_keys WHERE key = ANY(\(keys)::BIGINT[]))
            ORDER BY sequence
            """, logger, #fileID, #line)
        return try await decode(rows, settings: settings)
    }

    static func candidateFingerprints(
        _ run: Run, bandKeys: [UInt64], excluding: ArticleID?, settings: MinHashSettings, logger: Logger
    ) async throws -> CandidateFingerprints {
        var found = CandidateFingerprints(settings: settings)
        guard !bandKeys.isEmpty else { return found }
        let keys = bandKeys.map(StorageEncoding.signed)
        let rows: PostgresRowSequence
        if let excluding {
            let (text, isInteger) = StorageEncoding.columns(of: excluding)
            rows = try await run(
                """
                SELECT \(unescaped: IndexSchema.fingerprintColumns) FROM articles
                WHERE sequence IN (SELECT article FROM band_keys WHERE key = ANY(\(keys)::BIGINT[]))
                AND NOT (id = \(text) AND id_is_integer = \(isInteger))
                ORDER BY sequence
                """, logger, #fileID, #line)
        } else {
            rows = try await run(
                """
                SELECT \(unescaped: IndexSchema.fingerprintColumns) FROM articles
                WHERE sequence IN (SELECT article FROM band_keys WHERE key = ANY(\(keys)::BIGINT[]))
                ORDER BY sequence
                """, logger, #fileID, #line)
        }
        for try await row in rows {
            let (sequence, contentHash, tokenCount, shingleCount, signature, figures) = try row.decode(
                (Int64, Int64, Int64, Int64, ByteBuffer, ByteBuffer).self)
            try signature.withUnsafeReadableBytes { signature in
                try figures.withUnsafeReadableBytes { figures in
                    try found.append(
                        sequence: sequence, contentHash: contentHash, tokenCount: Int(tokenCount),
                        shingleCount: Int(shingleCount), signature: signature, figures: figures)
                }
            }
        }
        return found
    }

    /// The articles with `sequences`, in that order (a sequence no article has is left out).
    static func articles(_ run: Run, sequences: [Int64], settings: MinHashSettings, logger: Logger) async throws
        -> [IndexedArticle]
    {
        guard !sequences.isEmpty else { return [] }
        let rows = try await run(
            """
            SELECT \(unescaped: IndexSchema.articleColumns) FROM articles WHERE sequence = ANY(\(sequences)::BIGINT[])
            """, logger, #fileID, #line)
        var bySequence: [Int64: IndexedArticle] = [:]
        for article in try await decode(rows, settings: settings) { bySequence[article.sequence] = article }
        return sequences.compactMap { bySequence[$0] }
    }

    static func boilerplateStatistics(_ run: Run, site: String?, blockKeys: [UInt64], logger: Logger) async throws
        -> BoilerplateStatistics
    {
        let name = site ?? BoilerplateStatistics.unknownSite
        let keys = Array(Set(blockKeys)).map(StorageEncoding.signed)
        // One round trip: the site's story count (kind 0), its counts of the blocks (1), the lead counts (2).
        let rows = try await run(
            """
            SELECT 0::SMALLINT, 0::BIGINT, stories FROM sites WHERE name = \(name)
            UNION ALL
            SELECT 1::SMALLINT, b.block, b.stories FROM block_stories b JOIN sites s ON s.site_id = b.site_id
            WHERE s.name = \(name) AND b.block = ANY(\(keys)::BIGINT[])
            UNION ALL
            SELECT 2::SMALLINT, block, stories FROM lead_stories WHERE block = ANY(\(keys)::BIGINT[])
            """, logger, #fileID, #line)
        var stories = 0
        var blocks: [UInt64: Int] = [:]
        var leads: [UInt64: Int] = [:]
        for try await (kind, key, count) in rows.decode((Int16, Int64, Int64).self) {
            switch kind {
            case 0: stories = Int(count)
            case 1: blocks[StorageEncoding.unsigned(key)] = Int(count)
            default: leads[StorageEncoding.unsigned(key)] = Int(count)
            }
        }
        return BoilerplateStatistics(site: site, stories: stories, blockStories: blocks, leads: leads)
    }

    static func decode(_ rows: PostgresRowSequence, settings: MinHashSettings) async throws -> [IndexedArticle] {
        var articles: [IndexedArticle] = []
        for try await row in rows {
            let (
                sequence, id, idIsInteger, source, url, title, published, attribution, textHash, contentHash,
                tokenCount, shingleCount, signature, figures, copyOf, copyOfIsInteger
            ) = try row.decode(
                (
                    Int64, String, Bool, String?, String?, String?, Double?, String?, Int64, Int64, Int64, Int64,
                    ByteBuffer, ByteBuffer, String?, Bool?
                ).self)
            articles.append(
                IndexedArticle(
                    id: try StorageEncoding.id(text: id, isInteger: idIsInteger), source: source, url: url,
                    title: title, published: published.map(Timestamp.init(secondsSinceEpoch:)),
                    attribution: attribution, textHash: StorageEncoding.unsigned(textHash),
                    fingerprint: Fingerprint(
                        signature: try StorageEncoding.signature(
                            bytes: signature.readableBytesView, settings: settings),
                        contentHash: StorageEncoding.unsigned(contentHash), tokenCount: Int(tokenCount),
                        shingleCount: Int(shingleCount),
                        figures: try StorageEncoding.values(bytes: figures.readableBytesView)),
                    copyOf: try copyOf.map { try StorageEncoding.id(text: $0, isInteger: copyOfIsInteger ?? false) },
                    sequence: sequence))
        }
        return articles
    }
}
