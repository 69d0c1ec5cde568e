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
        /// The rule that decided, in words (for `dedup explain` and logs).
        public var rule: String
        /// The template rule's comparison, when it was consulted.
        public var template: TemplateRule.Comparison?
    }

    /// Scores `copy` against `original` and decides.
    /// - Throws: ``MinHashSettingsMismatch`` if the signatures were made with different settings.
    public func assess(copy: Fingerprint, original: Fingerprint) throws(MinHashSettingsMismatch) -> Assessment {
        let scores = try self.scores(copy: copy, original: original)
        if copy.isEmpty || original.isEmpty {
            return Assessment(scores: scores, kind: nil, rule: "an empty document matches nothing")
        }
        if copy.contentHash == original.contentHash && copy.tokenCount == original.tokenCount {
            return Assessment(scores: scores, kind: .exact, rule: "identical after normalization")
        }
        let near = policy.nearDuplicateThreshold
        if scores.jaccard >= near {
            let template = policy.templateRule.compare(copy, original)
            if template.isTemplate {
                return Assessment(
                    scores: scores, kind: nil, rule: templateRule(template), template: template)
            }
            return Assessment(
                scores: scores, kind: .nearDuplicate,
                rule: "Jaccard \(format(scores.jaccard)) ≥ \(format(near))", template: template)
        }
        let shorterIsCopy = scores.shorter != .original
        let (shorter, longer) = shorterIsCopy ? (copy, original) : (original, copy)
        let containment = scores.containment
        let ratio = Double(shorter.shingleCount) / Double(max(1, longer.shingleCount))
        guard containment >= policy.containmentThreshold else {
            return Assessment(
                scores: scores, kind: nil,
                rule: "Jaccard \(format(scores.jaccard)) < \(format(near)) and containment \(format(containment)) < "
                    + format(policy.containmentThreshold))
        }
        guard shorter.shingleCount >= policy.minimumContainedShingles else {
            return Assessment(
                scores: scores, kind: nil,
                rule: "the shorter side has \(shorter.shingleCount) shingles, fewer than "
                    + "\(policy.minimumContainedShingles) needed to call it contained")
        }
        guard ratio >= policy.minimumContainedRatio else {
            return Assessment(
                scores: scores, kind: nil,
                rule: "the shorter side is \(format(ratio)) of the longer, below the contained-copy floor "
                    + format(policy.minimumContainedRatio))
        }
        let template = policy.templateRule.compare(shorter, longer)
        if template.isTemplate {
            return Assessment(scores: scores, kind: nil, rule: templateRule(template), template: template)
        }
        return Assessment(
            scores: scores, kind: .contained,
            rule: "containment \(format(containment)) ≥ \(format(policy.containmentThreshold))", template: template)
    }

    /// The estimated scores of a pair, from signatures and distinct-shingle counts.
    ///
    /// Containment comes from the Jaccard estimate and the set sizes: |A ∩ B| = J(|A| + |B|) / (1 + J).
    public func scores(copy: Fingerprint, original: Fingerprint) throws(MinHashSettingsMismatch) -> MatchScores {
        let shorter: ShorterSide =
            copy.shingleCount == original.shingleCount
            ? .equal : (copy.shingleCount < original.shingleCount ? .copy : .original)
        if !copy.isEmpty && copy.contentHash == original.contentHash && copy.tokenCount == original.tokenCount {
            guard copy.signature.settings == original.signature.settings else {
                throw MinHashSettingsMismatch(left: copy.signature.settings, right: original.signature.settings)
            }
            return MatchScores(jaccard: 1, containmentOfCopy: 1, containmentOfOriginal: 1, shorter: shorter)
        }
        let jaccard = try copy.signature.jaccard(with: original.signature)
        let a = Double(copy.shingleCount)
        let b = Double(original.shingleCount)
        let intersection = jaccard / (1 + jaccard) * (a + b)
        return MatchScores(
            jaccard: jaccard,
            containmentOfCopy: a > 0 ? min(1, intersection / a) : 0,
            containmentOfOriginal: b > 0 ? min(1, intersection / b) : 0,
            shorter: shorter)
    }

    private func templateRule(_ comparison: TemplateRule.Comparison) -> String {
        "template story: \(comparison.replaced) figure(s) replaced, \(format(comparison.replacedPer100Tokens)) per "
            + "100 tokens of the shorter text ≥ \(format(policy.templateRule.replacedPer100Tokens))"
    }

    private func format(_ value: Double) -> String { JSONWriter.format(value, decimals: 3) }
}
