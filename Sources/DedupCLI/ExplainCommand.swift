import ArgumentParser
import Dedup
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why two documents of a corpus do or do not match.",
        discussion: "Exit codes: 0 explained; 1 the input could not be read or an id was not found; 64 usage."
    )

    @Argument(help: "The JSONL corpus.")
    var input: String

    @Argument(help: "The id of the first document (the candidate copy).")
    var first: String

    @Argument(help: "The id of the second document (the candidate original).")
    var second: String

    @OptionGroup(title: "Input fields") var inputFields: InputFieldOptions

    @OptionGroup(title: "Matching") var fingerprint: FingerprintOptions

    func run() throws {
        let wanted = [first, second]
        var found: [String: Article] = [:]
        let decoder = ArticleDecoder(fields: inputFields.fields)
        do {
            for (line, bytes) in try LineReader(path: input) {
                guard let article = try? decoder.decode(bytes, file: input, line: line) else { continue }
                let key = article.id.description
                if wanted.contains(key), found[key] == nil { found[key] = article }
            }
        } catch {
            FileHandle.standardError.write(Data("dedup: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        guard let a = found[first], let b = found[second] else {
            let missing = wanted.filter { found[$0] == nil }.joined(separator: ", ")
            FileHandle.standardError.write(Data("dedup: no valid document with id \(missing) in \(input)\n".utf8))
            throw ExitCode(1)
        }
        let fingerprinter = Fingerprinter(settings: fingerprint.settings)
        let fa = fingerprinter.fingerprint(a.fingerprintText)
        let fb = fingerprinter.fingerprint(b.fingerprintText)
        let verifier = Verifier(policy: fingerprint.policy)
        let assessment = try verifier.assess(copy: fa, original: fb)
        let lsh = fingerprint.lsh ?? fingerprint.policy.lshParameters(signatureLength: fingerprint.settings.length)
        let jaccard = assessment.scores.jaccard
        print("\(first): \(fa.tokenCount) tokens, \(fa.shingleCount) distinct shingles, \(fa.figures.count) figures")
        print("\(second): \(fb.tokenCount) tokens, \(fb.shingleCount) distinct shingles, \(fb.figures.count) figures")
        print("estimated Jaccard: \(fmt(jaccard))  (near-duplicate threshold \(fmt(fingerprint.threshold)))")
        print(
            "containment: \(first) in \(second) \(fmt(assessment.scores.containmentOfCopy)), "
                + "\(second) in \(first) \(fmt(assessment.scores.containmentOfOriginal))  "
                + "(threshold \(fmt(fingerprint.containment)); shorter: \(assessment.scores.shorter.rawValue))")
        print(
            "LSH \(lsh): candidate probability at this similarity "
                + fmt(lsh.candidateProbability(jaccard: jaccard)))
        if let template = assessment.template {
            print(
                "figures replaced: \(template.replaced) (\(fmt(template.replacedPer100Tokens)) per 100 tokens of the "
                    + "shorter text)")
        }
        print("verdict: \(assessment.kind?.rawValue ?? "not a copy") — \(assessment.rule)")
    }

    private func fmt(_ value: Double) -> String { JSONWriter.format(value, decimals: 3) }
}
