import Dedup
import Foundation
import GRDB
import GRDBSQLite

extension SQLiteArticleStore {
    /// The most recent articles whose band keys are counted to find the large LSH buckets.
    static let warmupSample = 32_768
    /// The fewest articles a bucket holds to count as large: reading that many rows costs a check about 50 µs.
    static let largeBucket = 64
    /// The rows one read transaction of the warm-up reads, and one lock of the cache adds.
    static let warmupBatch = 512

    /// Loads fingerprints from the file into the fingerprint cache before checks ask for them, so that the first
    /// check of each template family does not read thousands of candidate rows.
    ///
    /// A process that has just opened a large index answers most checks in about a millisecond, but the first check
    /// of a template story (lottery results, weather, river levels) proposes thousands of candidates, the members
    /// of a few large LSH buckets, and reads each one's row from the file (at 1M articles, 2,000–7,000 rows and
    /// 3–7 ms); later checks of the family find them in the cache. The warm-up loads, in this order:
    ///
    /// 1. the members of the large buckets (at least 64 articles), the newest first: the buckets are found by
    ///    counting the band keys of the 32,768 most recent articles (a bucket with two of them is looked up in the
    ///    band keys, which give its exact members), so an index with template families has them all in memory;
    /// 2. the most recent other articles, newest first, as long as there is room: "was this already published?"
    ///    is mostly answered by recent articles.
    ///
    /// The member lists it reads in step 1 are kept too (those of 16 or more articles, as the checks keep the ones they
    /// read), so that the first checks of those families need not read the band keys' rows either.
    ///
    /// It fills at most seven eighths of the current one of the cache's two generations (7/16 of the store's
    /// `fingerprintCacheBytes`), and never turns the generations over: a turnover would make the rows loaded so far
    /// the previous generation, and the next one (the next check that reads a row not loaded) would drop them all.
    /// The last eighth is left to the rows the first checks read, so that they do not turn the generations over
    /// either (filled to the brim, the first row a check read did, and every loaded row a check then used was
    /// copied into the new generation: the first check of each template family copied thousands). The other
    /// generation is left to the rows later checks read; rows of the warm-up that checks use after a turnover move
    /// to the newer generation as any cached row does. A budget of 2.3 times the index's fingerprint bytes (about
    /// 1,340 bytes per article with the default settings) holds the whole index.
    ///
    /// Measured on a 1M-article index of generated news (59,000 articles in buckets of 16 or more), the default
    /// budget of 256 MiB: the warm-up loads 175,192 rows (57,454 of them in large buckets) in about 2 s of CPU, and
    /// a single pass of 4,000 new checks in the fresh process then reads 3,491 candidates' rows from the file
    /// instead of 52,444 (filling the whole half: 200,301 rows, 3,487 read; with 1 GiB, 802,827 rows and 1,380
    /// read); figures in `Benchmarks/BENCHMARKS.md`.
    ///
    /// It may run while checks and adds run (`dedup serve` runs it in the background): each batch of rows is read
    /// in a read transaction of its own on a reader connection's queue and added under the cache's lock, and the
    /// cache only ever holds the stored facts of a sequence number, so checks give the same results during and
    /// after it. Checks that read rows meanwhile fill the same room, and the warm-up stops when it is full.
    ///
    /// - Parameter progress: called after each batch of rows with the figures so far.
    /// - Returns: what was loaded; no rows when the store was opened with a fingerprint cache of 0 bytes.
    /// - Throws: ``IndexError/Code/storage`` when the file cannot be read or the store is closed;
    ///   `CancellationError` when the task is cancelled (the rows loaded so far stay in the cache).
    /// - Complexity: reads the 32,768 most recent signatures, the band keys of the large buckets, and the rows
    ///   loaded; O(*n* log *n*) in the band keys sampled and the members found.
    public func warmFingerprintCache(
        progress: (@Sendable (FingerprintCacheWarmup) -> Void)? = nil
    ) async throws -> FingerprintCacheWarmup? {
        try await warmFingerprintCache(
            sample: Self.warmupSample, largeBucket: Self.largeBucket, batch: Self.warmupBatch, progress: progress)
    }

    /// The warm-up with the sample, the large-bucket size and the rows per batch given (tests make them small; a
    /// sample of 0 loads the most recent articles only).
    func warmFingerprintCache(
        sample: Int, largeBucket: Int, batch: Int, progress: (@Sendable (FingerprintCacheWarmup) -> Void)?
    ) async throws -> FingerprintCacheWarmup {
        precondition(batch > 0, "a batch has rows")
        let clock = ContinuousClock()
        let started = clock.now
        let cache = fingerprintCache
        let settings = configuration.settings
        let lsh = configuration.lsh
        let (articles, newest) = try await readOnReaderQueue { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(max(sequence), 0) FROM articles")!
            return (row[0] as Int, row[1] as Int64)
        }
        var loaded = FingerprintCacheWarmup(
            articles: articles, rows: 0, largeBucketRows: 0, bytes: 0, seconds: 0, reachedBudget: false)
        guard cache.byteBudget > 0 else {
            loaded.reachedBudget = true
            return loaded
        }

        /// Adds `rows` to the cache; returns whether the room is full.
        func fill(_ rows: CandidateFingerprints, largeBuckets: Bool) -> Bool {
            let (added, bytes, full) = cache.fill(with: rows)
            loaded.rows += added
            if largeBuckets { loaded.largeBucketRows += added }
            loaded.bytes += bytes
            loaded.reachedBudget = full
            loaded.seconds = (clock.now - started).inSeconds
            progress?(loaded)
            return full
        }

        var members: [Int64] = []
        if sample > 0 && articles > 0 {
            let buckets = bucketMembers
            members = try await readOnReaderQueue { db in
                try Self.largeBucketMembers(
                    db, sample: sample, largeBucket: largeBucket, lsh: lsh, settings: settings, buckets: buckets)
            }
        }
        var end = members.endIndex
        while end > members.startIndex {
            try Task.checkCancellation()
            let sequences = Array(members[max(members.startIndex, end - batch)..<end])
            end -= sequences.count
            let rows = try await readOnReaderQueue { db in
                try Self.fingerprints(db, sequences: sequences, settings: settings)
            }
            if fill(rows, largeBuckets: true) { return loaded }
        }
        var below = newest + 1
        while below > 1 {
            try Task.checkCancellation()
            let limit = below
            let rows = try await readOnReaderQueue { db in
                try Self.fingerprints(db, below: limit, count: batch, settings: settings)
            }
            guard let oldest = rows.sequences.last else { break }
            below = oldest
            if fill(rows, largeBuckets: false) { return loaded }
        }
        loaded.seconds = (clock.now - started).inSeconds
        return loaded
    }

    /// The sequence numbers, ascending, of the articles in the LSH buckets that hold at least `largeBucket`
    /// articles and at least two of the `sample` most recent ones. The lists of the buckets read are given to
    /// `buckets`, which keeps the large ones, so that checks need not read them either.
    static func largeBucketMembers(
        _ db: Database, sample: Int, largeBucket: Int, lsh: LSHParameters, settings: MinHashSettings,
        buckets: BucketMemberCache? = nil
    ) throws -> [Int64] {
        let stamp = try buckets?.stamp(db)
        // The band keys of the sample, sorted: a run of equal keys is a bucket and the sample's count in it.
        var keys: [UInt64] = []
        keys.reserveCapacity(sample * lsh.bands)
        let recent = try db.makeStatement(sql: "SELECT signature FROM articles ORDER BY sequence DESC LIMIT ?")
        recent.setUncheckedArguments([sample])
        try forEachRow(of: recent, in: db) { row in
            let bytes = UnsafeRawBufferPointer(
                start: sqlite3_column_blob(row, 0), count: Int(sqlite3_column_bytes(row, 0)))
            let signature = try StorageEncoding.signature(bytes: bytes, settings: settings)
            keys += lsh.bandKeys(of: signature)
        }
        keys.sort()
        let bucket = try db.makeStatement(sql: "SELECT article FROM band_keys WHERE key = ?")
        var members: [Int64] = []
        var bucketMembers: [Int64] = []
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end] == keys[start] { end += 1 }
            if end - start >= 2 {
                bucketMembers.removeAll(keepingCapacity: true)
                bucket.setUncheckedArguments([StorageEncoding.signed(keys[start])])
                try forEachRow(of: bucket, in: db) { row in bucketMembers.append(sqlite3_column_int64(row, 0)) }
                if let buckets, let stamp, bucketMembers.count >= buckets.minimumMembers {
                    buckets.record(key: keys[start], members: bucketMembers[...], at: stamp)
                }
                if bucketMembers.count >= largeBucket { members += bucketMembers }
            }
            start = end
        }
        members.sortAndKeepDistinct()
        return members
    }

    /// The fingerprint facts of the `count` articles with the largest sequence numbers below `below`, descending.
    static func fingerprints(_ db: Database, below: Int64, count: Int, settings: MinHashSettings) throws
        -> CandidateFingerprints
    {
        var found = CandidateFingerprints(settings: settings, capacity: count)
        let statement = try db.cachedStatement(
            sql: """
                SELECT \(IndexSchema.fingerprintColumns) FROM articles WHERE sequence < ?
                ORDER BY sequence DESC LIMIT ?
                """)
        statement.setUncheckedArguments([below, count])
        try appendRows(of: statement, in: db, to: &found)
        return found
    }
}
