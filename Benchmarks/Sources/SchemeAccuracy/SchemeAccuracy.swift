import ArgumentParser
import Dedup

/// Measures how well each MinHash scheme estimates Jaccard similarity, on equal footing: the same pairs, the same
/// seeds, the same signature length. Prints Markdown tables.
@main
struct SchemeAccuracy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare the MinHash schemes' Jaccard estimates: MAE, RMSE and bias, small and large sets.")

    @Option(help: "Number of synthetic set pairs.")
    var pairs = 40_000

    @Option(help: "Seed of the synthetic pairs and of the edits to real texts.")
    var seed: UInt64 = 1

    @Option(help: "Signature length k.")
    var length = 128

    @Option(help: "A JSONL news corpus (id, title, text) to measure real pairs on, read at run time.")
    var corpus: String?

    @Option(help: "Hash seeds per real pair.")
    var corpusSeeds = 16

    func validate() throws {
        guard pairs > 0 else { throw ValidationError("--pairs must be positive") }
        guard length > 0 else { throw ValidationError("--length must be positive") }
        guard corpusSeeds > 0 else { throw ValidationError("--corpus-seeds must be positive") }
    }

    func run() throws {
        print(SyntheticPairs(count: pairs, seed: seed, length: length).measure().render())
        guard let corpus else { return }
        var random = SplitMix64(seed: seed ^ 0x5EED)
        // The production seed first, then random ones.
        let seeds = [MinHashSettings.standard.seed] + (1..<corpusSeeds).map { _ in random.next() }
        let pairs = try CorpusPairs(path: corpus, length: length, seeds: seeds)
        let sizes = pairs.documents.map(\.shingles.count).sorted()
        let small = sizes.filter { $0 < length }.count
        let percent = format(100 * Double(small) / Double(sizes.count), 1)
        print(
            "Corpus: \(sizes.count) documents; distinct 5-word shingles: median \(sizes[sizes.count / 2]),"
                + " fewer than k = \(length): \(small) (\(percent)%).\n")
        let natural = pairs.naturalPairs()
        print(natural.report.render())
        print("(\(natural.identical) pairs with identical shingle sets left out.)\n")
        print(pairs.editedPairs(seed: seed).render())
    }
}
