import Dedup
import Foundation

/// How the SQL stores lay out the values that SQL has no type for. Both stores use these encodings, so that the two
/// have the same logical content.
enum StorageEncoding {
    /// An id as a text and whether it is an integer: the integer 7 and the string "7" are different ids.
    static func columns(of id: ArticleID) -> (text: String, isInteger: Bool) {
        switch id {
        case .integer(let value): (String(value), true)
        case .string(let value): (value, false)
        }
    }

    /// The id stored as `text`, an integer when `isInteger`.
    static func id(text: String, isInteger: Bool) throws -> ArticleID {
        guard isInteger else { return .string(text) }
        guard let value = Int64(text) else {
            throw IndexError(.storage, "the stored integer id '\(text)' is not an integer")
        }
        return .integer(value)
    }

    /// A signature's values as little-endian 32-bit words; an empty signature (no shingles) as no bytes.
    static func bytes(of signature: MinHashSignature) -> [UInt8] {
        guard !signature.isEmpty else { return [] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(signature.values.count * 4)
        for value in signature.values {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The signature stored as `bytes` with `settings`.
    static func signature(bytes: some Collection<UInt8>, settings: MinHashSettings) throws -> MinHashSignature {
        if bytes.isEmpty {
            return MinHashSignature(
                settings: settings, values: Array(repeating: UInt32.max, count: settings.length), isEmpty: true)
        }
        try checkSignature(byteCount: bytes.count, settings: settings)
        return MinHashSignature(settings: settings, values: words(bytes))
    }

    /// Checks that a stored signature of `byteCount` bytes has the length `settings` make (or is empty).
    static func checkSignature(byteCount: Int, settings: MinHashSettings) throws {
        guard byteCount == 0 || byteCount == settings.length * 4 else {
            throw IndexError(
                .incompatibleIndex,
                "a stored signature has \(byteCount) bytes; the index's settings want \(settings.length * 4)")
        }
    }

    /// Checks that `byteCount` bytes are a list of 64-bit values.
    static func checkValues(byteCount: Int) throws {
        guard byteCount % 8 == 0 else {
            throw IndexError(.storage, "a stored list of 64-bit values has \(byteCount) bytes")
        }
    }

    /// Checks that stored token and shingle counts are counts a fingerprint can have (0 up to 2³² − 1).
    static func checkCounts(tokenCount: Int, shingleCount: Int) throws {
        let counts = 0...Int(UInt32.max)
        guard counts.contains(tokenCount), counts.contains(shingleCount) else {
            throw IndexError(.storage, "a stored article has \(tokenCount) tokens and \(shingleCount) shingles")
        }
    }

    /// 64-bit values as little-endian words.
    static func bytes(of values: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The 64-bit values stored as little-endian words.
    static func values(bytes: some Collection<UInt8>) throws -> [UInt64] {
        try checkValues(byteCount: bytes.count)
        return words(bytes)
    }

    private static func words<Word: FixedWidthInteger>(_ bytes: some Collection<UInt8>) -> [Word] {
        let size = MemoryLayout<Word>.size
        let count = bytes.count / size
        // Stored rows come as contiguous bytes: load the words in place rather than a byte at a time.
        let loaded = bytes.withContiguousStorageIfAvailable { buffer in
            [Word](unsafeUninitializedCapacity: count) { words, initialized in
                let raw = UnsafeRawBufferPointer(buffer)
                for index in 0..<count {
                    words[index] = Word(littleEndian: raw.loadUnaligned(fromByteOffset: index * size, as: Word.self))
                }
                initialized = count
            }
        }
        if let loaded { return loaded }
        var words: [Word] = []
        words.reserveCapacity(bytes.count / size)
        var word: Word = 0
        var shift = 0
        for byte in bytes {
            word |= Word(byte) << shift
            shift += 8
            if shift == size * 8 {
                words.append(word)
                word = 0
                shift = 0
            }
        }
        return words
    }

    /// A 64-bit unsigned value as the signed integer SQL stores (same bits).
    static func signed(_ value: UInt64) -> Int64 { Int64(bitPattern: value) }

    /// The unsigned value of stored bits.
    static func unsigned(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }

    /// The configuration as stored in the meta table.
    static func json(of configuration: IndexConfiguration) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(configuration), as: UTF8.self)
    }

    /// The configuration stored as `json` (format `format`).
    /// - Throws: ``IndexError/Code/incompatibleIndex`` for a newer format or a configuration this code cannot read.
    static func configuration(json: String, format: Int) throws -> IndexConfiguration {
        guard format <= IndexConfiguration.currentFormat else {
            throw IndexError(
                .incompatibleIndex,
                "the index has format \(format); this build reads formats up to \(IndexConfiguration.currentFormat)")
        }
        do {
            return try JSONDecoder().decode(IndexConfiguration.self, from: Data(json.utf8))
        } catch {
            throw IndexError(.incompatibleIndex, "the index's stored configuration cannot be read: \(error)")
        }
    }
}
