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
    /// The longest text accepted, in UTF-8 bytes; a longer one is rejected as ``InputError/Reason/tooLarge``
    /// (a JSONL line longer than twice this plus 1 MiB, or a larger `.txt` file, without being read into memory).
    public var maxTextBytes = 16 << 20
    /// What a bad input line does: skip it (it is reported in ``ScanResult/rejected``) or stop the scan.
    public var onError: InputErrorPolicy = .skip

    /// The standard options.
    public init() {}

    /// The banding the scan will use.
    public var effectiveLSH: LSHParameters {
        lsh ?? policy.lshParameters(signatureLength: settings.length)
    }
}

/// What a scan does with an input line or file it cannot use.
public enum InputErrorPolicy: String, Sendable, Hashable, CaseIterable {
    /// Reject it (it is in ``ScanResult/rejected`` and `rejected.jsonl`) and go on.
    case skip
    /// Stop the scan: ``CorpusScanner/scan(_:progress:)`` throws the ``InputError``. Lines that do not decode are
    /// found on the first reading (when boilerplate is learned), empty texts and duplicate ids on the second.
    case fail
}
