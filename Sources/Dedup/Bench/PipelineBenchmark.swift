import Dispatch
import Foundation

/// Measures the pipeline's throughput on a JSONL corpus: signatures, LSH index build, queries, and the whole scan.
///
/// Figures are wall-clock and machine-dependent; compare them only with figures measured in the same run (the
/// report carries the machine's core count). Peak memory is the process's resident high-water mark.
public struct PipelineBenchmark: Sendable {
    /// The scan options (settings, policy, threads) the benchmark uses.
    public var options: ScanOptions
    /// How many LSH queries to time.
    public var queries: Int

    /// A benchmark with the given options.
    public init(options: ScanOptions = ScanOptions(), queries: Int = 10_000) {
        self.options = options
        self.queries = queries
    }

    /// One measured stage.
    public struct Stage: Sendable, Hashable {
        /// The stage's name.
        public var name: String
        /// Documents processed.
        public var documents: Int
        /// Text bytes processed (0 where it does not apply).
        public var bytes: Int
        /// Wall-clock seconds.
        public var seconds: Double
        /// Per-item latency percentiles in microseconds (p50, p90, p99, max), where measured.
        public var latencyMicroseconds: [String: Double]

        /// Documents per second.
        public var documentsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }
        /// Megabytes (10⁶ bytes) of text per second.
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
    }

    /// What the benchmark measured.
    public struct Report: Sendable {
        /// The stages, in order.
        public var stages: [Stage]
        /// The process's peak resident memory in bytes, after all stages.
        public var peakResidentBytes: Int
        /// Worker threads used.
        public var threads: Int
        /// Cores the machine reports.
        public var cores: Int
    }

    /// The stage being measured, for progress displays.
    public struct Progress: Sendable {
        public var stage: String
        public var done: Int
        public var total: Int?
    }

    /// Runs every stage on the corpus at `path`; `progress` is called now and then from the calling thread.
    public func run(corpus path: String, progress: (Progress) -> Void = { _ in }) throws -> Report {
        let processor = ArticleFingerprinter(settings: options.settings, rules: options.boilerplate)
        let clock = ContinuousClock()
        var stages: [Stage] = []

        // Stage 1: read, decode and fingerprint (the signature path, boilerplate off: text → signature only).
        var signatures: [MinHashSignature] = []
        var latencies: [Double] = []
        var bytes = 0
        var started = clock.now
        var batch: [ArraySlice<UInt8>] = []
        func flushSignatures() {
            let results = ParallelSlots<(MinHashSignature, Double, Int)>(count: batch.count)
            let workers = max(1, min(options.threads, batch.count))
            let fields = options.fields
            let lines = batch
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let decoder = ArticleDecoder(fields: fields)
                var scratch = FingerprintScratch(for: processor.fingerprinter)
                let clock = ContinuousClock()
                var index = worker
                while index < lines.count {
                    if let article = try? decoder.decode(lines[index], file: path, line: 0) {
                        let begin = clock.now
                        let fingerprint = processor.fingerprinter.fingerprint(article.fingerprintText, scratch: &scratch)
                        let elapsed = clock.now - begin
                        results[index] = (fingerprint.signature, elapsed.inSeconds * 1e6, article.text.utf8.count)
                    }
                    index += workers
                }
            }
            for case let (signature, latency, size)? in results.values {
                signatures.append(signature)
                latencies.append(latency)
                bytes += size
            }
            batch.removeAll(keepingCapacity: true)
            progress(Progress(stage: "signatures", done: signatures.count, total: nil))
        }
        for (_, line) in try LineReader(path: path) {
            batch.append(line)
            if batch.count == 4096 { flushSignatures() }
        }
        flushSignatures()
        stages.append(
            Stage(
                name: "signatures (read, decode, fingerprint)", documents: signatures.count, bytes: bytes,
                seconds: (clock.now - started).inSeconds, latencyMicroseconds: Self.percentiles(&latencies)))

        // Stage 2: LSH index build.
        let lsh = options.effectiveLSH
        var index = LSHIndex<Int32>(parameters: lsh, settings: options.settings)
        started = clock.now
        for (position, signature) in signatures.enumerated() {
            try index.insert(Int32(position), signature: signature)
            if position % 100_000 == 0 { progress(Progress(stage: "index", done: position, total: signatures.count)) }
        }
        stages.append(
            Stage(
                name: "LSH index build (\(lsh))", documents: signatures.count, bytes: 0,
                seconds: (clock.now - started).inSeconds, latencyMicroseconds: [:]))

        // Stage 3: queries of indexed signatures, spread over the corpus.
        let count = min(queries, signatures.count)
        var queryLatencies: [Double] = []
        queryLatencies.reserveCapacity(count)
        started = clock.now
        var generator = SplitMix64(seed: 7)
        var candidates = 0
        for _ in 0..<count {
            let signature = signatures[Int(generator.next() % UInt64(signatures.count))]
            let begin = clock.now
            candidates += try index.query(signature).count
            queryLatencies.append((clock.now - begin).inSeconds * 1e6)
        }
        stages.append(
            Stage(
                name: "LSH queries (\(candidates) candidates)", documents: count, bytes: 0,
                seconds: (clock.now - started).inSeconds, latencyMicroseconds: Self.percentiles(&queryLatencies)))
        signatures = []
        index = LSHIndex<Int32>(parameters: lsh, settings: options.settings)

        // Stage 4: the whole scan with its output, boilerplate included.
        progress(Progress(stage: "end to end", done: 0, total: nil))
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dedup-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: output) }
        started = clock.now
        var scanOptions = options
        scanOptions.includeTimings = false
        let result = try CorpusScanner(options: scanOptions).scan(path: path)
        try ScanOutput(directory: output.path).write(result)
        stages.append(
            Stage(
                name: "end to end (dedup scan with output)", documents: result.documents.count, bytes: bytes,
                seconds: (clock.now - started).inSeconds, latencyMicroseconds: [:]))

        return Report(
            stages: stages, peakResidentBytes: Self.peakResidentBytes(), threads: options.threads,
            cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The process's resident-memory high-water mark (VmHWM on Linux), in bytes; 0 where unknown.
    public static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.lineSlices() where line.hasPrefix("VmHWM:") {
            let digits = line.drop(while: { !$0.isNumber }).prefix(while: \.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }

    static func percentiles(_ values: inout [Double]) -> [String: Double] {
        guard !values.isEmpty else { return [:] }
        values.sort()
        func at(_ quantile: Double) -> Double {
            values[min(values.count - 1, Int((quantile * Double(values.count)).rounded(.down)))]
        }
        return ["p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": values[values.count - 1]]
    }


}
