import CXXHash

/// An in-memory LSH index over MinHash signatures: insert, query, remove.
///
/// Each signature is cut into bands; a band's values are hashed (XXH3, seeded by the band number) into a bucket
/// key. A query returns every indexed key that shares at least one bucket with the query signature: the
/// candidates, which still have to be verified. Each band has a flat open-addressing table from bucket key to the
/// bucket's first slot, and the buckets are chained through a flat array, so an insert allocates nothing beyond
/// amortized growth and a query allocates only its result.
///
/// ```swift
/// var index = LSHIndex<String>(parameters: .optimal(threshold: 0.8, signatureLength: 128), settings: .standard)
/// try index.insert("a", signature: signatureA)
/// let candidates = try index.query(signatureB)
/// ```
public struct LSHIndex<Key: Hashable & Sendable>: Sendable {
    /// The banding.
    public let parameters: LSHParameters
    /// The settings every indexed signature must have.
    public let settings: MinHashSettings

    /// For each band: bucket key → the bucket's most recently inserted slot.
    private var buckets: [BucketTable]
    /// For slot s and band b: the next slot in the same bucket, or -1.
    private var next: [Int32] = []
    /// For slot s and band b: the slot's bucket key.
    private var bandKeys: [UInt64] = []
    private var keys: [Key?] = []
    /// Whether the slot's signature is in the buckets (empty signatures are similar to nothing and are not).
    private var linked: [Bool] = []
    private var slotOfKey: [Key: Int32] = [:]
    private var freeSlots: [Int32] = []

    /// An empty index.
    /// - Precondition: the banding uses no more values than the signatures have.
    public init(parameters: LSHParameters, settings: MinHashSettings) {
        precondition(parameters.valuesUsed <= settings.length, "the banding needs more values than a signature has")
        self.parameters = parameters
        self.settings = settings
        self.buckets = Array(repeating: BucketTable(), count: parameters.bands)
    }

    /// The number of indexed keys.
    public var count: Int { slotOfKey.count }

    /// Whether `key` is indexed.
    public func contains(_ key: Key) -> Bool { slotOfKey[key] != nil }

    /// Indexes `signature` under `key`, replacing what `key` had.
    /// - Throws: ``MinHashSettingsMismatch`` if the signature's settings are not the index's.
    public mutating func insert(_ key: Key, signature: MinHashSignature) throws(MinHashSettingsMismatch) {
        try check(signature)
        if slotOfKey[key] != nil { remove(key) }
        let bands = parameters.bands
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            keys[Int(slot)] = key
            linked[Int(slot)] = !signature.isEmpty
        } else {
            slot = Int32(keys.count)
            keys.append(key)
            linked.append(!signature.isEmpty)
            next.append(contentsOf: repeatElement(-1, count: bands))
            bandKeys.append(contentsOf: repeatElement(0, count: bands))
        }
        slotOfKey[key] = slot
        guard !signature.isEmpty else { return }
        let base = Int(slot) * bands
        for band in 0..<bands {
            let bandKey = bucketKey(signature, band: band)
            bandKeys[base + band] = bandKey
            next[base + band] = buckets[band].replaceHead(with: slot, forKey: bandKey)
        }
    }

    /// Removes `key` and its signature; does nothing if it is not indexed.
    public mutating func remove(_ key: Key) {
        guard let slot = slotOfKey.removeValue(forKey: key) else { return }
        keys[Int(slot)] = nil
        freeSlots.append(slot)
        guard linked[Int(slot)] else { return }
        linked[Int(slot)] = false
        let bands = parameters.bands
        let base = Int(slot) * bands
        for band in 0..<bands {
            let bandKey = bandKeys[base + band]
            let following = next[base + band]
            let head = buckets[band].head(forKey: bandKey)
            guard head >= 0 else { continue }
            if head == slot {
                if following < 0 {
                    buckets[band].removeKey(bandKey)
                } else {
                    _ = buckets[band].replaceHead(with: following, forKey: bandKey)
                }
            } else {
                var current = head
                while current >= 0 {
                    let link = Int(current) * bands + band
                    if next[link] == slot {
                        next[link] = following
                        break
                    }
                    current = next[link]
                }
            }
            next[base + band] = -1
        }
    }

    /// The keys sharing at least one band with `signature`, each once, oldest slot first (deterministic).
    /// - Throws: ``MinHashSettingsMismatch`` if the signature's settings are not the index's.
    /// - Complexity: one table lookup per band plus the candidates found; allocates only the result.
    public func query(_ signature: MinHashSignature) throws(MinHashSettingsMismatch) -> [Key] {
        try check(signature)
        return withCandidateSlots(signature) { slots in
            guard !slots.isEmpty else { return [] }
            return keys.withUnsafeBufferPointer { keys in
                [Key](unsafeUninitializedCapacity: slots.count) { buffer, initialized in
                    for (position, slot) in slots.enumerated() {
                        (buffer.baseAddress! + position).initialize(to: keys[Int(slot)]!)
                    }
                    initialized = slots.count
                }
            }
        }
    }

    func querySlots(_ signature: MinHashSignature, into slots: inout [Int32]) {
        slots.removeAll(keepingCapacity: true)
        withCandidateSlots(signature) { slots.append(contentsOf: $0) }
    }

    /// Calls `body` with the slots sharing a bucket with `signature`, sorted and distinct, in temporary storage
    /// (on the stack unless there are very many).
    private func withCandidateSlots<Result>(
        _ signature: MinHashSignature, _ body: (UnsafeBufferPointer<Int32>) -> Result
    ) -> Result {
        guard !signature.isEmpty else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let bands = parameters.bands
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: bands) { heads in
            // All the lookups first, each table's entry prefetched before any is read: the lookups are independent,
            // so their cache misses overlap instead of following one another.
            var total = 0
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bands) { bandKeys in
                buckets.withUnsafeBufferPointer { buckets in
                    for band in 0..<bands {
                        let key = bucketKey(signature, band: band)
                        bandKeys[band] = key
                        buckets[band].prefetch(forKey: key)
                    }
                    for band in 0..<bands {
                        heads[band] = buckets[band].head(forKey: bandKeys[band])
                    }
                }
            }
            return next.withUnsafeBufferPointer { next in
                for band in 0..<bands {
                    var current = heads[band]
                    while current >= 0 {
                        total += 1
                        current = next[Int(current) &* bands &+ band]
                    }
                }
                return withUnsafeTemporaryAllocation(of: Int32.self, capacity: total) { found in
                    var count = 0
                    for band in 0..<bands {
                        var current = heads[band]
                        while current >= 0 {
                            found[count] = current
                            count += 1
                            current = next[Int(current) &* bands &+ band]
                        }
                    }
                    let distinct = Self.sortAndUnique(UnsafeMutableBufferPointer(rebasing: found[0..<count]))
                    return body(UnsafeBufferPointer(rebasing: found[0..<distinct]))
                }
            }
        }
    }

    /// Sorts `slots` in place and moves the distinct ones to the front; returns how many there are.
    private static func sortAndUnique(_ slots: UnsafeMutableBufferPointer<Int32>) -> Int {
        let count = slots.count
        guard count > 1 else { return count }
        if count <= 32 {
            for index in 1..<count {
                let value = slots[index]
                var position = index
                while position > 0 && slots[position - 1] > value {
                    slots[position] = slots[position - 1]
                    position -= 1
                }
                slots[position] = value
            }
        } else {
            var slots = slots
            slots.sort()
        }
        var write = 1
        for read in 1..<count where slots[read] != slots[write - 1] {
            slots[write] = slots[read]
            write += 1
        }
        return write
    }

    private func check(_ signature: MinHashSignature) throws(MinHashSettingsMismatch) {
        guard signature.settings == settings else {
            throw MinHashSettingsMismatch(left: signature.settings, right: settings)
        }
    }

    @inline(__always)
    private func bucketKey(_ signature: MinHashSignature, band: Int) -> UInt64 {
        signature.values.withUnsafeBufferPointer { LSHParameters.bandKey(of: $0, band: band, rows: parameters.rows) }
    }
}

/// An open-addressing hash table with linear probing from a band's bucket key to the bucket's head slot.
///
/// An entry is two words in one array, the key and the head slot, so that a lookup reads one cache line; an empty
/// entry has the head word `UInt64.max`. Bucket keys are XXH3 hashes, so their low bits pick the home entry. The
/// load stays at most one half; removal shifts the following entries back, so no tombstones build up.
struct BucketTable: Sendable {
    private static let empty = UInt64.max
    private var words: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init() {
        words = Array(repeating: Self.empty, count: 2 * 16)
        mask = 15
    }

    /// Hints that the home entry of `key` will be read soon.
    @inline(__always)
    func prefetch(forKey key: UInt64) {
        words.withUnsafeBufferPointer { words in
            dedup_prefetch(words.baseAddress! + 2 &* (Int(truncatingIfNeeded: key) & mask))
        }
    }

    /// The head slot of the bucket `key`, or -1.
    @inline(__always)
    func head(forKey key: UInt64) -> Int32 {
        words.withUnsafeBufferPointer { words in
            var index = Int(truncatingIfNeeded: key) & mask
            while true {
                let head = words[2 &* index &+ 1]
                if head == Self.empty { return -1 }
                if words[2 &* index] == key { return Int32(truncatingIfNeeded: head) }
                index = (index &+ 1) & mask
            }
        }
    }

    /// Makes `slot` the head of the bucket `key`, adding the bucket if it is new; returns the previous head or -1.
    mutating func replaceHead(with slot: Int32, forKey key: UInt64) -> Int32 {
        let mask = self.mask
        let previous: Int32 = words.withUnsafeMutableBufferPointer { words in
            var index = Int(truncatingIfNeeded: key) & mask
            while true {
                let head = words[2 &* index &+ 1]
                if head == Self.empty {
                    words[2 &* index] = key
                    words[2 &* index &+ 1] = UInt64(UInt32(bitPattern: slot))
                    return -1
                }
                if words[2 &* index] == key {
                    words[2 &* index &+ 1] = UInt64(UInt32(bitPattern: slot))
                    return Int32(truncatingIfNeeded: head)
                }
                index = (index &+ 1) & mask
            }
        }
        if previous < 0 {
            count += 1
            if count * 2 > mask + 1 { grow() }
        }
        return previous
    }

    /// Removes the bucket `key`, which must be present.
    mutating func removeKey(_ key: UInt64) {
        let mask = self.mask
        words.withUnsafeMutableBufferPointer { words in
            var hole = Int(truncatingIfNeeded: key) & mask
            while words[2 &* hole] != key || words[2 &* hole &+ 1] == Self.empty {
                precondition(words[2 &* hole &+ 1] != Self.empty, "removing a bucket that is not in the table")
                hole = (hole &+ 1) & mask
            }
            // Backward shift: move up each following entry of the run whose home is not between the hole and it.
            var index = hole
            while true {
                index = (index &+ 1) & mask
                if words[2 &* index &+ 1] == Self.empty { break }
                let home = Int(truncatingIfNeeded: words[2 &* index]) & mask
                let staysPut = hole <= index ? (hole < home && home <= index) : (hole < home || home <= index)
                if !staysPut {
                    words[2 &* hole] = words[2 &* index]
                    words[2 &* hole &+ 1] = words[2 &* index &+ 1]
                    hole = index
                }
            }
            words[2 &* hole &+ 1] = Self.empty
        }
        count -= 1
    }

    private mutating func grow() {
        let old = words
        let capacity = (mask + 1) * 2
        words = [UInt64](unsafeUninitializedCapacity: 2 * capacity) { buffer, initialized in
            // A large table asks for huge pages before its memory is first touched (see dedup_advise_huge_pages).
            if capacity >= 1 << 17 {
                dedup_advise_huge_pages(buffer.baseAddress!, buffer.count * MemoryLayout<UInt64>.stride)
            }
            buffer.initialize(repeating: Self.empty)
            initialized = buffer.count
        }
        mask = capacity - 1
        count = 0
        old.withUnsafeBufferPointer { old in
            for entry in 0..<(old.count / 2) where old[2 &* entry &+ 1] != Self.empty {
                _ = replaceHead(with: Int32(truncatingIfNeeded: old[2 &* entry &+ 1]), forKey: old[2 &* entry])
            }
        }
    }
}
