import DedupStore
import Hummingbird
import Logging

/// Turns every error a route or the router throws into a JSON error answer (``APIError``): the index's errors keep
/// their codes, an unknown path is 404 `not_found`, a known path with another method is 405 `method_not_allowed`,
/// and anything unexpected is logged and answered 500 `internal_error`, never a dropped connection.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as IndexError {
            if error.code == .storage {
                context.logger.error("storage failure", metadata: ["error": "\(error.message)"])
            }
            return APIError(error).response()
        } catch let error as HTTPError where error.status == .notFound {
            return notFound(request).response()
        } catch let error as any HTTPResponseError {
            return APIError(Self.code(for: error.status), Self.message(for: error.status)).response()
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            return APIError(.internal, "the server failed to answer this request").response()
        }
    }

    private func notFound(_ request: Request) -> APIError {
        let routes = APIRoute.matching(path: request.uri.path)
        guard !routes.isEmpty else { return APIError(.notFound, "no route for \(request.uri.path.prefix(200))") }
        let allowed = routes.map(\.method.rawValue).joined(separator: ", ")
        return APIError(
            .methodNotAllowed, "\(request.method.rawValue) is not allowed here; allowed: \(allowed)",
            headers: [.allow: allowed])
    }

    private static func code(for status: HTTPResponse.Status) -> APIError.Code {
        switch status.code {
        case 401: .unauthorized
        case 404: .notFound
        case 405: .methodNotAllowed
        case 413: .payloadTooLarge
        case 415: .unsupportedMediaType
        case 400..<500: .invalidParameter
        default: .internal
        }
    }

    private static func message(for status: HTTPResponse.Status) -> String {
        status.code == 413 ? "the body is larger than the server accepts" : status.reasonPhrase
    }
}
