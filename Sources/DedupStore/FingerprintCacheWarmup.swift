/// What warming a store's fingerprint cache loaded (see ``SQLiteArticleStore/warmFingerprintCache(progress:)``):
/// the final figures, or the figures so far when passed to a progress callback.
public struct FingerprintCacheWarmup: Sendable, Hashable {
    /// The articles the index held when the warm-up began.
    public var articles: Int
    /// The fingerprints loaded into the cache (rows the cache already held are not counted).
    public var rows: Int
    /// Of ``rows``, the members of large LSH buckets (template families), loaded first.
    public var largeBucketRows: Int
    /// The bytes the loaded rows are counted for in the cache's budget.
    public var bytes: Int
    /// The time taken so far, in seconds.
    public var seconds: Double
    /// Whether loading stopped because the room it may fill was full; false when every article it would load was
    /// loaded (or was already in the cache).
    public var reachedBudget: Bool

    /// Figures from their parts.
    public init(articles: Int, rows: Int, largeBucketRows: Int, bytes: Int, seconds: Double, reachedBudget: Bool) {
        self.articles = articles
        self.rows = rows
        self.largeBucketRows = largeBucketRows
        self.bytes = bytes
        self.seconds = seconds
        self.reachedBudget = reachedBudget
    }
}
