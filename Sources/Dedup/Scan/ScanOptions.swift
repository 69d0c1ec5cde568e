import Foundation

/// Everything that shapes a corpus scan.
public struct ScanOptions: Sendable, Hashable {
    /// Signature settings.
    public var settings: MinHashSettings = .standard
    /// Verification thresholds.
    public var policy: MatchPolicy = .standard
    /// An explicit LSH banding; nil derives the optimum from the policy.
    public var lsh: LSHParameters?
    /// Site-boilerplate rules.
    public var boilerplate: BoilerplateRules = .standard
    /// Input field names.
    public var fields = InputFields()
    /// Worker threads for fingerprinting (results do not depend on it).
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Whether `summary.json` carries wall-clock timings (the only part of the output that varies between runs).
    public var includeTimings = true

    /// The standard options.
    public init() {}

    /// The banding the scan will use.
    public var effectiveLSH: LSHParameters {
        lsh ?? policy.lshParameters(signatureLength: settings.length)
    }
}
