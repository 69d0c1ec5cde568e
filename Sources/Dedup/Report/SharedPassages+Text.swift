/// The passages two articles share, as text: what `dedup explain` prints.
public struct SharedText: Sendable, Hashable {
    /// The passages of the first text covered by shingles the second has too, in text order.
    public var passages: [String]
    /// The share of the first text's tokens covered.
    public var shareOfFirst: Double
    /// The share of the second text's tokens covered.
    public var shareOfSecond: Double

    /// The shared passages of two texts given as parts (a headline, then the kept blocks), under `shingler`.
    public init(first: [Substring], second: [Substring], shingler: Shingler, tokenizer: Tokenizer = Tokenizer()) {
        let firstTokens = LocatedTokens(parts: first, tokenizer: tokenizer)
        let secondTokens = LocatedTokens(parts: second, tokenizer: tokenizer)
        let shared = SharedPassages(firstTokens, secondTokens, shingler: shingler)
        shareOfFirst = SharedPassages.share(shared.first)
        shareOfSecond = SharedPassages.share(shared.second)
        let ranges = SharedPassages.ranges(shared.first, in: firstTokens)
        passages = ranges.keys.sorted().flatMap { part in
            SharedPassages.widened(ranges[part]!, in: first[part]).map { range in
                let utf8 = first[part].utf8
                let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
                let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
                return String(first[part][lower..<upper])
            }
        }
    }

    /// The parts of a processed article the fingerprint was made from: its headline, then its kept blocks.
    public static func parts(of article: Article, _ processed: ProcessedArticle) -> [Substring] {
        let title = article.title.map { [Substring($0)] } ?? []
        return title + processed.boilerplate.content.map(\.text)
    }
}
