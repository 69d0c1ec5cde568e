extension LSHParameters {
    /// The bucket key of each band of `signature`: XXH3-64 of the band's values (little-endian 32-bit words),
    /// seeded by the band number. Persistent indexes store these keys, so this definition is part of their
    /// format: changing it requires re-signing the index.
    ///
    /// An empty signature has no bands (it is similar to nothing).
    public func bandKeys(of signature: MinHashSignature) -> [UInt64] {
        guard !signature.isEmpty else { return [] }
        precondition(valuesUsed <= signature.values.count, "the banding needs more values than the signature has")
        return signature.values.withUnsafeBufferPointer { values in
            (0..<bands).map { band in Self.bandKey(of: values, band: band, rows: rows) }
        }
    }

    /// The bucket key of band `band` (of `rows` values) of a signature's `values`, as ``bandKeys(of:)`` defines it;
    /// the in-memory indexes use it too, so that every index puts two signatures in the same buckets.
    @inline(__always)
    static func bandKey(of values: UnsafeBufferPointer<UInt32>, band: Int, rows: Int) -> UInt64 {
        let start = values.baseAddress! + band * rows
        #if _endian(little)
            return XXH3.hash(UnsafeRawPointer(start), count: rows * MemoryLayout<UInt32>.size, seed: UInt64(band))
        #else
            var words = (0..<rows).map { start[$0].littleEndian }
            return words.withUnsafeMutableBytes { XXH3.hash(UnsafeRawBufferPointer($0), seed: UInt64(band)) }
        #endif
    }
}
