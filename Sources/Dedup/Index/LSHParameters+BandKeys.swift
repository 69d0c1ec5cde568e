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
            (0..<bands).map { band in
                let slice = UnsafeBufferPointer(rebasing: values[(band * rows)..<((band + 1) * rows)])
                var words = slice.map { $0.littleEndian }
                return words.withUnsafeMutableBytes { XXH3.hash(UnsafeRawBufferPointer($0), seed: UInt64(band)) }
            }
        }
    }
}
