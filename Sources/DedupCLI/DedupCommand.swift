import ArgumentParser
import Foundation
import Dedup

@main
struct DedupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Find exact copies, near-duplicates and contained copies in news corpora.",
        subcommands: [
            ScanCommand.self, ExplainCommand.self, BoilerplateCommand.self, GenerateCommand.self, EvalCommand.self,
            BenchCommand.self, IndexCommand.self, CheckCommand.self, ServeCommand.self,
        ]
    )
}

/// Options shared by every command that fingerprints text.
struct FingerprintOptions: ParsableArguments {
    @Option(help: "Words per shingle.")
    var shingleSize: Int = MinHashSettings.standard.shingleSize

    @Option(help: "Values per MinHash signature.")
    var signatureLength: Int = MinHashSettings.standard.length

    @Option(help: "MinHash scheme: one-permutation or permutations.")
    var scheme: MinHashScheme = MinHashSettings.standard.scheme

    @Option(help: "Seed of every hash function.")
    var seed: UInt64 = MinHashSettings.standard.seed

    @Option(help: "Estimated Jaccard similarity at or above which two documents are near-duplicates.")
    var threshold: Double = MatchPolicy.standard.nearDuplicateThreshold

    @Option(help: "Containment of the shorter document in the longer at or above which it is a contained copy.")
    var containment: Double = MatchPolicy.standard.containmentThreshold

    @Option(help: "Shortest contained copy looked for, as a share of the longer document.")
    var minContainedRatio: Double = MatchPolicy.standard.minimumContainedRatio

    @Flag(help: "Report template stories (same text, other figures and names) as copies too.")
    var noTemplateRule = false

    @Option(help: "LSH bands (with --rows; default: optimal for the thresholds).")
    var bands: Int?

    @Option(help: "LSH rows per band (with --bands).")
    var rows: Int?

    func validate() throws {
        guard shingleSize >= 1 else { throw ValidationError("--shingle-size must be at least 1") }
        guard signatureLength >= 1 && signatureLength <= 4096 else {
            throw ValidationError("--signature-length must be between 1 and 4096")
        }
        guard threshold > 0 && threshold <= 1 else { throw ValidationError("--threshold must be in (0, 1]") }
        guard containment > 0 && containment <= 1 else { throw ValidationError("--containment must be in (0, 1]") }
        guard minContainedRatio > 0 && minContainedRatio <= 1 else {
            throw ValidationError("--min-contained-ratio must be in (0, 1]")
        }
        switch (bands, rows) {
        case (nil, nil): break
        case (let b?, let r?):
            guard b >= 1 && r >= 1 && b * r <= signatureLength else {
                throw ValidationError("--bands × --rows must be at least 1 and at most --signature-length")
            }
        default: throw ValidationError("--bands and --rows go together")
        }
    }

    var settings: MinHashSettings {
        MinHashSettings(scheme: scheme, length: signatureLength, seed: seed, shingleSize: shingleSize)
    }

    var policy: MatchPolicy {
        var policy = MatchPolicy.standard
        policy.nearDuplicateThreshold = threshold
        policy.containmentThreshold = containment
        policy.minimumContainedRatio = minContainedRatio
        policy.templateRule.isEnabled = !noTemplateRule
        return policy
    }

    var lsh: LSHParameters? {
        guard let bands, let rows else { return nil }
        return LSHParameters(bands: bands, rows: rows)
    }
}

extension MinHashScheme: ExpressibleByArgument {}

/// Names of the input fields, for corpora whose fields are called otherwise.
struct InputFieldOptions: ParsableArguments {
    @Option(help: "Field holding the id (string or integer).")
    var idField = "id"

    @Option(help: "Field holding the article text.")
    var textField = "text"

    @Option(help: "Field holding the site or feed name.")
    var sourceField = "source"

    @Option(help: "Field holding the article URL (its host is the site when there is no source).")
    var urlField = "url"

    @Option(help: "Field holding the headline.")
    var titleField = "title"

    @Option(help: "Field holding the ISO 8601 publication time.")
    var publishedField = "published"

    var fields: InputFields {
        var fields = InputFields()
        fields.id = idField
        fields.text = textField
        fields.source = sourceField
        fields.url = urlField
        fields.title = titleField
        fields.published = publishedField
        return fields
    }
}

/// Prints a failure on standard error as "dedup: <what and where>".
func reportFailure(_ error: any Error) {
    let text: String
    switch error {
    case let error as FileError: text = error.description
    case let error as InputError: text = error.description
    default: text = error.localizedDescription
    }
    FileHandle.standardError.write(Data("dedup: \(text)\n".utf8))
}
