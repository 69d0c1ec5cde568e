import ArgumentParser
import Dedup
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why two documents of a corpus do or do not match.",
        discussion: """
            Learns the corpus's site boilerplate as `dedup scan` does, then shows for the two documents the blocks \
            removed from each, the scores against the thresholds, the shared figures and the rule that decided.
            The inputs are what `dedup scan` takes: JSONL files (.jsonl, .jsonl.gz), directories of .txt files \
            (the id is the path relative to the directory), or - for standard input.
            Exit codes: 0 explained; 1 an input could not be read or an id was not found; 64 usage.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "One or more inputs, then the id of the candidate copy and the id of the candidate original.",
            valueName: "input> ... <id1> <id2"))
    var words: [String]

    private var inputs: [String] { Array(words.dropLast(2)) }
    private var first: String { words[words.count - 2] }
    private var second: String { words[words.count - 1] }

    @OptionGroup(title: "Input fields") var inputFields: InputFieldOptions

    @OptionGroup(title: "Matching") var fingerprint: FingerprintOptions

    @Flag(help: "Keep site boilerplate in the fingerprints.")
    var noBoilerplate = false

    func validate() throws {
        guard words.count >= 3 else { throw ValidationError("give at least one input and two ids") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once") }
    }

    func run() throws {
        let wanted = [first, second]
        var found: [String: Article] = [:]
        var options = ScanOptions()
        options.settings = fingerprint.settings
        options.fields = inputFields.fields
        options.boilerplate.isEnabled = !noBoilerplate
        let decoder = ArticleDecoder(fields: inputFields.fields)
        let statistics: BoilerplateStatistics
        do {
            let corpus = try CorpusInput(paths: inputs)
            try corpus.forEachRecord(maximumTextBytes: options.maxTextBytes) { record in
                guard let article = try? record.article(using: decoder, maximumTextBytes: options.maxTextBytes)
                else { return }
                let key = article.id.description
                if wanted.contains(key), found[key] == nil { found[key] = article }
            }
            statistics = noBoilerplate ? BoilerplateStatistics() : try CorpusScanner(options: options)
                .learnBoilerplate(corpus)
        } catch {
            reportFailure(error)
            throw ExitCode(1)
        }
        guard let a = found[first], let b = found[second] else {
            let missing = wanted.filter { found[$0] == nil }.joined(separator: ", ")
            FileHandle.standardError.write(Data("dedup: no valid document with id \(missing) in \(inputs.joined(separator: ", "))\n".utf8))
            throw ExitCode(1)
        }
        let processor = ArticleFingerprinter(settings: fingerprint.settings, rules: options.boilerplate)
        var scratch = FingerprintScratch(for: processor.fingerprinter)
        let pa = processor.process(a, statistics: statistics, scratch: &scratch)
        let pb = processor.process(b, statistics: statistics, scratch: &scratch)
        for (article, processed) in [(a, pa), (b, pb)] {
            let fp = processed.document.fingerprint
            print(
                "\(article.id) (\(article.site ?? "no site")): \(fp.tokenCount) tokens, \(fp.shingleCount) distinct "
                    + "shingles, \(fp.figures.count) figures"
                    + (processed.document.attribution.map { ", attributed to \($0)" } ?? ""))
            let lines = article.text.lineSlices()
            for block in processed.boilerplate.removed {
                let text = lines[(block.firstLine - 1)..<block.lastLine].joined(separator: " ")
                print("  removed line \(block.firstLine) [\(block.reason.rawValue): \(block.detail)] \(text.prefix(90))")
            }
        }
        let verifier = Verifier(policy: fingerprint.policy)
        let assessment = try verifier.assess(copy: pa.document.fingerprint, original: pb.document.fingerprint)
        let lsh = fingerprint.lsh ?? fingerprint.policy.lshParameters(signatureLength: fingerprint.settings.length)
        let jaccard = assessment.scores.jaccard
        print("estimated Jaccard: \(fmt(jaccard))  (near-duplicate threshold \(fmt(fingerprint.threshold)))")
        print(
            "containment: \(first) in \(second) \(fmt(assessment.scores.containmentOfCopy)), "
                + "\(second) in \(first) \(fmt(assessment.scores.containmentOfOriginal))  "
                + "(threshold \(fmt(fingerprint.containment)); shorter: \(assessment.scores.shorter.rawValue))")
        print("LSH \(lsh): candidate probability at this similarity \(fmt(lsh.candidateProbability(jaccard: jaccard)))")
        if let template = assessment.template {
            print(
                "figures replaced: \(template.replaced) (\(fmt(template.replacedPer100Tokens)) per 100 tokens of the "
                    + "shorter text)")
        }
        let shared = SharedText(
            first: SharedText.parts(of: a, pa), second: SharedText.parts(of: b, pb),
            shingler: processor.fingerprinter.shingler)
        print(
            "shared passages (runs of \(fingerprint.shingleSize)-word shingles both have): "
                + "\(percent(shared.shareOfFirst)) of \(first)'s words, \(percent(shared.shareOfSecond)) of \(second)'s")
        for passage in shared.passages.prefix(12) {
            let words = passage.split(whereSeparator: \.isWhitespace)
            let shown = words.count > 40 ? words.prefix(18).joined(separator: " ") + " … " + words.suffix(18).joined(separator: " ")
                : words.joined(separator: " ")
            print("  [\(words.count) words] \(shown)")
        }
        if shared.passages.count > 12 { print("  … \(shared.passages.count - 12) more passages") }
        let cross = pa.document.crossesSource(with: pb.document)
        print("verdict: \(assessment.kind?.rawValue ?? "not a copy")\(assessment.kind != nil && cross ? ", cross-source" : "") — \(assessment.rule)")
    }

    private func fmt(_ value: Double) -> String { JSONWriter.format(value, decimals: 3) }

    private func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
