import CXXHash

/// A map from article sequence number to a place (a non-negative integer), for ``FingerprintCache``: open
/// addressing with linear probing in one array of key–value pairs, so that a lookup touches one cache line where a
/// `Dictionary` touches its bitmap, its keys and its values; a removal shifts the following entries back rather than
/// leaving a tombstone.
///
/// A template check looks up thousands of sequence numbers in a table of hundreds of thousands: with a `Dictionary`
/// the lookups were an eighth of the check's time.
struct SequencePlaces {
    private struct Entry {
        var key: Int64
        var place: Int
    }

    /// The key of an empty slot; no article has it (sequence numbers start at 1).
    private static let empty = Int64.min

    private var entries: [Entry]
    /// `entries.count - 1`; the count is a power of two.
    private var mask: Int
    /// The entries in use.
    private(set) var count = 0

    /// An empty map.
    init() {
        entries = Array(repeating: Entry(key: Self.empty, place: 0), count: 16)
        mask = 15
    }

    /// The place of `key`, if it has one.
    subscript(key: Int64) -> Int? {
        guard key != Self.empty else { return nil }
        var slot = slot(of: key)
        while true {
            let entry = entries[slot]
            if entry.key == key { return entry.place }
            if entry.key == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// A hint that `key` will be looked up soon: its home slot is fetched into the cache. No effect on results.
    @inline(__always)
    func prefetch(_ key: Int64) {
        let slot = slot(of: key)
        entries.withUnsafeBufferPointer { dedup_prefetch($0.baseAddress! + slot) }
    }

    /// Gives `key` the place `place`, replacing the place it had.
    /// - Precondition: `key` is not `Int64.min`, `place` is not negative.
    mutating func set(_ key: Int64, to place: Int) {
        precondition(key != Self.empty && place >= 0, "a sequence number and a place")
        if (count + 1) * 2 > entries.count { grow() }
        var slot = slot(of: key)
        while entries[slot].key != Self.empty && entries[slot].key != key { slot = (slot + 1) & mask }
        if entries[slot].key == Self.empty { count += 1 }
        entries[slot] = Entry(key: key, place: place)
    }

    /// Removes `key`; returns the place it had.
    mutating func removeValue(forKey key: Int64) -> Int? {
        guard key != Self.empty else { return nil }
        var slot = slot(of: key)
        while entries[slot].key != key {
            if entries[slot].key == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
        let place = entries[slot].place
        // Backward shift: each following entry of the run moves into the hole unless its home slot lies
        // cyclically after the hole (it would then be found before reaching the hole's slot).
        var hole = slot
        var next = (hole + 1) & mask
        while entries[next].key != Self.empty {
            let home = self.slot(of: entries[next].key)
            if (next - home) & mask >= (next - hole) & mask {
                entries[hole] = entries[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        entries[hole] = Entry(key: Self.empty, place: 0)
        count -= 1
        return place
    }

    /// The home slot of `key`: the top bits of a multiplicative hash.
    private func slot(of key: Int64) -> Int {
        let hash = UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: hash >> UInt64(64 - mask.nonzeroBitCount)) & mask
    }

    private mutating func grow() {
        let old = entries
        entries = Array(repeating: Entry(key: Self.empty, place: 0), count: old.count * 2)
        mask = entries.count - 1
        count = 0
        for entry in old where entry.key != Self.empty { set(entry.key, to: entry.place) }
    }
}
