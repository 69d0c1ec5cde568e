import Dedup
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// An ``ArticleStore`` in one SQLite file, through GRDB: the default index (`--db news.sqlite`).
///
/// The file is in WAL mode, so reads (checks) never wait for a writer; every insert is one `BEGIN IMMEDIATE`
/// transaction, so writers from several processes sharing the file are serialized by SQLite's write lock, each
/// waiting up to ``busyTimeout`` for it.
public final class SQLiteArticleStore: ArticleStore {
    public let configuration: IndexConfiguration
    /// The database file.
    public let path: String

    /// How long a writer waits for another process's transaction before failing.
    public static let busyTimeout: TimeInterval = 60

    /// The most bytes of the file each connection maps into memory for reading.
    static let mmapSize: Int64 = 1 << 34

    /// The most memory the writer's page cache takes, in KiB (it grows only as pages are used).
    static let writerCacheKiB = 1 << 20

    /// The fewest members of an LSH bucket whose list reads keep in memory (see ``BucketMemberCache``): the
    /// checks of a template family share a few buckets of hundreds or thousands of articles and tens of buckets of
    /// 16–60.
    static let cachedBucket = 16

    /// The fraction of `fingerprintCacheBytes` that the lists of LSH buckets may take besides (a sixteenth: at 1M
    /// articles, the 5,713 buckets of at least 16 articles hold 370,568 members, 3 MB).
    static let bucketListShare = 16

    /// The most bytes of candidates' fingerprints an open index keeps in memory by default (see
    /// ``init(path:configuration:fingerprintCacheBytes:)``): about 330,000 fingerprints of the default settings.
    public static let defaultFingerprintCacheBytes = 256 << 20

    /// What the fingerprint cache has done since the index was opened.
    public var fingerprintCacheCounts: FingerprintCacheCounts { fingerprintCache.counts }

    /// Whether the index was opened read-only.
    public let readOnly: Bool

    private let pool: DatabasePool
    private let state = ClosedState()
    /// The reads in progress (see `read`).
    private let readsInProgress = Atomic<Int>(0)
    let fingerprintCache: FingerprintCache
    /// The members of the larger LSH buckets, for reads (see ``BucketMemberCache``).
    let bucketMembers: BucketMemberCache

    /// Opens the index in the SQLite file at `path`, creating the file and its schema when missing. A new index gets
    /// `configuration`; an existing one keeps its own.
    ///
    /// The candidates' fingerprints read by checks and adds are kept in memory, up to `fingerprintCacheBytes`
    /// (0 keeps none): the checks of template stories propose thousands of candidates, mostly the same ones, and
    /// reading their rows again was most of those checks' time. Besides, up to a sixteenth of that keeps the
    /// members of the LSH buckets of 16 or more articles that checks read (their band-key rows were the next
    /// largest part), each list used only while the file has had no commit since it was read.
    ///
    /// With `readOnly`, the file must hold an index with every migration applied: nothing is created, migrated or
    /// written (a check against a mistyped path fails instead of checking against a new, empty index), and every
    /// insert or removal fails with ``IndexError/Code/storage``.
    /// - Throws: ``IndexError/Code/incompatibleIndex`` for an index of a newer format or with migrations this build
    ///   does not know (read-only: also one with migrations not yet applied); ``IndexError/Code/storage`` when the
    ///   file cannot be opened (read-only: also when it does not exist).
    public convenience init(
        path: String, configuration: IndexConfiguration = .standard,
        fingerprintCacheBytes: Int = SQLiteArticleStore.defaultFingerprintCacheBytes, readOnly: Bool = false
    ) throws {
        try self.init(
            path: path, configuration: configuration, fingerprintCacheBytes: fingerprintCacheBytes,
            fingerprintCacheChunkRows: FingerprintCache.defaultChunkRows, readOnly: readOnly)
    }

    /// Opens the index as ``init(path:configuration:fingerprintCacheBytes:readOnly:)`` does, with fingerprint cache
    /// chunks of `fingerprintCacheChunkRows` rows (tests make them small, to have many).
    init(
        path: String, configuration: IndexConfiguration, fingerprintCacheBytes: Int, fingerprintCacheChunkRows: Int,
        readOnly: Bool
    ) throws {
        let buckets = BucketMemberCache(
            minimumMembers: Self.cachedBucket, byteBudget: fingerprintCacheBytes / Self.bucketListShare)
        var settings = Configuration()
        settings.readonly = readOnly
        settings.busyMode = .timeout(Self.busyTimeout)
        // A reader connection for every core (GRDB's default is five), so that concurrent checks on a large machine
        // do not wait for one.
        settings.maximumReaderCount = max(5, ProcessInfo.processInfo.activeProcessorCount)
        settings.prepareDatabase { db in
            if let handle = db.sqliteConnection { buckets.connectionOpened(handle) }
            // WAL with NORMAL sync: a commit is durable against a crash of the process, and costs no fsync.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The writer's cache holds every page a transaction dirties: when they do not fit, SQLite spills them to
            // the WAL mid-transaction and writes them again at commit. A batch of adds dirties a page of the band
            // key and block tables per key, all over a large index. Readers read through the memory map.
            try db.execute(sql: "PRAGMA cache_size = \(db.configuration.readonly ? -65536 : -Self.writerCacheKiB)")
            // Reads through a memory map copy no page into the cache: the band key and boilerplate lookups of a
            // large index touch pages all over the file (SQLite caps the size at its build's limit, 2 GiB on
            // Debian).
            try db.execute(sql: "PRAGMA mmap_size = \(Self.mmapSize)")
        }
        self.path = path
        self.readOnly = readOnly
        bucketMembers = buckets
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw IndexError(.storage, "\(path): no index there (a read-only open creates none)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: settings)
            let migrator = Self.migrator
            let stored: IndexConfiguration
            if readOnly {
                stored = try pool.read { db in
                    guard try db.tableExists("grdb_migrations"), try migrator.hasCompletedMigrations(db),
                        !(try migrator.hasBeenSuperseded(db))
                    else {
                        throw IndexError(
                            .incompatibleIndex,
                            "the file is not an index with this version's schema (open it once for writing, "
                                + "e.g. with dedup index add, to create or migrate it)")
                    }
                    return try Self.storedConfiguration(db)
                }
            } else {
                try pool.read { db in
                    try Self.checkFormat(db, migrator: migrator)
                }
                try Self.migrate(pool, with: migrator)
                stored = try pool.write { db in
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?), ('configuration', ?)",
                        arguments: [String(configuration.format), try StorageEncoding.json(of: configuration)])
                    return try Self.storedConfiguration(db)
                }
            }
            self.configuration = stored
            fingerprintCache = FingerprintCache(
                settings: stored.settings, byteBudget: fingerprintCacheBytes, chunkRows: fingerprintCacheChunkRows)
        } catch {
            throw Self.indexError(error, path: path)
        }
    }

    /// The named migrations (see ``IndexSchema``).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in IndexSchema.migrations {
            migrator.registerMigration(migration.name) { db in
                for statement in migration.sqlite { try db.execute(sql: statement) }
            }
        }
        return migrator
    }

    /// Applies the migrations not yet applied. GRDB reads the applied ones before taking the write lock, so a
    /// process that opens a new file at the same time as another may try a migration the other has just committed;
    /// that migration fails (and is rolled back) on the existing tables, and a second pass finds it applied.
    private static func migrate(_ pool: DatabasePool, with migrator: DatabaseMigrator) throws {
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                attempt += 1
                if attempt >= 5 { throw error }
                usleep(UInt32.random(in: 20_000...100_000))
            }
        }
    }

    /// The names of the migrations applied to the file.
    public func appliedMigrations() async throws -> [String] {
        try await read { db in try Self.migrator.completedMigrations(db) }
    }

    private static func checkFormat(_ db: Database, migrator: DatabaseMigrator) throws {
        guard try db.tableExists("grdb_migrations") else { return }
        if try migrator.hasBeenSuperseded(db) {
            throw IndexError(.incompatibleIndex, "the index was migrated by a newer version of dedup")
        }
        // Another process may have created the tables and not yet stored the configuration: only a stored format
        // is checked here; the configuration is read after the migrations, in a write transaction.
        if try db.tableExists("meta"),
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'format'") != nil
        {
            _ = try storedConfiguration(db)
        }
    }

    private static func storedConfiguration(_ db: Database) throws -> IndexConfiguration {
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key IN ('format', 'configuration')")
        var values: [String: String] = [:]
        for row in rows { values[row[0]] = row[1] }
        guard let formatText = values["format"], let format = Int(formatText), let json = values["configuration"]
        else { throw IndexError(.incompatibleIndex, "the index has no stored configuration") }
        return try StorageEncoding.configuration(json: json, format: format)
    }

    // MARK: Reads

    public func article(id: ArticleID) async throws -> IndexedArticle? {
        let settings = configuration.settings
        return try await read { db in try Self.article(db, id: id, settings: settings) }
    }

    public func candidates(bandKeys: [UInt64]) async throws -> [IndexedArticle] {
        let settings = configuration.settings
        return try await read { db in try Self.candidates(db, bandKeys: bandKeys, settings: settings) }
    }

    public func candidateFingerprints(bandKeys: [UInt64], excluding: ArticleID?) async throws
        -> CandidateFingerprints
    {
        let settings = configuration.settings
        let cache = fingerprintCache
        let buckets = bucketMembers
        return try await read { db in
            try Self.candidateFingerprints(
                db, bandKeys: bandKeys, excluding: excluding, settings: settings, cache: cache, cacheAtMost: .max,
                buckets: buckets)
        }
    }

    public func articles(sequences: [Int64]) async throws -> [IndexedArticle] {
        let settings = configuration.settings
        return try await read { db in try Self.articles(db, sequences: sequences, settings: settings) }
    }

    public func boilerplateStatistics(site: String?, blockKeys: [UInt64]) async throws -> BoilerplateStatistics {
        try await read { db in try Self.boilerplateStatistics(db, site: site, blockKeys: blockKeys) }
    }

    public func prepareAndReadCandidates(
        site: String?, blockKeys: [UInt64], excluding: ArticleID?,
        prepare: @escaping @Sendable (BoilerplateStatistics) throws -> PreparedArticle,
        select: @escaping @Sendable (PreparedArticle, CandidateFingerprints) -> [Int64]
    ) async throws -> (prepared: PreparedArticle, candidates: CandidateFingerprints, selected: [IndexedArticle]) {
        let settings = configuration.settings
        let cache = fingerprintCache
        let buckets = bucketMembers
        return try await read { db in
            let prepared = try prepare(try Self.boilerplateStatistics(db, site: site, blockKeys: blockKeys))
            let candidates = try Self.candidateFingerprints(
                db, bandKeys: prepared.bandKeys, excluding: excluding, settings: settings, cache: cache,
                cacheAtMost: .max, buckets: buckets)
            let selected = try Self.articles(db, sequences: select(prepared, candidates), settings: settings)
            return (prepared, candidates, selected)
        }
    }

    public func learnedBoilerplate(source: String, limit: Int) async throws -> SourceBoilerplate {
        let rules = configuration.boilerplate
        return try await read { db in
            let site = try Row.fetchOne(
                db, sql: "SELECT site_id, stories FROM sites WHERE name = ?", arguments: [source])
            guard let site else {
                return SourceBoilerplate(
                    source: source, stories: 0, repeatedThreshold: rules.repeatedThreshold(stories: 0), blocks: [])
            }
            let siteID: Int64 = site[0]
            let stories: Int = site[1]
            let blocks = try Row.fetchAll(
                db,
                sql: """
                    SELECT sample, stories FROM block_stories
                    WHERE site_id = ? AND stories >= 2 AND sample IS NOT NULL
                    ORDER BY stories DESC, sample ASC LIMIT ?
                    """,
                arguments: [siteID, max(0, limit)]
            ).map { SiteStatistics.LearnedBlock(text: $0[0], stories: $0[1]) }
            return SourceBoilerplate(
                source: source, stories: stories, repeatedThreshold: rules.repeatedThreshold(stories: stories),
                blocks: blocks)
        }
    }

    public func statistics() async throws -> IndexStatistics {
        let configuration = self.configuration
        let path = self.path
        return try await read { db in
            let articles = try Row.fetchOne(db, sql: "SELECT count(*), count(copy_of) FROM articles")!
            let sources = try Int.fetchOne(db, sql: "SELECT count(*) FROM sites WHERE stories > 0") ?? 0
            let bandEntries = try Int.fetchOne(db, sql: "SELECT count(*) FROM band_keys") ?? 0
            var bytes = 0
            for file in [path, path + "-wal"] {
                let attributes = try? FileManager.default.attributesOfItem(atPath: file)
                bytes += (attributes?[.size] as? NSNumber)?.intValue ?? 0
            }
            return IndexStatistics(
                articles: articles[0], copies: articles[1], sources: sources, bandEntries: bandEntries,
                bytesOnDisk: bytes, configuration: configuration)
        }
    }

    // MARK: Writes

    public func insert(
        _ article: IndexedArticle, bandKeys: [UInt64], boilerplate: BoilerplateContribution?, replace: Bool
    ) async throws -> InsertOutcome {
        let configuration = self.configuration
        let cache = fingerprintCache
        return try await write { db in
            try SQLiteTransaction(db: db, configuration: configuration, cache: cache).insert(
                article, bandKeys: bandKeys, boilerplate: boilerplate, replace: replace)
        }
    }

    public func insert(batch: [BatchEntry], replace: Bool) async throws -> [Result<BatchInsertResult, IndexError>] {
        guard !batch.isEmpty else { return [] }
        let configuration = self.configuration
        let cache = fingerprintCache
        return try await write { db in
            try SQLiteTransaction(db: db, configuration: configuration, cache: cache).insert(
                batch: batch, replace: replace)
        }
    }

    public func remove(id: ArticleID) async throws -> Bool {
        let configuration = self.configuration
        let cache = fingerprintCache
        return try await write { db in
            let transaction = try SQLiteTransaction(db: db, configuration: configuration, cache: cache)
            guard let existing = try transaction.article(id: id) else { return false }
            try transaction.unlink(existing)
            return true
        }
    }

    public func close() async throws {
        guard state.close() else { return }
        do {
            // GRDB closes the writer before the read-only readers, and those cannot checkpoint: fold the WAL into
            // the file now, so that a closed index is one file of its true size (a read-only open writes nothing).
            if !readOnly { _ = try? await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) } }
            try pool.close()
        } catch {
            throw Self.indexError(error, path: path)
        }
    }

    // MARK: Access

    /// Runs `body` in a read transaction on a reader connection. When no other read is in progress, on the calling
    /// thread: a check's reads take about a millisecond of CPU, and handing them to the reader's dispatch queue and
    /// back cost two thread wake-ups per check (on a busy machine, the largest part of the slowest checks' time).
    /// When others are, on the reader's queue: run on the calling threads, concurrent checks (a service's) would hold
    /// the cooperative threads that read requests and write responses, and at 64 connections the slowest 10%
    /// waited three times as long.
    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try state.checkOpen()
        let others = readsInProgress.add(1, ordering: .relaxed).oldValue
        defer { readsInProgress.subtract(1, ordering: .relaxed) }
        do {
            return others == 0 ? try readOnCallingThread(body) : try await pool.read(body)
        } catch {
            throw Self.indexError(error, path: path)
        }
    }

    /// Runs `body` in a read transaction on a reader connection's queue, not counted as a read in progress: for
    /// background work made of many reads (``warmFingerprintCache(progress:)``), which must hold no cooperative
    /// thread, and must not send the checks that run meanwhile to the readers' queues.
    func readOnReaderQueue<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try state.checkOpen()
        do {
            return try await pool.read(body)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw Self.indexError(error, path: path)
        }
    }

    /// GRDB's synchronous read (a function that is not `async`, so that overload is the one called).
    private func readOnCallingThread<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try state.checkOpen()
        do {
            return try await pool.write(body)
        } catch {
            throw Self.indexError(error, path: path)
        }
    }

    private static func indexError(_ error: any Error, path: String) -> IndexError {
        if let error = error as? IndexError { return error }
        return IndexError(.storage, "\(path): \(error)")
    }

    // MARK: Queries shared by reads and transactions

    static func article(_ db: Database, id: ArticleID, settings: MinHashSettings) throws -> IndexedArticle? {
        let (text, isInteger) = StorageEncoding.columns(of: id)
        let statement = try db.cachedStatement(
            sql: "SELECT \(IndexSchema.articleColumns) FROM articles WHERE id = ? AND id_is_integer = ?")
        return try Row.fetchOne(statement, arguments: [text, isInteger]).map { try decode($0, settings: settings) }
    }

    static func candidates(_ db: Database, bandKeys: [UInt64], settings: MinHashSettings) throws -> [IndexedArticle] {
        guard !bandKeys.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: bandKeys.count).joined(separator: ",")
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(IndexSchema.articleColumns) FROM articles
                WHERE sequence IN (SELECT article FROM band_keys WHERE key IN (\(placeholders)))
                ORDER BY sequence
                """)
        let arguments = StatementArguments(bandKeys.map(StorageEncoding.signed))
        // A cursor decodes each row straight from the statement, without copying it into a Row first.
        var found: [IndexedArticle] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { found.append(try decode(row, settings: settings)) }
        return found
    }

    /// The candidates' facts: the columns of ``IndexSchema/fingerprintColumns`` only, decoded into one table. The
    /// candidates' sequence numbers come from the band keys (from `buckets` for the large buckets it holds current
    /// in this read; a write transaction gives none); their facts from `cache` where it has them, else from their
    /// rows, which are then kept in `cache` when their sequence number is at most `cacheAtMost` (a write transaction
    /// sees rows it has not committed, and SQLite gives a rolled-back insert's number again).
    static func candidateFingerprints(
        _ db: Database, bandKeys: [UInt64], excluding: ArticleID?, settings: MinHashSettings,
        cache: FingerprintCache, cacheAtMost: Int64, buckets: BucketMemberCache? = nil
    ) throws -> CandidateFingerprints {
        guard !bandKeys.isEmpty else { return CandidateFingerprints(settings: settings) }
        var sequences: [Int64] = []
        if let buckets, let stamp = try buckets.stamp(db) {
            var keys = bandKeys
            keys.sortAndKeepDistinct()
            let unread = buckets.appendMembers(of: keys, at: stamp, to: &sequences)
            if !unread.isEmpty {
                let start = sequences.count
                var rowKeys: [UInt64] = []
                try bandKeyRows(db, keys: unread) { key, article in
                    rowKeys.append(key)
                    sequences.append(article)
                }
                buckets.record(keys: unread, rowKeys: rowKeys, members: sequences[start...], at: stamp)
            }
        } else {
            let placeholders = Array(repeating: "?", count: bandKeys.count).joined(separator: ",")
            let statement = try db.cachedStatement(sql: "SELECT article FROM band_keys WHERE key IN (\(placeholders))")
            statement.setUncheckedArguments(StatementArguments(bandKeys.map(StorageEncoding.signed)))
            try forEachRow(of: statement, in: db) { row in sequences.append(sqlite3_column_int64(row, 0)) }
        }
        // An article is listed once per band key it shares with the query: sorted, then each kept once.
        sequences.sortAndKeepDistinct()
        if let excluding, let excluded = try sequence(db, id: excluding),
            let position = sequences.firstIndex(of: excluded)
        {
            sequences.remove(at: position)
        }
        // No room reserved for copied rows: most candidates' facts come from the cache's lent tables.
        var found = CandidateFingerprints(settings: settings)
        let missing = cache.append(sequences, to: &found)
        guard !missing.isEmpty else { return found }
        // A sequence number that is in the band keys but has no row (none, in a consistent index) is left out.
        let read = try fingerprints(db, sequences: missing, settings: settings)
        cache.insert(read, atMost: cacheAtMost)
        // Both are in ascending order: merged, they are.
        return found.count > 0 ? CandidateFingerprints.merged(found, read) : read
    }

    /// Calls `body` with each row of the band keys `keys` (ascending, distinct): grouped by key in their order,
    /// ascending by article within a key.
    static func bandKeyRows(_ db: Database, keys: [UInt64], _ body: (UInt64, Int64) -> Void) throws {
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ",")
        let statement = try db.cachedStatement(
            sql: "SELECT key, article FROM band_keys WHERE key IN (\(placeholders)) ORDER BY key, article")
        statement.setUncheckedArguments(StatementArguments(keys.map(StorageEncoding.signed)))
        try forEachRow(of: statement, in: db) { row in
            body(StorageEncoding.unsigned(sqlite3_column_int64(row, 0)), sqlite3_column_int64(row, 1))
        }
    }

    /// Steps `statement`, whose arguments are bound, calling `body` with SQLite's handle on each row, then resets it.
    /// GRDB's cursors decode each value through generic code: a template check reads 10,000 band-key rows or more,
    /// and that decoding was a tenth of its time.
    static func forEachRow(of statement: Statement, in db: Database, _ body: (OpaquePointer) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                    sql: statement.sql)
            }
            try body(handle)
        }
    }

    /// The sequence number of the article with `id`, if indexed.
    static func sequence(_ db: Database, id: ArticleID) throws -> Int64? {
        let (text, isInteger) = StorageEncoding.columns(of: id)
        return try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT sequence FROM articles WHERE id = ? AND id_is_integer = ?"),
            arguments: [text, isInteger])
    }

    /// The sequence numbers one statement of ``fingerprints(_:sequences:settings:)`` reads.
    static let sequencesPerRead = 64

    /// The fingerprint facts of the articles with `sequences` (ascending), ascending; a sequence no article has is
    /// left out. One statement reads up to ``sequencesPerRead`` (the last one repeated to fill it, so that one cached
    /// statement serves every read); the blobs are read in place from the statement's row, straight into the table.
    static func fingerprints(_ db: Database, sequences: [Int64], settings: MinHashSettings) throws
        -> CandidateFingerprints
    {
        var found = CandidateFingerprints(settings: settings, capacity: sequences.count)
        guard let last = sequences.last else { return found }
        let count = Self.sequencesPerRead
        let placeholders = Array(repeating: "?", count: count).joined(separator: ",")
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(IndexSchema.fingerprintColumns) FROM articles WHERE sequence IN (\(placeholders))
                ORDER BY sequence
                """)
        for start in stride(from: 0, to: sequences.count, by: count) {
            var chunk = Array(sequences[start..<min(sequences.count, start + count)])
            chunk.append(contentsOf: repeatElement(last, count: count - chunk.count))
            statement.setUncheckedArguments(StatementArguments(chunk))
            try appendRows(of: statement, in: db, to: &found)
        }
        return found
    }

    /// Appends to `found` each row of `statement` (bound, selecting ``IndexSchema/fingerprintColumns``), in the
    /// order the statement gives them; the blobs are read in place from the statement's row, straight into the table.
    static func appendRows(of statement: Statement, in db: Database, to found: inout CandidateFingerprints) throws {
        try forEachRow(of: statement, in: db) { row in
            // A blob's pointer first, then its size (SQLite's order); a NULL or empty blob has no bytes.
            let signature = UnsafeRawBufferPointer(
                start: sqlite3_column_blob(row, 4), count: Int(sqlite3_column_bytes(row, 4)))
            let figures = UnsafeRawBufferPointer(
                start: sqlite3_column_blob(row, 5), count: Int(sqlite3_column_bytes(row, 5)))
            try found.append(
                sequence: sqlite3_column_int64(row, 0), contentHash: sqlite3_column_int64(row, 1),
                tokenCount: Int(sqlite3_column_int64(row, 2)), shingleCount: Int(sqlite3_column_int64(row, 3)),
                signature: signature, figures: figures)
        }
    }

    /// The articles with `sequences`, in that order (a sequence no article has is left out).
    static func articles(_ db: Database, sequences: [Int64], settings: MinHashSettings) throws -> [IndexedArticle] {
        guard !sequences.isEmpty else { return [] }
        let statement = try db.cachedStatement(
            sql: "SELECT \(IndexSchema.articleColumns) FROM articles WHERE sequence = ?")
        return try sequences.compactMap { sequence in
            try Row.fetchOne(statement, arguments: [sequence]).map { try decode($0, settings: settings) }
        }
    }

    static func boilerplateStatistics(_ db: Database, site: String?, blockKeys: [UInt64]) throws
        -> BoilerplateStatistics
    {
        let name = site ?? BoilerplateStatistics.unknownSite
        var stories = 0
        var blocks: [UInt64: Int] = [:]
        var leads: [UInt64: Int] = [:]
        let keys = Array(Set(blockKeys))
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ",")
        let keyArguments = StatementArguments(keys.map(StorageEncoding.signed))
        let siteRow = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT site_id, stories FROM sites WHERE name = ?"), arguments: [name])
        if let siteRow, !keys.isEmpty {
            stories = siteRow[1]
            let siteID: Int64 = siteRow[0]
            let statement = try db.cachedStatement(
                sql: "SELECT block, stories FROM block_stories WHERE site_id = ? AND block IN (\(placeholders))")
            for row in try Row.fetchAll(statement, arguments: [siteID] + keyArguments) {
                blocks[StorageEncoding.unsigned(row[0])] = row[1]
            }
        } else if let siteRow {
            stories = siteRow[1]
        }
        if !keys.isEmpty {
            let statement = try db.cachedStatement(
                sql: "SELECT block, stories FROM lead_stories WHERE block IN (\(placeholders))")
            for row in try Row.fetchAll(statement, arguments: keyArguments) {
                leads[StorageEncoding.unsigned(row[0])] = row[1]
            }
        }
        return BoilerplateStatistics(site: site, stories: stories, blockStories: blocks, leads: leads)
    }

    static func decode(_ row: Row, settings: MinHashSettings) throws -> IndexedArticle {
        let signature = try row.withUnsafeData(atIndex: 12) { data in
            try (data ?? Data()).withUnsafeBytes { try StorageEncoding.signature(bytes: $0, settings: settings) }
        }
        let figures = try row.withUnsafeData(atIndex: 13) { data in
            try (data ?? Data()).withUnsafeBytes { try StorageEncoding.values(bytes: $0) }
        }
        let copyText: String? = row[14]
        let copyIsInteger: Bool? = row[15]
        let published: Double? = row[6]
        return IndexedArticle(
            id: try StorageEncoding.id(text: row[1], isInteger: row[2]), source: row[3], url: row[4], title: row[5],
            published: published.map(Timestamp.init(secondsSinceEpoch:)), attribution: row[7],
            textHash: StorageEncoding.unsigned(row[8]),
            fingerprint: Fingerprint(
                signature: signature, contentHash: StorageEncoding.unsigned(row[9]), tokenCount: row[10],
                shingleCount: row[11], figures: figures),
            copyOf: try copyText.map { try StorageEncoding.id(text: $0, isInteger: copyIsInteger ?? false) },
            sequence: row[0])
    }
}

/// The writes of one SQLite transaction.
struct SQLiteTransaction: StoreTransaction {
    let db: Database
    let configuration: IndexConfiguration
    let cache: FingerprintCache
    /// The largest sequence number committed when the transaction began: the rows up to it are the only ones whose
    /// fingerprints the transaction may keep in `cache`.
    let committedMaximum: Int64

    /// The transaction `db` is in, which must not have written yet.
    init(db: Database, configuration: IndexConfiguration, cache: FingerprintCache) throws {
        self.db = db
        self.configuration = configuration
        self.cache = cache
        committedMaximum = try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM articles") ?? 0
    }

    func article(id: ArticleID) throws -> IndexedArticle? {
        try SQLiteArticleStore.article(db, id: id, settings: configuration.settings)
    }

    func candidateFingerprints(bandKeys: [UInt64], excluding: ArticleID?) throws -> CandidateFingerprints {
        try SQLiteArticleStore.candidateFingerprints(
            db, bandKeys: bandKeys, excluding: excluding, settings: configuration.settings, cache: cache,
            cacheAtMost: committedMaximum)
    }

    func articles(sequences: [Int64]) throws -> [IndexedArticle] {
        try SQLiteArticleStore.articles(db, sequences: sequences, settings: configuration.settings)
    }

    func boilerplateStatistics(site: String?, blockKeys: [UInt64]) throws -> BoilerplateStatistics {
        try SQLiteArticleStore.boilerplateStatistics(db, site: site, blockKeys: blockKeys)
    }

    func unlink(_ article: IndexedArticle) throws {
        let keys = configuration.lsh.bandKeys(of: article.fingerprint.signature)
        let delete = try db.cachedStatement(sql: "DELETE FROM band_keys WHERE key = ? AND article = ?")
        for key in keys {
            try delete.execute(arguments: [StorageEncoding.signed(key), article.sequence])
        }
        try db.cachedStatement(sql: "DELETE FROM articles WHERE sequence = ?").execute(arguments: [article.sequence])
    }

    func append(_ article: IndexedArticle, bandKeys: [UInt64]) throws -> IndexedArticle {
        let (id, idIsInteger) = StorageEncoding.columns(of: article.id)
        let copy = article.copyOf.map(StorageEncoding.columns(of:))
        let fingerprint = article.fingerprint
        let arguments: StatementArguments = [
            id, idIsInteger, article.source, article.url, article.title, article.published?.secondsSinceEpoch,
            article.attribution, StorageEncoding.signed(article.textHash),
            StorageEncoding.signed(fingerprint.contentHash), fingerprint.tokenCount, fingerprint.shingleCount,
            Data(StorageEncoding.bytes(of: fingerprint.signature)),
            Data(StorageEncoding.bytes(of: fingerprint.figures)),
            copy?.text, copy?.isInteger,
        ]
        try db.cachedStatement(
            sql: """
                INSERT INTO articles (id, id_is_integer, source, url, title, published, attribution, text_hash,
                    content_hash, token_count, shingle_count, signature, figures, copy_of, copy_of_is_integer)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: arguments)
        var stored = article
        stored.sequence = db.lastInsertedRowID
        // One statement for the keys (a statement per key cost more than the B-tree inserts themselves), in chunks
        // that keep under SQLite's smallest limit on parameters.
        for start in stride(from: 0, to: bandKeys.count, by: Self.rowsPerStatement) {
            let keys = bandKeys[start..<min(bandKeys.count, start + Self.rowsPerStatement)]
            let rows = (0..<keys.count).map { "(?\($0 + 2), ?1)" }.joined(separator: ", ")
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO band_keys (key, article) VALUES \(rows)")
                .execute(arguments: StatementArguments([stored.sequence] + keys.map(StorageEncoding.signed)))
        }
        return stored
    }

    /// The most rows one multi-row statement writes: two parameters a row, under the 999 parameters of older SQLite
    /// builds.
    static let rowsPerStatement = 400

    func learn(_ contribution: BoilerplateContribution) throws {
        let siteID: Int64
        if let known = try Int64.fetchOne(
            try db.cachedStatement(sql: "SELECT site_id FROM sites WHERE name = ?"), arguments: [contribution.site])
        {
            siteID = known
        } else {
            try db.cachedStatement(sql: "INSERT INTO sites (name, stories) VALUES (?, 0)")
                .execute(arguments: [contribution.site])
            siteID = db.lastInsertedRowID
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO site_stories (site_id, story) VALUES (?, ?)")
            .execute(arguments: [siteID, StorageEncoding.signed(contribution.story)])
        guard db.changesCount > 0 else { return }
        try db.cachedStatement(sql: "UPDATE sites SET stories = stories + 1 WHERE site_id = ?")
            .execute(arguments: [siteID])
        // One statement for the blocks (in chunks, as the band keys): a new block counts one story and keeps no
        // text; a known one counts one more and keeps the text of its second story.
        for start in stride(from: 0, to: contribution.blocks.count, by: Self.rowsPerStatement) {
            let blocks = contribution.blocks[start..<min(contribution.blocks.count, start + Self.rowsPerStatement)]
            let rows = (0..<blocks.count).map { "(?\(2 * $0 + 2), ?\(2 * $0 + 3))" }.joined(separator: ", ")
            var arguments: [(any DatabaseValueConvertible)?] = [siteID]
            arguments.reserveCapacity(1 + 2 * blocks.count)
            for block in blocks {
                arguments.append(StorageEncoding.signed(block.key))
                arguments.append(block.text)
            }
            try db.cachedStatement(
                sql: """
                    WITH given (block, sample) AS (VALUES \(rows))
                    INSERT INTO block_stories (site_id, block, stories, sample)
                    SELECT ?1, block, 1, NULL FROM given WHERE true
                    ON CONFLICT (site_id, block) DO UPDATE SET stories = stories + 1,
                        sample = coalesce(sample, (SELECT sample FROM given WHERE given.block = excluded.block))
                    """
            ).execute(arguments: StatementArguments(arguments))
        }
        if let lead = contribution.lead {
            try db.cachedStatement(
                sql: """
                    INSERT INTO lead_stories (block, stories) VALUES (?, 1)
                    ON CONFLICT (block) DO UPDATE SET stories = stories + 1
                    """
            ).execute(arguments: [StorageEncoding.signed(lead)])
        }
    }
}

/// Whether a store was closed, readable from any thread.
final class ClosedState: @unchecked Sendable {
    private let lock = NSLock()
    private var closed = false

    /// Marks the store closed; returns false if it already was.
    func close() -> Bool {
        lock.withLock {
            defer { closed = true }
            return !closed
        }
    }

    func checkOpen() throws {
        if lock.withLock({ closed }) { throw IndexError(.storage, "the index is closed") }
    }
}

extension Array where Element: Comparable {
    /// Sorts the array and keeps one of each run of equal elements, in place.
    mutating func sortAndKeepDistinct() {
        sort()
        var kept = 0
        for index in indices where kept == 0 || self[kept - 1] != self[index] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}
