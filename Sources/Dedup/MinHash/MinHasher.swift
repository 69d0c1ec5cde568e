/// Computes MinHash signatures from shingle hashes, with either scheme.
///
/// ```swift
/// let hasher = MinHasher(settings: .standard)
/// let signature = hasher.signature(of: shingleHashes)
/// ```
public struct MinHasher: Sendable {
    /// The settings every signature of this hasher carries.
    public let settings: MinHashSettings
    /// Classic scheme: odd multipliers and offsets of the permutations x ↦ a·x + b (mod 2⁶⁴).
    let multipliers: [UInt64]
    let offsets: [UInt64]
    /// One-permutation scheme: seed of the densification probes.
    let probeSeed: UInt64

    /// A hasher for `settings`; its permutations are drawn from a SplitMix64 generator seeded with the seed.
    public init(settings: MinHashSettings) {
        self.settings = settings
        var generator = SplitMix64(seed: settings.seed ^ 0x6D69_6E68_6173_6831)
        var multipliers: [UInt64] = []
        var offsets: [UInt64] = []
        if settings.scheme == .permutations {
            for _ in 0..<settings.length {
                multipliers.append(generator.next() | 1)
                offsets.append(generator.next())
            }
        }
        self.multipliers = multipliers
        self.offsets = offsets
        self.probeSeed = generator.next()
    }

    /// The signature of a set of shingle hashes (repetitions do not matter).
    public func signature(of hashes: some Sequence<UInt64>) -> MinHashSignature {
        var accumulator = MinHashAccumulator(hasher: self)
        for hash in hashes { accumulator.add(hash) }
        return accumulator.finish()
    }

    /// Turns the minima into signature values, densifying empty bins for the one-permutation scheme.
    /// - Complexity: O(k) for k values; one allocation, the signature's values.
    func finish(_ minima: UnsafeMutableBufferPointer<UInt64>, isEmpty: Bool) -> MinHashSignature {
        let length = minima.count
        guard !isEmpty else {
            return MinHashSignature(
                settings: settings, values: Array(repeating: UInt32.max, count: length), isEmpty: true)
        }
        if settings.scheme == .onePermutation {
            densify(minima)
        }
        let values = [UInt32](unsafeUninitializedCapacity: length) { buffer, initialized in
            for index in 0..<length {
                buffer[index] = UInt32(truncatingIfNeeded: SplitMix64.mix(minima[index]))
            }
            initialized = length
        }
        return MinHashSignature(settings: settings, values: values)
    }

    /// Optimal densification: an empty bin i takes the value of the first non-empty bin in its own probe sequence
    /// h(i, 1), h(i, 2), …, which is the same for every set, so two sets agree at i with probability J.
    ///
    /// Which bins were empty before any was filled is kept in a bitmap on the stack; the non-empty bins never
    /// change, so their values are read from `minima` itself.
    private func densify(_ minima: UnsafeMutableBufferPointer<UInt64>) {
        let length = minima.count
        let words = (length + 63) / 64
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { empty in
            var emptyCount = 0
            for word in 0..<words {
                var bits: UInt64 = 0
                for bit in 0..<Swift.min(64, length - word * 64) where minima[word * 64 + bit] == .max {
                    bits |= 1 << UInt64(bit)
                    emptyCount += 1
                }
                empty[word] = bits
            }
            guard emptyCount > 0 else { return }
            func wasEmpty(_ bin: Int) -> Bool { empty[bin >> 6] & (1 << UInt64(bin & 63)) != 0 }
            for bin in 0..<length where wasEmpty(bin) {
                var attempt: UInt64 = 1
                while true {
                    let probe = SplitMix64.mix(probeSeed ^ (UInt64(bin) << 32 | attempt))
                    let source = Int(probe.multipliedFullWidth(by: UInt64(length)).high)
                    if !wasEmpty(source) {
                        minima[bin] = minima[source]
                        break
                    }
                    attempt &+= 1
                }
            }
        }
    }
}

/// The minima of one signature being built, as raw pointers: what the fingerprint loop updates per new shingle.
struct MinHashSketch {
    let minima: UnsafeMutablePointer<UInt64>
    let length: Int
    /// The classic scheme's permutations; nil for one-permutation hashing.
    let multipliers: UnsafePointer<UInt64>?
    let offsets: UnsafePointer<UInt64>?

    /// Adds a shingle hash that the caller knows is new, or not: the classic scheme skips a repeated one (it would
    /// cost k updates for nothing), one-permutation hashing adds it anyway (no branch, and the same minima).
    @inline(__always)
    func add(_ hash: UInt64, isNew: Bool) {
        if multipliers != nil && !isNew { return }
        add(hash)
    }

    @inline(__always)
    func add(_ hash: UInt64) {
        if let multipliers, let offsets {
            for index in 0..<length {
                minima[index] = Swift.min(minima[index], multipliers[index] &* hash &+ offsets[index])
            }
        } else {
            // The high word of hash·k picks the bin (Lemire's fast range); the low word orders hashes inside it.
            let (bin, position) = hash.multipliedFullWidth(by: UInt64(length))
            // Written unconditionally: whether a hash is its bin's new minimum is true for four to five in ten
            // hashes of a news article, in no order a branch predictor can follow.
            let index = Int(bin)
            minima[index] = Swift.min(minima[index], position)
        }
    }
}

/// Accumulates shingle hashes into a signature without allocating per hash.
public struct MinHashAccumulator {
    private let hasher: MinHasher
    private var minima: [UInt64]
    private var isEmpty = true

    /// An empty accumulator for `hasher`'s settings.
    public init(hasher: MinHasher) {
        self.hasher = hasher
        self.minima = Array(repeating: .max, count: hasher.settings.length)
    }

    /// Starts again with the empty set, keeping the storage.
    public mutating func reset() {
        isEmpty = true
        minima.withUnsafeMutableBufferPointer { $0.update(repeating: .max) }
    }

    /// Adds one shingle hash.
    @inline(__always)
    public mutating func add(_ hash: UInt64) {
        withSketch { sketch in
            sketch.add(hash)
            return true
        }
    }

    /// Runs `body` with raw access to the minima; `body` returns whether it added any hash.
    @inline(__always)
    mutating func withSketch(_ body: (MinHashSketch) -> Bool) {
        let classic = hasher.settings.scheme == .permutations
        let added = hasher.multipliers.withUnsafeBufferPointer { multipliers in
            hasher.offsets.withUnsafeBufferPointer { offsets in
                minima.withUnsafeMutableBufferPointer { minima in
                    body(
                        MinHashSketch(
                            minima: minima.baseAddress!, length: minima.count,
                            multipliers: classic ? multipliers.baseAddress : nil,
                            offsets: classic ? offsets.baseAddress : nil))
                }
            }
        }
        if added { isEmpty = false }
    }

    /// The signature of the hashes added so far.
    public mutating func finish() -> MinHashSignature {
        let isEmpty = self.isEmpty
        return minima.withUnsafeMutableBufferPointer { hasher.finish($0, isEmpty: isEmpty) }
    }
}
