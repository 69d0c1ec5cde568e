/// A document's identifier, kept as it came in: a JSON integer or a JSON string.
///
/// Identifiers order integers first (by value), then strings (by their UTF-8 bytes), which is the "smallest id"
/// tie-break of canonical selection.
public enum ArticleID: Sendable, Hashable, Comparable, CustomStringConvertible {
    case integer(Int64)
    case string(String)

    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .string(let value): value
        }
    }

    public static func < (lhs: ArticleID, rhs: ArticleID) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let l), .integer(let r)): l < r
        case (.integer, .string): true
        case (.string, .integer): false
        case (.string(let l), .string(let r)): l.utf8.lexicographicallyPrecedes(r.utf8)
        }
    }
}

extension ArticleID: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension ArticleID: Codable {
    /// Decodes a JSON integer or a JSON string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int64.self) {
            self = .integer(integer)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Encodes as the JSON integer or string it came in as.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }
}
