import Dedup
import DedupStore
import Hummingbird

/// The per-site routes.
struct SourceController: Sendable {
    let index: PublishedIndex

    /// `GET /v1/sources/{source}/boilerplate[?limit=N]`: the blocks the index has seen in two or more of the
    /// site's stories, most frequent first; `repeated` marks those removed as the site's chrome. A site the index
    /// has never seen has no stories and no blocks (not a 404: the answer is still true).
    func boilerplate(_ request: Request, context: some RequestContext) async throws -> Response {
        let source = try ArticleController.pathParameter("source", context)
        let limit = try request.integerParameter("limit", default: 100, in: 0...10_000)
        var json = JSONWriter()
        json.write(boilerplate: try await index.boilerplate(source: source, limit: limit))
        return .json(json)
    }
}
