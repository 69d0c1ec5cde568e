import Dedup
import DedupStore
import Hummingbird

/// An error answer of the API: an HTTP status and `{"error": {"code": "...", "message": "..."}}`, with `field` and
/// `reason` when one field of an article is at fault.
///
/// Codes are stable: clients branch on them, never on messages. Every ``IndexError/Code`` appears with the same
/// text, plus the HTTP-level codes.
public struct APIError: Error, Sendable, Hashable, HTTPResponseError {
    /// The stable error codes.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The body is not JSON (or not UTF-8).
        case invalidJSON = "invalid_json"
        /// The JSON is not a usable article: a missing or mistyped field, an empty text, a bad date.
        case invalidArticle = "invalid_article"
        /// A query or path parameter has a value the route cannot use.
        case invalidParameter = "invalid_parameter"
        /// No article has the id, or no route has the path.
        case notFound = "not_found"
        /// The id is indexed with other text and `replace` was not asked for.
        case idConflict = "id_conflict"
        /// The route exists, but not with this method.
        case methodNotAllowed = "method_not_allowed"
        /// The body is larger than the server accepts, or a batch holds too many articles.
        case payloadTooLarge = "payload_too_large"
        /// The body is declared as something other than JSON.
        case unsupportedMediaType = "unsupported_media_type"
        /// The bearer token is missing or wrong.
        case unauthorized = "unauthorized"
        /// The index was made by a newer version or with settings this operation cannot use.
        case incompatibleIndex = "incompatible_index"
        /// The index location cannot be opened by this build.
        case unsupportedLocation = "unsupported_location"
        /// The storage failed.
        case storage = "storage_error"
        /// Anything else that went wrong inside the server.
        case `internal` = "internal_error"

        /// The HTTP status that goes with the code.
        public var status: HTTPResponse.Status {
            switch self {
            case .invalidJSON, .invalidParameter: .badRequest
            case .invalidArticle: .unprocessableContent
            case .notFound: .notFound
            case .idConflict: .conflict
            case .methodNotAllowed: .methodNotAllowed
            case .payloadTooLarge: .contentTooLarge
            case .unsupportedMediaType: .unsupportedMediaType
            case .unauthorized: .unauthorized
            case .incompatibleIndex, .unsupportedLocation, .storage, .internal: .internalServerError
            }
        }
    }

    /// The code.
    public var code: Code
    /// A sentence for people.
    public var message: String
    /// The article field at fault, if one is.
    public var field: String?
    /// The input problem, in the words of ``InputError/Reason`` (`missing_field`, `wrong_type`, …), if any.
    public var reason: String?
    /// Extra response headers (`WWW-Authenticate`, `Allow`).
    public var headers: HTTPFields

    /// An error from its parts.
    public init(
        _ code: Code, _ message: String, field: String? = nil, reason: String? = nil, headers: HTTPFields = [:]
    ) {
        self.code = code
        self.message = message
        self.field = field
        self.reason = reason
        self.headers = headers
    }

    /// The API error for an index error: the same code.
    public init(_ error: IndexError) {
        let code: Code =
            switch error.code {
            case .idConflict: .idConflict
            case .notFound: .notFound
            case .invalidArticle: .invalidArticle
            case .incompatibleIndex: .incompatibleIndex
            case .unsupportedLocation: .unsupportedLocation
            case .storage: .storage
            }
        self.init(code, error.message)
    }

    /// The API error for an article that could not be decoded, with the same message the command line gives.
    /// - Parameter position: where the article is in the request ("article 3: "), or empty for a single article.
    public init(_ error: InputError, position: String = "") {
        let code: Code =
            switch error.reason {
            case .invalidJSON, .invalidUTF8: .invalidJSON
            default: .invalidArticle
            }
        let place = error.field.map { "field '\($0)': " } ?? ""
        self.init(code, position + place + error.message, field: error.field, reason: error.reason.rawValue)
    }

    public var status: HTTPResponse.Status { code.status }

    /// The error object alone (`{"code", "message", ...}`), as batch results embed it.
    func write(into json: inout JSONWriter) {
        json.beginObject()
        json.key("code")
        json.value(code.rawValue)
        json.key("message")
        json.value(message)
        if let field {
            json.key("field")
            json.value(field)
        }
        if let reason {
            json.key("reason")
            json.value(reason)
        }
        json.endObject()
    }

    /// The whole error answer.
    public func response() -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.key("error")
        write(into: &json)
        json.endObject()
        var response = Response.json(json, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }
}

extension Response {
    /// A JSON response with the bytes `json` wrote.
    static func json(_ json: JSONWriter, status: HTTPResponse.Status = .ok) -> Response {
        var bytes = json.bytes
        bytes.append(0x0A)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
