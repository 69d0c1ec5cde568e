import Dedup
import DedupStore

/// The API's JSON shapes, written field by field in a fixed order, with every documented field present (`null`
/// when there is no value). `docs/api/openapi.yaml` describes the same shapes.
extension JSONWriter {
    /// A verdict: `{id, is_copy, matches, first_published, removed, attribution, candidates_verified}`.
    /// - Parameter text: the checked article's text, to show the removed lines.
    mutating func write(verdict result: CheckResult, text: String) {
        beginObject()
        key("id")
        value(result.id)
        key("is_copy")
        value(result.isCopy)
        key("matches")
        beginArray()
        for match in result.matches { write(match: match) }
        endArray()
        key("first_published")
        if let first = result.firstPublished { write(match: first) } else { null() }
        key("removed")
        beginArray()
        let lines = result.removed.isEmpty ? [] : text.lineSlices(droppingCarriageReturns: true)
        for block in result.removed {
            beginObject()
            key("first_line")
            value(block.firstLine)
            key("last_line")
            value(block.lastLine)
            key("reason")
            value(block.reason.rawValue)
            key("detail")
            value(block.detail)
            key("text")
            let first = max(block.firstLine - 1, 0)
            let last = min(block.lastLine, lines.count)
            value(first < last ? lines[first..<last].joined(separator: "\n") : "")
            endObject()
        }
        endArray()
        key("attribution")
        optional(result.attribution)
        key("candidates_verified")
        value(result.candidatesVerified)
        endObject()
    }

    /// One match: the indexed article and the verdict against it.
    mutating func write(match: IndexMatch) {
        beginObject()
        key("id")
        value(match.article.id)
        key("source")
        optional(match.article.source)
        key("url")
        optional(match.article.url)
        key("title")
        optional(match.article.title)
        key("published")
        optional(match.article.published?.iso8601)
        key("kind")
        value(match.verdict.kind.rawValue)
        key("cross_source")
        value(match.verdict.crossSource)
        key("jaccard")
        value(match.verdict.scores.jaccard)
        key("containment")
        value(match.verdict.scores.containment)
        key("shorter")
        value(match.verdict.scores.shorter.rawValue)
        endObject()
    }

    /// An indexed article: what the index keeps of it (not its text).
    mutating func write(indexed article: IndexedArticle) {
        beginObject()
        key("id")
        value(article.id)
        key("source")
        optional(article.source)
        key("url")
        optional(article.url)
        key("title")
        optional(article.title)
        key("published")
        optional(article.published?.iso8601)
        key("attribution")
        optional(article.attribution)
        key("copy_of")
        if let copyOf = article.copyOf { value(copyOf) } else { null() }
        key("sequence")
        value(Int(article.sequence))
        endObject()
    }

    /// A site's learned boilerplate.
    mutating func write(boilerplate learned: SourceBoilerplate) {
        beginObject()
        key("source")
        value(learned.source)
        key("stories")
        value(learned.stories)
        key("repeated_threshold")
        value(learned.repeatedThreshold)
        key("blocks")
        beginArray()
        for block in learned.blocks {
            beginObject()
            key("text")
            value(block.text)
            key("stories")
            value(block.stories)
            key("repeated")
            value(block.stories >= learned.repeatedThreshold)
            endObject()
        }
        endArray()
        endObject()
    }

    private mutating func optional(_ string: String?) {
        if let string { value(string) } else { null() }
    }
}
