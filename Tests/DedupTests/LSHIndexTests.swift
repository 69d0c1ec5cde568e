import Dedup
import Testing

/// Signatures of 8 values cut into 4 bands of 2 rows: band i is values 2i and 2i + 1.
private let settings = MinHashSettings(scheme: .permutations, length: 8, seed: 0, shingleSize: 1)
private let parameters = LSHParameters(bands: 4, rows: 2)

private func signature(_ values: [UInt32]) -> MinHashSignature {
    MinHashSignature(settings: settings, values: values)
}

/// A signature whose band `b` is (bandValues[b], bandValues[b]).
private func signature(bands bandValues: [UInt32]) -> MinHashSignature {
    signature(bandValues.flatMap { [$0, $0] })
}

private let emptySignature = MinHashSignature(
    settings: settings, values: Array(repeating: .max, count: 8), isEmpty: true)

@Suite("LSHIndex")
struct LSHIndexTests {
    @Test("a query finds keys that share at least one whole band")
    func bandSemantics() throws {
        var index = LSHIndex<String>(parameters: parameters, settings: settings)
        try index.insert("a", signature: signature([1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(try index.query(signature([1, 2, 3, 4, 5, 6, 7, 8])) == ["a"])
        // Each band alone is enough.
        #expect(try index.query(signature([1, 2, 0, 0, 0, 0, 0, 0])) == ["a"])
        #expect(try index.query(signature([0, 0, 3, 4, 0, 0, 0, 0])) == ["a"])
        #expect(try index.query(signature([0, 0, 0, 0, 5, 6, 0, 0])) == ["a"])
        #expect(try index.query(signature([0, 0, 0, 0, 0, 0, 7, 8])) == ["a"])
        // Agreeing on one row of every band is not enough.
        #expect(try index.query(signature([1, 0, 0, 4, 5, 0, 0, 8])).isEmpty)
        // The same values in a different band do not match.
        #expect(try index.query(signature([3, 4, 1, 2, 7, 8, 5, 6])).isEmpty)
        #expect(try index.query(signature([0, 0, 0, 0, 0, 0, 0, 0])).isEmpty)
    }

    @Test("values beyond the bands are ignored")
    func unusedValues() throws {
        // 3 bands × 2 rows use values 0..<6 of 8.
        var index = LSHIndex<Int>(parameters: LSHParameters(bands: 3, rows: 2), settings: settings)
        try index.insert(1, signature: signature([1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(try index.query(signature([0, 0, 0, 0, 0, 0, 7, 8])).isEmpty)
        #expect(try index.query(signature([0, 0, 0, 0, 5, 6, 0, 0])) == [1])
        #expect(try index.query(signature([1, 2, 3, 4, 5, 6, 0, 0])) == [1])
    }

    @Test("count and contains follow inserts and removals")
    func countAndContains() throws {
        var index = LSHIndex<String>(parameters: parameters, settings: settings)
        #expect(index.count == 0)
        #expect(!index.contains("a"))
        try index.insert("a", signature: signature(bands: [1, 2, 3, 4]))
        try index.insert("b", signature: signature(bands: [5, 6, 7, 8]))
        try index.insert("c", signature: signature(bands: [1, 2, 3, 4]))
        #expect(index.count == 3)
        #expect(index.contains("a") && index.contains("b") && index.contains("c"))
        index.remove("b")
        #expect(index.count == 2)
        #expect(!index.contains("b"))
        #expect(try index.query(signature(bands: [5, 6, 7, 8])).isEmpty)
        // Removing a key that is not there changes nothing.
        index.remove("b")
        index.remove("zzz")
        #expect(index.count == 2)
        #expect(try index.query(signature(bands: [1, 2, 3, 4])) == ["a", "c"])
    }

    @Test("inserting an indexed key replaces its signature")
    func replace() throws {
        var index = LSHIndex<String>(parameters: parameters, settings: settings)
        try index.insert("a", signature: signature(bands: [1, 2, 3, 4]))
        try index.insert("b", signature: signature(bands: [1, 20, 30, 40]))
        try index.insert("a", signature: signature(bands: [5, 6, 7, 8]))
        #expect(index.count == 2)
        #expect(try index.query(signature(bands: [1, 2, 3, 4])) == ["b"])
        #expect(try index.query(signature(bands: [0, 6, 0, 0])) == ["a"])
        // Replacing with the same signature keeps one entry.
        try index.insert("a", signature: signature(bands: [5, 6, 7, 8]))
        #expect(index.count == 2)
        #expect(try index.query(signature(bands: [5, 6, 7, 8])) == ["a"])
    }

    @Test("removing from the head, middle and tail of a bucket chain keeps the others findable")
    func chains() throws {
        var index = LSHIndex<Int>(parameters: parameters, settings: settings)
        let shared = signature(bands: [1, 2, 3, 4])
        for key in 0..<6 { try index.insert(key, signature: shared) }
        #expect(try index.query(shared) == [0, 1, 2, 3, 4, 5])
        index.remove(3)  // middle
        #expect(try index.query(shared) == [0, 1, 2, 4, 5])
        index.remove(5)  // newest: the head of every chain
        #expect(try index.query(shared) == [0, 1, 2, 4])
        index.remove(0)  // oldest: the tail of every chain
        #expect(try index.query(shared) == [1, 2, 4])
        for band in 0..<4 {
            // Each band's chain alone still holds the survivors.
            var values: [UInt32] = [9, 9, 9, 9]
            values[band] = UInt32(band + 1)
            #expect(try index.query(signature(bands: values)) == [1, 2, 4], "band \(band)")
        }
        index.remove(1)
        index.remove(2)
        index.remove(4)
        #expect(try index.query(shared).isEmpty)
        #expect(index.count == 0)
    }

    @Test("keys sharing different bands stay findable through each band after removals")
    func overlappingChains() throws {
        var index = LSHIndex<String>(parameters: parameters, settings: settings)
        try index.insert("x", signature: signature(bands: [1, 2, 3, 4]))
        try index.insert("y", signature: signature(bands: [1, 20, 30, 40]))  // band 0 with x
        try index.insert("z", signature: signature(bands: [10, 2, 30, 41]))  // band 1 with x, band 2 with y
        try index.insert("w", signature: signature(bands: [1, 2, 31, 4]))  // bands 0, 1, 3 with x
        #expect(try index.query(signature(bands: [1, 2, 3, 4])) == ["x", "y", "z", "w"])
        index.remove("x")
        #expect(try index.query(signature(bands: [1, 2, 3, 4])) == ["y", "z", "w"])
        #expect(try index.query(signature(bands: [0, 0, 30, 0])) == ["y", "z"])
        index.remove("z")
        #expect(try index.query(signature(bands: [0, 0, 30, 0])) == ["y"])
        #expect(try index.query(signature(bands: [0, 2, 0, 0])) == ["w"])
        #expect(try index.query(signature(bands: [1, 0, 0, 0])) == ["y", "w"])
    }

    @Test("a freed slot is reused without resurrecting the removed key")
    func slotReuse() throws {
        var index = LSHIndex<String>(parameters: parameters, settings: settings)
        try index.insert("old", signature: signature(bands: [1, 2, 3, 4]))
        try index.insert("keep", signature: signature(bands: [1, 2, 3, 4]))
        index.remove("old")
        try index.insert("new", signature: signature(bands: [5, 6, 7, 8]))
        #expect(try index.query(signature(bands: [1, 2, 3, 4])) == ["keep"])
        #expect(try index.query(signature(bands: [5, 6, 7, 8])) == ["new"])
        #expect(!index.contains("old"))
        #expect(index.count == 2)
    }

    @Test("signatures made with other settings are refused")
    func settingsMismatch() throws {
        var index = LSHIndex<String>(parameters: parameters, settings: settings)
        var otherSettings = settings
        otherSettings.seed = 1
        let foreign = MinHashSignature(settings: otherSettings, values: [1, 2, 3, 4, 5, 6, 7, 8])
        let error = #expect(throws: MinHashSettingsMismatch.self) { try index.insert("f", signature: foreign) }
        #expect(error?.left == otherSettings)
        #expect(error?.right == settings)
        #expect(index.count == 0)
        #expect(!index.contains("f"))
        try index.insert("a", signature: signature([1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(throws: MinHashSettingsMismatch.self) { try index.query(foreign) }
        // A refused replacement leaves the old signature in place.
        #expect(throws: MinHashSettingsMismatch.self) { try index.insert("a", signature: foreign) }
        #expect(try index.query(signature([1, 2, 3, 4, 5, 6, 7, 8])) == ["a"])
        #expect(index.count == 1)
    }

    @Test("empty signatures are counted but never returned, and an empty query finds nothing")
    func emptySignatures() throws {
        var index = LSHIndex<String>(parameters: parameters, settings: settings)
        try index.insert("empty", signature: emptySignature)
        #expect(index.count == 1)
        #expect(index.contains("empty"))
        // A real signature whose values happen to equal the empty one's placeholder values.
        let allMax = signature(Array(repeating: .max, count: 8))
        try index.insert("max", signature: allMax)
        #expect(try index.query(allMax) == ["max"])
        #expect(try index.query(emptySignature).isEmpty)
        // Replacing the empty signature with a real one makes the key findable, and back again.
        try index.insert("empty", signature: signature(bands: [1, 2, 3, 4]))
        #expect(try index.query(signature(bands: [1, 2, 3, 4])) == ["empty"])
        try index.insert("empty", signature: emptySignature)
        #expect(try index.query(signature(bands: [1, 2, 3, 4])).isEmpty)
        index.remove("empty")
        #expect(index.count == 1)
        #expect(try index.query(allMax) == ["max"])
    }

    @Test("query results are deterministic: each key once, oldest first")
    func deterministicOrder() throws {
        func build() throws -> LSHIndex<String> {
            var index = LSHIndex<String>(parameters: parameters, settings: settings)
            for (position, key) in ["k", "e", "y", "s", "o", "r", "t"].enumerated() {
                // Every key shares band 0; some share more bands with the query, which must not repeat them.
                try index.insert(
                    key, signature: signature(bands: [7, UInt32(position % 2), 100 + UInt32(position), 3]))
            }
            index.remove("s")
            try index.insert("s", signature: signature(bands: [7, 0, 0, 0]))
            return index
        }
        let query = signature(bands: [7, 0, 9, 3])
        let first = try build().query(query)
        let second = try build().query(query)
        #expect(first == second)
        #expect(Set(first) == ["k", "e", "y", "s", "o", "r", "t"])
        #expect(first.count == 7)
        // Without removals the order is insertion order.
        var index = LSHIndex<Int>(parameters: parameters, settings: settings)
        for key in [42, 7, 19, 3, 88] { try index.insert(key, signature: signature(bands: [1, UInt32(key), 2, 3])) }
        #expect(try index.query(signature(bands: [1, 0, 2, 3])) == [42, 7, 19, 3, 88])
    }

    @Test("random operations agree with a brute-force model")
    func modelCheck() throws {
        // Band values come from a small alphabet so that buckets are long chains that share keys.
        var generator = SplitMix64(seed: 77)
        var index = LSHIndex<Int>(parameters: parameters, settings: settings)
        var model: [Int: MinHashSignature] = [:]
        func randomSignature() -> MinHashSignature {
            if Int.random(in: 0..<20, using: &generator) == 0 { return emptySignature }
            return signature((0..<8).map { _ in UInt32.random(in: 0..<3, using: &generator) })
        }
        func sharesBand(_ a: MinHashSignature, _ b: MinHashSignature) -> Bool {
            guard !a.isEmpty, !b.isEmpty else { return false }
            return (0..<4).contains { band in
                a.values[(2 * band)..<(2 * band + 2)] == b.values[(2 * band)..<(2 * band + 2)]
            }
        }
        for step in 0..<3000 {
            let key = Int.random(in: 0..<40, using: &generator)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<5:
                let value = randomSignature()
                try index.insert(key, signature: value)
                model[key] = value
            case 5..<8:
                index.remove(key)
                model[key] = nil
            default:
                let probe = randomSignature()
                let found = try index.query(probe)
                let expected = Set(model.filter { sharesBand($0.value, probe) }.keys)
                #expect(Set(found) == expected, "step \(step)")
                #expect(found.count == Set(found).count, "duplicates at step \(step)")
            }
            #expect(index.count == model.count)
        }
        for key in 0..<40 { #expect(index.contains(key) == (model[key] != nil)) }
    }
}

@Suite("LSH preconditions")
struct LSHPreconditionTests {
    @Test("an index whose banding needs more values than a signature has is refused")
    func bandingTooLong() async {
        await #expect(processExitsWith: .failure) {
            _ = LSHIndex<Int>(
                parameters: LSHParameters(bands: 9, rows: 15),
                settings: MinHashSettings(scheme: .onePermutation, length: 128, seed: 0, shingleSize: 5))
        }
    }

    @Test("bands and rows must be positive")
    func positiveBanding() async {
        await #expect(processExitsWith: .failure) { _ = LSHParameters(bands: 0, rows: 4) }
        await #expect(processExitsWith: .failure) { _ = LSHParameters(bands: 4, rows: 0) }
    }

    @Test("the threshold must lie strictly between 0 and 1")
    func thresholdRange() async {
        await #expect(processExitsWith: .failure) { _ = LSHParameters.optimal(threshold: 1, signatureLength: 128) }
        await #expect(processExitsWith: .failure) { _ = LSHParameters.optimal(threshold: 0, signatureLength: 128) }
    }
}
