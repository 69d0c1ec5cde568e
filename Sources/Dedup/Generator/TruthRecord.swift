/// The verdict a perfect detector gives a generated pair once site boilerplate is removed.
public enum TruthKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Identical story text and headline.
    case exact
    /// Small edits (Jaccard of the 5-word shingles well above 0.8).
    case nearDuplicate = "near_duplicate"
    /// One story text contains the other: a truncated copy or an extended update.
    case contained
    /// Another issue of the same template story, with other figures: not a copy.
    case template
    /// An independent report of the same event: not a copy.
    case sameEvent = "same_event"
}

/// How the generator made a related document.
public enum CopyOperation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Exact reprint on the same site.
    case reprint
    /// Reprint with edits.
    case edit
    /// The first 40–70% of the story and a "Read the full story" line.
    case truncate
    /// The story plus one to three new paragraphs.
    case extend
    /// Reproduced on another site under that site's chrome, with an attribution line.
    case syndicate
    /// A new issue of a template story.
    case template
    /// An independent report of the same event.
    case sameEvent = "same_event"

    /// Whether the operation copies text (template and same-event documents do not).
    public var isCopy: Bool {
        switch self {
        case .reprint, .edit, .truncate, .extend, .syndicate: true
        case .template, .sameEvent: false
        }
    }
}

/// A labeled pair: `b` was made from `a` by `operation`.
public struct TruthPair: Sendable, Hashable {
    /// The earlier document: for copies, always the original story (its first published version), even when the
    /// copy was made from another copy of it; for template items the previous issue; for same-event reports the
    /// earlier report.
    public var a: String
    /// The later document.
    public var b: String
    /// The verdict a perfect detector gives once boilerplate is removed.
    public var kind: TruthKind
    /// How `b` was made.
    public var operation: CopyOperation
    /// Whether `b` copies `a` (false for template and same-event pairs).
    public var isCopy: Bool { operation.isCopy }
    /// Whether the two documents are on different sites.
    public var crossSource: Bool
}

/// A range of chrome lines in one document (1-based lines of its text split on "\n").
public struct TruthBoilerplate: Sendable, Hashable {
    /// The document.
    public var id: String
    /// The first line of the range.
    public var firstLine: Int
    /// The last line of the range (inclusive).
    public var lastLine: Int
    /// The rule of ``BoilerplateDetector`` that fits the lines best (see `docs/design/boilerplate.md`).
    public var reason: BoilerplateReason
}

/// One line of the truth file.
public enum TruthRecord: Sendable, Hashable {
    /// The first line: the settings the corpus was made with.
    case meta(GeneratorSettings)
    /// A labeled pair of documents.
    case pair(TruthPair)
    /// Chrome lines of a document.
    case boilerplate(TruthBoilerplate)

    /// Writes the record as one JSON object (no newline), with its fields in a fixed order.
    public func write(into writer: inout JSONWriter) {
        writer.beginObject()
        switch self {
        case .meta(let settings):
            writer.key("type")
            writer.value("meta")
            writer.key("seed")
            writer.raw(String(settings.seed).utf8)
            writer.key("documents")
            writer.value(settings.documents)
            writer.key("settings")
            settings.writeJSON(into: &writer)
        case .pair(let pair):
            writer.key("type")
            writer.value("pair")
            writer.key("a")
            writer.value(pair.a)
            writer.key("b")
            writer.value(pair.b)
            writer.key("kind")
            writer.value(pair.kind.rawValue)
            writer.key("operation")
            writer.value(pair.operation.rawValue)
            writer.key("copy")
            writer.value(pair.isCopy)
            writer.key("cross_source")
            writer.value(pair.crossSource)
        case .boilerplate(let range):
            writer.key("type")
            writer.value("boilerplate")
            writer.key("id")
            writer.value(range.id)
            writer.key("first_line")
            writer.value(range.firstLine)
            writer.key("last_line")
            writer.value(range.lastLine)
            writer.key("reason")
            writer.value(range.reason.rawValue)
        }
        writer.endObject()
    }

    /// The record as one line of JSON, newline included.
    public var jsonLine: [UInt8] {
        var writer = JSONWriter()
        write(into: &writer)
        writer.newline()
        return writer.bytes
    }
}

extension GeneratorSettings {
    /// The settings as a JSON object with snake_case keys in a fixed order.
    func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("documents")
        writer.value(documents)
        writer.key("seed")
        writer.raw(String(seed).utf8)
        writer.key("sites")
        writer.value(sites)
        writer.key("wires")
        writer.value(wireCount)
        writer.key("words_per_document")
        writer.value(wordsPerDocument)
        writer.key("vocabulary_size")
        writer.value(vocabularySize)
        writer.key("zipf_exponent")
        writer.value(zipfExponent)
        writer.key("rates")
        writer.beginObject()
        for (name, rate) in [
            ("reprint", rates.reprint), ("edit", rates.edit), ("truncate", rates.truncate), ("extend", rates.extend),
            ("syndicate", rates.syndicate), ("template", rates.template), ("same_event", rates.sameEvent),
        ] {
            writer.key(name)
            writer.value(rate, decimals: 6)
        }
        writer.endObject()
        writer.key("noise")
        writer.value(noise, decimals: 6)
        writer.key("start")
        writer.value(start)
        writer.key("documents_per_day")
        writer.value(documentsPerDay)
        writer.key("recent_stories")
        writer.value(recentStories)
        writer.endObject()
    }
}
