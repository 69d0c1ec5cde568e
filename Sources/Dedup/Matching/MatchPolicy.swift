/// The thresholds that turn scores into verdicts.
///
/// The defaults come from measurements on Reuters-21578 and BBC News: see `docs/design/defaults.md`.
public struct MatchPolicy: Sendable, Hashable, Codable {
    /// Estimated Jaccard similarity at or above which two documents are near-duplicates.
    public var nearDuplicateThreshold: Double
    /// Estimated containment of the shorter document in the longer at or above which it is a contained copy.
    public var containmentThreshold: Double
    /// Contained copies are looked for down to this length ratio (shorter / longer, in distinct shingles); it sets
    /// how low the LSH candidate threshold must reach. Shorter fragments are not reported as contained.
    public var minimumContainedRatio: Double
    /// A contained copy must have at least this many distinct shingles: a one-line fragment is inside too many
    /// stories to say it copies one.
    public var minimumContainedShingles: Int
    /// The template rule: see ``TemplateRule``.
    public var templateRule: TemplateRule

    /// The measured defaults.
    public static let standard = MatchPolicy(
        nearDuplicateThreshold: 0.8, containmentThreshold: 0.9, minimumContainedRatio: 0.4,
        minimumContainedShingles: 20, templateRule: .standard)

    /// A policy with the given thresholds.
    public init(
        nearDuplicateThreshold: Double, containmentThreshold: Double, minimumContainedRatio: Double,
        minimumContainedShingles: Int, templateRule: TemplateRule
    ) {
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.containmentThreshold = containmentThreshold
        self.minimumContainedRatio = minimumContainedRatio
        self.minimumContainedShingles = minimumContainedShingles
        self.templateRule = templateRule
    }

    /// The lowest Jaccard similarity a reportable pair can have, which the LSH banding must catch: the smaller of
    /// the near-duplicate threshold and the Jaccard of a shorter text of ratio ρ contained at level c in a longer
    /// one, cρ / (1 + ρ − cρ).
    public var candidateThreshold: Double {
        let c = containmentThreshold
        let ratio = minimumContainedRatio
        return min(nearDuplicateThreshold, c * ratio / (1 + ratio - c * ratio))
    }

    /// The LSH banding for this policy's candidate threshold.
    ///
    /// Every candidate is verified, so a false positive costs one signature comparison while a false negative is
    /// a copy never found: the false-negative area weighs four times the false-positive area. For 128 values
    /// that gives 42 bands × 3 rows, which proposes a pair at the candidate threshold (0.35) with probability 0.83
    /// and at Jaccard 0.5 with 0.996, while pairs of unrelated stories (J ≈ 0.02) collide with probability 3·10⁻⁴.
    public func lshParameters(signatureLength: Int) -> LSHParameters {
        LSHParameters.optimal(
            threshold: candidateThreshold, signatureLength: signatureLength, falsePositiveWeight: 0.2,
            falseNegativeWeight: 0.8)
    }
}
