import Hummingbird

/// Refuses, with 401 `unauthorized`, every request without `Authorization: Bearer <token>`, except `GET /healthz`.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: BearerToken

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if request.uri.path == APIRoute.health.path || isAuthorized(request) {
            return try await next(request, context)
        }
        throw APIError(
            .unauthorized, "a valid bearer token is required (Authorization: Bearer <token>)",
            headers: [.wwwAuthenticate: "Bearer"])
    }

    private func isAuthorized(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization] else { return false }
        let scheme = "bearer "
        guard header.utf8.count > scheme.utf8.count, header.prefix(scheme.count).lowercased() == scheme else {
            return false
        }
        return token.matches(header.utf8.dropFirst(scheme.utf8.count))
    }
}
