import Dedup
import Foundation

/// The fingerprint facts of indexed articles, by insertion sequence number, kept in memory between reads.
///
/// A check verifies every candidate its band keys propose; at 1M articles the checks of a template story (lottery
/// results, weather, river levels) propose thousands, and reading each candidate's row from the store was most of
/// such a check's time. The facts of a sequence number never change: a replaced article is stored under a new one,
/// and no store gives a committed sequence number to another article. So a cached fingerprint is the stored one for
/// as long as the article exists, and the store's band keys, read on every check, decide which ones are candidates.
///
/// The facts are held in two generations, each a list of ``FingerprintTable`` chunks of ``chunkRows`` rows (no
/// allocation per entry) and a map from sequence number to place (``SequencePlaces``): entries are appended to the current
/// generation's last chunk; when the generation holds half the budget it becomes the previous one and the older one
/// is dropped; an entry found in the previous generation is copied to the current one. A warm-up (``fill(with:)``)
/// adds to the current generation only while it has room, so that it never drops what it loaded. A chunk that is
/// full, or in the previous generation, never changes again, so it is lent to the candidates that have rows in it
/// rather than copied (a template check's thousands of candidates cost a reference per chunk, not 600 bytes each).
/// Safe to use from concurrent reads.
final class FingerprintCache: @unchecked Sendable {
    /// The most bytes the entries take, counted by ``cost(figures:)``; 0 keeps nothing.
    let byteBudget: Int
    /// The settings of every cached signature.
    let settings: MinHashSettings
    /// The rows of one chunk.
    let chunkRows: Int
    /// The rows of a chunk unless told otherwise: 1024 rows of the default settings take about 0.6 MB.
    static let defaultChunkRows = 1024

    private let lock = NSLock()
    // Guarded by `lock`.
    private var current: Generation
    private var previous: Generation
    private var calls = 0
    private var hits = 0
    private var misses = 0

    private struct Generation {
        /// Each entry's place: chunk × ``FingerprintCache/chunkRows`` + row.
        var places = SequencePlaces()
        var chunks: [FingerprintTable] = []
        /// For each chunk, the last call of ``FingerprintCache/append(_:to:)`` that lent it, and the number it got.
        var lent: [(call: Int, number: Int)] = []
        var bytes = 0

        /// The number chunk `chunk` has in `candidates`, lending it first if call `call` has not yet.
        mutating func lend(_ chunk: Int, call: Int, to candidates: inout CandidateFingerprints) -> Int {
            if lent[chunk].call == call { return lent[chunk].number }
            let number = candidates.lend(chunks[chunk])
            lent[chunk] = (call, number)
            return number
        }
    }

    typealias Counts = FingerprintCacheCounts

    /// A cache of at most about `byteBudget` bytes of fingerprints made with `settings`, in chunks of `chunkRows`
    /// rows.
    init(settings: MinHashSettings, byteBudget: Int, chunkRows: Int = FingerprintCache.defaultChunkRows) {
        precondition(chunkRows > 0, "a chunk has room for rows")
        self.settings = settings
        self.byteBudget = max(0, byteBudget)
        self.chunkRows = chunkRows
        current = Generation()
        previous = Generation()
    }

    /// The bytes an entry with `figures` figure hashes is counted for: its signature values and figures, its counts,
    /// and the dictionary slot.
    func cost(figures: Int) -> Int {
        settings.length * 4 + figures * 8 + Self.rowOverhead
    }

    /// The bytes of an entry besides its signature values and figures: four 8-byte counts and ends, a flag, and a
    /// dictionary slot (key, place, and the room a dictionary keeps free).
    static let rowOverhead = 80

    /// Appends to `candidates`, in the order of `sequences`, the facts the cache holds of each (lending the chunks
    /// that no longer change, copying the rows of the one still filling); returns the sequence numbers it does not
    /// hold, in their order.
    func append(_ sequences: [Int64], to candidates: inout CandidateFingerprints) -> [Int64] {
        guard byteBudget > 0 else { return sequences }
        return lock.withLock {
            var missing: [Int64] = []
            calls += 1
            for (position, sequence) in sequences.enumerated() {
                // The lookups are independent: a few ahead are fetched while this one is made.
                if position + 8 < sequences.count { current.places.prefetch(sequences[position + 8]) }
                if let place = current.places[sequence] {
                    let (chunk, row) = place.quotientAndRemainder(dividingBy: chunkRows)
                    if chunk == current.chunks.count - 1 {
                        candidates.append(sequence: sequence, row: row, of: current.chunks[chunk])
                    } else {
                        let number = current.lend(chunk, call: calls, to: &candidates)
                        candidates.append(sequence: sequence, row: row, ofLent: number)
                    }
                } else if let place = previous.places.removeValue(forKey: sequence) {
                    let (chunk, row) = place.quotientAndRemainder(dividingBy: chunkRows)
                    let number = previous.lend(chunk, call: calls, to: &candidates)
                    candidates.append(sequence: sequence, row: row, ofLent: number)
                    let table = previous.chunks[chunk]
                    previous.bytes -= cost(figures: table.figureCount(row: row))
                    add(sequence, row: row, of: table)
                } else {
                    missing.append(sequence)
                }
            }
            hits += sequences.count - missing.count
            misses += missing.count
            return missing
        }
    }

    /// Keeps the facts of those `candidates` whose sequence number is at most `atMost` (committed articles').
    func insert(_ candidates: CandidateFingerprints, atMost: Int64) {
        guard byteBudget > 0 else { return }
        lock.withLock {
            candidates.forEach { index, table, row in
                if candidates.sequences[index] <= atMost { add(candidates.sequences[index], row: row, of: table) }
            }
        }
    }

    /// Adds the facts of `candidates`, the newest (highest sequence number) first, to the current generation for as
    /// long as it holds at most ``fillRoom`` bytes, and never turns the generations over; a candidate already held is
    /// left as it is. Returns the rows and bytes added, and whether the room is full (a row did not fit).
    ///
    /// For warming the cache (``SQLiteArticleStore/warmFingerprintCache(progress:)``): rows added by a turnover
    /// would push the ones loaded before into the previous generation, and the next turnover (the next check that
    /// reads a row not loaded) would drop them all at once. Checks running at the same time add rows as usual, and
    /// may turn the generations over.
    func fill(with candidates: CandidateFingerprints) -> (rows: Int, bytes: Int, full: Bool) {
        guard byteBudget > 0 else { return (0, 0, true) }
        let order = candidates.sequences.indices.sorted { candidates.sequences[$0] > candidates.sequences[$1] }
        return lock.withLock {
            var rows = 0
            var bytes = 0
            for index in order {
                let sequence = candidates.sequences[index]
                if current.places[sequence] != nil || previous.places[sequence] != nil { continue }
                let (table, row) = candidates.facts(index)
                let cost = cost(figures: table.figureCount(row: row))
                if current.bytes + cost > fillRoom { return (rows, bytes, true) }
                place(sequence, row: row, of: table, cost: cost)
                rows += 1
                bytes += cost
            }
            return (rows, bytes, false)
        }
    }

    /// The bytes of the current generation that ``fill(with:)`` fills: all but an eighth of it, which is left to
    /// the rows checks read. Filled to the brim, the generation turned over at the first row a check read (every
    /// check that reads one, and cached rows of a later check), and every row of the warm-up went to the previous
    /// generation, to be copied back into new chunks on its first use: the first check of each template family
    /// copied its thousands of candidates.
    var fillRoom: Int { byteBudget / 2 - byteBudget / 16 }

    /// The counts so far.
    var counts: Counts {
        lock.withLock {
            Counts(
                hits: hits, misses: misses, entries: current.places.count + previous.places.count,
                bytes: current.bytes + previous.bytes)
        }
    }

    /// The entries of the current and the previous generation.
    var generationEntries: (current: Int, previous: Int) {
        lock.withLock { (current.places.count, previous.places.count) }
    }

    /// Adds row `row` of `table` as the facts of `sequence`, turning the generations over first when the current one
    /// has no room for it. Called with `lock` held.
    private func add(_ sequence: Int64, row: Int, of table: FingerprintTable) {
        guard current.places[sequence] == nil else { return }
        let cost = cost(figures: table.figureCount(row: row))
        guard cost <= byteBudget / 2 else { return }
        if current.bytes + cost > byteBudget / 2 {
            previous = current
            current = Generation()
        }
        place(sequence, row: row, of: table, cost: cost)
    }

    /// Appends row `row` of `table`, which costs `cost`, to the current generation as the facts of `sequence`.
    /// Called with `lock` held.
    private func place(_ sequence: Int64, row: Int, of table: FingerprintTable, cost: Int) {
        if current.chunks.last.map({ $0.count == chunkRows }) ?? true {
            current.chunks.append(FingerprintTable(settings: settings, capacity: chunkRows))
            current.lent.append((call: 0, number: 0))
        }
        let chunk = current.chunks.count - 1
        current.chunks[chunk].append(row: row, of: table)
        current.places.set(sequence, to: chunk * chunkRows + current.chunks[chunk].count - 1)
        current.bytes += cost
    }
}

/// What a store's fingerprint cache has done since the store was opened (see
/// ``SQLiteArticleStore/init(path:configuration:fingerprintCacheBytes:readOnly:)``).
public struct FingerprintCacheCounts: Sendable, Hashable {
    /// Candidates whose fingerprint was in memory.
    public var hits: Int
    /// Candidates whose fingerprint was read from the index.
    public var misses: Int
    /// Fingerprints held now.
    public var entries: Int
    /// The bytes they are counted for (at most the cache's budget).
    public var bytes: Int

    /// Counts from their parts.
    public init(hits: Int, misses: Int, entries: Int, bytes: Int) {
        self.hits = hits
        self.misses = misses
        self.entries = entries
        self.bytes = bytes
    }
}
