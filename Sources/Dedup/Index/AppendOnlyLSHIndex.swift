import CXXHash

/// An LSH index that only grows, for the batch deduplicator: slots are numbered 0, 1, 2, … in insertion order, and
/// each bucket keeps its slots in one contiguous run, oldest first.
///
/// ``LSHIndex`` chains a bucket's slots through a flat array, which a query walks one cache miss per hit. In a scan
/// a template family's members share most of the bands with one another, so each candidate is hit many times over
/// and that walk, with the sort of the hits, dominated matching (68 M candidates at a million documents). Here a
/// query reads each bucket sequentially and drops repeated hits with a bit per slot, so it costs about one cache
/// miss per band plus the hits read in order; and since nothing is removed, no per-slot band keys or links are kept.
///
/// The buckets are ``LSHIndex``'s: a band's key is the XXH3 of its values seeded by the band number (as
/// ``LSHParameters/bandKeys(of:)``), and two signatures share a bucket when one band's keys are equal. So the
/// candidates are the same, in the same order.
///
/// Each band is stored apart, so the bands of a batch of slots can be inserted on several threads
/// (``insert(slots:bandKeys:band:)``); queries through ``Reader`` are safe from several threads while nothing is
/// inserted.
final class AppendOnlyLSHIndex: @unchecked Sendable {
    let bands: Int
    let rows: Int
    private let tables: [BandRuns]
    /// The number of slots inserted.
    private(set) var count = 0

    init(bands: Int, rows: Int) {
        self.bands = bands
        self.rows = rows
        tables = (0..<bands).map { _ in BandRuns() }
    }

    /// Writes the bucket key of each band of `values` (a non-empty signature's values) to `keys`.
    func bandKeys(of values: UnsafeBufferPointer<UInt32>, into keys: UnsafeMutablePointer<UInt64>) {
        precondition(values.count >= bands * rows, "the banding needs more values than a signature has")
        for band in 0..<bands {
            keys[band] = LSHParameters.bandKey(of: values, band: band, rows: rows)
        }
    }

    /// Numbers `count` new slots from ``count`` on; their bands are then added with ``insert(slots:bandKeys:band:)``.
    func reserveSlots(_ count: Int) -> Range<Int32> {
        let first = self.count
        self.count += count
        return Int32(first)..<Int32(self.count)
    }

    /// Adds band `band` of `slots` (reserved with ``reserveSlots(_:)``, in ascending order), whose band keys are
    /// `bandKeys[i * bands + band]` for the i-th slot. Calls for different bands may run concurrently; a slot
    /// with `nil` keys (an empty signature) is in no bucket.
    func insert(slots: [(slot: Int32, keys: UnsafePointer<UInt64>?)], band: Int) {
        let table = tables[band]
        for (slot, keys) in slots {
            guard let keys else { continue }
            table.append(UInt32(bitPattern: slot), forKey: keys[band])
        }
    }

    /// Calls `body` with read access for queries, from any number of threads while `body` runs and nothing is
    /// inserted.
    func withReader<Result>(_ body: (Reader) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) {
            try body(Reader(bands: tables.map(\.view)))
        }
    }

    /// Read access to the index: valid inside ``withReader(_:)``.
    struct Reader: @unchecked Sendable {
        fileprivate let bands: [BandRuns.View]

        /// Appends to `found` the distinct slots sharing a bucket with `keys`, in ascending order. `seen` is a bit
        /// per slot, all clear, used by one thread (and left clear).
        func candidates(
            bandKeys keys: UnsafePointer<UInt64>, seen: UnsafeMutablePointer<UInt64>, into found: inout [Int32]
        ) {
            let start = found.count
            // A bit per slot: an eighth of a megabyte per million slots stays in the core's cache, where a repeated
            // hit (most of them, in a template family) costs a few cycles.
            @inline(__always) func visit(_ slot: Int) {
                let bit: UInt64 = 1 << UInt64(slot & 63)
                if seen[slot >> 6] & bit == 0 {
                    seen[slot >> 6] |= bit
                    found.append(Int32(truncatingIfNeeded: slot))
                }
            }
            bands.withUnsafeBufferPointer { bands in
                for band in bands.indices {
                    bands[band].prefetch(forKey: keys[band])
                }
                for band in bands.indices {
                    let view = bands[band]
                    let reference = view.reference(forKey: keys[band])
                    if reference == BandRuns.empty { continue }
                    if reference < BandRuns.runFlag {
                        visit(Int(reference))
                        continue
                    }
                    let run = view.runs + Int(reference & ~BandRuns.runFlag)
                    let members = Int(run[0])
                    for index in 2..<(2 + members) { visit(Int(run[index])) }
                }
            }
            for slot in found[start...] { seen[Int(slot) >> 6] &= ~(1 << UInt64(slot & 63)) }
            found[start...].sort()
        }
    }
}

/// One band of an ``AppendOnlyLSHIndex``: an open-addressing table (linear probing, load at most three quarters)
/// from bucket key to a reference, which is the bucket's only slot (below 2³²) or the offset of its run (with
/// ``runFlag`` set) in `runs`. A run is `[count, capacity, slot 0, slot 1, …]` and moves to the end of `runs`
/// with twice the capacity when full. Raw memory, so that readers on other threads touch no reference counts.
final class BandRuns {
    static let empty = UInt64.max
    static let runFlag: UInt64 = 1 << 62
    /// Entries: the key, then the reference (``empty`` for a free entry).
    private var words: UnsafeMutablePointer<UInt64>
    private var mask: Int
    private var entries = 0
    private var runs: UnsafeMutablePointer<UInt32>
    private var runsCount = 0
    private var runsCapacity: Int

    init() {
        mask = 15
        words = .allocate(capacity: 2 * (mask + 1))
        words.initialize(repeating: Self.empty, count: 2 * (mask + 1))
        runsCapacity = 64
        runs = .allocate(capacity: runsCapacity)
    }

    deinit {
        words.deallocate()
        runs.deallocate()
    }

    /// What a reader needs, as plain pointers.
    struct View {
        let words: UnsafePointer<UInt64>
        let mask: Int
        let runs: UnsafePointer<UInt32>

        @inline(__always)
        func prefetch(forKey key: UInt64) {
            dedup_prefetch(words + 2 &* (Int(truncatingIfNeeded: key) & mask))
        }

        /// The reference stored for `key`, or ``BandRuns/empty``.
        @inline(__always)
        func reference(forKey key: UInt64) -> UInt64 {
            var index = Int(truncatingIfNeeded: key) & mask
            while true {
                let reference = words[2 &* index &+ 1]
                if reference == BandRuns.empty || words[2 &* index] == key { return reference }
                index = (index &+ 1) & mask
            }
        }
    }

    var view: View { View(words: words, mask: mask, runs: runs) }

    /// Adds `slot`, newer than every slot already here, to the bucket `key`.
    func append(_ slot: UInt32, forKey key: UInt64) {
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let reference = words[2 &* index &+ 1]
            if reference == Self.empty {
                words[2 &* index] = key
                words[2 &* index &+ 1] = UInt64(slot)
                entries += 1
                // Three quarters, not LSHIndex's half: the 42 tables are most of the matcher's memory at a million
                // documents, the keys are uniform hashes, and a probe run of a few entries stays in a cache line or two.
                if entries * 4 > (mask + 1) * 3 { grow() }
                return
            }
            if words[2 &* index] == key { break }
            index = (index &+ 1) & mask
        }
        let reference = words[2 &* index &+ 1]
        if reference < Self.runFlag {
            // A second member: the bucket gets a run.
            let offset = allocateRun(capacity: 4)
            runs[offset] = 2
            runs[offset + 2] = UInt32(truncatingIfNeeded: reference)
            runs[offset + 3] = slot
            words[2 &* index &+ 1] = Self.runFlag | UInt64(offset)
            return
        }
        var offset = Int(reference & ~Self.runFlag)
        let members = Int(runs[offset])
        let capacity = Int(runs[offset + 1])
        if members == capacity {
            let moved = allocateRun(capacity: 2 * capacity)
            (runs + moved + 2).update(from: runs + offset + 2, count: members)
            offset = moved
            words[2 &* index &+ 1] = Self.runFlag | UInt64(offset)
        }
        runs[offset + 2 + members] = slot
        runs[offset] = UInt32(members + 1)
    }

    /// Room for a run of `capacity` slots at the end of `runs`; returns its offset, with the capacity set.
    private func allocateRun(capacity: Int) -> Int {
        let needed = runsCount + 2 + capacity
        if needed > runsCapacity {
            var grown = runsCapacity * 2
            while grown < needed { grown *= 2 }
            let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: grown)
            larger.update(from: runs, count: runsCount)
            runs.deallocate()
            runs = larger
            runsCapacity = grown
        }
        let offset = runsCount
        runsCount = needed
        runs[offset + 1] = UInt32(capacity)
        return offset
    }

    private func grow() {
        let old = words
        let oldEntries = mask + 1
        let capacity = oldEntries * 2
        words = .allocate(capacity: 2 * capacity)
        // A large table asks for huge pages before its memory is first touched (see dedup_advise_huge_pages).
        if capacity >= 1 << 17 {
            dedup_advise_huge_pages(words, 2 * capacity * MemoryLayout<UInt64>.stride)
        }
        words.initialize(repeating: Self.empty, count: 2 * capacity)
        mask = capacity - 1
        for entry in 0..<oldEntries where old[2 &* entry &+ 1] != Self.empty {
            var index = Int(truncatingIfNeeded: old[2 &* entry]) & mask
            while words[2 &* index &+ 1] != Self.empty { index = (index &+ 1) & mask }
            words[2 &* index] = old[2 &* entry]
            words[2 &* index &+ 1] = old[2 &* entry &+ 1]
        }
        old.deallocate()
    }
}
