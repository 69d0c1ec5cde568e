import Benchmark
import Dedup
import Foundation

/// Pages from the project's corpus generator (sites with chrome and teaser lists, copies, templates), for the
/// stages that need whole pages: boilerplate detection, verification and the end-to-end scan.
enum GeneratedPages {
    static let articles: [Article] = {
        var articles: [Article] = []
        let generator = try! CorpusGenerator(settings: GeneratorSettings(documents: 2_000, seed: 11))
        try! generator.generate(documents: { articles.append($0) }, truth: { _ in })
        return articles
    }()

    static let byteCounts = articles.map(\.text.utf8.count)

    /// Site statistics learned from all the pages, as a scan learns them before its second pass.
    static let statistics: BoilerplateStatistics = {
        var statistics = BoilerplateStatistics()
        let splitter = BlockSplitter()
        for article in articles { statistics.add(splitter.blocks(of: article.text), site: article.site) }
        return statistics
    }()

    /// Fingerprints of all pages (boilerplate removed) and the candidate pairs the scan's LSH banding proposes.
    static let candidates: (fingerprints: [Fingerprint], pairs: [(Int, Int)]) = {
        let processor = ArticleFingerprinter()
        var scratch = FingerprintScratch(for: processor.fingerprinter)
        let fingerprints = articles.map {
            processor.process($0, statistics: statistics, scratch: &scratch).document.fingerprint
        }
        var index = LSHIndex<Int>(
            parameters: MatchPolicy.standard.lshParameters(signatureLength: 128), settings: .standard)
        var pairs: [(Int, Int)] = []
        for (position, fingerprint) in fingerprints.enumerated() {
            for candidate in try! index.query(fingerprint.signature) { pairs.append((position, candidate)) }
            try! index.insert(position, signature: fingerprint.signature)
        }
        return (fingerprints, pairs)
    }()

    /// 10,000 generated pages written once to a temporary JSONL file.
    static let corpusFile: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dedup-benchmark-\(ProcessInfo.processInfo.processIdentifier).jsonl"
        ).path
        let generator = try! CorpusGenerator(settings: GeneratorSettings(documents: 10_000, seed: 12))
        _ = try! generator.write(corpus: path, truth: path + ".truth")
        return path
    }()
}

func registerPipelineBenchmarks() {
    Benchmark("Boilerplate detection (generated pages)") { benchmark in
        let articles = GeneratedPages.articles
        let statistics = GeneratedPages.statistics
        let splitter = BlockSplitter()
        let detector = BoilerplateDetector()
        var tokens = TokenizedText()
        let count = benchmark.scaledIterations.count
        let start = (benchmark.currentIteration * count) % (articles.count - count + 1)
        let batch = start..<(start + count)
        benchmark.startMeasurement()
        let stopwatch = Stopwatch()
        for index in batch {
            let article = articles[index]
            let blocks = splitter.blocks(of: article.text, scratch: &tokens)
            blackHole(detector.analyze(blocks, site: article.site, statistics: statistics))
        }
        let cpu = stopwatch.cpuElapsed
        let wall = stopwatch.wallElapsed
        benchmark.stopMeasurement()
        let kilobytes = GeneratedPages.byteCounts[batch].reduce(0, +) / 1_000
        benchmark.measurement(CustomMetric.documentsPerCPUSecond, perSecond(batch.count, cpu))
        benchmark.measurement(CustomMetric.textKilobytesPerCPUSecond, perSecond(kilobytes, cpu))
        benchmark.measurement(CustomMetric.textKilobytesPerSecond, perSecond(kilobytes, wall))
    }

    Benchmark(
        "Verification (LSH candidate pairs of 2,000 generated pages)",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, CustomMetric.operationsPerCPUSecond], scalingFactor: .one,
            maxIterations: 50)
    ) { benchmark in
        let (fingerprints, pairs) = GeneratedPages.candidates
        let verifier = Verifier()
        benchmark.startMeasurement()
        let stopwatch = Stopwatch()
        var copies = 0
        for (copy, original) in pairs
        where (try? verifier.assess(copy: fingerprints[copy], original: fingerprints[original]))?.kind != nil {
            copies += 1
        }
        let elapsed = stopwatch.cpuElapsed
        benchmark.stopMeasurement()
        blackHole(copies)
        benchmark.measurement(CustomMetric.operationsPerCPUSecond, perSecond(pairs.count, elapsed))
    }

    Benchmark(
        "End-to-end scan (10,000 generated pages, with output)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, CustomMetric.operationsPerSecond],
            scalingFactor: .one, maxDuration: .seconds(60), maxIterations: 3)
    ) { benchmark in
        let path = GeneratedPages.corpusFile
        let output = path + ".out"
        var options = ScanOptions()
        options.includeTimings = false
        benchmark.startMeasurement()
        let stopwatch = Stopwatch()
        let result = try! CorpusScanner(options: options).scan(path: path)
        try! ScanOutput(directory: output).write(result)
        let wall = stopwatch.wallElapsed
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(atPath: output)
        benchmark.measurement(CustomMetric.operationsPerSecond, perSecond(result.documents.count, wall))
    }
}
