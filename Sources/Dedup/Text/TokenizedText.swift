/// The normalized word tokens of a text.
///
/// Tokens are stored back to back in one UTF-8 buffer, separated by a single space, so that a shingle of `k`
/// consecutive tokens is one contiguous byte range and hashing it needs no allocation. The buffer is the
/// normalized form of the text: two texts are identical after normalization exactly when their buffers are equal.
public struct TokenizedText: Sendable, Hashable {
    /// Normalized tokens joined by single spaces (UTF-8).
    public internal(set) var bytes: [UInt8] = []
    /// The byte offset in ``bytes`` where each token starts.
    public internal(set) var tokenStarts: [Int32] = []
    /// What each token is: see ``TokenFlags``.
    public internal(set) var tokenFlags: [TokenFlags] = []

    /// An empty token sequence.
    public init() {}

    /// The number of tokens.
    public var count: Int { tokenStarts.count }

    /// Whether the text had no tokens at all.
    public var isEmpty: Bool { tokenStarts.isEmpty }

    /// The byte range of token `index` in ``bytes``.
    @inlinable
    public func byteRange(ofToken index: Int) -> Range<Int> {
        let start = Int(tokenStarts[index])
        let end = index + 1 < tokenStarts.count ? Int(tokenStarts[index + 1]) - 1 : bytes.count
        return start..<end
    }

    /// The normalized tokens as strings (for display and tests; the hot path never builds them).
    public var tokens: [String] {
        (0..<count).map { String(decoding: bytes[byteRange(ofToken: $0)], as: UTF8.self) }
    }

    /// The normalized tokens `range` as strings.
    func tokens(_ range: Range<Int>) -> [String] {
        range.map { String(decoding: bytes[byteRange(ofToken: $0)], as: UTF8.self) }
    }

    /// The normalized text: tokens joined by single spaces.
    public var normalizedText: String { String(decoding: bytes, as: UTF8.self) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        tokenStarts.removeAll(keepingCapacity: true)
        tokenFlags.removeAll(keepingCapacity: true)
    }
}

/// Properties of one token, recorded while tokenizing.
public struct TokenFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The token contains a decimal digit: a figure, a date part, a price.
    public static let numeric = TokenFlags(rawValue: 1 << 0)
    /// The token started with an uppercase letter in the original text.
    public static let capitalized = TokenFlags(rawValue: 1 << 1)
    /// The token is the first of a sentence, a line or the text.
    public static let sentenceInitial = TokenFlags(rawValue: 1 << 2)
    /// The token is one character of a script written without spaces (Chinese, Japanese, Thai, ...).
    public static let character = TokenFlags(rawValue: 1 << 3)
}
