import Dedup

/// Why an index operation failed, with a stable code that scripts and HTTP clients can branch on.
public struct IndexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable error codes.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// The id is indexed with other text, and replacing was not asked for.
        case idConflict = "id_conflict"
        /// No article has the id.
        case notFound = "not_found"
        /// The article cannot be indexed (no words, a field out of range).
        case invalidArticle = "invalid_article"
        /// The index was made by a newer version, or with settings this operation cannot use.
        case incompatibleIndex = "incompatible_index"
        /// The `--db` location is not one this build can open.
        case unsupportedLocation = "unsupported_location"
        /// The storage failed (disk, database server, connection).
        case storage = "storage_error"
    }

    /// The code.
    public var code: Code
    /// A sentence for people.
    public var message: String

    /// An error with a code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
