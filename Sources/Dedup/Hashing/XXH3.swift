import CXXHash

/// Seeded 64-bit XXH3 hashing, from the system's libxxhash.
///
/// Every hash in the fingerprint path goes through here: shingles, LSH band keys and content hashes.
/// Different seeds give independent hash families.
public enum XXH3 {
    /// The XXH3-64 hash of `bytes` with `seed`.
    @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        dedup_xxh3_64_seeded(bytes.baseAddress, bytes.count, seed)
    }

    /// The XXH3-64 hash of `count` bytes at `bytes` with `seed`.
    @inline(__always)
    public static func hash(_ bytes: UnsafeRawPointer, count: Int, seed: UInt64) -> UInt64 {
        dedup_xxh3_64_seeded(bytes, count, seed)
    }

    /// The XXH3-64 hash of `count` bytes at `bytes` with `seed`, computed for the lengths of word shingles (17 to 64
    /// bytes) without a data-dependent branch; the same value as ``hash(_:count:seed:)``.
    @inline(__always)
    public static func shingleHash(_ bytes: UnsafeRawPointer, count: Int, seed: UInt64) -> UInt64 {
        dedup_xxh3_64_seeded_shingle(bytes, count, seed)
    }

    /// The XXH3-64 hash of a byte collection with `seed`.
    public static func hash(_ bytes: some Collection<UInt8>, seed: UInt64) -> UInt64 {
        if let hash = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0), seed: seed) }) {
            return hash
        }
        return Array(bytes).withUnsafeBytes { hash($0, seed: seed) }
    }

    /// The XXH3-64 hash of a string's UTF-8 bytes with `seed`.
    public static func hash(_ string: String, seed: UInt64) -> UInt64 {
        var string = string
        return string.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }
}
