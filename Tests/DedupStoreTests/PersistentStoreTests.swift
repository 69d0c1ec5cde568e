import Dedup
import DedupStore
import Foundation
import GRDB
import Testing

/// What only the persistent stores promise: an index survives its process, keeps its configuration, and is made by
/// named migrations that run once.
@Suite("Persistent stores")
struct PersistentStoreTests {
    static let migrationNames = ["1 articles and band keys", "2 boilerplate counts"]

    @Test("a SQLite index closed and reopened has its articles, boilerplate counts and configuration")
    func sqliteReopen() async throws {
        let path = try StoreKind.newSQLitePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        var settings = MinHashSettings.standard
        settings.shingleSize = 4
        let created = IndexConfiguration(settings: settings, policy: .standard)
        let corpus = Array(try GeneratedArticles.standard.get().articles.prefix(120))
        let first = try await PublishedIndex.open(.sqlite(path: path), configuration: created)
        let added = await first.add(corpus)
        #expect(added.allSatisfy { (try? $0.get()) != nil })
        let before = try await first.statistics()
        let site = try #require(corpus.compactMap(\.source).first)
        let learned = try await first.boilerplate(source: site)
        try await first.close()
        await #expect(throws: IndexError.self) { _ = try await first.statistics() }

        let reopened = try await PublishedIndex.open(.sqlite(path: path), configuration: .standard)
        #expect(reopened.configuration == created, "an existing index keeps the configuration it was created with")
        var after = try await reopened.statistics()
        after.bytesOnDisk = before.bytesOnDisk  // closing checkpoints the WAL into the file: sizes move
        #expect(after == before)
        #expect(try await reopened.boilerplate(source: site) == learned)
        let again = try await reopened.add(corpus[17])
        #expect(again.status == .unchanged)
        let copy = try await reopened.check(Article(id: "new", text: corpus[17].text, source: "elsewhere"))
        #expect(copy.best?.article.id == corpus[17].id)
        try await reopened.close()
    }

    @Test("SQLite migrations are named, applied once, and an index from a newer version is refused")
    func sqliteMigrations() async throws {
        let path = try StoreKind.newSQLitePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        for _ in 0..<2 {
            let store = try SQLiteArticleStore(path: path)
            #expect(try await store.appliedMigrations() == Self.migrationNames)
            try await store.close()
        }
        // A newer version's migration: refused, and the file is left as it is.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('99 from the future')")
        }
        try queue.close()
        #expect(Self.code { try SQLiteArticleStore(path: path) } == .incompatibleIndex)
        // A newer format in the meta table: refused too.
        let other = try StoreKind.newSQLitePath()
        defer { try? FileManager.default.removeItem(atPath: (other as NSString).deletingLastPathComponent) }
        try await SQLiteArticleStore(path: other).close()
        let otherQueue = try DatabaseQueue(path: other)
        try await otherQueue.write { db in try db.execute(sql: "UPDATE meta SET value = '99' WHERE key = 'format'") }
        try otherQueue.close()
        #expect(Self.code { try SQLiteArticleStore(path: other) } == .incompatibleIndex)
    }

    @Test("a read-only SQLite index is checked without a byte written; nothing is created, migrated or added")
    func sqliteReadOnly() async throws {
        let path = try StoreKind.newSQLitePath()
        let directory = (path as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A missing file is an error, and stays missing.
        #expect(Self.code { try SQLiteArticleStore(path: path, readOnly: true) } == .storage)
        #expect(!FileManager.default.fileExists(atPath: path))

        let corpus = Array(try GeneratedArticles.standard.get().articles.prefix(60))
        let writer = try await PublishedIndex.open(.sqlite(path: path))
        for result in await writer.add(corpus) { _ = try result.get() }
        let expected = try await writer.check(corpus[3], limit: 5)
        try await writer.close()
        func files() throws -> [String: Data] {
            var contents: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
                contents[name] = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
            }
            return contents
        }
        let before = try files()

        let reader = try await PublishedIndex.open(.sqlite(path: path), readOnly: true)
        #expect(try await reader.check(corpus[3], limit: 5) == expected)
        #expect(try await reader.statistics().articles == corpus.count)
        await #expect(throws: IndexError.self) {
            _ = try await reader.add(Article(id: "new", text: "A new story about the harbour and its new cranes."))
        }
        await #expect(throws: IndexError.self) { _ = try await reader.remove(id: corpus[0].id) }
        try await reader.close()
        // The index's file is as the writer left it (SQLite may leave its shared-memory file behind).
        let after = try files()
        #expect(after[(path as NSString).lastPathComponent] == before[(path as NSString).lastPathComponent])
        #expect(after.keys.filter { $0.hasSuffix("-wal") }.allSatisfy { after[$0]!.isEmpty })

        // An index with a migration not yet applied is refused read-only (it needs a writer to migrate it).
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Self.migrationNames[1]])
        }
        try queue.close()
        #expect(Self.code { try SQLiteArticleStore(path: path, readOnly: true) } == .incompatibleIndex)
    }

    @Test("a SQLite file that is not an index is a storage error")
    func sqliteNotAnIndex() throws {
        let path = try StoreKind.newSQLitePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try Data("this is not a database, just some text that is long enough to be looked at".utf8).write(
            to: URL(fileURLWithPath: path))
        #expect(Self.code { try SQLiteArticleStore(path: path) } == .storage)
    }

    @Test(
        "PostgreSQL migrations are named and applied once; a reopened index keeps its articles and configuration",
        .enabled(if: StoreKind.postgresURL != nil, "needs DEDUP_TEST_POSTGRES_URL"))
    func postgresMigrationsAndReopen() async throws {
        let url = try StoreKind.newPostgresURL()
        var settings = MinHashSettings.standard
        settings.shingleSize = 4
        let created = IndexConfiguration(settings: settings, policy: .standard)
        let first = try await PostgresArticleStore.open(url: url, configuration: created)
        do {
            #expect(try await first.appliedMigrations() == Self.migrationNames)
            let index = PublishedIndex(store: first)
            _ = try await index.add(Article(id: 1, text: PublishedIndexTests.story, source: "A"))
            let second = try await PostgresArticleStore.open(url: url, configuration: .standard)
            #expect(second.configuration == created)
            #expect(try await second.appliedMigrations() == Self.migrationNames)
            #expect(try await second.article(id: 1)?.source == "A")
            try await second.close()
        } catch {
            try? await first.dropSchema()
            throw error
        }
        try await first.dropSchema()
        try await first.close()
    }

    @Test("an unreachable PostgreSQL server or a bad URL is an error with a code, not a crash")
    func postgresUnreachable() async throws {
        await #expect(throws: IndexError.self) {
            _ = try await PostgresArticleStore.open(url: "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=1")
        }
        do {
            _ = try await PostgresArticleStore.open(url: "postgres://u@localhost/db?schema=Robert');DROP")
            Issue.record("a schema name that is not an identifier was accepted")
        } catch let error as IndexError {
            #expect(error.code == .unsupportedLocation)
        }
    }

    static func code(_ body: () throws -> some Any) -> IndexError.Code? {
        do {
            _ = try body()
            return nil
        } catch let error as IndexError {
            return error.code
        } catch {
            return nil
        }
    }
}
