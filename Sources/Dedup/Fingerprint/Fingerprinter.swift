/// Turns text into a ``Fingerprint``: normalize and tokenize, shingle, hash, sketch.
///
/// ```swift
/// let fingerprinter = Fingerprinter(settings: .standard)
/// let fingerprint = fingerprinter.fingerprint("Text of the article ...")
/// ```
/// A `Fingerprinter` is immutable and `Sendable`; per-thread working memory lives in a ``FingerprintScratch`` that
/// callers fingerprinting many documents reuse, so the hot path allocates only the fingerprint's own arrays.
public struct Fingerprinter: Sendable {
    /// The signature settings.
    public let settings: MinHashSettings
    /// The tokenizer.
    public let tokenizer: Tokenizer
    /// The shingler, `settings.shingleSize` tokens per shingle.
    public let shingler: Shingler
    /// The MinHash hasher.
    public let hasher: MinHasher

    /// A fingerprinter for `settings`.
    public init(settings: MinHashSettings = .standard) {
        self.settings = settings
        self.tokenizer = Tokenizer()
        self.shingler = Shingler(size: settings.shingleSize, seed: settings.seed)
        self.hasher = MinHasher(settings: settings)
    }

    /// The fingerprint of `text`.
    public func fingerprint(_ text: String) -> Fingerprint {
        var scratch = FingerprintScratch(hasher: hasher)
        return fingerprint(text, scratch: &scratch)
    }

    /// The fingerprint of `text`, using `scratch` for working memory.
    public func fingerprint(_ text: String, scratch: inout FingerprintScratch) -> Fingerprint {
        tokenizer.tokenize(text, into: &scratch.tokens)
        return fingerprint(tokens: scratch.tokens, scratch: &scratch)
    }

    /// The fingerprint of already tokenized text.
    public func fingerprint(tokens: TokenizedText, scratch: inout FingerprintScratch) -> Fingerprint {
        scratch.accumulator.reset()
        scratch.distinct.reset(expected: shingler.shingleCount(of: tokens))
        shingler.forEachShingleHash(in: tokens) { hash in
            // Only new shingles reach the sketch: repetitions change nothing and cost k updates in the classic scheme.
            if scratch.distinct.insert(hash) {
                scratch.accumulator.add(hash)
            }
        }
        let signature = scratch.accumulator.finish()
        let contentHash = tokens.bytes.withUnsafeBytes { XXH3.hash($0, seed: settings.seed) }
        var figures: [UInt64] = []
        tokens.bytes.withUnsafeBytes { bytes in
            for index in 0..<tokens.count {
                let token = UnsafeRawBufferPointer(rebasing: bytes[tokens.byteRange(ofToken: index)])
                if tokens.tokenFlags[index].contains(.numeric) {
                    figures.append(XXH3.hash(token, seed: 0))
                } else if let digits = NumberWords.digits(of: token) {
                    figures.append(XXH3.hash(digits, seed: 0))
                }
            }
        }
        return Fingerprint(
            signature: signature, contentHash: contentHash, tokenCount: tokens.count,
            shingleCount: scratch.distinct.count, figures: sortedDistinct(figures))
    }

    private func sortedDistinct(_ values: [UInt64]) -> [UInt64] {
        guard values.count > 1 else { return values }
        var values = values
        values.sort()
        var write = 1
        for read in 1..<values.count where values[read] != values[write - 1] {
            values[write] = values[read]
            write += 1
        }
        values.removeLast(values.count - write)
        return values
    }
}

/// Reusable working memory for ``Fingerprinter``: one per thread.
public struct FingerprintScratch {
    var tokens = TokenizedText()
    var accumulator: MinHashAccumulator
    var distinct = HashSet64()

    /// Working memory for `hasher`'s settings.
    public init(hasher: MinHasher) {
        accumulator = MinHashAccumulator(hasher: hasher)
    }

    /// Working memory for `fingerprinter`.
    public init(for fingerprinter: Fingerprinter) {
        self.init(hasher: fingerprinter.hasher)
    }
}

/// A reusable open-addressing set of 64-bit hashes, for counting distinct shingles without allocating per document.
struct HashSet64 {
    private var slots: [UInt64] = []
    private var occupied: [Bool] = []
    private var mask = 0
    private(set) var count = 0

    mutating func reset(expected: Int) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        if slots.count < capacity || slots.count > capacity * 8 {
            slots = Array(repeating: 0, count: capacity)
            occupied = Array(repeating: false, count: capacity)
        } else {
            for index in occupied.indices { occupied[index] = false }
        }
        mask = slots.count - 1
        count = 0
    }

    /// Inserts `hash`; returns whether it was new.
    @inline(__always)
    mutating func insert(_ hash: UInt64) -> Bool {
        var index = Int(truncatingIfNeeded: hash) & mask
        while occupied[index] {
            if slots[index] == hash { return false }
            index = (index + 1) & mask
        }
        occupied[index] = true
        slots[index] = hash
        count += 1
        return true
    }
}
