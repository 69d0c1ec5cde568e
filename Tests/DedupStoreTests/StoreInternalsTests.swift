import Dedup
import Foundation
import Testing

@testable import DedupStore

/// The helpers behind the stores' fast paths: they must give what the plain code gives.
@Suite("Store internals")
struct StoreInternalsTests {
    @Test("stored words load the same from contiguous bytes as from any other collection")
    func wordsFromContiguousAndOtherBytes() throws {
        let values: [UInt64] = [0, 1, 0x0102_0304_0506_0708, .max, 42 << 40]
        let bytes = StorageEncoding.bytes(of: values)
        #expect(bytes.count == values.count * 8)
        #expect(Array(bytes[8..<16]) == [1, 0, 0, 0, 0, 0, 0, 0])
        #expect(try StorageEncoding.values(bytes: bytes) == values)
        #expect(try StorageEncoding.values(bytes: Data(bytes)) == values)
        // A collection without contiguous storage takes the byte-at-a-time path.
        #expect(try StorageEncoding.values(bytes: bytes.lazy.map { $0 }) == values)
        #expect(throws: IndexError.self) { try StorageEncoding.values(bytes: bytes.dropLast()) }

        let signature = Fingerprinter().fingerprint("The harbour authority approved a plan to dredge the channel.")
            .signature
        let signatureBytes = StorageEncoding.bytes(of: signature)
        let settings = signature.settings
        #expect(try StorageEncoding.signature(bytes: signatureBytes, settings: settings) == signature)
        #expect(try StorageEncoding.signature(bytes: Data(signatureBytes), settings: settings) == signature)
        #expect(try StorageEncoding.signature(bytes: signatureBytes.lazy.map { $0 }, settings: settings) == signature)
    }

    @Test("a pooled scratch gives the fingerprints a new one gives, and concurrent callers never share one")
    func scratchPool() throws {
        let fingerprinter = Fingerprinter()
        let pool = FingerprintScratchPool(for: fingerprinter, capacity: 2)
        let texts = [
            "The harbour authority approved a plan to dredge the northern channel for deeper ships.",
            String(repeating: "A much longer text about the library opening on Sundays, with staff. ", count: 40),
            "Short one.",
        ]
        for text in texts + texts.reversed() {
            let pooled = pool.withScratch { fingerprinter.fingerprint(text, scratch: &$0) }
            #expect(pooled == fingerprinter.fingerprint(text))
        }
        #expect(pool.keptCount == 1)

        // Two callers inside withScratch at once: each gets its own scratch, and both are kept afterwards (up to
        // the capacity). They run on threads of their own, so that both can block at once whatever the cores.
        let inside = Gate()
        let done = DispatchGroup()
        for _ in 0..<2 {
            done.enter()
            Thread {
                pool.withScratch { _ in inside.arriveAndWait(parties: 2) }
                done.leave()
            }.start()
        }
        done.wait()
        #expect(pool.keptCount == 2)
        for _ in 0..<5 { pool.withScratch { _ in } }
        #expect(pool.keptCount == 2)
    }
}

/// Blocks each caller until `parties` callers have arrived.
final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived = 0

    func arriveAndWait(parties: Int) {
        condition.lock()
        arrived += 1
        condition.broadcast()
        while arrived < parties { condition.wait() }
        condition.unlock()
    }
}
