/// Word shingles: every run of `size` consecutive tokens, hashed with seeded XXH3-64.
///
/// A shingle's hash is the XXH3 hash of its normalized bytes (the tokens joined by single spaces), so it is the
/// same whatever tool computes it from the same normalized text. A text shorter than `size` tokens has one shingle
/// made of all its tokens, so short texts still have a fingerprint; an empty text has none.
public struct Shingler: Sendable {
    /// Tokens per shingle.
    public let size: Int
    /// Seed of the shingle hash.
    public let seed: UInt64

    /// A shingler for `size`-token shingles hashed with `seed`.
    /// - Precondition: `size >= 1`.
    public init(size: Int, seed: UInt64) {
        precondition(size >= 1, "shingle size must be at least 1")
        self.size = size
        self.seed = seed
    }

    /// The number of shingles (with repetitions) that `text` has.
    public func shingleCount(of text: TokenizedText) -> Int {
        text.isEmpty ? 0 : max(1, text.count - size + 1)
    }

    /// Calls `body` with the hash of every shingle of `text`, in order, repetitions included.
    /// - Complexity: O(n·size) bytes hashed for n tokens; no allocation.
    @inlinable
    public func forEachShingleHash(in text: TokenizedText, _ body: (UInt64) -> Void) {
        let count = text.count
        guard count > 0 else { return }
        let shingles = max(1, count - size + 1)
        text.bytes.withUnsafeBytes { bytes in
            text.tokenStarts.withUnsafeBufferPointer { starts in
                for index in 0..<shingles {
                    let start = Int(starts[index])
                    let last = index + size
                    let end = last < count ? Int(starts[last]) - 1 : bytes.count
                    body(XXH3.hash(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), seed: seed))
                }
            }
        }
    }

    /// The hashes of every shingle of `text`, in order, repetitions included.
    public func shingleHashes(of text: TokenizedText) -> [UInt64] {
        var hashes: [UInt64] = []
        hashes.reserveCapacity(shingleCount(of: text))
        forEachShingleHash(in: text) { hashes.append($0) }
        return hashes
    }
}
