import Dedup

/// The settings an index is created with. They are stored with the index: every article in it was signed and
/// banded with them, so an index is always opened with its own configuration, never with the caller's.
public struct IndexConfiguration: Sendable, Hashable, Codable {
    /// The index format this code writes. Stores refuse an index with a newer format.
    public static let currentFormat = 1

    /// The format version of the stored index.
    public var format: Int
    /// The signature settings.
    public var settings: MinHashSettings
    /// The verification thresholds.
    public var policy: MatchPolicy
    /// The banding of stored band keys (see ``LSHParameters/bandKeys(of:)``).
    public var lsh: LSHParameters
    /// The boilerplate rules applied before fingerprinting.
    public var boilerplate: BoilerplateRules

    /// The configuration `dedup scan` uses by default.
    public static let standard = IndexConfiguration(settings: .standard, policy: .standard)

    /// A configuration; the banding defaults to the optimum for the policy's candidate threshold, as in the scan.
    public init(
        settings: MinHashSettings, policy: MatchPolicy, lsh: LSHParameters? = nil,
        boilerplate: BoilerplateRules = .standard
    ) {
        self.format = Self.currentFormat
        self.settings = settings
        self.policy = policy
        self.lsh = lsh ?? policy.lshParameters(signatureLength: settings.length)
        self.boilerplate = boilerplate
    }
}
