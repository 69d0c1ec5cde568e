import Dedup

/// One indexed article an incoming article copies, and how.
public struct IndexMatch: Sendable, Hashable {
    /// The indexed article.
    public var article: IndexedArticle
    /// The kind of copy, whether it crosses sources, and the scores.
    public var verdict: Verdict
}

/// The answer to "was this already published?".
public struct CheckResult: Sendable, Hashable {
    /// The checked article's id.
    public var id: ArticleID
    /// The indexed articles it copies, best first: exact before near-duplicate before contained, then the higher
    /// Jaccard, then the earlier indexed.
    public var matches: [IndexMatch]
    /// The candidates the band keys proposed and the verifier scored.
    public var candidatesVerified: Int
    /// The blocks removed from the article as its site's boilerplate before fingerprinting.
    public var removed: [RemovedBlock]
    /// The origin the article names (syndication notice, copyright line, dateline), if any.
    public var attribution: String?
    /// The article's fingerprint.
    public var fingerprint: Fingerprint

    /// Whether the article copies an indexed one.
    public var isCopy: Bool { !matches.isEmpty }

    /// The best match.
    public var best: IndexMatch? { matches.first }

    /// Who published the story first: among the matches, the earliest published, then the earliest indexed
    /// (articles without a publication time come after dated ones).
    public var firstPublished: IndexMatch? {
        matches.min { a, b in
            switch (a.article.published, b.article.published) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.article.sequence < b.article.sequence
            }
        }
    }
}

/// What adding an article did.
public struct AddResult: Sendable, Hashable {
    /// What happened to the index.
    public enum Status: String, Sendable, Hashable, Codable {
        /// The article was new and is now indexed.
        case added
        /// The id was indexed with the same text: nothing changed.
        case unchanged
        /// The id was indexed with other text and was replaced.
        case replaced
    }

    /// What happened.
    public var status: Status
    /// The verdict against the articles indexed before it (for ``Status/unchanged``: as if it were added now,
    /// without itself).
    public var check: CheckResult
}
