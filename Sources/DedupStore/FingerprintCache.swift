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
/// The facts are held in two generations, each a ``FingerprintTable`` (no allocation per entry) and a dictionary
/// from sequence number to row: entries are added to the current one; when it holds half the budget it becomes the
/// previous one and the older one is dropped; an entry found in the previous generation is copied to the current
/// one. Safe to use from concurrent reads.
final class FingerprintCache: @unchecked Sendable {
    /// The most bytes the entries take, counted by ``cost(figures:)``; 0 keeps nothing.
    let byteBudget: Int
    /// The settings of every cached signature.
    let settings: MinHashSettings

    private let lock = NSLock()
    // Guarded by `lock`.
    private var current: Generation
    private var previous: Generation
    private var hits = 0
    private var misses = 0

    private struct Generation {
        var rows: [Int64: Int] = [:]
        var table: FingerprintTable
        var bytes = 0

        init(settings: MinHashSettings) {
            table = FingerprintTable(settings: settings)
        }
    }

    typealias Counts = FingerprintCacheCounts

    /// A cache of at most about `byteBudget` bytes of fingerprints made with `settings`.
    init(settings: MinHashSettings, byteBudget: Int) {
        self.settings = settings
        self.byteBudget = max(0, byteBudget)
        current = Generation(settings: settings)
        previous = Generation(settings: settings)
    }

    /// The bytes an entry with `figures` figure hashes is counted for: its signature values and figures, its counts,
    /// and the dictionary slot.
    func cost(figures: Int) -> Int {
        settings.length * 4 + figures * 8 + Self.rowOverhead
    }

    /// The bytes of an entry besides its signature values and figures: four 8-byte counts and ends, a flag, and a
    /// dictionary slot (key, row, and the room a dictionary keeps free).
    static let rowOverhead = 80

    /// Appends to `candidates`, in the order of `sequences`, the facts the cache holds of each; returns the sequence
    /// numbers it does not hold, in their order.
    func append(_ sequences: [Int64], to candidates: inout CandidateFingerprints) -> [Int64] {
        guard byteBudget > 0 else { return sequences }
        return lock.withLock {
            var missing: [Int64] = []
            for sequence in sequences {
                if let row = current.rows[sequence] {
                    candidates.append(sequence: sequence, row: row, of: current.table)
                } else if let row = previous.rows.removeValue(forKey: sequence) {
                    let table = previous.table
                    candidates.append(sequence: sequence, row: row, of: table)
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
            for row in 0..<candidates.count where candidates.sequences[row] <= atMost {
                add(candidates.sequences[row], row: row, of: candidates.fingerprints)
            }
        }
    }

    /// The counts so far.
    var counts: Counts {
        lock.withLock {
            Counts(
                hits: hits, misses: misses, entries: current.rows.count + previous.rows.count,
                bytes: current.bytes + previous.bytes)
        }
    }

    /// Adds row `row` of `table` as the facts of `sequence`, turning the generations over first when the current one
    /// has no room for it. Called with `lock` held.
    private func add(_ sequence: Int64, row: Int, of table: FingerprintTable) {
        guard current.rows[sequence] == nil else { return }
        let cost = cost(figures: table.figureCount(row: row))
        guard cost <= byteBudget / 2 else { return }
        if current.bytes + cost > byteBudget / 2 {
            previous = current
            current = Generation(settings: settings)
        }
        current.table.append(row: row, of: table)
        current.rows[sequence] = current.table.count - 1
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
