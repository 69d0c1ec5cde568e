import Testing

@testable import Dedup

/// Verification counts equal signature values sixteen at a time; it must count what a plain loop counts.
@Suite("Signature comparison")
struct SignatureComparisonTests {
    @Test("equal values are counted as a plain loop counts them, for every length up to 70 and the standard 128")
    func againstPlainLoop() {
        var generator = SplitMix64(seed: 7)
        for length in Array(0...70) + [128] {
            for trial in 0..<20 {
                // From all different to all equal, with some lanes of every group of 16 equal.
                let left = (0..<length).map { _ in UInt32.random(in: 0...7, using: &generator) }
                let right = left.enumerated().map { index, value in
                    (index * 7 + trial) % 20 < trial ? value : value ^ UInt32.random(in: 0...1, using: &generator)
                }
                let plain = zip(left, right).filter { $0 == $1 }.count
                left.withUnsafeBufferPointer { left in
                    right.withUnsafeBufferPointer { right in
                        #expect(FingerprintFacts.equalValues(left, right) == plain, "length \(length)")
                    }
                }
            }
        }
        // Values that differ only in their high bits are different.
        let high: [UInt32] = Array(repeating: 0x8000_0001, count: 32)
        let low: [UInt32] = Array(repeating: 0x0000_0001, count: 32)
        high.withUnsafeBufferPointer { high in
            low.withUnsafeBufferPointer { low in #expect(FingerprintFacts.equalValues(high, low) == 0) }
        }
    }
}
