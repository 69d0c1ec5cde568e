import ArgumentParser
import Dedup
import Foundation

struct BoilerplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boilerplate",
        abstract: "Show the blocks each site repeats, as learned from a corpus, for a person to review.",
        discussion: """
            For each site (the source field, else the URL's host, else "(unknown)"), the blocks found in at least \
            --min-stories distinct stories, most frequent first, with their story counts; [repeated] marks the \
            ones `dedup scan` removes as repeated on that site.
            Exit codes: 0 done; 1 the input could not be read; 64 usage.
            """
    )

    @Argument(help: "JSONL files (.jsonl or .jsonl.gz), directories of .txt files, or - for standard input.")
    var inputs: [String]

    @OptionGroup(title: "Input fields") var inputFields: InputFieldOptions

    @Option(help: "Show blocks in at least this many distinct stories of their site.")
    var minStories = 2

    @Option(help: "At most this many blocks per site (0: all).")
    var limit = 25

    @Flag(help: "Write JSON lines ({\"site\", \"stories\", \"repeated_threshold\", \"blocks\": [{\"text\", \"stories\", \"repeated\"}]}).")
    var json = false

    func validate() throws {
        guard minStories >= 2 else { throw ValidationError("--min-stories must be at least 2") }
        guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
    }

    func run() throws {
        var options = ScanOptions()
        options.fields = inputFields.fields
        let statistics: BoilerplateStatistics
        do {
            statistics = try CorpusScanner(options: options).learnBoilerplate(CorpusInput(paths: inputs))
        } catch {
            reportFailure(error)
            throw ExitCode(1)
        }
        let rules = options.boilerplate
        for site in statistics.sites.keys.sorted() {
            let siteStatistics = statistics.sites[site]!
            let threshold = rules.repeatedThreshold(stories: siteStatistics.stories)
            let applies = siteStatistics.stories >= rules.minimumRepeatedStories
            var blocks = siteStatistics.learnedBlocks(minimumStories: minStories)
            if limit > 0 && blocks.count > limit { blocks = Array(blocks.prefix(limit)) }
            if json {
                var writer = JSONWriter()
                writer.beginObject()
                writer.key("site")
                writer.value(site)
                writer.key("stories")
                writer.value(siteStatistics.stories)
                writer.key("repeated_threshold")
                if applies { writer.value(threshold) } else { writer.null() }
                writer.key("blocks")
                writer.beginArray()
                for block in blocks {
                    writer.beginObject()
                    writer.key("text")
                    writer.value(block.text)
                    writer.key("stories")
                    writer.value(block.stories)
                    writer.key("repeated")
                    writer.value(applies && block.stories >= threshold)
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
                writer.newline()
                FileHandle.standardOutput.write(Data(writer.bytes))
                continue
            }
            let rule =
                applies
                ? "a block in \(threshold) or more is repeated"
                : "too few stories for the repeated rule (cue phrases and notices only)"
            print("\(site): \(siteStatistics.stories) distinct stories; \(rule)")
            if blocks.isEmpty { print("    (no block in \(minStories) or more stories)") }
            for block in blocks {
                let mark = applies && block.stories >= threshold ? "  [repeated]" : ""
                let count = String(block.stories)
                let padded = String(repeating: " ", count: max(0, 7 - count.count)) + count
                print("\(padded)  \(block.text.prefix(100))\(mark)")
            }
            print("")
        }
    }
}
