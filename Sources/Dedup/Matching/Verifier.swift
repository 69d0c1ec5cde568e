/// Scores a candidate pair and decides whether it is a copy, and of what kind.
///
/// Every candidate from the LSH index goes through here; nothing below the policy's thresholds is ever reported.
public struct Verifier: Sendable {
    /// The thresholds.
    public let policy: MatchPolicy

    /// A verifier applying `policy`.
    public init(policy: MatchPolicy = .standard) {
        self.policy = policy
    }

    /// The outcome of verifying one pair.
    public struct Assessment: Sendable, Hashable {
        /// The scores.
        public var scores: MatchScores
        /// The copy kind, or nil when the pair is not a copy.
        public var kind: CopyKind?
        /// The template rule's comparison, when it was consulted.
        public var template: TemplateRule.Comparison?
        /// Which rule decided (the words are made only when asked for: the scan verifies millions of pairs).
        let decision: Decision
        let policy: MatchPolicy

        /// The rule that decided, in words (for `dedup explain` and logs).
        public var rule: String {
            switch decision {
            case .emptyDocument:
                return "an empty document matches nothing"
            case .identical:
                return "identical after normalization"
            case .template:
                let comparison = template ?? TemplateRule.Comparison(replaced: 0, shorterTokens: 0, isTemplate: true)
                return "template story: \(comparison.replaced) figure(s) replaced, "
                    + "\(format(comparison.replacedPer100Tokens)) per 100 tokens of the shorter text ≥ "
                    + format(policy.templateRule.replacedPer100Tokens)
            case .nearDuplicate:
                return "Jaccard \(format(scores.jaccard)) ≥ \(format(policy.nearDuplicateThreshold))"
            case .belowThresholds:
                return "Jaccard \(format(scores.jaccard)) < \(format(policy.nearDuplicateThreshold)) and containment "
                    + "\(format(scores.containment)) < " + format(policy.containmentThreshold)
            case .tooFewShingles(let count):
                return "the shorter side has \(count) shingles, fewer than \(policy.minimumContainedShingles) needed "
                    + "to call it contained"
            case .tooShort(let ratio):
                return "the shorter side is \(format(ratio)) of the longer, below the contained-copy floor "
                    + format(policy.minimumContainedRatio)
            case .contained:
                return "containment \(format(scores.containment)) ≥ \(format(policy.containmentThreshold))"
            }
        }

        private func format(_ value: Double) -> String { JSONWriter.format(value, decimals: 3) }
    }

    enum Decision: Sendable, Hashable {
        case emptyDocument, identical, template, nearDuplicate, belowThresholds, contained
        case tooFewShingles(Int)
        case tooShort(Double)
    }

    /// Scores `copy` against `original` and decides.
    /// - Throws: ``MinHashSettingsMismatch`` if the signatures were made with different settings.
    public func assess(copy: Fingerprint, original: Fingerprint) throws(MinHashSettingsMismatch) -> Assessment {
        try Self.checkSettings(copy, original)
        return copy.withFacts { copy in original.withFacts { original in assess(copy: copy, original: original) } }
    }

    /// Scores `copy` against row `row` of `table` and decides, as ``assess(copy:original:)`` does with that row's
    /// fingerprint, without making it.
    /// - Throws: ``MinHashSettingsMismatch`` if `copy`'s signature was made with other settings than the table's.
    public func assess(copy: Fingerprint, row: Int, of table: FingerprintTable) throws(MinHashSettingsMismatch)
        -> Assessment
    {
        guard copy.signature.settings == table.settings else {
            throw MinHashSettingsMismatch(left: copy.signature.settings, right: table.settings)
        }
        return copy.withFacts { copy in table.withFacts(row: row) { original in assess(copy: copy, original: original) }
        }
    }

    /// Scores and decides a pair whose signatures are known to have the same settings.
    func assess(copy: FingerprintFacts, original: FingerprintFacts) -> Assessment {
        let scores = Self.scores(copy: copy, original: original)
        func outcome(_ kind: CopyKind?, _ decision: Decision, _ template: TemplateRule.Comparison? = nil) -> Assessment
        {
            Assessment(scores: scores, kind: kind, template: template, decision: decision, policy: policy)
        }
        if copy.isEmpty || original.isEmpty { return outcome(nil, .emptyDocument) }
        if copy.contentHash == original.contentHash && copy.tokenCount == original.tokenCount {
            return outcome(.exact, .identical)
        }
        if scores.jaccard >= policy.nearDuplicateThreshold {
            let template = policy.templateRule.compare(
                figures: copy.figures, tokenCount: copy.tokenCount, original.figures,
                tokenCount: original.tokenCount)
            if template.isTemplate { return outcome(nil, .template, template) }
            return outcome(.nearDuplicate, .nearDuplicate, template)
        }
        let shorterIsCopy = scores.shorter != .original
        let (shorter, longer) = shorterIsCopy ? (copy, original) : (original, copy)
        guard scores.containment >= policy.containmentThreshold else { return outcome(nil, .belowThresholds) }
        guard shorter.shingleCount >= policy.minimumContainedShingles else {
            return outcome(nil, .tooFewShingles(shorter.shingleCount))
        }
        let ratio = Double(shorter.shingleCount) / Double(max(1, longer.shingleCount))
        guard ratio >= policy.minimumContainedRatio else { return outcome(nil, .tooShort(ratio)) }
        let template = policy.templateRule.compare(
            figures: shorter.figures, tokenCount: shorter.tokenCount, longer.figures, tokenCount: longer.tokenCount)
        if template.isTemplate { return outcome(nil, .template, template) }
        return outcome(.contained, .contained, template)
    }

    /// The estimated scores of a pair, from signatures and distinct-shingle counts.
    ///
    /// Containment comes from the Jaccard estimate and the set sizes: |A ∩ B| = J(|A| + |B|) / (1 + J).
    /// - Throws: ``MinHashSettingsMismatch`` if the signatures were made with different settings.
    public func scores(copy: Fingerprint, original: Fingerprint) throws(MinHashSettingsMismatch) -> MatchScores {
        try Self.checkSettings(copy, original)
        return copy.withFacts { copy in original.withFacts { original in Self.scores(copy: copy, original: original) } }
    }

    static func scores(copy: FingerprintFacts, original: FingerprintFacts) -> MatchScores {
        let shorter: ShorterSide =
            copy.shingleCount == original.shingleCount
            ? .equal : (copy.shingleCount < original.shingleCount ? .copy : .original)
        if !copy.isEmpty && copy.contentHash == original.contentHash && copy.tokenCount == original.tokenCount {
            return MatchScores(jaccard: 1, containmentOfCopy: 1, containmentOfOriginal: 1, shorter: shorter)
        }
        let jaccard = copy.jaccard(with: original)
        let a = Double(copy.shingleCount)
        let b = Double(original.shingleCount)
        let intersection = jaccard / (1 + jaccard) * (a + b)
        return MatchScores(
            jaccard: jaccard,
            containmentOfCopy: a > 0 ? min(1, intersection / a) : 0,
            containmentOfOriginal: b > 0 ? min(1, intersection / b) : 0,
            shorter: shorter)
    }

    private static func checkSettings(_ copy: Fingerprint, _ original: Fingerprint) throws(MinHashSettingsMismatch) {
        guard copy.signature.settings == original.signature.settings else {
            throw MinHashSettingsMismatch(left: copy.signature.settings, right: original.signature.settings)
        }
    }
}

/// What verification reads of a fingerprint, borrowed: the matching loop verifies tens of millions of pairs on
/// several threads, and borrowed buffers cost no reference counting there.
struct FingerprintFacts {
    /// The signature values.
    var values: UnsafeBufferPointer<UInt32>
    /// Whether the signature is of an empty set.
    var signatureIsEmpty: Bool
    var contentHash: UInt64
    var tokenCount: Int
    var shingleCount: Int
    /// Sorted, distinct figure hashes.
    var figures: UnsafeBufferPointer<UInt64>

    var isEmpty: Bool { tokenCount == 0 }

    /// The Jaccard estimate, as ``MinHashSignature/jaccard(with:)`` computes it.
    @inline(__always)
    func jaccard(with other: FingerprintFacts) -> Double {
        if signatureIsEmpty || other.signatureIsEmpty { return 0 }
        return Double(Self.equalValues(values, other.values)) / Double(values.count)
    }

    /// The number of positions where `left` and `right` (of one length) hold the same value: sixteen at a time
    /// (a check compares thousands of candidates' 128 values; one at a time, the compiler made two per step).
    @inline(__always)
    static func equalValues(_ left: UnsafeBufferPointer<UInt32>, _ right: UnsafeBufferPointer<UInt32>) -> Int {
        let count = Swift.min(left.count, right.count)
        guard count > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return 0 }
        var lanes = SIMD16<UInt32>()
        var index = 0
        while index &+ 16 <= count {
            let a = UnsafeRawPointer(leftBase + index).loadUnaligned(as: SIMD16<UInt32>.self)
            let b = UnsafeRawPointer(rightBase + index).loadUnaligned(as: SIMD16<UInt32>.self)
            lanes &+= SIMD16<UInt32>(repeating: 0).replacing(with: 1, where: a .== b)
            index &+= 16
        }
        var equal = Int(lanes.wrappedSum())
        while index < count {
            if leftBase[index] == rightBase[index] { equal &+= 1 }
            index &+= 1
        }
        return equal
    }
}

extension Fingerprint {
    /// Calls `body` with this fingerprint's facts, valid only inside it.
    func withFacts<Result>(_ body: (FingerprintFacts) throws -> Result) rethrows -> Result {
        try signature.values.withUnsafeBufferPointer { values in
            try figures.withUnsafeBufferPointer { figures in
                try body(
                    FingerprintFacts(
                        values: values, signatureIsEmpty: signature.isEmpty, contentHash: contentHash,
                        tokenCount: tokenCount, shingleCount: shingleCount, figures: figures))
            }
        }
    }
}
