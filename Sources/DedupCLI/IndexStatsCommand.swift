import ArgumentParser
import Dedup
import DedupStore
import Foundation

struct IndexStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Describe the index: articles, copies, sources, band entries, bytes on disk, configuration.",
        discussion: "Exit codes: 0 described; 1 the index could not be read; 64 invalid command-line usage."
    )

    @OptionGroup var index: IndexOptions

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() async throws {
        let index = try await openIndex(self.index, readOnly: true, failure: 1)
        let statistics: IndexStatistics
        do {
            statistics = try await index.statistics()
        } catch let error as IndexError {
            printError("dedup: \(error.cliDescription)")
            try? await index.close()
            throw ExitCode(1)
        }
        try? await index.close()
        let configuration = statistics.configuration
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            for (key, value) in [
                ("articles", statistics.articles), ("copies", statistics.copies), ("sources", statistics.sources),
                ("band_entries", statistics.bandEntries),
            ] {
                writer.key(key)
                writer.value(value)
            }
            writer.key("bytes_on_disk")
            if let bytes = statistics.bytesOnDisk { writer.value(bytes) } else { writer.null() }
            writer.key("configuration")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            writer.raw(try encoder.encode(configuration))
            writer.endObject()
            writer.newline()
            FileHandle.standardOutput.write(Data(writer.bytes))
            return
        }
        let settings = configuration.settings
        let policy = configuration.policy
        print("articles:      \(statistics.articles)")
        print("copies:        \(statistics.copies)")
        print("sources:       \(statistics.sources)")
        print("band entries:  \(statistics.bandEntries)")
        print("bytes on disk: \(statistics.bytesOnDisk.map { Self.bytes($0) } ?? "unknown")")
        print("format:        \(configuration.format)")
        print("signatures:    \(settings)")
        print(
            "matching:      near-duplicate ≥ \(policy.nearDuplicateThreshold), contained ≥ "
                + "\(policy.containmentThreshold), LSH \(configuration.lsh)")
        print("boilerplate:   \(configuration.boilerplate.isEnabled ? "removed" : "kept")")
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : "\(JSONWriter.format(value, decimals: 1)) \(units[unit]) (\(count) B)"
    }
}
