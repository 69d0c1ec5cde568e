import Foundation

/// One line of a scan's `matches.jsonl`: a copy, the canonical it copies, and the verdict.
public struct PredictedMatch: Sendable, Hashable {
    /// The copy.
    public var id: ArticleID
    /// The canonical it copies.
    public var original: ArticleID
    /// The kind of copy.
    public var kind: CopyKind
    /// Whether the scan found the two on different sites or origins.
    public var crossSource: Bool

    /// A match from its fields.
    public init(id: ArticleID, original: ArticleID, kind: CopyKind, crossSource: Bool) {
        self.id = id
        self.original = original
        self.kind = kind
        self.crossSource = crossSource
    }
}

/// One block of a line of a scan's `boilerplate.jsonl`.
public struct PredictedBoilerplate: Sendable, Hashable {
    /// The document.
    public var id: ArticleID
    /// The first removed line (1-based line of the text split on "\n").
    public var firstLine: Int
    /// The last removed line, inclusive.
    public var lastLine: Int
    /// The scan's reason (`repeated`, `attribution`, `cue_phrase`, …).
    public var reason: String

    /// A removed block from its fields.
    public init(id: ArticleID, firstLine: Int, lastLine: Int, reason: String) {
        precondition(firstLine >= 1 && lastLine >= firstLine, "invalid line range \(firstLine)...\(lastLine)")
        self.id = id
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.reason = reason
    }
}

/// What a scan predicted, as read back from its output directory: the matches, the clusters and the removed
/// boilerplate.
public struct ScanPrediction: Sendable, Hashable {
    /// The lines of `matches.jsonl`.
    public var matches: [PredictedMatch]
    /// The members of each line of `clusters.jsonl` (canonical first); no document is in two clusters.
    public var clusters: [[ArticleID]]
    /// Every block of every line of `boilerplate.jsonl`.
    public var boilerplate: [PredictedBoilerplate]

    /// A prediction from its parts.
    /// - Precondition: no document is in two clusters.
    public init(matches: [PredictedMatch] = [], clusters: [[ArticleID]] = [], boilerplate: [PredictedBoilerplate] = [])
    {
        self.matches = matches
        self.clusters = clusters
        self.boilerplate = boilerplate
    }

    /// Reads `matches.jsonl`, `clusters.jsonl` and (when `includeBoilerplate`) `boilerplate.jsonl` from a scan's
    /// output directory.
    /// - Throws: ``FileError`` if a file cannot be read; ``InputError`` with the file and line of a bad record, or of
    ///   a document listed in two clusters.
    public init(directory: String, includeBoilerplate: Bool = true) throws {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        matches = []
        clusters = []
        boilerplate = []

        let matchesPath = path("matches.jsonl")
        for (line, bytes) in try jsonLines(path: matchesPath) {
            let record = try JSONRecord(bytes, file: matchesPath, line: line)
            let kindName = try record.string("kind")
            guard let kind = CopyKind(rawValue: kindName) else {
                let known = CopyKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw record.error("kind", .invalidValue, "'\(kindName.prefix(40))' is not one of \(known)")
            }
            matches.append(
                PredictedMatch(
                    id: try record.id("id"), original: try record.id("original"), kind: kind,
                    crossSource: try record.bool("cross_source")))
        }

        let clustersPath = path("clusters.jsonl")
        var clusterOf: [ArticleID: Int] = [:]
        for (line, bytes) in try jsonLines(path: clustersPath) {
            let record = try JSONRecord(bytes, file: clustersPath, line: line)
            let members = try record.ids("members")
            for member in members {
                if let earlier = clusterOf[member] {
                    throw record.error(
                        "members", .invalidValue,
                        "\(member) is already a member of the cluster on line \(earlier)")
                }
                clusterOf[member] = line
            }
            clusters.append(members)
        }

        guard includeBoilerplate else { return }
        let boilerplatePath = path("boilerplate.jsonl")
        for (line, bytes) in try jsonLines(path: boilerplatePath) {
            let record = try JSONRecord(bytes, file: boilerplatePath, line: line)
            let id = try record.id("id")
            for block in try record.objects("blocks") {
                let first = try block.integer("first_line")
                let last = try block.integer("last_line")
                guard first >= 1, last >= first else {
                    throw record.error("blocks", .invalidValue, "invalid line range \(first)...\(last)")
                }
                boilerplate.append(
                    PredictedBoilerplate(id: id, firstLine: first, lastLine: last, reason: try block.string("reason")))
            }
        }
    }
}

/// The ids of a corpus, read to know every document of the evaluation, singletons included.
public struct CorpusIDs: Sendable, Hashable {
    /// The distinct ids.
    public var ids: Set<ArticleID>
    /// Non-blank lines without a usable id (invalid JSON, no id, an id that is neither a string nor an integer).
    public var skippedLines: Int

    /// A corpus's ids.
    public init(ids: Set<ArticleID>, skippedLines: Int = 0) {
        self.ids = ids
        self.skippedLines = skippedLines
    }

    /// Reads the ids of a JSONL corpus: the id field of each line, a string or an integer.
    /// - Throws: ``FileError`` if the file cannot be read.
    public init(path: String, idField: String = "id") throws {
        ids = []
        skippedLines = 0
        for (line, bytes) in try jsonLines(path: path) {
            if let record = try? JSONRecord(bytes, file: path, line: line), let id = try? record.id(idField) {
                ids.insert(id)
            } else {
                skippedLines += 1
            }
        }
    }
}
