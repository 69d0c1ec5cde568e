/// What a scan is scored against: a generator's truth file, or a file of labeled pairs.
///
/// ``read(path:)`` tells them apart by the first record: a truth file's records have a `type`
/// (`meta`, `pair`, `boilerplate`); a labeled-pairs file's have a `label` and no `type`.
public enum EvaluationReference: Sendable, Hashable {
    /// A complete truth: every copy relation and every boilerplate block of a generated corpus.
    case truth(GroundTruth)
    /// Some pairs labeled by a person; pairs not listed are not judged.
    case labeledPairs([LabeledPair])

    /// Reads a truth file or a labeled-pairs file.
    /// - Throws: ``FileError`` if the file cannot be read; ``InputError`` with the file, line and field of the first
    ///   bad record; ``EvaluationError`` if the file holds no record.
    public static func read(path: String) throws -> EvaluationReference {
        var truth: GroundTruth?
        var pairs: [LabeledPair]?
        for (line, bytes) in try jsonLines(path: path) {
            let record = try JSONRecord(bytes, file: path, line: line)
            if truth == nil && pairs == nil {
                if record.contains("type") {
                    truth = GroundTruth()
                } else if record.contains("label") {
                    pairs = []
                } else {
                    throw record.error(
                        nil, .missingField,
                        "neither a truth record (with \"type\") nor a labeled pair (with \"a\", \"b\", \"label\")")
                }
            }
            if truth != nil {
                try truth!.add(record)
            } else {
                pairs!.append(try LabeledPair(record))
            }
        }
        if let truth { return .truth(truth) }
        if let pairs { return .labeledPairs(pairs) }
        throw EvaluationError.noRecords(path: path)
    }
}

/// A problem with an evaluation's inputs as a whole (problems with one line are ``InputError``s).
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Problem: Hashable, Sendable {
        case noRecords(path: String)
    }

    private let problem: Problem

    /// The truth or labeled-pairs file at `path` has no records.
    public static func noRecords(path: String) -> EvaluationError { EvaluationError(problem: .noRecords(path: path)) }

    public var description: String {
        switch problem {
        case .noRecords(let path): "'\(path)' holds no truth records or labeled pairs"
        }
    }
}
