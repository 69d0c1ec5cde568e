import Benchmark
import Dedup
import NewsCorpus

// The fingerprint hot path, whole and stage by stage, and the LSH index. README.md in the package folder says what
// each benchmark measures and how to read the numbers.
//
// Document benchmarks process 1,000 documents per iteration (scaling factor .kilo), so the scaled figures marked *
// read per document (time, mallocs); the custom rates are per iteration: documents and kilobytes of UTF-8 input
// text per second, whatever the stage, so the stages compare on one scale.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: CustomMetric.documentMetrics,
        units: CustomMetric.units,
        warmupIterations: 1,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 100
    )
    let schemes = [MinHashScheme.onePermutation, .permutations]
    func settings(_ scheme: MinHashScheme) -> MinHashSettings {
        MinHashSettings(scheme: scheme, length: 128, seed: 42, shingleSize: 5)
    }

    // MARK: Text to signature

    // Typographic English takes the tokenizer's Unicode path (one curly quote is enough); ASCII English its byte
    // path. Both schemes run on both, so the scheme ratio shows behind a slow and behind a fast tokenizer.
    for (name, language) in [("English", NewsTextGenerator.Language.english), ("English ASCII", .englishASCII)] {
        for scheme in schemes {
            let fingerprinter = Fingerprinter(settings: settings(scheme))
            // Up to 0.8 s an iteration: a longer run gets enough samples for a stable median.
            Benchmark(
                "Fingerprint text (\(scheme), \(name))", configuration: .init(maxDuration: .seconds(6))
            ) { benchmark in
                let corpus = BenchmarkCorpus.of(language)
                var scratch = FingerprintScratch(for: fingerprinter)
                blackHole(fingerprinter.fingerprint(corpus.documents[0], scratch: &scratch))
                benchmark.measureDocuments(of: corpus) { index in
                    blackHole(fingerprinter.fingerprint(corpus.documents[index], scratch: &scratch))
                }
            }
        }
    }

    // Everything after the tokenizer: shingles, distinct set, sketch, content hash, figures.
    for scheme in schemes {
        let fingerprinter = Fingerprinter(settings: settings(scheme))
        Benchmark("Fingerprint tokens (\(scheme), English)") { benchmark in
            let tokens = PreparedCorpus.tokens
            var scratch = FingerprintScratch(for: fingerprinter)
            blackHole(fingerprinter.fingerprint(tokens: tokens[0], scratch: &scratch))
            benchmark.measureDocuments(of: .english) { index in
                blackHole(fingerprinter.fingerprint(tokens: tokens[index], scratch: &scratch))
            }
        }
    }

    // MARK: Stages

    let tokenizer = Tokenizer()
    for (name, language) in [
        ("English", NewsTextGenerator.Language.english), ("English ASCII", .englishASCII),
        ("accented Latin", .accentedLatin), ("CJK", .cjk),
    ] {
        Benchmark("Tokenize (\(name))") { benchmark in
            let corpus = BenchmarkCorpus.of(language)
            var tokens = tokenizer.tokenize(corpus.documents[0])
            benchmark.measureDocuments(of: corpus) { index in
                tokenizer.tokenize(corpus.documents[index], into: &tokens)
                blackHole(tokens.count)
            }
        }
    }

    let shingler = Shingler(size: 5, seed: 42)
    Benchmark("Shingle hashes (5-word, English)") { benchmark in
        let tokens = PreparedCorpus.tokens
        benchmark.measureDocuments(of: .english) { index in
            var combined: UInt64 = 0
            shingler.forEachShingleHash(in: tokens[index]) { combined ^= $0 }
            blackHole(combined)
        }
    }

    for scheme in schemes {
        let hasher = MinHasher(settings: settings(scheme))
        Benchmark("MinHash sketch only (\(scheme), English)") { benchmark in
            let hashes = PreparedCorpus.distinctShingleHashes
            var accumulator = MinHashAccumulator(hasher: hasher)
            benchmark.measureDocuments(of: .english) { index in
                accumulator.reset()
                for hash in hashes[index] { accumulator.add(hash) }
                blackHole(accumulator.finish())
            }
        }
    }

    // MARK: LSH index

    Benchmark(
        "LSH insert (build an index of 100k signatures)",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, CustomMetric.operationsPerCPUSecond],
            scalingFactor: .one, maxDuration: .seconds(6), maxIterations: 5)
    ) { benchmark in
        let fixture = LSHFixture.shared
        benchmark.startMeasurement()
        let stopwatch = Stopwatch()
        blackHole(fixture.makeIndex())
        let elapsed = stopwatch.cpuElapsed
        benchmark.stopMeasurement()
        benchmark.measurement(CustomMetric.operationsPerCPUSecond, perSecond(fixture.indexed.count, elapsed))
    }

    // The fixtures are built on first use, so that a filtered run that skips these benchmarks does not pay for them.
    func lshQueryBenchmark(
        _ name: String, fixture: @escaping @Sendable () -> LSHFixture,
        index: @escaping @Sendable () -> LSHIndex<Int>
    ) {
        Benchmark(
            "LSH query (index of \(name) signatures)",
            configuration: .init(
                metrics: [
                    .throughput, .wallClock, .mallocCountTotal, CustomMetric.operationsPerCPUSecond,
                    CustomMetric.candidates,
                ])
        ) { benchmark in
            let fixture = fixture()
            let index = index()
            precondition(fixture.queries.count == benchmark.scaledIterations.count)
            var candidates = 0
            benchmark.startMeasurement()
            let stopwatch = Stopwatch()
            for query in fixture.queries {
                let keys = try! index.query(query)
                candidates += keys.count
                blackHole(keys)
            }
            let elapsed = stopwatch.cpuElapsed
            benchmark.stopMeasurement()
            benchmark.measurement(CustomMetric.operationsPerCPUSecond, perSecond(fixture.queries.count, elapsed))
            benchmark.measurement(CustomMetric.candidates, candidates)
        }
    }
    lshQueryBenchmark("100k", fixture: { LSHFixture.shared }, index: { LSHFixture.sharedIndex })
    lshQueryBenchmark("1M", fixture: { LSHFixture.million }, index: { LSHFixture.millionIndex })

    // MARK: Boilerplate, verification, end to end

    registerPipelineBenchmarks()
}

extension Benchmark {
    /// Runs `body` on each document of this iteration's batch of `corpus`, measuring that loop only, and records
    /// the document and text rates.
    func measureDocuments(of corpus: BenchmarkCorpus, _ body: (Int) -> Void) {
        let batch = corpus.batch(iteration: currentIteration, count: scaledIterations.count)
        startMeasurement()
        let stopwatch = Stopwatch()
        for index in batch { body(index) }
        let cpu = stopwatch.cpuElapsed
        let wall = stopwatch.wallElapsed
        stopMeasurement()
        let kilobytes = corpus.bytes(in: batch) / 1_000
        measurement(CustomMetric.documentsPerCPUSecond, perSecond(batch.count, cpu))
        measurement(CustomMetric.textKilobytesPerCPUSecond, perSecond(kilobytes, cpu))
        measurement(CustomMetric.textKilobytesPerSecond, perSecond(kilobytes, wall))
    }
}

extension LSHFixture {
    /// An index of all 100k signatures, built once for the query benchmark.
    static let sharedIndex = shared.makeIndex()
    /// An index of a million signatures, built once (and only when its benchmark runs).
    static let millionIndex = million.makeIndex()
}
