import Hummingbird

/// Counts and times every request by method, route template and final status (after errors became responses).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    /// Unknown methods would make unbounded label values; they are counted under one name.
    private static var knownMethods: Set<HTTPRequest.Method> { requestMethods }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        let status: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = response.status.code
        } catch {
            // Only reached if an error escapes the error middleware; count it as the 500 it becomes.
            record(request, context: context, status: 500, since: start)
            throw error
        }
        record(request, context: context, status: status, since: start)
        return response
    }

    private func record(_ request: Request, context: Context, status: Int, since start: ContinuousClock.Instant) {
        let route = APIRoute.routed(endpointPath: context.endpointPath)?.path ?? "unmatched"
        let method = Self.knownMethods.contains(request.method) ? request.method.rawValue : "OTHER"
        metrics.recordRequest(method: method, route: route, status: status, duration: ContinuousClock.now - start)
    }
}

/// The methods counted under their own name (a generic type cannot have a stored static property).
private let requestMethods: Set<HTTPRequest.Method> = [.get, .post, .delete, .put, .patch, .head, .options]
