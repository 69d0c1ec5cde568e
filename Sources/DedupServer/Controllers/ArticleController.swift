import Dedup
import DedupStore
import Foundation
import Hummingbird

/// The article routes: check, add (one or a batch), read and remove.
struct ArticleController: Sendable {
    let index: PublishedIndex
    let reader: ArticleBodyReader
    let metrics: ServerMetrics
    let configuration: ServerConfiguration

    /// `POST /v1/check[?limit=N]`: the verdict for one article against the index; nothing is added.
    func check(_ request: Request, context: some RequestContext) async throws -> Response {
        let limit = try matchLimit(request)
        let article = try await readArticle(request)
        let result: CheckResult
        do {
            result = try await index.check(article, limit: limit)
        } catch let error as IndexError {
            metrics.recordRejected(APIError(error).code)
            throw error
        }
        metrics.recordCheck(result)
        var json = JSONWriter()
        json.write(verdict: result, text: article.text)
        return .json(json)
    }

    /// `POST /v1/articles[?replace=true][&limit=N]`: adds one article; 201 when it was added, 200 when the id was
    /// already indexed with the same text (`unchanged`) or was replaced.
    func add(_ request: Request, context: some RequestContext) async throws -> Response {
        let replace = try request.booleanParameter("replace", default: false)
        let limit = try matchLimit(request)
        let article = try await readArticle(request)
        let result: AddResult
        do {
            result = try await index.add(article, replace: replace, limit: limit)
        } catch let error as IndexError {
            metrics.recordRejected(APIError(error).code)
            throw error
        }
        metrics.recordAdd(result)
        var json = JSONWriter()
        write(result, text: article.text, into: &json)
        return .json(json, status: result.status == .added ? .created : .ok)
    }

    /// `POST /v1/articles/batch[?replace=true][&limit=N]`: adds the articles in order, each with its own result
    /// (`{"index", "id", "status", "verdict"}` or `{"index", "id", "error"}`), and counts by outcome. The answer
    /// is 200 whenever the body is a list, even if every article failed.
    func addBatch(_ request: Request, context: some RequestContext) async throws -> Response {
        let replace = try request.booleanParameter("replace", default: false)
        let limit = try matchLimit(request)
        let items = try reader.batch(from: try await reader.body(of: request))
        var counts: [String: Int] = ["added": 0, "unchanged": 0, "replaced": 0, "failed": 0]
        var json = JSONWriter()
        json.beginObject()
        json.key("results")
        json.beginArray()
        for (offset, item) in items.enumerated() {
            json.beginObject()
            json.key("index")
            json.value(offset)
            json.key("id")
            switch item {
            case .success(let article):
                json.value(article.id)
                do {
                    let result = try await index.add(article, replace: replace, limit: limit)
                    metrics.recordAdd(result)
                    counts[result.status.rawValue, default: 0] += 1
                    json.key("status")
                    json.value(result.status.rawValue)
                    json.key("verdict")
                    json.write(verdict: result.check, text: article.text)
                } catch {
                    let failure = Self.apiError(error, position: "article \(offset): ")
                    if failure.code == .storage {
                        context.logger.error("storage failure", metadata: ["error": "\(failure.message)"])
                    }
                    metrics.recordRejected(failure.code)
                    counts["failed", default: 0] += 1
                    json.key("error")
                    failure.write(into: &json)
                }
            case .failure(let failure):
                json.null()
                metrics.recordRejected(failure.code)
                counts["failed", default: 0] += 1
                json.key("error")
                failure.write(into: &json)
            }
            json.endObject()
        }
        json.endArray()
        for name in ["added", "unchanged", "replaced", "failed"] {
            json.key(name)
            json.value(counts[name] ?? 0)
        }
        json.endObject()
        return .json(json)
    }

    /// `GET /v1/articles/{id}`: what the index keeps of an article.
    func get(_ request: Request, context: some RequestContext) async throws -> Response {
        for id in try Self.articleIDs(context) {
            if let article = try await index.article(id: id) {
                var json = JSONWriter()
                json.write(indexed: article)
                return .json(json)
            }
        }
        throw try Self.notFound(context)
    }

    /// `DELETE /v1/articles/{id}`: removes an article; `{"id", "removed": true}`, or 404.
    func delete(_ request: Request, context: some RequestContext) async throws -> Response {
        for id in try Self.articleIDs(context) {
            guard try await index.remove(id: id) else { continue }
            var json = JSONWriter()
            json.beginObject()
            json.key("id")
            json.value(id)
            json.key("removed")
            json.value(true)
            json.endObject()
            return .json(json)
        }
        throw try Self.notFound(context)
    }

    private func readArticle(_ request: Request) async throws -> Article {
        let bytes = try await reader.body(of: request)
        do {
            return try reader.article(from: bytes)
        } catch {
            metrics.recordRejected(error.code)
            throw error
        }
    }

    private func matchLimit(_ request: Request) throws(APIError) -> Int {
        try request.integerParameter(
            "limit", default: configuration.defaultMatchLimit, in: 0...configuration.maxMatchLimit)
    }

    private func write(_ result: AddResult, text: String, into json: inout JSONWriter) {
        json.beginObject()
        json.key("status")
        json.value(result.status.rawValue)
        json.key("verdict")
        json.write(verdict: result.check, text: text)
        json.endObject()
    }

    private static func apiError(_ error: any Error, position: String) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as IndexError:
            var failure = APIError(error)
            failure.message = position + failure.message
            return failure
        default: return APIError(.storage, position + String(describing: error))
        }
    }

    /// The ids a path segment may name: a canonical integer ("42") names the integer id first, then the string.
    static func articleIDs(_ context: some RequestContext) throws(APIError) -> [ArticleID] {
        let text = try pathParameter("id", context)
        if let integer = Int64(text), String(integer) == text { return [.integer(integer), .string(text)] }
        return [.string(text)]
    }

    /// A path parameter, percent-decoded.
    static func pathParameter(_ name: String, _ context: some RequestContext) throws(APIError) -> String {
        guard let raw = context.parameters.get(name), let text = raw.removingPercentEncoding, !text.isEmpty else {
            throw APIError(.invalidParameter, "the path parameter '\(name)' is not valid percent-encoded text")
        }
        guard text.utf8.count <= ArticleBodyReader.maxKeyLength else {
            throw APIError(.invalidParameter, "the path parameter '\(name)' is too long")
        }
        return text
    }

    private static func notFound(_ context: some RequestContext) throws(APIError) -> APIError {
        APIError(.notFound, "no article has the id '\(try pathParameter("id", context))'")
    }
}
