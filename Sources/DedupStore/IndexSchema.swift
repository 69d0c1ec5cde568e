/// The schema of a persistent index, the same for SQLite and PostgreSQL, as named migrations.
///
/// ```
/// meta(key, value)                              'format' → "1", 'configuration' → IndexConfiguration as JSON
/// articles(sequence, id, id_is_integer, source, url, title, published, attribution, text_hash, content_hash,
///          token_count, shingle_count, signature, figures, copy_of, copy_of_is_integer)
///          unique (id, id_is_integer); signature: length × UInt32 little-endian, empty for an empty signature;
///          figures: UInt64 little-endian; 64-bit hashes as signed integers with the same bits
/// band_keys(key, article → articles.sequence)   primary key (key, article): the lookup by key
/// sites(site_id, name, stories)                 distinct stories counted per site
/// site_stories(site_id, story)                  the story keys counted per site
/// block_stories(site_id, block, stories, sample) stories containing each block; its text once in two stories
/// lead_stories(block, stories)                  stories (any site) whose lead is each block
/// ```
///
/// A migration, once released, never changes: a new schema is a new migration appended to the list. SQLite keeps
/// the applied names in GRDB's `grdb_migrations`, PostgreSQL in `dedup_migrations`; an index whose applied
/// migrations include one this build does not know is refused as ``IndexError/Code/incompatibleIndex``.
enum IndexSchema {
    struct Migration {
        var name: String
        var sqlite: [String]
        var postgres: [String]
    }

    static let migrations: [Migration] = [
        Migration(
            name: "1 articles and band keys",
            sqlite: [
                "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID",
                """
                CREATE TABLE articles (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL, id_is_integer INTEGER NOT NULL,
                    source TEXT, url TEXT, title TEXT, published REAL, attribution TEXT,
                    text_hash INTEGER NOT NULL, content_hash INTEGER NOT NULL,
                    token_count INTEGER NOT NULL, shingle_count INTEGER NOT NULL,
                    signature BLOB NOT NULL, figures BLOB NOT NULL,
                    copy_of TEXT, copy_of_is_integer INTEGER)
                """,
                "CREATE UNIQUE INDEX articles_id ON articles (id, id_is_integer)",
                """
                CREATE TABLE band_keys (key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, article))
                WITHOUT ROWID
                """,
            ],
            postgres: [
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """
                CREATE TABLE articles (
                    sequence BIGSERIAL PRIMARY KEY,
                    id TEXT NOT NULL, id_is_integer BOOLEAN NOT NULL,
                    source TEXT, url TEXT, title TEXT, published DOUBLE PRECISION, attribution TEXT,
                    text_hash BIGINT NOT NULL, content_hash BIGINT NOT NULL,
                    token_count BIGINT NOT NULL, shingle_count BIGINT NOT NULL,
                    signature BYTEA NOT NULL, figures BYTEA NOT NULL,
                    copy_of TEXT, copy_of_is_integer BOOLEAN)
                """,
                "CREATE UNIQUE INDEX articles_id ON articles (id, id_is_integer)",
                "CREATE TABLE band_keys (key BIGINT NOT NULL, article BIGINT NOT NULL, PRIMARY KEY (key, article))",
            ]),
        Migration(
            name: "2 boilerplate counts",
            sqlite: [
                """
                CREATE TABLE sites (
                    site_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, stories INTEGER NOT NULL)
                """,
                """
                CREATE TABLE site_stories (
                    site_id INTEGER NOT NULL, story INTEGER NOT NULL, PRIMARY KEY (site_id, story)) WITHOUT ROWID
                """,
                """
                CREATE TABLE block_stories (
                    site_id INTEGER NOT NULL, block INTEGER NOT NULL, stories INTEGER NOT NULL, sample TEXT,
                    PRIMARY KEY (site_id, block)) WITHOUT ROWID
                """,
                """
                CREATE TABLE lead_stories (block INTEGER PRIMARY KEY NOT NULL, stories INTEGER NOT NULL) WITHOUT ROWID
                """,
            ],
            postgres: [
                """
                CREATE TABLE sites (site_id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, stories BIGINT NOT NULL)
                """,
                """
                CREATE TABLE site_stories (site_id BIGINT NOT NULL, story BIGINT NOT NULL, PRIMARY KEY (site_id, story))
                """,
                """
                CREATE TABLE block_stories (
                    site_id BIGINT NOT NULL, block BIGINT NOT NULL, stories BIGINT NOT NULL, sample TEXT,
                    PRIMARY KEY (site_id, block))
                """,
                "CREATE TABLE lead_stories (block BIGINT PRIMARY KEY, stories BIGINT NOT NULL)",
            ]),
    ]

    /// The article columns every read selects, in this order (see the stores' row decoding).
    static let articleColumns = """
        sequence, id, id_is_integer, source, url, title, published, attribution, text_hash, content_hash, \
        token_count, shingle_count, signature, figures, copy_of, copy_of_is_integer
        """

    /// The article columns verification reads of a candidate, in this order (see ``CandidateFingerprints``).
    static let fingerprintColumns = "sequence, content_hash, token_count, shingle_count, signature, figures"

    /// The PostgreSQL advisory lock every write transaction takes first, so that writers from every process and
    /// machine are serialized ("dedupidx" in ASCII).
    static let postgresWriteLock: Int64 = 0x6465_6475_7069_6478

    /// The PostgreSQL advisory lock that serializes migrations.
    static let postgresMigrationLock: Int64 = 0x6465_6475_706D_6967
}
