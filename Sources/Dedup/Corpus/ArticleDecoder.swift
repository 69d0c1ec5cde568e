import Foundation

/// The names of the input fields, so corpora with other field names can be read as they are.
public struct InputFields: Sendable, Hashable, Codable {
    public var id = "id"
    public var text = "text"
    public var source = "source"
    public var url = "url"
    public var title = "title"
    public var published = "published"

    /// The standard field names.
    public init() {}
}

/// Decodes one JSONL line into an ``Article``, or says exactly what is wrong with it.
///
/// A value that can be shared by threads (a server keeps one for every request): the `JSONDecoder` that reads
/// unusual lines and names what is wrong is made only for those.
public struct ArticleDecoder: Sendable {
    /// The field names to read.
    public let fields: InputFields
    private let scanner: ArticleJSONScanner

    /// A decoder for the given field names.
    public init(fields: InputFields = InputFields()) {
        self.fields = fields
        self.scanner = ArticleJSONScanner(fields: fields)
    }

    /// The article on `line` of `file`, as ``LineReader`` and request bodies give it.
    ///
    /// A concrete entry point for callers in other modules (the CLI, the server): they would otherwise run the
    /// generic code unspecialized, which checked each byte for UTF-8 through protocol witnesses and cost more than
    /// indexing the article.
    /// - Throws: ``InputError`` naming the file, line and field.
    public func decode(_ bytes: ArraySlice<UInt8>, file: String, line: Int) throws(InputError) -> Article {
        try decodeBytes(bytes, file: file, line: line)
    }

    /// The article on `line` of `file`.
    /// - Throws: ``InputError`` naming the file, line and field.
    public func decode(_ bytes: some Collection<UInt8>, file: String, line: Int) throws(InputError) -> Article {
        try decodeBytes(bytes, file: file, line: line)
    }

    private func decodeBytes(_ bytes: some Collection<UInt8>, file: String, line: Int) throws(InputError) -> Article {
        // Invalid UTF-8 anywhere in the line is reported as such (JSONDecoder would blame a field, or accept
        // bytes in a field it does not read, which would then be copied to the output).
        let isValid =
            bytes.withContiguousStorageIfAvailable(Self.isValidUTF8)
            ?? (!bytes.contains(where: { $0 >= 0x80 }) || String(validating: bytes, as: UTF8.self) != nil)
        if !isValid {
            throw InputError(
                file: file, line: line, field: nil, reason: .invalidUTF8, message: "the line is not valid UTF-8")
        }
        // The common case, read in one pass; anything unusual goes to JSONDecoder, which says what is wrong.
        if let article = bytes.withContiguousStorageIfAvailable({ scanner.article($0) }) ?? nil {
            return article
        }
        return try decodeWithFoundation(bytes, file: file, line: line)
    }

    /// Whether `bytes` are well-formed UTF-8 (The Unicode Standard, table 3-7), as `String(validating:)` decides,
    /// without copying them into a string: ASCII runs are skipped eight bytes at a time.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while true {
            index = Tokenizer.firstNonASCII(in: bytes, from: index)
            guard index < count else { return true }
            let lead = bytes[index]
            @inline(__always) func isContinuation(_ offset: Int) -> Bool { bytes[index + offset] & 0xC0 == 0x80 }
            switch lead {
            case 0xC2...0xDF:
                guard index + 1 < count, isContinuation(1) else { return false }
                index += 2
            case 0xE0...0xEF:
                guard index + 2 < count else { return false }
                let second = bytes[index + 1]
                let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
                let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard second >= low && second <= high, isContinuation(2) else { return false }
                index += 3
            case 0xF0...0xF4:
                guard index + 3 < count else { return false }
                let second = bytes[index + 1]
                let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
                let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                guard second >= low && second <= high, isContinuation(2), isContinuation(3) else { return false }
                index += 4
            default:
                return false
            }
        }
    }

    /// The line decoded by `JSONDecoder` alone (after the UTF-8 check): the reference the fast path must agree with.
    func decodeWithFoundation(_ bytes: some Collection<UInt8>, file: String, line: Int) throws(InputError) -> Article {
        let data = Data(bytes)
        let decoder = JSONDecoder()
        decoder.userInfo[.inputFields] = fields
        do {
            return try decoder.decode(DecodedArticle.self, from: data).article
        } catch let error as FieldProblem {
            throw InputError(file: file, line: line, field: error.field, reason: error.reason, message: error.message)
        } catch {
            if String(validating: data, as: UTF8.self) == nil {
                throw InputError(
                    file: file, line: line, field: nil, reason: .invalidUTF8, message: "the line is not valid UTF-8")
            }
            if case DecodingError.typeMismatch = error {
                throw InputError(
                    file: file, line: line, field: nil, reason: .notAnObject,
                    message: "the line is not a JSON object")
            }
            throw InputError(
                file: file, line: line, field: nil, reason: .invalidJSON,
                message: "invalid JSON (\(Self.describe(error)))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            if let underlying = context.underlyingError as NSError?,
                let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String
            {
                return detail
            }
            return context.debugDescription
        }
        return String(describing: error)
    }
}

extension CodingUserInfoKey {
    fileprivate static let inputFields = CodingUserInfoKey(rawValue: "dedup.inputFields")!
}

private struct FieldProblem: Error {
    let field: String
    let reason: InputError.Reason
    let message: String
}

private struct FieldKey: CodingKey {
    let stringValue: String
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}

private struct DecodedArticle: Decodable {
    let article: Article

    init(from decoder: any Decoder) throws {
        let fields = decoder.userInfo[.inputFields] as? InputFields ?? InputFields()
        let container = try decoder.container(keyedBy: FieldKey.self)

        let idKey = FieldKey(fields.id)
        guard container.contains(idKey), try !container.decodeNil(forKey: idKey) else {
            throw FieldProblem(field: fields.id, reason: .missingField, message: "missing id")
        }
        let id: ArticleID
        if let integer = try? container.decode(Int64.self, forKey: idKey) {
            id = .integer(integer)
        } else if let string = try? container.decode(String.self, forKey: idKey) {
            guard !string.isEmpty else {
                throw FieldProblem(field: fields.id, reason: .invalidValue, message: "the id is an empty string")
            }
            id = .string(string)
        } else {
            throw FieldProblem(field: fields.id, reason: .wrongType, message: "the id must be a string or an integer")
        }

        let textKey = FieldKey(fields.text)
        guard container.contains(textKey), try !container.decodeNil(forKey: textKey) else {
            throw FieldProblem(field: fields.text, reason: .missingField, message: "missing text")
        }
        guard let text = try? container.decode(String.self, forKey: textKey) else {
            throw FieldProblem(field: fields.text, reason: .wrongType, message: "the text must be a string")
        }

        func optionalString(_ name: String) throws -> String? {
            let key = FieldKey(name)
            guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
            guard let value = try? container.decode(String.self, forKey: key) else {
                throw FieldProblem(field: name, reason: .wrongType, message: "must be a string")
            }
            return value
        }
        let source = try optionalString(fields.source)
        let url = try optionalString(fields.url)
        let title = try optionalString(fields.title)
        var published: Timestamp?
        if let value = try optionalString(fields.published) {
            guard let timestamp = Timestamp(iso8601: value) else {
                throw FieldProblem(
                    field: fields.published, reason: .invalidValue,
                    message: "'\(value.prefix(40))' is not an ISO 8601 date or date-time")
            }
            published = timestamp
        }
        article = Article(id: id, text: text, source: source, url: url, title: title, published: published)
    }
}
