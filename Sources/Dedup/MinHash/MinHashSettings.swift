/// How a MinHash signature is computed.
public enum MinHashScheme: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Classic MinHash: `length` independent hash permutations, each keeping its minimum over all shingles.
    /// Cost: `length` multiply-adds per distinct shingle.
    case permutations = "permutations"
    /// One-permutation hashing with optimal densification (Shrivastava, ICML 2017): one hash per shingle picks a
    /// bin and a value; empty bins borrow the value of a bin chosen by a seeded probe sequence.
    /// Cost: one hash per shingle plus a small per-signature densification.
    case onePermutation = "one-permutation"

    public var description: String { rawValue }
}

/// Everything that determines a signature. Signatures carry their settings, and only signatures with equal
/// settings can be compared.
public struct MinHashSettings: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The signature scheme.
    public var scheme: MinHashScheme
    /// The number of values in a signature.
    public var length: Int
    /// The seed of every hash function involved (shingle hashes, permutations, densification probes).
    public var seed: UInt64
    /// Tokens per shingle.
    public var shingleSize: Int

    /// The defaults, chosen from measurements on real news text: see `docs/design/defaults.md`.
    public static let standard = MinHashSettings(scheme: .onePermutation, length: 128, seed: 42, shingleSize: 5)

    /// Settings with the given values.
    /// - Precondition: `length >= 1`, `shingleSize >= 1`.
    public init(scheme: MinHashScheme, length: Int, seed: UInt64, shingleSize: Int) {
        precondition(length >= 1, "signature length must be at least 1")
        precondition(shingleSize >= 1, "shingle size must be at least 1")
        self.scheme = scheme
        self.length = length
        self.seed = seed
        self.shingleSize = shingleSize
    }

    public var description: String {
        "\(scheme), \(length) values, seed \(seed), \(shingleSize)-word shingles"
    }
}

/// Comparing two signatures made with different settings.
public struct MinHashSettingsMismatch: Error, Sendable, Hashable, CustomStringConvertible {
    /// The settings of the left-hand signature.
    public let left: MinHashSettings
    /// The settings of the right-hand signature.
    public let right: MinHashSettings

    public var description: String {
        "cannot compare MinHash signatures made with different settings: (\(left)) vs (\(right))"
    }
}
