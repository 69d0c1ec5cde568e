import CXXHash
import Dispatch
import Synchronization

/// The deduplicator's matching loop, one block of documents (in canonical order) at a time.
///
/// For each block: (1) on every thread, each document's band keys and its best match among the canonicals found
/// before the block (the index is only read); (2) in order, each document against the canonicals found earlier in
/// the same block (a small table of the block's own canonicals), which decides whether it is a copy or a new
/// canonical; (3) on every thread, one band per task, the block's new canonicals into the index. Candidates are
/// visited oldest canonical first across (1) and (2), so each document gets the verdict it would get checked on
/// its own after all the documents before it: the outcome does not depend on the threads or the block size.
///
/// The canonicals' fingerprints are copied into flat arrays as they are found, so that verification on several
/// threads reads plain memory and touches no reference counts.
struct BlockMatcher {
    /// A document's best match so far.
    struct Best {
        var original: Int
        var kind: CopyKind
        var scores: MatchScores
    }

    /// The outcome for one document of a block.
    struct Decision {
        var position: Int
        var best: Best?
        /// Candidate pairs verified for it.
        var candidates: Int
    }

    private let documents: [FingerprintedDocument]
    private let verifier: Verifier
    private let threads: Int
    private let bands: Int
    private let length: Int
    private let index: AppendOnlyLSHIndex
    private var canonicals: CanonicalFingerprints
    private var recent: RecentBuckets
    /// Per thread, a bit per slot (see ``AppendOnlyLSHIndex/Reader``).
    private let seen: SeenBits

    init(documents: [FingerprintedDocument], policy: MatchPolicy, lsh: LSHParameters, threads: Int, blockSize: Int) {
        self.documents = documents
        verifier = Verifier(policy: policy)
        self.threads = max(1, threads)
        bands = lsh.bands
        length = documents.first?.fingerprint.signature.values.count ?? 0
        index = AppendOnlyLSHIndex(bands: lsh.bands, rows: lsh.rows)
        canonicals = CanonicalFingerprints(length: length, capacity: documents.count)
        recent = RecentBuckets(bands: lsh.bands, blockSize: blockSize)
        seen = SeenBits(tables: self.threads, slots: documents.count)
    }

    /// Matches the documents at `block` (positions, in canonical order) and makes the new canonicals among them
    /// candidates for the next blocks.
    mutating func match(_ block: ArraySlice<Int>) -> [Decision] {
        let positions = Array(block)
        let count = positions.count
        let bands = self.bands
        var keys = [UInt64](repeating: 0, count: count * bands)
        let early = ParallelSlots<Decision>(count: count)

        // (1) Against the canonicals before the block, on every thread.
        let workers = min(threads, count)
        let index = self.index
        keys.withUnsafeMutableBufferPointer { keys in
            canonicals.withFacts { canonicalFacts in
                index.withReader { reader in
                    documents.withUnsafeBufferPointer { documents in
                        let shared = SharedBlock(
                            positions: positions, keys: keys.baseAddress!, documents: documents, reader: reader,
                            canonicalFacts: canonicalFacts, verifier: verifier, seen: seen, early: early)
                        // Items are taken one at a time as workers come free: a template story's document
                        // verifies thousands of candidates, so fixed shares left one worker idle at block ends.
                        let next = Atomic<Int>(0)
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            var found: [Int32] = []
                            while true {
                                let item = next.add(1, ordering: .relaxed).oldValue
                                guard item < count else { break }
                                shared.matchEarly(item, bands: bands, index: index, worker: worker, found: &found)
                            }
                        }
                    }
                }
            }
        }

        // (2) In order, against the canonicals of the block.
        var decisions: [Decision] = []
        decisions.reserveCapacity(count)
        var newCanonicals: [Int] = []
        var found: [Int32] = []
        recent.startBlock(firstSlot: Int32(index.count))
        for item in 0..<count {
            var decision = early[item]!
            let position = decision.position
            let isLinked = !documents[position].fingerprint.signature.isEmpty
            if isLinked {
                found.removeAll(keepingCapacity: true)
                keys.withUnsafeBufferPointer { keys in
                    recent.candidates(bandKeys: keys.baseAddress! + item * bands, into: &found)
                }
                decision.candidates += found.count
                if !found.isEmpty && !Self.isFinal(decision.best) {
                    documents[position].fingerprint.withFacts { copy in
                        canonicals.withFacts { canonicalFacts in
                            Self.consider(
                                found, copy: copy, canonicalFacts: canonicalFacts, verifier: verifier,
                                best: &decision.best)
                        }
                    }
                }
            }
            if decision.best == nil {
                let slot = Int32(index.count + newCanonicals.count)
                newCanonicals.append(item)
                canonicals.append(documents[position], position: position)
                if isLinked {
                    keys.withUnsafeBufferPointer { keys in
                        recent.insert(slot, bandKeys: keys.baseAddress! + item * bands)
                    }
                }
            }
            decisions.append(decision)
        }

        // (3) The new canonicals into the index, one band per task.
        let slots = index.reserveSlots(newCanonicals.count)
        keys.withUnsafeBufferPointer { keys in
            let entries = NewSlots(
                entries: zip(slots, newCanonicals).map { slot, item in
                    let isEmpty = documents[positions[item]].fingerprint.signature.isEmpty
                    return (slot: slot, keys: isEmpty ? nil : keys.baseAddress! + item * bands)
                })
            let tasks = min(threads, bands)
            DispatchQueue.concurrentPerform(iterations: tasks) { task in
                var band = task
                while band < bands {
                    index.insert(slots: entries.entries, band: band)
                    band += tasks
                }
            }
        }
        return decisions
    }

    /// Whether no later candidate can replace `best` (see ``Deduplicator/isBetter(_:than:)``): an exact copy with
    /// a Jaccard of 1 has the best kind and score, and a tie keeps the earlier canonical, so the candidates after it
    /// are counted but not verified.
    @inline(__always)
    static func isFinal(_ best: Best?) -> Bool {
        guard let best else { return false }
        return best.kind == .exact && best.scores.jaccard >= 1
    }

    /// Verifies `copy` against the canonicals at `slots` in order, keeping the best (see
    /// ``consider(slot:copy:canonicalFacts:verifier:best:)``), until it is final; the facts of the slots a few
    /// places ahead are fetched while one is verified.
    @inline(__always)
    static func consider(
        _ slots: [Int32], copy: FingerprintFacts, canonicalFacts: CanonicalFingerprints.Reader, verifier: Verifier,
        best: inout Best?
    ) {
        slots.withUnsafeBufferPointer { slots in
            let count = slots.count
            for ahead in 0..<min(prefetchDistance, count) { canonicalFacts.prefetch(Int(slots[ahead])) }
            for index in 0..<count {
                if isFinal(best) { break }
                if index + prefetchDistance < count { canonicalFacts.prefetch(Int(slots[index + prefetchDistance])) }
                consider(
                    slot: Int(slots[index]), copy: copy, canonicalFacts: canonicalFacts, verifier: verifier,
                    best: &best)
            }
        }
    }

    /// How many candidates ahead of the one verified are fetched.
    static let prefetchDistance = 3

    /// Verifies `copy` against the canonical at `slot` and keeps the better of it and `best` (the earlier
    /// canonical on a tie, since slots are visited in ascending order).
    @inline(__always)
    static func consider(
        slot: Int, copy: FingerprintFacts, canonicalFacts: CanonicalFingerprints.Reader, verifier: Verifier,
        best: inout Best?
    ) {
        let original = canonicalFacts.facts(of: slot)
        let assessment = verifier.assess(copy: copy, original: original)
        guard let kind = assessment.kind else { return }
        if let current = best,
            !Deduplicator.isBetter(
                Verdict(kind: kind, crossSource: false, scores: assessment.scores),
                than: Verdict(kind: current.kind, crossSource: false, scores: current.scores))
        {
            return
        }
        best = Best(original: canonicalFacts.position(of: slot), kind: kind, scores: assessment.scores)
    }
}

/// The slots of step (3) and their band keys.
private struct NewSlots: @unchecked Sendable {
    let entries: [(slot: Int32, keys: UnsafePointer<UInt64>?)]
}

/// What the threads of step (1) share: plain pointers and values, each output index written by one thread.
private struct SharedBlock: @unchecked Sendable {
    let positions: [Int]
    let keys: UnsafeMutablePointer<UInt64>
    let documents: UnsafeBufferPointer<FingerprintedDocument>
    let reader: AppendOnlyLSHIndex.Reader
    let canonicalFacts: CanonicalFingerprints.Reader
    let verifier: Verifier
    let seen: SeenBits
    let early: ParallelSlots<BlockMatcher.Decision>

    func matchEarly(_ item: Int, bands: Int, index: AppendOnlyLSHIndex, worker: Int, found: inout [Int32]) {
        let position = positions[item]
        var decision = BlockMatcher.Decision(position: position, best: nil, candidates: 0)
        documents[position].fingerprint.withFacts { copy in
            guard !copy.signatureIsEmpty else { return }
            let keys = self.keys + item * bands
            index.bandKeys(of: copy.values, into: keys)
            found.removeAll(keepingCapacity: true)
            reader.candidates(bandKeys: keys, seen: seen.table(worker), into: &found)
            decision.candidates = found.count
            BlockMatcher.consider(
                found, copy: copy, canonicalFacts: canonicalFacts, verifier: verifier, best: &decision.best)
        }
        early[item] = decision
    }
}

/// Per thread, one bit per slot, all clear between queries.
private final class SeenBits: @unchecked Sendable {
    private let words: UnsafeMutablePointer<UInt64>
    private let wordsPerTable: Int
    private let tables: Int

    init(tables: Int, slots: Int) {
        self.tables = tables
        wordsPerTable = max(1, (slots + 63) / 64)
        words = .allocate(capacity: tables * wordsPerTable)
        words.initialize(repeating: 0, count: tables * wordsPerTable)
    }

    deinit { words.deallocate() }

    func table(_ index: Int) -> UnsafeMutablePointer<UInt64> { words + index * wordsPerTable }
}

/// The canonicals' fingerprints in flat arrays, by slot: signature values, figures and counts.
struct CanonicalFingerprints {
    private let length: Int
    private var values: [UInt32] = []
    private var figures: [UInt64] = []
    /// For slot s: its figures are `figures[figureEnds[s - 1] ..< figureEnds[s]]`.
    private var figureEnds: [Int] = []
    private var scalars: [Scalars] = []

    fileprivate struct Scalars {
        var position: Int
        var contentHash: UInt64
        var tokenCount: Int
        var shingleCount: Int
        var signatureIsEmpty: Bool
    }

    /// Room for `capacity` canonicals (at most every document): the signature values of a million documents take
    /// half a gigabyte, and growing them by doubling copied them again and again on the matcher's serial step.
    /// Reserved memory that is never written is never given pages.
    init(length: Int, capacity: Int = 0) {
        self.length = length
        values.reserveCapacity(capacity * length)
        figureEnds.reserveCapacity(capacity)
        scalars.reserveCapacity(capacity)
    }

    /// Adds `document` as the next slot.
    mutating func append(_ document: FingerprintedDocument, position: Int) {
        let fingerprint = document.fingerprint
        values.append(contentsOf: fingerprint.signature.values)
        figures.append(contentsOf: fingerprint.figures)
        figureEnds.append(figures.count)
        scalars.append(
            Scalars(
                position: position, contentHash: fingerprint.contentHash, tokenCount: fingerprint.tokenCount,
                shingleCount: fingerprint.shingleCount, signatureIsEmpty: fingerprint.signature.isEmpty))
    }

    /// Read access by slot, valid inside `body`.
    func withFacts<Result>(_ body: (Reader) throws -> Result) rethrows -> Result {
        try values.withUnsafeBufferPointer { values in
            try figures.withUnsafeBufferPointer { figures in
                try figureEnds.withUnsafeBufferPointer { figureEnds in
                    try scalars.withUnsafeBufferPointer { scalars in
                        try body(
                            Reader(
                                length: length, values: values, figures: figures, figureEnds: figureEnds,
                                scalars: scalars))
                    }
                }
            }
        }
    }

    struct Reader: @unchecked Sendable {
        fileprivate let length: Int
        fileprivate let values: UnsafeBufferPointer<UInt32>
        fileprivate let figures: UnsafeBufferPointer<UInt64>
        fileprivate let figureEnds: UnsafeBufferPointer<Int>
        fileprivate let scalars: UnsafeBufferPointer<Scalars>

        @inline(__always)
        func facts(of slot: Int) -> FingerprintFacts {
            let scalar = scalars[slot]
            let figureStart = slot > 0 ? figureEnds[slot - 1] : 0
            return FingerprintFacts(
                values: UnsafeBufferPointer(rebasing: values[(slot * length)..<((slot + 1) * length)]),
                signatureIsEmpty: scalar.signatureIsEmpty, contentHash: scalar.contentHash,
                tokenCount: scalar.tokenCount, shingleCount: scalar.shingleCount,
                figures: UnsafeBufferPointer(rebasing: figures[figureStart..<figureEnds[slot]]))
        }

        /// The document position of the canonical at `slot`.
        @inline(__always)
        func position(of slot: Int) -> Int { scalars[slot].position }

        /// A hint that the facts of `slot` are read next: its signature values (a cache line per 16) and counts.
        /// At a million documents the canonicals' values take hundreds of megabytes, and a template story's
        /// checks read thousands of them.
        @inline(__always)
        func prefetch(_ slot: Int) {
            guard let base = values.baseAddress, length > 0 else { return }
            let start = base + slot &* length
            var offset = 0
            while offset < length {
                dedup_prefetch(start + offset)
                offset &+= 16
            }
            dedup_prefetch(start + (length - 1))
            dedup_prefetch(scalars.baseAddress! + slot)
        }
    }
}

/// The bands of the current block's canonicals: bucket key → the block's slots in it, so that each document of a
/// block is checked against the canonicals found before it in the block. Cleared for each block by a generation
/// number, so its memory is reused.
struct RecentBuckets {
    private let bands: Int
    private let mask: Int
    /// Per entry: the bucket key, the band and generation, and the newest member (an index into `members`).
    private var keys: [UInt64]
    private var tags: [UInt64]
    private var heads: [Int32]
    /// Members: the slot and the index of the next older member of the same bucket, or -1.
    private var memberSlots: [Int32] = []
    private var memberNext: [Int32] = []
    private var generation: UInt64 = 0

    init(bands: Int, blockSize: Int) {
        self.bands = bands
        var capacity = 16
        while capacity < 2 * bands * blockSize { capacity *= 2 }
        mask = capacity - 1
        keys = Array(repeating: 0, count: capacity)
        tags = Array(repeating: 0, count: capacity)
        heads = Array(repeating: -1, count: capacity)
    }

    /// Empties the table for a new block.
    mutating func startBlock(firstSlot: Int32) {
        generation += 1
        memberSlots.removeAll(keepingCapacity: true)
        memberNext.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private func tag(band: Int) -> UInt64 { generation << 16 | UInt64(band) }

    @inline(__always)
    private func home(_ key: UInt64, band: Int) -> Int {
        Int(truncatingIfNeeded: key ^ (UInt64(band) &* 0x9E37_79B9_7F4A_7C15)) & mask
    }

    /// The entry of band `band`'s bucket `key`, or the free entry where it would go.
    @inline(__always)
    private func entry(_ key: UInt64, band: Int) -> (index: Int, found: Bool) {
        let tag = tag(band: band)
        var index = home(key, band: band)
        while true {
            if tags[index] >> 16 != generation { return (index, false) }
            if tags[index] == tag && keys[index] == key { return (index, true) }
            index = (index &+ 1) & mask
        }
    }

    /// Adds `slot` to the buckets `keys` (one per band).
    mutating func insert(_ slot: Int32, bandKeys keys: UnsafePointer<UInt64>) {
        for band in 0..<bands {
            let (index, found) = entry(keys[band], band: band)
            memberSlots.append(slot)
            memberNext.append(found ? heads[index] : -1)
            if !found {
                self.keys[index] = keys[band]
                tags[index] = tag(band: band)
            }
            heads[index] = Int32(memberSlots.count - 1)
        }
    }

    /// Appends to `found` the distinct slots sharing a bucket with `keys`, in ascending order.
    func candidates(bandKeys keys: UnsafePointer<UInt64>, into found: inout [Int32]) {
        guard !memberSlots.isEmpty else { return }
        let start = found.count
        for band in 0..<bands {
            let (index, present) = entry(keys[band], band: band)
            guard present else { continue }
            var member = heads[index]
            while member >= 0 {
                found.append(memberSlots[Int(member)])
                member = memberNext[Int(member)]
            }
        }
        guard found.count > start + 1 else { return }
        found[start...].sort()
        var write = start + 1
        for read in (start + 1)..<found.count where found[read] != found[write - 1] {
            found[write] = found[read]
            write += 1
        }
        found.removeSubrange(write...)
    }
}
