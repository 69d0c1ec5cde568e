import ArgumentParser
import Dedup
import DedupStore

struct IndexRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove articles from the index by id.",
        discussion: """
            An id made of digits is looked up as an integer id first, then as a string id (--string-ids: as a \
            string only). The sites' learned boilerplate counts are kept.
            Exit codes: 0 every id was removed; 1 an id was not indexed, or the index could not be read or written; \
            64 invalid command-line usage.
            """
    )

    @Argument(help: "The ids to remove.")
    var ids: [String]

    @OptionGroup var index: IndexOptions

    @Flag(help: "Take every id as a string, even one made of digits.")
    var stringIDs = false

    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("give at least one id") }
    }

    func run() async throws {
        let index = try await openIndex(self.index, failure: 1)
        var missing = 0
        do {
            for text in ids {
                var candidates: [ArticleID] = [.string(text)]
                if !stringIDs, let integer = Int64(text) { candidates.insert(.integer(integer), at: 0) }
                var removed = false
                for id in candidates where !removed {
                    removed = try await index.remove(id: id)
                }
                if removed {
                    if !quiet { print("removed \(text)") }
                } else {
                    missing += 1
                    printError("dedup: no article '\(text)' in the index [\(IndexError.Code.notFound.rawValue)]")
                }
            }
        } catch let error as IndexError {
            printError("dedup: \(error.cliDescription)")
            try? await index.close()
            throw ExitCode(1)
        }
        try? await index.close()
        if missing > 0 { throw ExitCode(1) }
    }
}
