import Benchmark

/// The rates package-benchmark does not compute itself. All are per iteration, not scaled.
enum CustomMetric {
    /// Documents per second of the benchmark thread's CPU time.
    static var documentsPerCPUSecond: BenchmarkMetric {
        .custom("Docs/s (thread CPU)", polarity: .prefersLarger, useScalingFactor: false)
    }
    /// Kilobytes (1,000 bytes) of UTF-8 input text per second of the benchmark thread's CPU time.
    static var textKilobytesPerCPUSecond: BenchmarkMetric {
        .custom("Text kB/s (thread CPU)", polarity: .prefersLarger, useScalingFactor: false)
    }
    /// Kilobytes (1,000 bytes) of UTF-8 input text per second of wall-clock time.
    static var textKilobytesPerSecond: BenchmarkMetric {
        .custom("Text kB/s (wall clock)", polarity: .prefersLarger, useScalingFactor: false)
    }
    /// Operations (LSH inserts or queries) per second of the benchmark thread's CPU time.
    static var operationsPerCPUSecond: BenchmarkMetric {
        .custom("Operations/s (thread CPU)", polarity: .prefersLarger, useScalingFactor: false)
    }
    /// Documents per second of wall-clock time, all threads together (the end-to-end scan).
    static var operationsPerSecond: BenchmarkMetric {
        .custom("Docs/s (wall clock)", polarity: .prefersLarger, useScalingFactor: false)
    }
    /// Candidates returned per 1,000 queries.
    static var candidates: BenchmarkMetric {
        .custom("Candidates per 1,000 queries", polarity: .prefersSmaller, useScalingFactor: false)
    }

    /// The metrics of every document benchmark.
    static var documentMetrics: [BenchmarkMetric] {
        [
            .throughput, .wallClock, .cpuTotal, .mallocCountTotal, documentsPerCPUSecond, textKilobytesPerCPUSecond,
            textKilobytesPerSecond,
        ]
    }

    /// Units that keep the rates readable as integers.
    static var units: [BenchmarkMetric: BenchmarkUnits] {
        [
            documentsPerCPUSecond: .count, textKilobytesPerCPUSecond: .count, textKilobytesPerSecond: .count,
            operationsPerCPUSecond: .count, operationsPerSecond: .count, candidates: .count,
        ]
    }
}
