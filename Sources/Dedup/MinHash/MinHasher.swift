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
    private let multipliers: [UInt64]
    private let offsets: [UInt64]
    /// One-permutation scheme: seed of the densification probes.
    private let probeSeed: UInt64

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

    @inline(__always)
    func add(_ hash: UInt64, to minima: UnsafeMutableBufferPointer<UInt64>) {
        switch settings.scheme {
        case .permutations:
            multipliers.withUnsafeBufferPointer { a in
                offsets.withUnsafeBufferPointer { b in
                    for index in 0..<minima.count {
                        minima[index] = Swift.min(minima[index], a[index] &* hash &+ b[index])
                    }
                }
            }
        case .onePermutation:
            // The high word of hash·k picks the bin (Lemire's fast range); the low word orders hashes inside it.
            let (bin, position) = hash.multipliedFullWidth(by: UInt64(minima.count))
            let index = Int(bin)
            minima[index] = Swift.min(minima[index], position)
        }
    }

    /// Turns the minima into signature values, densifying empty bins for the one-permutation scheme.
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
    private func densify(_ minima: UnsafeMutableBufferPointer<UInt64>) {
        let length = minima.count
        var empty: [Int] = []
        for index in 0..<length where minima[index] == .max {
            empty.append(index)
        }
        guard !empty.isEmpty else { return }
        let original = Array(minima)
        for bin in empty {
            var attempt: UInt64 = 1
            while true {
                let probe = SplitMix64.mix(probeSeed ^ (UInt64(bin) << 32 | attempt))
                let source = Int(probe.multipliedFullWidth(by: UInt64(length)).high)
                if original[source] != .max {
                    minima[bin] = original[source]
                    break
                }
                attempt &+= 1
            }
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
        for index in minima.indices { minima[index] = .max }
    }

    /// Adds one shingle hash.
    @inline(__always)
    public mutating func add(_ hash: UInt64) {
        isEmpty = false
        let hasher = self.hasher
        minima.withUnsafeMutableBufferPointer { hasher.add(hash, to: $0) }
    }

    /// The signature of the hashes added so far.
    public mutating func finish() -> MinHashSignature {
        let hasher = self.hasher
        let isEmpty = self.isEmpty
        return minima.withUnsafeMutableBufferPointer { hasher.finish($0, isEmpty: isEmpty) }
    }
}
