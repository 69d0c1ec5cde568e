/// An in-memory LSH index over MinHash signatures: insert, query, remove.
///
/// Each signature is cut into bands; a band's values are hashed (XXH3, seeded by the band number) into a bucket
/// key. A query returns every indexed key that shares at least one bucket with the query signature: the
/// candidates, which still have to be verified. Buckets are chained through a flat array, so an insert allocates
/// nothing beyond amortized growth.
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

    private var buckets: [[UInt64: Int32]]
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
        self.buckets = Array(repeating: [:], count: parameters.bands)
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
            next[base + band] = buckets[band].updateValue(slot, forKey: bandKey) ?? -1
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
            guard let head = buckets[band][bandKey] else { continue }
            if head == slot {
                if following < 0 {
                    buckets[band].removeValue(forKey: bandKey)
                } else {
                    buckets[band][bandKey] = following
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
    public func query(_ signature: MinHashSignature) throws(MinHashSettingsMismatch) -> [Key] {
        try check(signature)
        var slots: [Int32] = []
        querySlots(signature, into: &slots)
        return slots.map { keys[Int($0)]! }
    }

    func querySlots(_ signature: MinHashSignature, into slots: inout [Int32]) {
        slots.removeAll(keepingCapacity: true)
        guard !signature.isEmpty else { return }
        let bands = parameters.bands
        for band in 0..<bands {
            var current = buckets[band][bucketKey(signature, band: band)] ?? -1
            while current >= 0 {
                slots.append(current)
                current = next[Int(current) * bands + band]
            }
        }
        guard slots.count > 1 else { return }
        slots.sort()
        var write = 1
        for read in 1..<slots.count where slots[read] != slots[write - 1] {
            slots[write] = slots[read]
            write += 1
        }
        slots.removeLast(slots.count - write)
    }

    private func check(_ signature: MinHashSignature) throws(MinHashSettingsMismatch) {
        guard signature.settings == settings else {
            throw MinHashSettingsMismatch(left: signature.settings, right: settings)
        }
    }

    @inline(__always)
    private func bucketKey(_ signature: MinHashSignature, band: Int) -> UInt64 {
        let rows = parameters.rows
        return signature.values.withUnsafeBytes { bytes in
            let stride = MemoryLayout<UInt32>.stride
            let slice = UnsafeRawBufferPointer(rebasing: bytes[(band * rows * stride)..<((band + 1) * rows * stride)])
            return XXH3.hash(slice, seed: UInt64(band))
        }
    }
}
