import Dedup
import Foundation
import Hummingbird

/// Reads request bodies within the size limit and turns them into articles, validated exactly as the command
/// line validates JSONL lines (``ArticleDecoder``), with the same messages.
struct ArticleBodyReader: Sendable {
    /// The longest id or source accepted, in UTF-8 bytes: they are keys, not text.
    static let maxKeyLength = 1_024

    let maxBodySize: Int
    let maxBatchArticles: Int
    /// One decoder for every request.
    let decoder = ArticleDecoder()

    /// The body, refused with 413 when longer than the limit (by its declared length before any byte is read)
    /// and with 415 when it is declared as something other than JSON.
    func body(of request: Request) async throws -> [UInt8] {
        if let contentType = request.headers[.contentType] {
            let mediaType = contentType.split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard let mediaType, mediaType == "application/json" || mediaType.hasSuffix("+json") else {
                throw APIError(.unsupportedMediaType, "the body must be JSON (Content-Type: application/json)")
            }
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBodySize {
            throw tooLarge()
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= maxBodySize else { throw tooLarge() }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }

    /// The one article a body holds.
    func article(from bytes: [UInt8]) throws(APIError) -> Article {
        guard !bytes.isEmpty else { throw APIError(.invalidJSON, "the body is empty; send one article as JSON") }
        return try decode(bytes[...], decoder: decoder, position: "")
    }

    /// The articles of a batch body (a JSON array of articles, or `{"articles": [...]}`), each decoded on its own:
    /// one bad article does not spoil the others.
    func batch(from bytes: [UInt8]) throws(APIError) -> [Result<Article, APIError>] {
        guard !bytes.isEmpty else {
            throw APIError(.invalidJSON, "the body is empty; send a JSON array of articles")
        }
        if bytes.contains(where: { $0 >= 0x80 }) && String(validating: bytes, as: UTF8.self) == nil {
            throw APIError(.invalidJSON, "the body is not valid UTF-8")
        }
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw APIError(.invalidJSON, "invalid JSON (\(Self.describe(error)))")
        }
        let slicer = JSONSlicer(bytes: bytes)
        var list = slicer.topLevel()
        if bytes[list.lowerBound] == UInt8(ascii: "{") {
            let member = slicer.members(ofObject: list).first { member in
                (try? JSONDecoder().decode(String.self, from: Data(bytes[member.key]))) == "articles"
            }
            guard let member else {
                throw APIError(.invalidJSON, "the body must be a JSON array of articles or {\"articles\": [...]}")
            }
            list = member.value
        }
        guard bytes[list.lowerBound] == UInt8(ascii: "[") else {
            throw APIError(.invalidJSON, "the body must be a JSON array of articles or {\"articles\": [...]}")
        }
        let elements = slicer.elements(ofArray: list)
        guard elements.count <= maxBatchArticles else {
            throw APIError(
                .payloadTooLarge,
                "a batch holds at most \(maxBatchArticles) articles; this one has \(elements.count)")
        }
        return elements.enumerated().map { offset, range in
            Result { () throws(APIError) -> Article in
                try decode(bytes[range], decoder: decoder, position: "article \(offset): ")
            }
        }
    }

    private func decode(_ bytes: ArraySlice<UInt8>, decoder: ArticleDecoder, position: String) throws(APIError)
        -> Article
    {
        let article: Article
        do {
            article = try decoder.decode(bytes, file: "request", line: 1)
        } catch {
            throw APIError(error, position: position)
        }
        if case .string(let id) = article.id, id.utf8.count > Self.maxKeyLength {
            throw APIError(
                .invalidArticle, position + "field 'id': longer than \(Self.maxKeyLength) bytes", field: "id",
                reason: InputError.Reason.invalidValue.rawValue)
        }
        if let source = article.source, source.utf8.count > Self.maxKeyLength {
            throw APIError(
                .invalidArticle, position + "field 'source': longer than \(Self.maxKeyLength) bytes",
                field: "source", reason: InputError.Reason.invalidValue.rawValue)
        }
        return article
    }

    private func tooLarge() -> APIError {
        APIError(.payloadTooLarge, "the body is larger than the server's limit of \(maxBodySize) bytes")
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        return nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? nsError.localizedDescription
    }
}

extension Request {
    /// The query parameter `name` as a boolean (`true`/`false`, `1`/`0`), or `default` when absent.
    func booleanParameter(_ name: String, default value: Bool) throws(APIError) -> Bool {
        guard let text = uri.queryParameters.get(name) else { return value }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError(.invalidParameter, "'\(name)' must be true or false, not '\(text.prefix(40))'")
        }
    }

    /// The query parameter `name` as an integer in `range`, or `default` when absent.
    func integerParameter(_ name: String, default value: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = uri.queryParameters.get(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(
                .invalidParameter,
                "'\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(text.prefix(40))'"
            )
        }
        return number
    }
}
