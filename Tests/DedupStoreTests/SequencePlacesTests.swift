import Dedup
import Testing

@testable import DedupStore

/// The fingerprint cache's map from sequence number to place gives what a `Dictionary` gives.
@Suite("Sequence places")
struct SequencePlacesTests {
    @Test("sets, lookups and removals agree with a Dictionary", arguments: [1, 2, 3])
    func againstDictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var places = SequencePlaces()
        var reference: [Int64: Int] = [:]
        // Keys from a small range (many collisions, replacements and removals of present keys), from the dense
        // range the sequence numbers take, and extremes; including 0 and negative numbers, which no article has.
        func key() -> Int64 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: return Int64.random(in: -3...3, using: &random)
            case 1: return [Int64.max, Int64.min + 1, 1 << 40][Int.random(in: 0..<3, using: &random)]
            case 2...5: return Int64.random(in: 1...64, using: &random)
            default: return Int64.random(in: 1...5_000, using: &random)
            }
        }
        for step in 0..<40_000 {
            let k = key()
            switch Int.random(in: 0..<10, using: &random) {
            case 0...4:
                let place = Int.random(in: 0...1 << 40, using: &random)
                places.set(k, to: place)
                reference[k] = place
            case 5...7:
                #expect(places.removeValue(forKey: k) == reference.removeValue(forKey: k), "step \(step), key \(k)")
            default:
                #expect(places[k] == reference[k], "step \(step), key \(k)")
            }
            #expect(places.count == reference.count, "step \(step)")
        }
        for (k, place) in reference { #expect(places[k] == place) }
        #expect(places[Int64.min] == nil)
        #expect(places.removeValue(forKey: Int64.min) == nil)
    }

    @Test("removing every key of a long run leaves the others found")
    func runs() {
        var places = SequencePlaces()
        for k in 1...1_000 { places.set(Int64(k), to: k) }
        for k in stride(from: 1, through: 1_000, by: 3) { #expect(places.removeValue(forKey: Int64(k)) == k) }
        for k in 1...1_000 { #expect(places[Int64(k)] == (k % 3 == 1 ? nil : k)) }
        #expect(places.count == 666)
    }
}
