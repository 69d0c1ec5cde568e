/// The passages two texts share: the tokens of each covered by a word shingle that the other text has too.
///
/// Shingles are those of the fingerprint (``Shingler``, same size and seed), so a highlighted passage is exactly
/// what the two signatures agree on, at the resolution of one shingle: a run of shared text shorter than the
/// shingle size is not highlighted, and an edit breaks the highlight for up to `size - 1` words around it.
public struct SharedPassages: Sendable, Hashable {
    /// For each token of the first text, whether a shared shingle covers it.
    public var first: [Bool]
    /// For each token of the second text, whether a shared shingle covers it.
    public var second: [Bool]

    /// The shared passages of `first` and `second` under `shingler`.
    /// - Complexity: O(n + m) shingles hashed and looked up.
    public init(_ first: LocatedTokens, _ second: LocatedTokens, shingler: Shingler) {
        let firstHashes = shingler.shingleHashes(of: first.tokens)
        let secondHashes = shingler.shingleHashes(of: second.tokens)
        let firstSet = Set(firstHashes)
        let secondSet = Set(secondHashes)
        self.first = Self.coverage(firstHashes, tokens: first.count, size: shingler.size) { secondSet.contains($0) }
        self.second = Self.coverage(secondHashes, tokens: second.count, size: shingler.size) { firstSet.contains($0) }
    }

    /// The share of `covered` that is true (0 for no tokens).
    public static func share(_ covered: [Bool]) -> Double {
        covered.isEmpty ? 0 : Double(covered.count(where: { $0 })) / Double(covered.count)
    }

    /// The covered tokens as ranges of UTF-8 offsets, per part: consecutive covered tokens of a part make one
    /// range, the characters between them included. Parts without a range are absent.
    public static func ranges(_ covered: [Bool], in tokens: LocatedTokens) -> [Int: [Range<Int>]] {
        precondition(covered.count == tokens.count, "one coverage flag per token")
        var result: [Int: [Range<Int>]] = [:]
        var current: (part: Int, range: Range<Int>)?
        for (index, location) in tokens.locations.enumerated() {
            guard covered[index] else {
                if let run = current { result[run.part, default: []].append(run.range) }
                current = nil
                continue
            }
            if let run = current, run.part == location.part {
                current = (run.part, run.range.lowerBound..<max(run.range.upperBound, location.range.upperBound))
            } else {
                if let run = current { result[run.part, default: []].append(run.range) }
                current = (location.part, location.range)
            }
        }
        if let run = current { result[run.part, default: []].append(run.range) }
        return result
    }

    /// `ranges` (UTF-8 offsets into `text`) widened over the punctuation and symbols that touch them, so that a
    /// highlight takes in the quotation marks, the currency sign or the percent sign of its words; never over a
    /// letter, a digit or a space.
    public static func widened(_ ranges: [Range<Int>], in text: some StringProtocol) -> [Range<Int>] {
        let text = String(text)
        let utf8 = text.utf8
        func isAttached(_ character: Character) -> Bool {
            (character.isPunctuation || character.isSymbol) && !character.isWhitespace
        }
        var result: [Range<Int>] = []
        for range in ranges {
            var lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            var upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            while lower > text.startIndex {
                let before = text.index(before: lower)
                guard isAttached(text[before]) else { break }
                lower = before
            }
            while upper < text.endIndex, isAttached(text[upper]) {
                upper = text.index(after: upper)
            }
            let widened =
                utf8.distance(
                    from: utf8.startIndex, to: lower)..<utf8.distance(
                    from: utf8.startIndex, to: upper)
            // Two passages joined by punctuation alone become one.
            if let last = result.last, widened.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, widened.upperBound)
            } else {
                result.append(widened)
            }
        }
        return result
    }

    private static func coverage(
        _ hashes: [UInt64], tokens: Int, size: Int, isShared: (UInt64) -> Bool
    ) -> [Bool] {
        var covered = [Bool](repeating: false, count: tokens)
        for (index, hash) in hashes.enumerated() where isShared(hash) {
            // A text shorter than the shingle size has one shingle of all its tokens.
            for token in index..<min(index + size, tokens) { covered[token] = true }
        }
        return covered
    }
}
