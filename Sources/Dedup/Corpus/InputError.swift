/// A problem with one input line, with its place: file, line and field.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in a word that scripts can match.
    public enum Reason: String, Sendable, Hashable, Codable {
        case invalidJSON = "invalid_json"
        case invalidUTF8 = "invalid_utf8"
        case notAnObject = "not_an_object"
        case missingField = "missing_field"
        case wrongType = "wrong_type"
        case invalidValue = "invalid_value"
        case emptyText = "empty_text"
        case duplicateID = "duplicate_id"
        case tooLarge = "too_large"
    }

    /// The input file's path as given (or "-" for standard input).
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The field at fault, when one is.
    public var field: String?
    /// The kind of problem.
    public var reason: Reason
    /// A sentence for people.
    public var message: String

    /// An error at a place.
    public init(file: String, line: Int, field: String?, reason: Reason, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
        self.message = message
    }

    public var description: String {
        if let field { return "\(file):\(line): field '\(field)': \(message)" }
        return "\(file):\(line): \(message)"
    }
}
