import Dedup

/// Where an index lives, as given to `--db`: `:memory:` for an in-memory index (tests, one process), a file path for
/// SQLite (``SQLiteArticleStore``), or a `postgres://` / `postgresql://` URL for a shared PostgreSQL index
/// (``PostgresArticleStore``; see there for the URL's options).
public enum IndexLocation: Sendable, Hashable, CustomStringConvertible {
    case memory
    case sqlite(path: String)
    case postgres(url: String)

    /// Parses a `--db` value.
    public init(_ text: String) {
        if text == ":memory:" {
            self = .memory
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    public var description: String {
        switch self {
        case .memory: ":memory:"
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }
}

extension PublishedIndex {
    /// Opens (creating when missing) the index at `location`. A new index gets `configuration`; an existing one keeps
    /// its own. A SQLite index keeps up to `fingerprintCacheBytes` of candidates' fingerprints in memory (see
    /// ``SQLiteArticleStore/init(path:configuration:fingerprintCacheBytes:readOnly:)``). With `readOnly`, a SQLite
    /// index must exist and is neither created, migrated nor written (the other locations ignore it).
    /// - Throws: ``IndexError`` when the location cannot be opened or holds an incompatible index.
    public static func open(
        _ location: IndexLocation, configuration: IndexConfiguration = .standard,
        fingerprintCacheBytes: Int = SQLiteArticleStore.defaultFingerprintCacheBytes, readOnly: Bool = false
    ) async throws -> PublishedIndex {
        switch location {
        case .memory:
            return PublishedIndex(store: InMemoryArticleStore(configuration: configuration))
        case .sqlite(let path):
            return PublishedIndex(
                store: try SQLiteArticleStore(
                    path: path, configuration: configuration, fingerprintCacheBytes: fingerprintCacheBytes,
                    readOnly: readOnly))
        case .postgres(let url):
            return PublishedIndex(store: try await PostgresArticleStore.open(url: url, configuration: configuration))
        }
    }
}
