/// Tells a re-issued template story (same sentences, other figures) from a copy.
///
/// Newswires publish many short items from one template: a daily money-market operation, a price report, a crop
/// estimate. Their texts are nearly identical, yet each reports different figures. A copy keeps its figures (a
/// truncated take drops some, an update adds some); a template re-issue *replaces* them.
///
/// The rule compares the documents' figures (tokens with a digit, and the number words "one" to "twenty", the
/// tens and "hundred" read as digits). With F₁ and F₂ the two sets, the replaced figures are
/// `r = min(|F₁ − F₂|, |F₂ − F₁|)`: a truncation or an extension only removes or adds figures on one side, so r = 0.
/// The pair is a template pair when `r ≥ minimumReplaced` and `r` per 100 tokens of the shorter document is at
/// least `replacedPer100Tokens`. So one corrected figure in a 500-token story (0.2 per 100) is still a copy, while
/// one changed figure in a 56-token money-market item (1.8 per 100) is a new day's item.
///
/// Measured on 495 hand-labeled Reuters-21578 pairs with J ≥ 0.5 (162 template, 333 copy): 131 templates caught,
/// 13 copies wrongly rejected (corrections of a figure in short stories, which text alone cannot tell from a new
/// issue), 31 templates missed (same figures, other time word or fund name). See `docs/design/defaults.md`.
public struct TemplateRule: Sendable, Hashable, Codable {
    /// The smallest number of replaced figures that can make a template pair.
    public var minimumReplaced: Int
    /// Replaced figures per 100 tokens of the shorter document at or above which the pair is a template pair.
    public var replacedPer100Tokens: Double
    /// Whether the rule is applied at all.
    public var isEnabled: Bool

    /// The measured defaults.
    public static let standard = TemplateRule(minimumReplaced: 1, replacedPer100Tokens: 1.0, isEnabled: true)

    /// A rule with the given thresholds.
    public init(minimumReplaced: Int, replacedPer100Tokens: Double, isEnabled: Bool = true) {
        self.minimumReplaced = minimumReplaced
        self.replacedPer100Tokens = replacedPer100Tokens
        self.isEnabled = isEnabled
    }

    /// What the rule saw in a pair.
    public struct Comparison: Sendable, Hashable {
        /// Figures replaced: min of the figures only in the first, and only in the second.
        public var replaced: Int
        /// Tokens of the shorter document.
        public var shorterTokens: Int
        /// Replaced figures per 100 tokens of the shorter document.
        public var replacedPer100Tokens: Double { shorterTokens > 0 ? 100 * Double(replaced) / Double(shorterTokens) : 0 }
        /// Whether the rule calls this a template pair.
        public var isTemplate: Bool
    }

    /// Compares the figures of two fingerprints.
    public func compare(_ first: Fingerprint, _ second: Fingerprint) -> Comparison {
        first.figures.withUnsafeBufferPointer { firstFigures in
            second.figures.withUnsafeBufferPointer { secondFigures in
                compare(
                    figures: firstFigures, tokenCount: first.tokenCount, secondFigures,
                    tokenCount: second.tokenCount)
            }
        }
    }

    /// Compares two documents' sorted, distinct figure hashes.
    func compare(
        figures first: UnsafeBufferPointer<UInt64>, tokenCount firstTokens: Int,
        _ second: UnsafeBufferPointer<UInt64>, tokenCount secondTokens: Int
    ) -> Comparison {
        let figures = SortedSetComparison(first, second)
        let replaced = min(figures.onlyFirst, figures.onlySecond)
        let shorterTokens = min(firstTokens, secondTokens)
        var comparison = Comparison(replaced: replaced, shorterTokens: shorterTokens, isTemplate: false)
        comparison.isTemplate =
            isEnabled && replaced >= minimumReplaced && comparison.replacedPer100Tokens >= replacedPer100Tokens
        return comparison
    }
}

/// Counts of a merge of two sorted, distinct arrays.
struct SortedSetComparison {
    var common = 0
    var onlyFirst = 0
    var onlySecond = 0

    init(_ first: UnsafeBufferPointer<UInt64>, _ second: UnsafeBufferPointer<UInt64>) {
        var i = 0
        var j = 0
        while i < first.count && j < second.count {
            if first[i] == second[j] {
                common += 1
                i += 1
                j += 1
            } else if first[i] < second[j] {
                onlyFirst += 1
                i += 1
            } else {
                onlySecond += 1
                j += 1
            }
        }
        onlyFirst += first.count - i
        onlySecond += second.count - j
    }
}
