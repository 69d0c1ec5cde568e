import ArgumentParser
import Dedup
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic news corpus with labeled copies and a truth file.",
        discussion: """
            Several sites publish original stories under their own chrome (navigation, bylines, datelines, share \
            prompts, copyright lines, "Latest News" teaser lists); wires publish without chrome. Later documents \
            reprint, edit, truncate, extend or syndicate earlier ones, or are template issues or other reports of \
            the same event (not copies). The same settings always give the same bytes.
            The truth file (JSONL) starts with a meta record, then per document its labeled pair and its chrome \
            line ranges; see Corpus/generator.md.
            Exit codes: 0 written; 1 a file could not be written; 64 usage.
            """
    )

    @Option(help: "Documents to write.")
    var documents: Int

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "The corpus file (JSONL; - for standard output).")
    var out: String

    @Option(help: "The truth file (default: the corpus path with -truth.jsonl).")
    var truth: String?

    @Option(help: "Sites, wires included.")
    var sites = 8

    @Option(help: "Wire sites (no chrome) among them (default: one in four).")
    var wires: Int?

    @Option(help: "Mean words of an original story.")
    var words = 600

    @Option(help: "Share of documents with OCR-like errors or mojibake in their story.")
    var noise = 0.0

    @Option(help: "Share of documents that are copies (reprint, edit, truncate, extend, syndicate), in the usual mix.")
    var copyRate: Double?

    @Option(help: "Share of exact reprints (overrides --copy-rate for this operation).")
    var reprintRate: Double?

    @Option(help: "Share of edited reprints.")
    var editRate: Double?

    @Option(help: "Share of truncated copies.")
    var truncateRate: Double?

    @Option(help: "Share of extended updates.")
    var extendRate: Double?

    @Option(help: "Share of syndicated copies.")
    var syndicateRate: Double?

    @Option(help: "Share of template stories (not copies).")
    var templateRate: Double?

    @Option(help: "Share of other reports of the same event (not copies).")
    var sameEventRate: Double?

    @Option(help: "Publication time of the first document (ISO 8601).")
    var start = GeneratorSettings().start

    @Option(help: "Mean documents published per day.")
    var perDay = GeneratorSettings().documentsPerDay

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    var settings: GeneratorSettings {
        var settings = GeneratorSettings(documents: documents, seed: seed)
        settings.sites = sites
        settings.wires = wires
        settings.wordsPerDocument = words
        settings.noise = noise
        settings.start = start
        settings.documentsPerDay = perDay
        var rates = CopyRates.standard
        if let copyRate { rates = rates.withCopyRate(copyRate) }
        if let reprintRate { rates.reprint = reprintRate }
        if let editRate { rates.edit = editRate }
        if let truncateRate { rates.truncate = truncateRate }
        if let extendRate { rates.extend = extendRate }
        if let syndicateRate { rates.syndicate = syndicateRate }
        if let templateRate { rates.template = templateRate }
        if let sameEventRate { rates.sameEvent = sameEventRate }
        settings.rates = rates
        return settings
    }

    var truthPath: String {
        if let truth { return truth }
        if out == "-" { return "truth.jsonl" }
        return (out.hasSuffix(".jsonl") ? String(out.dropLast(6)) : out) + "-truth.jsonl"
    }

    func validate() throws {
        do {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
        guard truthPath != out else { throw ValidationError("--truth must differ from --out") }
    }

    func run() throws {
        let generator = try CorpusGenerator(settings: settings)
        let progress = ProgressLine(quiet: quiet)
        let clock = ContinuousClock()
        let started = clock.now
        let total = documents
        let summary: GenerationSummary
        do {
            summary = try generator.write(corpus: out, truth: truthPath) { written in
                let percent = total > 0 ? written * 100 / total : 100
                progress.update("generated \(written) of \(total) documents (\(percent)%)")
            }
        } catch {
            progress.finish()
            reportFailure(error)
            throw ExitCode(1)
        }
        progress.finish()
        guard !quiet else { return }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let megabytes = Double(summary.corpusBytes) / 1_048_576
        let pairs = TruthKind.allCases.map { "\(summary.pairs[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        let message =
            "Wrote \(summary.documents) documents (\(JSONWriter.format(megabytes, decimals: 1)) MiB) to \(out) in "
            + "\(JSONWriter.format(seconds, decimals: 2)) s; truth: \(pairs) pairs and "
            + "\(summary.boilerplateRanges) boilerplate ranges in \(truthPath)."
        // With the corpus on standard output, the summary goes to standard error.
        if out == "-" {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        } else {
            print(message)
        }
    }
}
