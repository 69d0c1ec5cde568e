import DedupStore
import Foundation
import Testing

/// The stores the contract tests run on.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The URL of a PostgreSQL database the tests may create schemas in, from `DEDUP_TEST_POSTGRES_URL` (for
    /// example `postgres://dedup:dedup@127.0.0.1:5432/dedup_test`; `.ci/run` sets it). Without it the PostgreSQL
    /// tests are skipped, and ``PostgresAvailabilityTests`` says so.
    static let postgresURL: String? = {
        let value = ProcessInfo.processInfo.environment["DEDUP_TEST_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    /// The stores available here: PostgreSQL only when ``postgresURL`` is set.
    static var available: [StoreKind] {
        postgresURL == nil ? [.memory, .sqlite] : allCases
    }

    /// A `postgres://` URL for a new, empty index in a schema of its own.
    static func newPostgresURL() throws -> String {
        let base = try #require(postgresURL, "DEDUP_TEST_POSTGRES_URL is not set")
        let schema = "dedup_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return base + (base.contains("?") ? "&" : "?") + "schema=" + schema
    }

    /// A path for a new SQLite index in a new temporary directory.
    static func newSQLitePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dedup-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("index.sqlite").path
    }

    /// Runs `body` with a new, empty index of this kind, then closes it and deletes what it stored.
    func withIndex(
        configuration: IndexConfiguration = .standard, _ body: (PublishedIndex) async throws -> Void
    ) async throws {
        let index: PublishedIndex
        let cleanup: () async throws -> Void
        switch self {
        case .memory:
            index = try await PublishedIndex.open(.memory, configuration: configuration)
            cleanup = { try await index.close() }
        case .sqlite:
            let path = try Self.newSQLitePath()
            index = try await PublishedIndex.open(.sqlite(path: path), configuration: configuration)
            cleanup = {
                try await index.close()
                try FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
            }
        case .postgres:
            index = try await PublishedIndex.open(
                .postgres(url: try Self.newPostgresURL()), configuration: configuration)
            let store = try #require(index.store as? PostgresArticleStore)
            cleanup = {
                try await store.dropSchema()
                try await index.close()
            }
        }
        do {
            try await body(index)
        } catch {
            try? await cleanup()
            throw error
        }
        try await cleanup()
    }
}

/// A value set from concurrent callbacks.
final class ProgressCount: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0

    var value: Int { lock.withLock { stored } }

    func set(_ value: Int) { lock.withLock { stored = value } }
}

@Suite("PostgreSQL availability")
struct PostgresAvailabilityTests {
    // The PostgreSQL store's tests need a server: `.ci/run` starts one and sets DEDUP_TEST_POSTGRES_URL; without it
    // they are skipped, and this test says so in the output.
    @Test(
        "the PostgreSQL tests are skipped without DEDUP_TEST_POSTGRES_URL", .enabled(if: StoreKind.postgresURL == nil))
    func postgresSkipped() {
        print("note: DEDUP_TEST_POSTGRES_URL is not set: the PostgreSQL store's tests are skipped")
    }
}
