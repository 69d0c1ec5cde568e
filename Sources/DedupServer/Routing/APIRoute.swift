import Hummingbird

/// The routes of the HTTP API: one table that registers the handlers, labels the request metrics, tells a wrong
/// method (405) from an unknown path (404), and is checked against the OpenAPI document (`docs/api/openapi.yaml`).
public enum APIRoute: String, CaseIterable, Sendable {
    /// `POST /v1/check`: the verdict for one article, which is not added.
    case check
    /// `POST /v1/articles`: adds one article and returns its verdict.
    case addArticle
    /// `POST /v1/articles/batch`: adds many articles, each with its own result.
    case addBatch
    /// `GET /v1/articles/{id}`: an indexed article.
    case getArticle
    /// `DELETE /v1/articles/{id}`: removes an indexed article.
    case deleteArticle
    /// `GET /v1/sources/{source}/boilerplate`: what the index has learned of a site's chrome.
    case sourceBoilerplate
    /// `GET /healthz`: liveness; the only route open without the bearer token.
    case health
    /// `GET /metrics`: Prometheus text exposition.
    case metrics

    /// The HTTP method.
    public var method: HTTPRequest.Method {
        switch self {
        case .check, .addArticle, .addBatch: .post
        case .getArticle, .sourceBoilerplate, .health, .metrics: .get
        case .deleteArticle: .delete
        }
    }

    /// The path template, as OpenAPI writes it (`{name}` for a path parameter; Hummingbird reads the same syntax).
    public var path: String {
        switch self {
        case .check: "/v1/check"
        case .addArticle: "/v1/articles"
        case .addBatch: "/v1/articles/batch"
        case .getArticle, .deleteArticle: "/v1/articles/{id}"
        case .sourceBoilerplate: "/v1/sources/{source}/boilerplate"
        case .health: "/healthz"
        case .metrics: "/metrics"
        }
    }

    /// Whether the route needs the bearer token when the server has one. Health checks stay open so that load
    /// balancers and supervisors need no secret; they reveal nothing but that the process answers.
    public var requiresToken: Bool { self != .health }

    /// The routes Hummingbird's router would pick for `path` (a request path without its query), whatever their
    /// method: like its trie, a literal segment shadows a parameter (`/v1/articles/batch` is never `{id}`).
    static func matching(path: String) -> [APIRoute] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var best: [Bool] = []
        var routes: [APIRoute] = []
        for route in allCases {
            let template = route.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            guard template.count == segments.count,
                zip(template, segments).allSatisfy({ $0.hasPrefix("{") ? !$1.isEmpty : $0 == $1 })
            else { continue }
            let literal = template.map { !$0.hasPrefix("{") }
            if literal.lexicographicallyPrecedes(best, by: { !$0 && $1 }) { continue }
            if best.lexicographicallyPrecedes(literal, by: { !$0 && $1 }) { routes.removeAll() }
            best = literal
            routes.append(route)
        }
        return routes
    }

    /// The route a request was routed to, from Hummingbird's endpoint path (the matched template).
    static func routed(endpointPath: String?) -> APIRoute? {
        guard let endpointPath else { return nil }
        return allCases.first { $0.path == endpointPath }
    }
}
