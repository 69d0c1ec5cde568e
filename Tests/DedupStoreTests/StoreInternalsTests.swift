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

    @Test("candidate facts read from stored bytes are the fingerprints, and verify as the fingerprints do")
    func candidateFactsFromBytes() throws {
        let fingerprinter = Fingerprinter()
        let story =
            "The harbour authority approved a plan on Tuesday to dredge the northern channel, allowing "
            + "container ships with deeper drafts to reach the old quay; work costs 40 million and starts in 2027."
        let fingerprints = [
            fingerprinter.fingerprint(story),
            fingerprinter.fingerprint(story + " Fishermen said they had not been consulted."),
            fingerprinter.fingerprint(story.replacingOccurrences(of: "40", with: "45")),
            fingerprinter.fingerprint(String(story.prefix(120))),
            fingerprinter.fingerprint("A."),
            fingerprinter.fingerprint(""),
            fingerprinter.fingerprint("The city library will open on Sundays from next month, the council said."),
        ]
        var candidates = CandidateFingerprints(settings: fingerprints[0].signature.settings)
        for (row, fingerprint) in fingerprints.enumerated() {
            let signature = StorageEncoding.bytes(of: fingerprint.signature)
            let figures = StorageEncoding.bytes(of: fingerprint.figures)
            try signature.withUnsafeBytes { signature in
                try figures.withUnsafeBytes { figures in
                    try candidates.append(
                        sequence: Int64(row + 1), contentHash: StorageEncoding.signed(fingerprint.contentHash),
                        tokenCount: fingerprint.tokenCount, shingleCount: fingerprint.shingleCount,
                        signature: signature, figures: figures)
                }
            }
        }
        #expect(candidates.sequences == Array(1...Int64(fingerprints.count)))
        #expect((0..<candidates.count).map { candidates.fingerprint($0) } == fingerprints)
        var direct = CandidateFingerprints(settings: fingerprints[0].signature.settings)
        for (row, fingerprint) in fingerprints.enumerated() {
            direct.append(sequence: Int64(row + 1), fingerprint: fingerprint)
        }
        #expect(direct == candidates)
        let verifier = Verifier()
        var kinds = Set<CopyKind?>()
        for copy in fingerprints {
            var visited: [Int] = []
            try candidates.forEach { index, table, row in
                visited.append(index)
                let onRow = try verifier.assess(copy: copy, row: row, of: table)
                let whole = try verifier.assess(copy: copy, original: fingerprints[index])
                #expect(onRow == whole)
                #expect(onRow.rule == whole.rule)
                kinds.insert(onRow.kind)
            }
            #expect(visited.sorted() == Array(candidates.sequences.indices), "each candidate once")
        }
        #expect(kinds.count >= 3, "the pairs reach several decisions")

        // A signature of another length is an incompatible index; figures that are not whole words, a storage error.
        [UInt8](repeating: 1, count: 12).withUnsafeBytes { bad in
            #expect(throws: IndexError.self) {
                try candidates.append(
                    sequence: 99, contentHash: 0, tokenCount: 1, shingleCount: 1, signature: bad,
                    figures: UnsafeRawBufferPointer(start: nil, count: 0))
            }
            #expect(throws: IndexError.self) {
                try candidates.append(
                    sequence: 99, contentHash: 0, tokenCount: 1, shingleCount: 1,
                    signature: UnsafeRawBufferPointer(start: nil, count: 0), figures: bad)
            }
        }
        // Counts a fingerprint cannot have are a storage error, not a crash.
        for (tokens, shingles) in [(-1, 1), (1, -1), (Int(UInt32.max) + 1, 1), (1, Int(UInt32.max) + 1)] {
            #expect(throws: IndexError.self) {
                try candidates.append(
                    sequence: 99, contentHash: 0, tokenCount: tokens, shingleCount: shingles,
                    signature: UnsafeRawBufferPointer(start: nil, count: 0),
                    figures: UnsafeRawBufferPointer(start: nil, count: 0))
            }
        }
        #expect(candidates.count == fingerprints.count)
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
