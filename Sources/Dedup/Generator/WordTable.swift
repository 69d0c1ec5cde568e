import Foundation

/// A list of words or phrases stored back to back in one byte buffer, so that writing one into a page is a copy of
/// bytes, with no `String` made per word.
struct WordTable: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [UInt32] = [0]
    /// The number of words (space-separated runs) in each entry.
    private(set) var wordCounts: [Int] = []

    init() {}

    init(_ words: [String]) {
        for word in words { append(word) }
    }

    var count: Int { starts.count - 1 }

    mutating func append(_ word: String) {
        append(Array(word.utf8))
    }

    mutating func append(_ word: [UInt8]) {
        bytes.append(contentsOf: word)
        starts.append(UInt32(bytes.count))
        wordCounts.append(word.split(separator: 0x20).count)
    }

    /// The bytes of entry `index`.
    subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[Int(starts[index])..<Int(starts[index + 1])]
    }

    /// Entry `index` as a string (for headlines and names that end up in `String` fields).
    func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }
}

/// The vocabulary packed for the hot loop: word `i` is in the 16-byte slot at `16 i` as its length, a space and its
/// bytes, so that writing " word" or "word" is two 8-byte loads and stores, with no offset to look up, no slice and
/// no reference counting. The memory stays put for the generator's lifetime.
final class PackedWords: @unchecked Sendable {
    // Written once in init, then only read: safe to share between threads.
    private let slots: UnsafeMutableRawBufferPointer

    /// The longest word a slot holds.
    static let maximumLength = 14

    init(_ table: WordTable) {
        // One slot of padding: a copy reads 16 bytes from inside the last slot.
        slots = .allocate(byteCount: 16 * (table.count + 1), alignment: 16)
        slots.initializeMemory(as: UInt8.self, repeating: 0)
        for index in 0..<table.count {
            let word = table[index]
            precondition(word.count <= PackedWords.maximumLength, "vocabulary words have at most 14 bytes")
            slots[16 * index] = UInt8(word.count)
            slots[16 * index + 1] = 0x20
            for (offset, byte) in word.enumerated() { slots[16 * index + 2 + offset] = byte }
        }
    }

    deinit {
        slots.deallocate()
    }

    /// Writes word `index` at `destination` (which must have 16 bytes of room), after a space when `space`;
    /// returns the number of bytes written.
    @inline(__always)
    func write(_ index: Int, space: Bool, to destination: UnsafeMutableRawPointer) -> Int {
        let slot = slots.baseAddress! + 16 * index
        let skip = space ? 1 : 2
        destination.storeBytes(of: slot.loadUnaligned(fromByteOffset: skip, as: UInt64.self), as: UInt64.self)
        destination.storeBytes(
            of: slot.loadUnaligned(fromByteOffset: skip + 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        return Int(slot.load(as: UInt8.self)) + 2 - skip
    }
}

/// Draws word ranks from a Zipf–Mandelbrot law, P(r) ∝ 1 / (r + q)^s, in constant time.
///
/// Two alias tables (Vose): one for the most frequent ranks, small enough to stay in the L1 cache, and one for the
/// rest. Most draws (about 60% with the defaults) are served by the small one, so they never wait for memory.
struct ZipfSampler: Sendable {
    /// Each entry: the acceptance threshold (22 bits, high) and the alias (low 32 bits).
    private let head: [UInt64]
    private let tail: [UInt64]
    /// Draws whose low 20 bits are below this go to the head.
    private let headThreshold: UInt64
    let count: Int

    static let headSize = 1024

    /// A sampler over `count` ranks with exponent `exponent` and offset `offset`.
    init(count: Int, exponent: Double, offset: Double = 2.7) {
        precondition(count >= 1 && count < 1 << 30)
        self.count = count
        let weights = (0..<count).map { 1 / pow(Double($0) + offset, exponent) }
        let total = weights.reduce(0, +)
        let headCount = min(ZipfSampler.headSize, count)
        let headWeight = weights[..<headCount].reduce(0, +)
        headThreshold = count == headCount ? 1 << 20 : UInt64((headWeight / total * Double(1 << 20)).rounded())
        head = ZipfSampler.aliasTable(Array(weights[..<headCount]), offset: 0)
        tail = count > headCount ? ZipfSampler.aliasTable(Array(weights[headCount...]), offset: headCount) : [0]
    }

    /// Vose's alias table for `weights`, whose ranks start at `offset`.
    private static func aliasTable(_ weights: [Double], offset: Int) -> [UInt64] {
        let n = weights.count
        let total = weights.reduce(0, +)
        var scaled = weights.map { $0 * Double(n) / total }
        var threshold = [UInt64](repeating: 1 << 22, count: n)
        var alias = Array(0..<n)
        var small: [Int] = []
        var large: [Int] = []
        for (index, weight) in scaled.enumerated() {
            if weight < 1 { small.append(index) } else { large.append(index) }
        }
        while let s = small.popLast() {
            guard let l = large.last else { continue }
            threshold[s] = UInt64((scaled[s] * Double(1 << 22)).rounded(.down))
            alias[s] = l
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        return (0..<n).map { threshold[$0] << 32 | UInt64(offset + alias[$0]) }
    }

    /// A rank in `0..<count`, smaller ranks more likely. Uses all 64 bits of `random`: 20 choose the table, 22 the
    /// column, 22 the coin.
    @inline(__always)
    func sample(_ random: UInt64) -> Int {
        random & 0xF_FFFF < headThreshold ? pick(head, random, base: 0) : pick(tail, random, base: head.count)
    }

    @inline(__always)
    private func pick(_ table: [UInt64], _ random: UInt64, base: Int) -> Int {
        let column = Int((((random >> 20) & 0x3F_FFFF) &* UInt64(table.count)) >> 22)
        let entry = table[column]
        return random >> 42 < entry >> 32 ? base + column : Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)
    }
}
