/// How the HTTP service listens and what it accepts.
public struct ServerConfiguration: Sendable {
    /// The default request body limit: 10 MiB, room for a batch of a few thousand articles.
    public static let defaultMaxBodySize = 10 * 1024 * 1024

    /// The address to bind. Loopback by default: exposing the service is a deliberate choice.
    public var host: String
    /// The port (0: any free port; the bound one is passed to `onServerRunning`).
    public var port: Int
    /// The bearer token every route but `/healthz` requires, if any.
    public var token: BearerToken?
    /// The largest request body accepted, in bytes; larger ones get 413 `payload_too_large`.
    public var maxBodySize: Int
    /// The most articles one batch request may hold.
    public var maxBatchArticles: Int
    /// The matches a verdict lists when the request does not say (`?limit=`).
    public var defaultMatchLimit: Int
    /// The most matches a request may ask for.
    public var maxMatchLimit: Int
    /// Whether the index's fingerprint cache is warmed in the background once the service starts
    /// (``DedupStore/PublishedIndex/warmCache(progress:)``; `GET /healthz` reports its progress). Off by default.
    public var warmsCache: Bool

    /// A configuration; every parameter has the service's default.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: BearerToken? = nil,
        maxBodySize: Int = ServerConfiguration.defaultMaxBodySize, maxBatchArticles: Int = 10_000,
        defaultMatchLimit: Int = 10, maxMatchLimit: Int = 1_000, warmsCache: Bool = false
    ) {
        precondition(maxBodySize > 0 && maxBatchArticles > 0, "limits must be positive")
        precondition(defaultMatchLimit >= 0 && maxMatchLimit >= defaultMatchLimit, "match limits out of order")
        self.host = host
        self.port = port
        self.token = token
        self.maxBodySize = maxBodySize
        self.maxBatchArticles = maxBatchArticles
        self.defaultMatchLimit = defaultMatchLimit
        self.maxMatchLimit = maxMatchLimit
        self.warmsCache = warmsCache
    }
}
