import Dedup
import Foundation

/// Fingerprint working memory kept between calls. A ``FingerprintScratch`` is a few buffers that grow to the largest
/// article seen; making one per article (per check, per add) paid their allocation and growth every time.
///
/// Each caller takes a scratch of its own for the duration of `withScratch`, so concurrent checks never share one;
/// at most `capacity` are kept.
final class FingerprintScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [FingerprintScratch] = []
    private let fingerprinter: Fingerprinter
    private let capacity: Int

    /// A pool of working memory for `fingerprinter`, keeping at most `capacity` scratches.
    init(for fingerprinter: Fingerprinter, capacity: Int = 16) {
        self.fingerprinter = fingerprinter
        self.capacity = capacity
    }

    /// The number of scratches kept now (for tests).
    var keptCount: Int { lock.withLock { kept.count } }

    /// Runs `body` with a scratch no other caller uses meanwhile, then keeps it for the next caller.
    func withScratch<T>(_ body: (inout FingerprintScratch) throws -> T) rethrows -> T {
        var scratch = lock.withLock { kept.popLast() } ?? FingerprintScratch(for: fingerprinter)
        defer {
            lock.withLock {
                if kept.count < capacity { kept.append(scratch) }
            }
        }
        return try body(&scratch)
    }
}
