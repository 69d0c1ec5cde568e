import ArgumentParser
import Dedup
import DedupStore
import Foundation

struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Keep a persistent index of published articles (SQLite file or PostgreSQL).",
        discussion: """
            --db takes a file path (SQLite, created when missing), a postgres:// URL (shared by many processes and \
            machines; created when missing) or :memory:.
            """,
        subcommands: [IndexAddCommand.self, IndexRemoveCommand.self, IndexStatsCommand.self]
    )
}

/// Where the index is.
struct IndexOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The index: a SQLite file path (created when missing) or postgres://USER:PASS@HOST:PORT/DB[?schema=NAME].",
            valueName: "path-or-url"))
    var db: String

    @OptionGroup var cache: FingerprintCacheOptions

    var location: IndexLocation { IndexLocation(db) }
}

/// The memory a SQLite index keeps candidates' fingerprints in (`dedup check`, `index add`, `serve`).
struct FingerprintCacheOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Memory for candidates' fingerprints read from a SQLite index, kept for later checks and adds (0: none).",
            discussion: "Up to a sixteenth more keeps, for checks, the members of LSH buckets of 16 or more.",
            valueName: "MiB"))
    var cacheMb = SQLiteArticleStore.defaultFingerprintCacheBytes >> 20

    /// The budget in bytes.
    var bytes: Int { cacheMb << 20 }

    func validate() throws {
        guard (0...(1 << 20)).contains(cacheMb) else { throw ValidationError("--cache-mb must be between 0 and 1048576") }
    }
}

extension FingerprintCacheWarmup {
    /// The line `check --warm-cache --timings` prints on standard error.
    var summary: String {
        let mebibytes = JSONWriter.format(Double(bytes) / 1_048_576, decimals: 1)
        return "fingerprint cache warmed in \(JSONWriter.format(seconds, decimals: 2)) s: \(rows) fingerprints "
            + "(\(largeBucketRows) in large LSH buckets), \(mebibytes) MiB of \(articles) indexed articles"
            + (reachedBudget ? " (its room, 7/16 of --cache-mb, is full)" : "")
    }
}

/// Settings of a new index (an existing index keeps those it was created with).
struct NewIndexOptions: ParsableArguments {
    @OptionGroup(title: "Settings of a new index (an existing one keeps its own)") var fingerprint: FingerprintOptions

    @Flag(help: "Keep site boilerplate in the fingerprints of a new index.")
    var noBoilerplate = false

    var configuration: IndexConfiguration {
        var rules = BoilerplateRules.standard
        rules.isEnabled = !noBoilerplate
        return IndexConfiguration(
            settings: fingerprint.settings, policy: fingerprint.policy, lsh: fingerprint.lsh, boilerplate: rules)
    }
}

extension IndexError {
    /// The message printed on standard error.
    var cliDescription: String { "\(message) [\(code.rawValue)]" }
}

/// The JSON lines `dedup index add` and `dedup check` print.
enum IndexReport {
    /// One article's verdict: `id`, [`line`], [`status`], `copy`, `kind`, `cross_source`, `best`,
    /// `first_published`, `jaccard`, `containment`, `matches` (each `id`, `kind`, `cross_source`, `jaccard`,
    /// `containment`), `candidates`.
    static func line(_ check: CheckResult, status: AddResult.Status?, line: Int?, matches: Bool) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("id")
        json.value(check.id)
        if let line {
            json.key("line")
            json.value(line)
        }
        if let status {
            json.key("status")
            json.value(status.rawValue)
        }
        json.key("copy")
        json.value(check.isCopy)
        json.key("kind")
        if let best = check.best { json.value(best.verdict.kind.rawValue) } else { json.null() }
        json.key("cross_source")
        if let best = check.best { json.value(best.verdict.crossSource) } else { json.null() }
        json.key("best")
        if let best = check.best { json.value(best.article.id) } else { json.null() }
        json.key("first_published")
        if let first = check.firstPublished { json.value(first.article.id) } else { json.null() }
        json.key("jaccard")
        if let best = check.best { json.value(best.verdict.scores.jaccard) } else { json.null() }
        json.key("containment")
        if let best = check.best { json.value(best.verdict.scores.containment) } else { json.null() }
        if matches {
            json.key("matches")
            json.beginArray()
            for match in check.matches {
                json.beginObject()
                json.key("id")
                json.value(match.article.id)
                json.key("kind")
                json.value(match.verdict.kind.rawValue)
                json.key("cross_source")
                json.value(match.verdict.crossSource)
                json.key("jaccard")
                json.value(match.verdict.scores.jaccard)
                json.key("containment")
                json.value(match.verdict.scores.containment)
                json.key("published")
                if let published = match.article.published { json.value(published.iso8601) } else { json.null() }
                json.endObject()
            }
            json.endArray()
        }
        json.key("candidates")
        json.value(check.candidatesVerified)
        json.endObject()
        json.newline()
        return json.bytes
    }
}

/// Buffered output for JSON lines: standard output unless told otherwise.
struct StandardOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(handle: FileHandle = .standardOutput) {
        self.handle = handle
    }

    mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Prints a line on standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data("\(text)\n".utf8))
}

/// Opens the index, or reports why not and exits with `status`.
func openIndex(
    _ options: IndexOptions, configuration: IndexConfiguration = .standard, readOnly: Bool = false,
    failure status: Int32
) async throws -> PublishedIndex {
    do {
        return try await PublishedIndex.open(
            options.location, configuration: configuration, fingerprintCacheBytes: options.cache.bytes,
            readOnly: readOnly)
    } catch let error as IndexError {
        printError("dedup: \(error.cliDescription)")
        throw ExitCode(status)
    }
}
