/// A MinHash signature: a fixed-length sketch of a set of shingle hashes whose agreement with another signature
/// estimates the Jaccard similarity of the two sets.
///
/// Each value is a 32-bit digest of the 64-bit minimum, so two different minima agree with probability 2⁻³²:
/// half the memory of 64-bit values for a bias far below the estimator's own error.
public struct MinHashSignature: Sendable, Hashable {
    /// The settings the signature was made with.
    public let settings: MinHashSettings
    /// The signature values, `settings.length` of them.
    public let values: [UInt32]
    /// Whether the set was empty (no shingles). An empty signature is similar to nothing.
    public let isEmpty: Bool

    /// A signature from stored values.
    /// - Precondition: `values.count == settings.length`.
    public init(settings: MinHashSettings, values: [UInt32], isEmpty: Bool = false) {
        precondition(values.count == settings.length, "a signature has exactly settings.length values")
        self.settings = settings
        self.values = values
        self.isEmpty = isEmpty
    }

    /// The estimated Jaccard similarity of the two shingle sets: the fraction of positions where the values agree.
    ///
    /// The estimate is unbiased with standard error √(J(1−J)/k) for k values (classic scheme; one-permutation
    /// hashing with densification is within a few percent of that).
    /// - Throws: ``MinHashSettingsMismatch`` if the signatures were made with different settings.
    public func jaccard(with other: MinHashSignature) throws(MinHashSettingsMismatch) -> Double {
        guard settings == other.settings else {
            throw MinHashSettingsMismatch(left: settings, right: other.settings)
        }
        if isEmpty || other.isEmpty { return 0 }
        return Double(agreements(with: other)) / Double(values.count)
    }

    /// The number of positions where the two signatures agree. The settings must already be known equal.
    @inlinable
    func agreements(with other: MinHashSignature) -> Int {
        values.withUnsafeBufferPointer { left in
            other.values.withUnsafeBufferPointer { right in
                var equal = 0
                for index in 0..<left.count where left[index] == right[index] {
                    equal &+= 1
                }
                return equal
            }
        }
    }
}
