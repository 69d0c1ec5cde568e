import Foundation
import GRDB
import GRDBSQLite

/// The members of the larger LSH buckets of one SQLite index (band keys that many articles share), kept in memory
/// for its reads, each list with the snapshots it is known to be current in.
///
/// The checks of a template story (lottery results, weather, river levels) share their band keys with thousands of
/// indexed articles: at 1M articles, reading those keys' rows (1,000–7,000 per check) and sorting them was a third
/// of such a check's time once the candidates' fingerprints were in memory. A bucket's members change with every add and
/// removal, made by this process or by another one sharing the file, so a list stands in for the rows only in a
/// read that sees the snapshot it was read in. SQLite's `PRAGMA data_version` tells: on one connection, it keeps its
/// value until a read transaction there sees a commit made by another connection (the same test by which SQLite
/// keeps its own page cache). A list read on connection *c* while its data version was *v* holds the bucket's
/// members in every read on *c* while the version is still *v*: that pair is the list's stamp. A read with no list
/// stamped for it reads the key's rows, as without the cache, and stamps the list it has (the same members) or
/// replaces it (other members): so after a commit, each connection reads each bucket once again.
///
/// Only the buckets of at least ``minimumMembers`` articles are kept, within ``byteBudget`` (a list that does not fit
/// is not kept; nothing is evicted). Write transactions must not use it: they see their own rows before the commit,
/// and a connection's own commits leave its data version as it was. Safe to use from concurrent reads.
final class BucketMemberCache: @unchecked Sendable {
    /// Where a list is current: a connection (numbered when it opened, so that a new connection at the address of
    /// a closed one is not taken for it) and its data version then.
    struct Stamp: Hashable {
        var connection: Int
        var dataVersion: Int64
    }

    /// The fewest members of a bucket that is kept.
    let minimumMembers: Int
    /// The most bytes the lists take, counted by ``cost(members:)``.
    let byteBudget: Int

    private struct Entry {
        var members: [Int64]
        var stamps: [Stamp]
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var entries: [UInt64: Entry] = [:]
    private var bytes = 0
    private var members = 0
    private var connections: [OpaquePointer: Int] = [:]
    private var connectionsOpened = 0
    private var served = 0

    /// A cache of the buckets of at least `minimumMembers` articles, within `byteBudget` bytes (0 keeps none).
    init(minimumMembers: Int, byteBudget: Int) {
        precondition(minimumMembers > 0, "a kept bucket has members")
        self.minimumMembers = minimumMembers
        self.byteBudget = max(0, byteBudget)
    }

    /// The bytes a list of `members` members is counted for: 8 a member, and 96 for the dictionary slot, the
    /// arrays' headers and a stamp.
    func cost(members: Int) -> Int { members * 8 + 96 }

    /// Numbers the connection `handle` (called when it opens, before any read on it).
    func connectionOpened(_ handle: OpaquePointer) {
        lock.withLock {
            connectionsOpened += 1
            connections[handle] = connectionsOpened
        }
    }

    /// The stamp of the read transaction `db` is in (its data version is read inside it); nil when the cache keeps
    /// nothing, or the connection was not numbered when it opened.
    func stamp(_ db: Database) throws -> Stamp? {
        guard byteBudget > 0, let handle = db.sqliteConnection,
            let connection = lock.withLock({ connections[handle] })
        else { return nil }
        let statement = try db.cachedStatement(sql: "PRAGMA data_version")
        var version: Int64?
        try SQLiteArticleStore.forEachRow(of: statement, in: db) { row in version = sqlite3_column_int64(row, 0) }
        return version.map { Stamp(connection: connection, dataVersion: $0) }
    }

    /// Appends to `sequences` the members of each of `keys` whose list is current at `stamp`, and returns the other
    /// keys, in their order.
    func appendMembers(of keys: [UInt64], at stamp: Stamp, to sequences: inout [Int64]) -> [UInt64] {
        lock.withLock {
            var unread: [UInt64] = []
            for key in keys {
                if let entry = entries[key], entry.stamps.contains(stamp) {
                    sequences += entry.members
                    served += 1
                } else {
                    unread.append(key)
                }
            }
            return unread
        }
    }

    /// Records what a read at `stamp` found of `keys` (distinct): `rowKeys[i]` is the key of member `members[i]`,
    /// the members of a key together and ascending. A key with at least ``minimumMembers`` keeps its list stamped
    /// (replaced when its members changed); a smaller one, or one with no rows, loses its list.
    func record(keys: [UInt64], rowKeys: [UInt64], members found: ArraySlice<Int64>, at stamp: Stamp) {
        precondition(rowKeys.count == found.count, "a key for each member")
        lock.withLock {
            // A read has tens of keys: a list finds them faster than a set is made.
            var withRows: [UInt64] = []
            var start = 0
            while start < rowKeys.count {
                let key = rowKeys[start]
                var end = start + 1
                while end < rowKeys.count && rowKeys[end] == key { end += 1 }
                withRows.append(key)
                keep(key, found[found.startIndex + start..<found.startIndex + end], at: stamp)
                start = end
            }
            for key in keys where !withRows.contains(key) { keep(key, [], at: stamp) }
        }
    }

    /// Records the members of one bucket, `key`, read at `stamp` (ascending), as ``record(keys:rowKeys:members:at:)``
    /// does for each key.
    func record(key: UInt64, members found: ArraySlice<Int64>, at stamp: Stamp) {
        lock.withLock { keep(key, found, at: stamp) }
    }

    /// Keeps `read` as the members of `key` at `stamp`, or drops its list. Called with `lock` held.
    private func keep(_ key: UInt64, _ read: ArraySlice<Int64>, at stamp: Stamp) {
        guard read.count >= minimumMembers else {
            if let dropped = entries.removeValue(forKey: key) { forget(dropped.members.count) }
            return
        }
        if var entry = entries[key], entry.members.elementsEqual(read) {
            entry.stamps.removeAll { $0.connection == stamp.connection }
            entry.stamps.append(stamp)
            entries[key] = entry
            return
        }
        if let dropped = entries.removeValue(forKey: key) { forget(dropped.members.count) }
        guard bytes + cost(members: read.count) <= byteBudget else { return }
        entries[key] = Entry(members: Array(read), stamps: [stamp])
        bytes += cost(members: read.count)
        members += read.count
    }

    /// Takes a dropped list of `count` members off the counts. Called with `lock` held.
    private func forget(_ count: Int) {
        bytes -= cost(members: count)
        members -= count
    }

    /// The buckets, members and bytes held, and the band keys answered from memory since the cache was made.
    var counts: (buckets: Int, members: Int, bytes: Int, served: Int) {
        lock.withLock { (entries.count, members, bytes, served) }
    }
}
