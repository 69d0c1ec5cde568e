import ArgumentParser
import Dedup
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a scan's output against a truth file or a file of labeled pairs.",
        discussion: """
            <scan-directory> is a `dedup scan --out` directory (matches.jsonl, clusters.jsonl, boilerplate.jsonl). \
            <reference> is either a generator's truth file ({"type": "meta" | "pair" | "boilerplate", …} lines) or \
            labeled pairs ({"a": id, "b": id, "label": "duplicate" | "different" | true | false | a kind} lines).
            Against a truth file: pair precision, recall and F1 over the predicted clusters, the adjusted Rand \
            index, recall by kind and operation, precision by predicted kind, hard negatives placed in one \
            cluster, and boilerplate line precision and recall. Against labeled pairs: precision, recall and F1 \
            over the labeled pairs only, a pair being predicted a copy when both documents are in one cluster.
            Give the corpus with --corpus so that every document, singletons included, counts in the adjusted \
            Rand index. Definitions: docs/design/evaluation.md.
            Exit codes: 0 scored; 1 an input could not be read or has a bad line (reported with file and line), \
            or the JSON could not be written; 64 usage.
            """
    )

    @Argument(help: "The scan's output directory.")
    var scanDirectory: String

    @Argument(help: "The truth file or labeled-pairs file (JSONL).")
    var reference: String

    @Option(help: ArgumentHelp("The scanned corpus, read for the ids of all its documents.", valueName: "corpus.jsonl"))
    var corpus: String?

    @Option(help: "The corpus's id field.")
    var idField = "id"

    @Option(help: ArgumentHelp("Also write every number as JSON to this file.", valueName: "file"))
    var json: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings.")
    var quiet = false

    func validate() throws {
        guard !idField.isEmpty else { throw ValidationError("--id-field must not be empty") }
    }

    func run() throws {
        let report: EvaluationReport
        do {
            report = try Evaluator().evaluate(
                scanDirectory: scanDirectory, referencePath: reference, corpusPath: corpus, idField: idField)
            if let json { try write(report.json(), to: json) }
        } catch let error as EvaluationError {
            FileHandle.standardError.write(Data("dedup: \(error)\n".utf8))
            throw ExitCode(1)
        } catch {
            reportFailure(error)
            throw ExitCode(1)
        }
        if quiet {
            for warning in report.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        } else {
            print(report.table(), terminator: "")
        }
    }

    /// Writes `bytes` under a temporary name next to `path`, then renames it into place.
    private func write(_ bytes: [UInt8], to path: String) throws(FileError) {
        let temporary = path + ".\(getpid()).tmp"
        guard let file = fopen(temporary, "wb") else { throw FileError(path: path, operation: "write", code: errno) }
        let failed = fwrite(bytes, 1, bytes.count, file) != bytes.count || fflush(file) != 0
        let code = errno
        fclose(file)
        if failed || rename(temporary, path) != 0 {
            let renameCode = errno
            remove(temporary)
            throw FileError(path: path, operation: "write", code: failed ? code : renameCode)
        }
    }
}
