/// One input document: a news article and what is known about it.
public struct Article: Sendable, Hashable {
    /// The identifier, as it came in.
    public var id: ArticleID
    /// The article text; lines separated by "\n".
    public var text: String
    /// The publishing site or feed, if given.
    public var source: String?
    /// The article's address, if given.
    public var url: String?
    /// The headline, if given.
    public var title: String?
    /// The publication time, if given.
    public var published: Timestamp?

    /// An article from its fields.
    public init(
        id: ArticleID, text: String, source: String? = nil, url: String? = nil, title: String? = nil,
        published: Timestamp? = nil
    ) {
        self.id = id
        self.text = text
        self.source = source
        self.url = url
        self.title = title
        self.published = published
    }

    /// The site the article belongs to: the `source` field; else the host of the `url` (lowercased, without a
    /// leading "www."); else nil, and such articles are never counted as crossing sources.
    public var site: String? {
        if let source, !source.isEmpty { return source }
        guard let url else { return nil }
        return Article.host(of: url)
    }

    /// The text the fingerprint is computed from: the headline (when given) as its first line, then the text.
    ///
    /// The headline belongs to the story: a short item is often identified by its headline alone (dividend
    /// notices whose bodies are the same for every fund), while for a long story a changed headline is a small
    /// edit.
    public var fingerprintText: String {
        guard let title, !title.isEmpty else { return text }
        return title + "\n" + text
    }

    static func host(of url: String) -> String? {
        var rest = Substring(url)
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            rest = rest[rest.index(colon, offsetBy: 3)...]
        }
        let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var host = rest[..<end]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.lastIndex(of: ":"), !host.hasPrefix("[") { host = host[..<colon] }
        var result = host.lowercased()
        if result.hasPrefix("www.") { result.removeFirst(4) }
        return result.isEmpty ? nil : result
    }
}
