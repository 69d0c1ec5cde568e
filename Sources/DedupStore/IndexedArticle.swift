import Dedup

/// An article as an index keeps it: identity, origin, time, and everything verification needs; not its text.
public struct IndexedArticle: Sendable, Hashable {
    /// The identifier.
    public var id: ArticleID
    /// The publishing site or feed, if given.
    public var source: String?
    /// The article's address, if given.
    public var url: String?
    /// The headline, if given.
    public var title: String?
    /// The publication time, if given.
    public var published: Timestamp?
    /// The origin named in a syndication notice, copyright line or wire dateline, if any.
    public var attribution: String?
    /// XXH3-64 (seed 0) of the headline and text as given (``Article/fingerprintText``): re-adding an id whose
    /// hash is the same is a no-op.
    public var textHash: UInt64
    /// The fingerprint of the story without its boilerplate.
    public var fingerprint: Fingerprint
    /// The indexed article this one was found to copy when it was added, if any.
    public var copyOf: ArticleID?
    /// The store's insertion sequence number (1, 2, …; a replaced article gets a new one). Stores assign it; the
    /// value passed to ``ArticleStore/insert(_:bandKeys:boilerplate:replace:)`` is ignored.
    public var sequence: Int64

    /// An indexed article from its parts.
    public init(
        id: ArticleID, source: String?, url: String?, title: String?, published: Timestamp?, attribution: String?,
        textHash: UInt64, fingerprint: Fingerprint, copyOf: ArticleID?, sequence: Int64 = 0
    ) {
        self.id = id
        self.source = source
        self.url = url
        self.title = title
        self.published = published
        self.attribution = attribution
        self.textHash = textHash
        self.fingerprint = fingerprint
        self.copyOf = copyOf
        self.sequence = sequence
    }

    /// The site, as ``Article/site`` defines it.
    public var site: String? {
        Article(id: id, text: "", source: source, url: url).site
    }

    /// The article as the matcher sees it.
    public var document: FingerprintedDocument {
        FingerprintedDocument(
            id: id, site: site, published: published, fingerprint: fingerprint, attribution: attribution)
    }
}
