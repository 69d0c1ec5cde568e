import Dedup
import Testing

/// The LSH index against a plain model (a dictionary of signatures, queried by comparing bands one by one) over a
/// long random sequence of inserts, replacements, removals and queries. Few distinct band values make large
/// buckets and many buckets that empty and fill again, which exercises the bucket tables' growth and removal.
@Suite("LSHIndex against a model")
struct LSHIndexModelTests {
    static let settings = MinHashSettings(scheme: .onePermutation, length: 6, seed: 0, shingleSize: 1)
    static let parameters = LSHParameters(bands: 3, rows: 2)

    static func bandsEqual(_ a: [UInt32], _ b: [UInt32], band: Int) -> Bool {
        a[2 * band] == b[2 * band] && a[2 * band + 1] == b[2 * band + 1]
    }

    @Test("random inserts, removals and queries agree with the model", arguments: [40, 400])
    func randomOperations(valueRange: Int) throws {
        var generator = SplitMix64(seed: UInt64(valueRange))
        var index = LSHIndex<Int>(parameters: Self.parameters, settings: Self.settings)
        var model: [Int: [UInt32]] = [:]
        func randomValues() -> [UInt32] {
            (0..<6).map { _ in UInt32(generator.next() % UInt64(valueRange)) }
        }
        for step in 0..<20_000 {
            let key = Int(generator.next() % 600)
            switch generator.next() % 10 {
            case 0..<5:
                let values = randomValues()
                try index.insert(key, signature: MinHashSignature(settings: Self.settings, values: values))
                model[key] = values
            case 5..<7:
                index.remove(key)
                model[key] = nil
            default:
                let values = randomValues()
                let found = try index.query(MinHashSignature(settings: Self.settings, values: values))
                let expected = Set(
                    model.filter { _, indexed in
                        (0..<3).contains { Self.bandsEqual(indexed, values, band: $0) }
                    }.keys)
                #expect(Set(found) == expected, "step \(step)")
                #expect(found.count == Set(found).count, "step \(step): a key returned twice")
                if Set(found) != expected { return }
            }
            #expect(index.count == model.count)
        }
        // Removing everything leaves an index that finds nothing.
        for key in model.keys { index.remove(key) }
        #expect(index.count == 0)
        for _ in 0..<200 {
            #expect(try index.query(MinHashSignature(settings: Self.settings, values: randomValues())).isEmpty)
        }
    }
}
