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
    /// - Complexity: O(n) for n tokens; no allocation per shingle or token: the fingerprint's two arrays (signature
    ///   values and figures), plus growth of `scratch` to the largest text seen.
    public func fingerprint(tokens: TokenizedText, scratch: inout FingerprintScratch) -> Fingerprint {
        let shingles = shingler.shingleCount(of: tokens)
        let size = shingler.size
        let seed = shingler.seed
        let tokenCount = tokens.count
        scratch.accumulator.reset()
        scratch.distinct.reset(expected: shingles)
        scratch.reserve(shingles: shingles, tokens: tokenCount)
        tokens.bytes.withUnsafeBytes { bytes in
            tokens.tokenStarts.withUnsafeBufferPointer { starts in
                scratch.shingleHashes.withUnsafeMutableBufferPointer { hashes in
                    // First every shingle's hash: the hashes do not depend on each other, so their work overlaps.
                    for index in 0..<shingles {
                        let start = Int(starts[index])
                        let last = index &+ size
                        let end = last < tokenCount ? Int(starts[last]) &- 1 : bytes.count
                        hashes[index] = XXH3.shingleHash(bytes.baseAddress! + start, count: end &- start, seed: seed)
                    }
                    // Then the distinct set and the sketch.
                    scratch.distinct.withTable { table in
                        scratch.accumulator.withSketch { sketch in
                            for index in 0..<shingles {
                                let hash = hashes[index]
                                sketch.add(hash, isNew: table.insert(hash))
                            }
                            return shingles > 0
                        }
                    }
                }
            }
        }
        let signature = scratch.accumulator.finish()
        let contentHash = tokens.bytes.withUnsafeBytes { XXH3.hash($0, seed: settings.seed) }
        let figures = scratch.figures(of: tokens)
        return Fingerprint(
            signature: signature, contentHash: contentHash, tokenCount: tokenCount,
            shingleCount: scratch.distinct.count, figures: figures)
    }
}

/// Reusable working memory for ``Fingerprinter``: one per thread.
public struct FingerprintScratch {
    var tokens = TokenizedText()
    var accumulator: MinHashAccumulator
    var distinct = HashSet64()
    /// Figure hashes of the current text, before sorting.
    var figureHashes: [UInt64] = []
    /// Shingle hashes of the current text, in order.
    var shingleHashes: [UInt64] = []
    /// The tokens of every block of the current article, and where each block's tokens start.
    var blockTokens = TokenizedText()
    var blockTokenStarts: [Int] = []
    /// What the short blocks of earlier pages said (see ``ShortBlockMemo``).
    var shortBlocks = ShortBlockMemo()

    /// Working memory for `hasher`'s settings.
    public init(hasher: MinHasher) {
        accumulator = MinHashAccumulator(hasher: hasher)
    }

    /// Working memory for `fingerprinter`.
    public init(for fingerprinter: Fingerprinter) {
        self.init(hasher: fingerprinter.hasher)
    }

    /// Grows the per-text buffers to hold `shingles` shingle hashes and `tokens` figures.
    mutating func reserve(shingles: Int, tokens: Int) {
        // Grow when too small; shrink only from a large buffer that is far too large, as `HashSet64` does.
        if shingleHashes.count < shingles || (shingleHashes.count > 1 << 16 && shingleHashes.count > shingles * 8) {
            shingleHashes = Array(repeating: 0, count: Swift.max(shingles, shingleHashes.count * 2))
        }
        if figureHashes.count < tokens {
            figureHashes = Array(repeating: 0, count: Swift.max(tokens, figureHashes.count * 2))
        }
    }

    /// Sorted, distinct hashes of the tokens with a digit and of the number words (as their digits).
    /// - Precondition: `reserve(shingles:tokens:)` made room for the tokens.
    mutating func figures(of tokens: TokenizedText) -> [UInt64] {
        precondition(figureHashes.count >= tokens.count, "reserve(shingles:tokens:) makes room for the figures")
        let numberWords = NumberWords.table
        return tokens.bytes.withUnsafeBytes { bytes in
            tokens.tokenStarts.withUnsafeBufferPointer { starts in
                tokens.tokenFlags.withUnsafeBufferPointer { flags in
                    numberWords.slots.withUnsafeBufferPointer { slots in
                        figureHashes.withUnsafeMutableBufferPointer { figures in
                            var count = 0
                            for index in 0..<starts.count {
                                let start = Int(starts[index])
                                let end = index &+ 1 < starts.count ? Int(starts[index &+ 1]) &- 1 : bytes.count
                                if flags[index].contains(.numeric) {
                                    figures[count] = XXH3.hash(bytes.baseAddress! + start, count: end &- start, seed: 0)
                                    count &+= 1
                                } else if let figure = numberWords.figure(in: bytes, start: start, end: end, slots: slots)
                                {
                                    figures[count] = figure
                                    count &+= 1
                                }
                            }
                            let distinct = SortedDistinct.sortAndUnique(
                                UnsafeMutableBufferPointer(rebasing: figures[0..<count]))
                            return distinct == 0 ? [] : Array(UnsafeBufferPointer(rebasing: figures[0..<distinct]))
                        }
                    }
                }
            }
        }
    }
}

/// A reusable open-addressing set of 64-bit hashes, for counting distinct shingles without allocating per document.
///
/// Zero marks an empty slot; the hash 0 itself is tracked by a flag. Only the first `capacity` slots (a power of two,
/// at least twice the expected count) are used and cleared for a document.
struct HashSet64 {
    private var slots: [UInt64] = []
    private var capacity = 0
    private var hasZero = false
    private(set) var count = 0

    mutating func reset(expected: Int) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        // Grow when too small; shrink only from a large table that is far too large, to bound the memory kept.
        if slots.count < capacity || (slots.count > 1 << 16 && slots.count > capacity * 8) {
            slots = Array(repeating: 0, count: capacity)
        } else {
            slots.withUnsafeMutableBufferPointer {
                UnsafeMutableBufferPointer(rebasing: $0[0..<capacity]).update(repeating: 0)
            }
        }
        self.capacity = capacity
        hasZero = false
        count = 0
    }

    /// Inserts `hash`; returns whether it was new.
    mutating func insert(_ hash: UInt64) -> Bool {
        withTable { $0.insert(hash) }
    }

    /// Runs `body` with raw access to the table, for a loop of inserts.
    @inline(__always)
    mutating func withTable<Result>(_ body: (inout HashTable64) -> Result) -> Result {
        let capacity = self.capacity
        let (result, hasZero, count) = slots.withUnsafeMutableBufferPointer { slots in
            var table = HashTable64(
                slots: slots.baseAddress!, mask: capacity - 1, hasZero: self.hasZero, count: self.count)
            let result = body(&table)
            return (result, table.hasZero, table.count)
        }
        self.hasZero = hasZero
        self.count = count
        return result
    }
}

/// The raw view of a ``HashSet64`` that the fingerprint loop inserts into.
struct HashTable64 {
    let slots: UnsafeMutablePointer<UInt64>
    let mask: Int
    var hasZero: Bool
    var count: Int

    /// Inserts `hash`; returns whether it was new.
    @inline(__always)
    mutating func insert(_ hash: UInt64) -> Bool {
        if hash == 0 {
            if hasZero { return false }
            hasZero = true
            count &+= 1
            return true
        }
        var index = Int(truncatingIfNeeded: hash) & mask
        var slot = slots[index]
        while slot != hash && slot != 0 {
            index = (index &+ 1) & mask
            slot = slots[index]
        }
        // Written whether new or not (the same value then): one branch fewer.
        slots[index] = hash
        let isNew = slot == 0
        count &+= isNew ? 1 : 0
        return isNew
    }
}

/// In-place sorting without the temporary buffer of the standard library's sort.
enum SortedDistinct {
    /// Sorts `values` ascending (heapsort) and moves the distinct ones to the front; returns how many there are.
    static func sortAndUnique(_ values: UnsafeMutableBufferPointer<UInt64>) -> Int {
        let count = values.count
        guard count > 1 else { return count }
        func siftDown(_ start: Int, _ end: Int) {
            var root = start
            while true {
                var child = 2 &* root &+ 1
                if child >= end { return }
                if child &+ 1 < end && values[child] < values[child &+ 1] { child &+= 1 }
                if values[root] >= values[child] { return }
                values.swapAt(root, child)
                root = child
            }
        }
        var start = count / 2
        while start > 0 {
            start -= 1
            siftDown(start, count)
        }
        var end = count
        while end > 1 {
            end -= 1
            values.swapAt(0, end)
            siftDown(0, end)
        }
        var write = 1
        for read in 1..<count where values[read] != values[write &- 1] {
            values[write] = values[read]
            write &+= 1
        }
        return write
    }
}
