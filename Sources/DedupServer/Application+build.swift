import DedupStore
import Hummingbird
import Logging
import ServiceLifecycle

/// The router of the API over `index`: every ``APIRoute``, behind the metrics, error and token middleware.
///
/// Middleware order, outermost first: request metrics (so they see the final status), JSON errors, bearer token.
/// - Parameter cacheWarmup: the progress of the fingerprint cache's warm-up, which `GET /healthz` reports, if one
///   runs.
public func buildRouter(
    index: PublishedIndex, configuration: ServerConfiguration, metrics: ServerMetrics,
    cacheWarmup: CacheWarmupStatus? = nil
) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
    router.add(middleware: APIErrorMiddleware())
    if let token = configuration.token { router.add(middleware: BearerTokenMiddleware(token: token)) }

    let reader = ArticleBodyReader(
        maxBodySize: configuration.maxBodySize, maxBatchArticles: configuration.maxBatchArticles)
    let articles = ArticleController(index: index, reader: reader, metrics: metrics, configuration: configuration)
    let sources = SourceController(index: index)
    let operations = OperationsController(index: index, metrics: metrics, cacheWarmup: cacheWarmup)
    // One table drives the registration, so the routes served are exactly the ones `APIRoute` lists (and the
    // OpenAPI test checks).
    for route in APIRoute.allCases {
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response =
            switch route {
            case .check: articles.check
            case .addArticle: articles.add
            case .addBatch: articles.addBatch
            case .getArticle: articles.get
            case .deleteArticle: articles.delete
            case .sourceBoilerplate: sources.boilerplate
            case .health: operations.health
            case .metrics: operations.exposition
            }
        router.on(RouterPath(route.path), method: route.method, use: handler)
    }
    return router
}

/// The HTTP service over `index`, listening on `configuration.host` and `configuration.port`.
///
/// ```swift
/// let index = try await PublishedIndex.open(.memory)
/// let app = buildApplication(index: index, configuration: ServerConfiguration(port: 8080))
/// try await app.runService()   // until SIGINT or SIGTERM
/// ```
///
/// With ``ServerConfiguration/warmsCache``, the index's fingerprint cache is warmed in the background while the
/// server listens and answers (see ``CacheWarmupStatus``).
/// - Parameters:
///   - metrics: where the request and index metrics are kept (a new registry by default).
///   - onServerRunning: called with the bound port once the server listens (useful with port 0).
public func buildApplication(
    index: PublishedIndex, configuration: ServerConfiguration, metrics: ServerMetrics = ServerMetrics(),
    logger: Logger = Logger(label: "dedup.server"),
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let warmup = configuration.warmsCache ? CacheWarmupStatus() : nil
    var services: [any Service] = []
    if let warmup { services.append(CacheWarmupService(index: index, status: warmup, logger: logger)) }
    return Application(
        router: buildRouter(index: index, configuration: configuration, metrics: metrics, cacheWarmup: warmup),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "dedup"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}
