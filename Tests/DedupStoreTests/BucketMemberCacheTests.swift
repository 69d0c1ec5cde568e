import Dedup
import Foundation
import Testing

@testable import DedupStore

/// The members of large LSH buckets kept in memory by a SQLite index: served only in a read that sees the snapshot
/// they were read in, so that checks give what reading the band keys gives, whoever wrote to the file meanwhile.
@Suite("Bucket member cache")
struct BucketMemberCacheTests {
    typealias Stamp = BucketMemberCache.Stamp
    typealias Warmup = FingerprintCacheWarmupTests

    /// The members `cache` serves for `keys` at `stamp`, and the keys it leaves to the file.
    static func served(_ cache: BucketMemberCache, _ keys: [UInt64], at stamp: Stamp) -> (
        members: [Int64], unread: [UInt64]
    ) {
        var members: [Int64] = []
        let unread = cache.appendMembers(of: keys, at: stamp, to: &members)
        return (members, unread)
    }

    /// Records `lists` (key → members) as read at `stamp`, for `keys`.
    static func record(_ cache: BucketMemberCache, keys: [UInt64], _ lists: [UInt64: [Int64]], at stamp: Stamp) {
        var rowKeys: [UInt64] = []
        var members: [Int64] = []
        for key in keys {
            let list = lists[key] ?? []
            rowKeys += Array(repeating: key, count: list.count)
            members += list
        }
        cache.record(keys: keys, rowKeys: rowKeys, members: members[...], at: stamp)
    }

    @Test("a list is served at the stamp it was read at only: not at another data version or connection")
    func servedAtItsStamp() {
        let cache = BucketMemberCache(minimumMembers: 4, byteBudget: 1 << 20)
        let first = Stamp(connection: 1, dataVersion: 7)
        Self.record(cache, keys: [1, 2, 3], [1: [10, 11, 12, 13, 14], 3: [20, 21]], at: first)
        #expect(cache.counts.buckets == 1 && cache.counts.members == 5, "key 3 has fewer than 4 members")
        let atFirst = Self.served(cache, [1, 2, 3], at: first)
        #expect(atFirst.members == [10, 11, 12, 13, 14])
        #expect(atFirst.unread == [2, 3])
        #expect(Self.served(cache, [1, 2, 3], at: Stamp(connection: 1, dataVersion: 8)).unread == [1, 2, 3])
        #expect(Self.served(cache, [1], at: Stamp(connection: 2, dataVersion: 7)).unread == [1])
        #expect(cache.counts.served == 1)
    }

    @Test("rows grouped in another order than the keys' (SQLite orders band keys as signed integers) are all kept")
    func rowsInAnyKeyOrder() {
        let cache = BucketMemberCache(minimumMembers: 2, byteBudget: 1 << 20)
        let stamp = Stamp(connection: 1, dataVersion: 1)
        let high = UInt64.max - 5
        cache.record(keys: [1, 2, high], rowKeys: [high, high, high, 1, 1], members: [7, 8, 9, 3, 4], at: stamp)
        #expect(cache.counts.buckets == 2)
        #expect(Self.served(cache, [1, 2, high], at: stamp) == ([3, 4, 7, 8, 9], [2]))
    }

    @Test("the same members read on another connection add its stamp; other members replace the list and its stamps")
    func restampAndReplace() {
        let cache = BucketMemberCache(minimumMembers: 4, byteBudget: 1 << 20)
        let one = Stamp(connection: 1, dataVersion: 7)
        let two = Stamp(connection: 2, dataVersion: 3)
        Self.record(cache, keys: [1], [1: [10, 11, 12, 13]], at: one)
        Self.record(cache, keys: [1], [1: [10, 11, 12, 13]], at: two)
        #expect(Self.served(cache, [1], at: one).unread.isEmpty)
        #expect(Self.served(cache, [1], at: two).unread.isEmpty)
        // Connection 1 sees a commit: a member added. Connection 2's stamp was for the old members.
        let oneLater = Stamp(connection: 1, dataVersion: 8)
        Self.record(cache, keys: [1], [1: [10, 11, 12, 13, 15]], at: oneLater)
        #expect(Self.served(cache, [1], at: oneLater).members == [10, 11, 12, 13, 15])
        #expect(Self.served(cache, [1], at: two).unread == [1])
        #expect(Self.served(cache, [1], at: one).unread == [1])
        #expect(cache.counts.members == 5)
        // A bucket that shrinks below the minimum, or empties, is dropped.
        Self.record(cache, keys: [1], [1: [10, 11]], at: Stamp(connection: 1, dataVersion: 9))
        #expect(cache.counts.buckets == 0 && cache.counts.members == 0)
    }

    @Test("lists are kept within the byte budget; none with a budget of 0")
    func budget() {
        let probe = BucketMemberCache(minimumMembers: 2, byteBudget: 0)
        let cache = BucketMemberCache(minimumMembers: 2, byteBudget: probe.cost(members: 3) * 2 + 7)
        let stamp = Stamp(connection: 1, dataVersion: 1)
        Self.record(cache, keys: [1, 2, 3], [1: [1, 2, 3], 2: [4, 5, 6, 7], 3: [8, 9, 10]], at: stamp)
        #expect(cache.counts.members == 6 && cache.counts.buckets == 2, "key 2 does not fit after key 1")
        #expect(cache.counts.bytes == probe.cost(members: 3) * 2)
        #expect(Self.served(cache, [1, 2, 3], at: stamp).unread == [2])
        // A list replaced by a longer one that does not fit is dropped, not kept stale.
        Self.record(cache, keys: [3], [3: [8, 9, 10, 11]], at: Stamp(connection: 1, dataVersion: 2))
        #expect(cache.counts.buckets == 1 && cache.counts.bytes == probe.cost(members: 3))
        let none = BucketMemberCache(minimumMembers: 2, byteBudget: 0)
        Self.record(none, keys: [1], [1: [1, 2, 3]], at: stamp)
        #expect(none.counts.buckets == 0)
    }

    // MARK: In a SQLite index

    /// A template family of 70 members (a bucket of at least 64: large), the two newest among the last 16 articles, and
    /// a probe of the same family.
    static func familyIndex() async throws -> (path: String, family: [Int64]) {
        try await Warmup.makeIndex(oldFamily: 68, generated: 20, newFamily: 2)
    }

    static let probe = Article(id: .string("probe"), text: Warmup.familyMember(1000))

    /// What a check of the probe gives in a newly opened index (nothing in memory: every band key read).
    static func freshCheck(_ path: String) async throws -> CheckResult {
        let index = try await PublishedIndex.open(.sqlite(path: path), readOnly: true)
        let result = try await index.check(probe, limit: 100)
        try await index.close()
        return result
    }

    @Test("commits by another process (another store on the file) are seen: added and removed members")
    func anotherWriter() async throws {
        let (path, family) = try await Self.familyIndex()
        defer { Warmup.remove(path) }
        let reader = try SQLiteArticleStore(path: path, readOnly: true)
        let index = PublishedIndex(store: reader)
        let before = try await index.check(Self.probe, limit: 100)
        #expect(before.candidatesVerified >= 70)
        #expect(reader.bucketMembers.counts.buckets > 0, "the family's buckets are large")
        #expect(try await index.check(Self.probe, limit: 100) == before)
        #expect(reader.bucketMembers.counts.served > 0, "the second check has the lists from memory")

        let writer = try SQLiteArticleStore(path: path)
        for number in 71...73 {
            let prepared = FingerprintCacheTests.prepared(
                "family-\(number)", Warmup.familyMember(number), configuration: writer.configuration)
            #expect(try await FingerprintCacheTests.insert(prepared, into: writer) == .inserted)
        }
        #expect(try await writer.remove(id: .string("family-1")))
        #expect(try await writer.remove(id: .string("family-2")))
        try await writer.close()

        let after = try await index.check(Self.probe, limit: 100)
        #expect(after == (try await Self.freshCheck(path)))
        #expect(after.candidatesVerified == before.candidatesVerified + 1, "3 added, 2 removed")
        #expect(!after.matches.contains { $0.article.sequence == family[0] || $0.article.sequence == family[1] })
        try await index.close()
    }

    @Test("adds and removals made through the same store are seen by its next checks")
    func sameStoreWrites() async throws {
        let (path, _) = try await Self.familyIndex()
        defer { Warmup.remove(path) }
        let index = try await PublishedIndex.open(.sqlite(path: path))
        let before = try await index.check(Self.probe, limit: 100)
        _ = try await index.check(Self.probe, limit: 100)
        let store = try #require(index.store as? SQLiteArticleStore)
        #expect(store.bucketMembers.counts.served > 0)
        let added = try await index.add(Article(id: .string("family-71"), text: Warmup.familyMember(71)))
        #expect(added.status == .added)
        #expect(try await index.check(Self.probe, limit: 100).candidatesVerified == before.candidatesVerified + 1)
        #expect(try await index.remove(id: .string("family-71")))
        #expect(try await index.remove(id: .string("family-3")))
        let after = try await index.check(Self.probe, limit: 100)
        try await index.close()
        #expect(after.candidatesVerified == before.candidatesVerified - 1)
        #expect(after == (try await Self.freshCheck(path)))
    }

    @Test("the warm-up keeps the large buckets it reads: the first check has them from memory, with the same result")
    func warmupSeeds() async throws {
        let (path, _) = try await Self.familyIndex()
        defer { Warmup.remove(path) }
        let expected = try await Self.freshCheck(path)
        let store = try SQLiteArticleStore(path: path, readOnly: true)
        _ = try await store.warmFingerprintCache(sample: 16, largeBucket: 64, batch: 512, progress: nil)
        #expect(store.bucketMembers.counts.buckets > 0)
        let index = PublishedIndex(store: store)
        #expect(try await index.check(Self.probe, limit: 100) == expected)
        #expect(store.bucketMembers.counts.served > 0)
        try await index.close()
    }

    @Test("a store opened with no fingerprint cache keeps no bucket lists either")
    func noCache() async throws {
        let (path, _) = try await Self.familyIndex()
        defer { Warmup.remove(path) }
        let store = try SQLiteArticleStore(path: path, fingerprintCacheBytes: 0, readOnly: true)
        let index = PublishedIndex(store: store)
        let first = try await index.check(Self.probe, limit: 100)
        #expect(try await index.check(Self.probe, limit: 100) == first)
        #expect(store.bucketMembers.counts.buckets == 0 && store.bucketMembers.counts.served == 0)
        try await index.close()
    }
}
