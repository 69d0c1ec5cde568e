import Dedup
import DedupServer
import DedupStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every malformed request gets a 4xx JSON error with a stable code, never a crash or an empty answer.
@Suite("error answers")
struct ErrorResponseTests {
    typealias F = ServerFixture

    struct BadBody: Sendable, CustomStringConvertible {
        var raw: String
        var status: HTTPResponse.Status
        var code: String
        var field: String?
        var reason: String?
        var description: String { raw.count > 60 ? raw.prefix(57) + "..." : raw }
    }

    static let badBodies: [BadBody] = [
        BadBody(raw: "{not json", status: .badRequest, code: "invalid_json", reason: "invalid_json"),
        BadBody(raw: "", status: .badRequest, code: "invalid_json"),
        BadBody(raw: "[1, 2]", status: .unprocessableContent, code: "invalid_article", reason: "not_an_object"),
        BadBody(
            raw: #"{"id": "a"}"#, status: .unprocessableContent, code: "invalid_article", field: "text",
            reason: "missing_field"),
        BadBody(
            raw: #"{"id": "a", "text": null}"#, status: .unprocessableContent, code: "invalid_article",
            field: "text", reason: "missing_field"),
        BadBody(
            raw: #"{"id": "a", "text": ["x"]}"#, status: .unprocessableContent, code: "invalid_article",
            field: "text", reason: "wrong_type"),
        BadBody(
            raw: #"{"text": "words here"}"#, status: .unprocessableContent, code: "invalid_article", field: "id",
            reason: "missing_field"),
        BadBody(
            raw: #"{"id": 1.5, "text": "words here"}"#, status: .unprocessableContent, code: "invalid_article",
            field: "id", reason: "wrong_type"),
        BadBody(
            raw: #"{"id": true, "text": "words here"}"#, status: .unprocessableContent, code: "invalid_article",
            field: "id", reason: "wrong_type"),
        BadBody(
            raw: #"{"id": "", "text": "words here"}"#, status: .unprocessableContent, code: "invalid_article",
            field: "id", reason: "invalid_value"),
        BadBody(
            raw: #"{"id": "a", "text": "words here", "source": 3}"#, status: .unprocessableContent,
            code: "invalid_article", field: "source", reason: "wrong_type"),
        BadBody(
            raw: #"{"id": "a", "text": "words here", "published": "2026-13-45"}"#, status: .unprocessableContent,
            code: "invalid_article", field: "published", reason: "invalid_value"),
        BadBody(
            raw: #"{"id": "\#(String(repeating: "x", count: 2000))", "text": "words"}"#,
            status: .unprocessableContent, code: "invalid_article", field: "id", reason: "invalid_value"),
        BadBody(raw: #"{"id": "a", "text": ""}"#, status: .unprocessableContent, code: "invalid_article"),
        BadBody(raw: #"{"id": "a", "text": " ... !!! "}"#, status: .unprocessableContent, code: "invalid_article"),
    ]

    @Test("bad bodies on check and add", arguments: badBodies)
    func badBody(_ bad: BadBody) async throws {
        let (app, index) = try await F.application()
        try await app.test(.router) { client in
            for uri in ["/v1/check", "/v1/articles"] {
                let response = try await client.post(uri, raw: bad.raw)
                #expect(response.status == bad.status, "\(uri)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let error = try #require(try response.object()["error"] as? [String: Any])
                #expect(error["code"] as? String == bad.code)
                #expect(error["field"] as? String == bad.field)
                #expect(error["reason"] as? String == bad.reason)
                #expect((error["message"] as? String)?.isEmpty == false)
            }
        }
        #expect(try await index.statistics().articles == 0)
    }

    @Test("the messages are the command line's: the field and the decoder's sentence")
    func sameMessagesAsTheCommandLine() async throws {
        let (app, _) = try await F.application()
        try await app.test(.router) { client in
            let response = try await client.post("/v1/check", raw: #"{"id": "a", "text": 5}"#)
            let error = try #require(try response.object()["error"] as? [String: Any])
            #expect(error["message"] as? String == "field 'text': the text must be a string")
        }
    }

    @Test("invalid UTF-8 is invalid_json")
    func invalidUTF8() async throws {
        let (app, _) = try await F.application()
        try await app.test(.router) { client in
            var bytes = Array(#"{"id": "a", "text": "caf"#.utf8)
            bytes += [0xC3, 0x28]
            bytes += Array(#""}"#.utf8)
            for uri in ["/v1/check", "/v1/articles/batch"] {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: F.jsonHeaders, body: ByteBuffer(bytes: bytes))
                #expect(response.status == .badRequest)
                #expect(try response.errorCode() == "invalid_json")
            }
        }
    }

    @Test("a body over the limit is 413 payload_too_large, by declared length or by the bytes read")
    func hugeBody() async throws {
        let (app, index) = try await F.application(maxBodySize: 64 * 1024)
        let huge = try F.body(F.article(id: "big", text: String(repeating: "many words here ", count: 10_000)))
        try await app.test(.router) { client in
            for uri in ["/v1/check", "/v1/articles", "/v1/articles/batch"] {
                let response = try await client.execute(uri: uri, method: .post, headers: F.jsonHeaders, body: huge)
                #expect(response.status == .contentTooLarge, "\(uri)")
                #expect(try response.errorCode() == "payload_too_large")
            }
        }
        try await app.test(.live) { client in
            let response = try await client.execute(
                uri: "/v1/articles", method: .post, headers: F.jsonHeaders, body: huge)
            #expect(response.status == .contentTooLarge)
            #expect(try response.errorCode() == "payload_too_large")
        }
        #expect(try await index.statistics().articles == 0)
    }

    @Test("unknown path 404, wrong method 405 with Allow, non-JSON content type 415, bad limit 400")
    func routing() async throws {
        let (app, _) = try await F.application()
        try await app.test(.router) { client in
            let unknown = try await client.get("/v2/nothing")
            #expect(unknown.status == .notFound)
            #expect(try unknown.errorCode() == "not_found")

            let wrongMethod = try await client.execute(uri: "/v1/check", method: .get)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(try wrongMethod.errorCode() == "method_not_allowed")
            #expect(wrongMethod.headers[.allow] == "POST")
            let put = try await client.execute(uri: "/v1/articles/x", method: .put)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow]?.contains("DELETE") == true)

            let batchGet = try await client.get("/v1/articles/batch")
            #expect(batchGet.status == .methodNotAllowed, "the literal segment shadows {id}, as in the router")
            #expect(batchGet.headers[.allow] == "POST")

            let form = try await client.post(
                "/v1/check", raw: "id=1&text=x", headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            #expect(try form.errorCode() == "unsupported_media_type")
            let noType = try await client.post("/v1/check", raw: #"{"id": 1, "text": "a few words"}"#, headers: [:])
            #expect(noType.status == .ok)

            for query in ["limit=abc", "limit=-1", "limit=100000"] {
                let response = try await client.post("/v1/check?\(query)", json: F.article(id: 1, text: F.story))
                #expect(response.status == .badRequest, "\(query)")
                #expect(try response.errorCode() == "invalid_parameter")
            }
        }
    }

    @Test("with a token: missing or wrong is 401 unauthorized; the right one passes; /healthz stays open")
    func bearerToken() async throws {
        let (app, _) = try await F.application(token: "s3cret-token")
        try await app.test(.router) { client in
            let article = F.article(id: 1, text: F.story)
            let missing = try await client.post("/v1/check", json: article)
            #expect(missing.status == .unauthorized)
            #expect(try missing.errorCode() == "unauthorized")
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            for wrong in [
                "Bearer s3cret-tokeN", "Bearer s3cret-token2", "Bearer ", "Basic s3cret-token", "s3cret-token",
            ] {
                var headers = F.jsonHeaders
                headers[.authorization] = wrong
                #expect(try await client.post("/v1/check", json: article, headers: headers).status == .unauthorized)
            }
            #expect(try await client.get("/metrics").status == .unauthorized)
            #expect(try await client.get("/v1/nothing").status == .unauthorized, "routes are not revealed")
            #expect(try await client.get("/healthz").status == .ok)

            var headers = F.jsonHeaders
            headers[.authorization] = "Bearer s3cret-token"
            #expect(try await client.post("/v1/check", json: article, headers: headers).status == .ok)
            headers[.authorization] = "bearer s3cret-token"
            #expect(try await client.get("/metrics", headers: headers).status == .ok)
        }
    }

    @Test("bearer tokens compare whole, and refuse empty or spaced secrets")
    func tokenRules() throws {
        let token = try BearerToken("abc")
        #expect(token.matches(Array("abc".utf8)))
        #expect(!token.matches(Array("abd".utf8)))
        #expect(!token.matches(Array("ab".utf8)))
        #expect(!token.matches(Array("abcabc".utf8)))
        #expect(!token.matches([UInt8]()))
        #expect(throws: BearerTokenError.self) { try BearerToken("") }
        #expect(throws: BearerTokenError.self) { try BearerToken("a b") }
        #expect(!"\(token)".contains("abc"), "the secret never appears in descriptions")
    }

    @Test("every index error code is an API error code with the same text")
    func codes() {
        for code in IndexError.Code.allCases {
            #expect(APIError(IndexError(code, "x")).code.rawValue == code.rawValue)
        }
    }
}
