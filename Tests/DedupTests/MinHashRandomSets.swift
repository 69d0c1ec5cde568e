import Dedup

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Two random sets of 64-bit "shingle hashes" whose exact Jaccard similarity is known by construction.
struct MinHashRandomSetPair {
    let first: [UInt64]
    let second: [UInt64]
    let intersection: Int

    /// |A ∩ B| / |A ∪ B|, exactly.
    var jaccard: Double {
        Double(intersection) / Double(first.count + second.count - intersection)
    }

    /// A pair with |A| = `firstSize`, |B| = `secondSize` and |A ∩ B| = `intersection`.
    ///
    /// Elements are consecutive SplitMix64 outputs: the generator's state steps by an odd constant and its output
    /// function is a bijection, so no value repeats within 2⁶⁴ draws and the sizes and overlap are exact.
    init(firstSize: Int, secondSize: Int, intersection: Int, using generator: inout SplitMix64) {
        precondition(intersection <= min(firstSize, secondSize))
        let shared = (0..<intersection).map { _ in generator.next() }
        let onlyFirst = (0..<(firstSize - intersection)).map { _ in generator.next() }
        let onlySecond = (0..<(secondSize - intersection)).map { _ in generator.next() }
        // The order of the elements does not matter to a signature (tested separately), so no shuffling.
        first = shared + onlyFirst
        second = onlySecond + shared
        self.intersection = intersection
    }

    /// A pair of equal-sized sets whose union has `unionSize` elements, `intersection` of them shared: Jaccard
    /// `intersection / unionSize`.
    /// - Precondition: `unionSize - intersection` is even.
    init(unionSize: Int, intersection: Int, using generator: inout SplitMix64) {
        precondition((unionSize - intersection) % 2 == 0)
        let side = intersection + (unionSize - intersection) / 2
        self.init(firstSize: side, secondSize: side, intersection: intersection, using: &generator)
    }

    /// A pair with sizes drawn log-uniformly from `sizes` and Jaccard as close to `targetJaccard` as the sizes
    /// allow (the exact value is ``jaccard``).
    init(sizes: ClosedRange<Int>, targetJaccard: Double, using generator: inout SplitMix64) {
        func logUniform(_ range: ClosedRange<Int>) -> Int {
            let low = log(Double(range.lowerBound))
            let high = log(Double(range.upperBound))
            let value = Int(exp(Double.random(in: low...high, using: &generator)).rounded())
            return min(max(value, range.lowerBound), range.upperBound)
        }
        let firstSize = logUniform(sizes)
        // |B| must lie in [J·|A|, |A|/J] for J to be reachable.
        let j = min(max(targetJaccard, 0), 1)
        let lower = max(sizes.lowerBound, Int((j * Double(firstSize)).rounded(.up)))
        let upper = j > 0 ? min(sizes.upperBound, Int((Double(firstSize) / j).rounded(.down))) : sizes.upperBound
        let secondSize = lower <= upper ? logUniform(lower...upper) : firstSize
        // J = i / (a + b − i)  ⇔  i = J (a + b) / (1 + J).
        let shared = Int((j * Double(firstSize + secondSize) / (1 + j)).rounded())
        self.init(
            firstSize: firstSize, secondSize: secondSize, intersection: min(shared, firstSize, secondSize),
            using: &generator)
    }
}
