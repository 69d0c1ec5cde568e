import Foundation

/// The evaluation tests use the same temporary directories as the scan tests.
typealias EvaluationTestDirectory = ScanTestDirectory

extension ScanTestDirectory {
    /// Writes `lines`, each followed by "\n", to `name` and returns its path.
    @discardableResult
    func write(_ lines: [String], to name: String) throws -> String {
        try write(lines.map { $0 + "\n" }.joined(), to: name)
    }

    /// Writes the three files of a scan's output that evaluation reads.
    func writeScan(matches: [String] = [], clusters: [String] = [], boilerplate: [String] = []) throws {
        try write(matches, to: "matches.jsonl")
        try write(clusters, to: "clusters.jsonl")
        try write(boilerplate, to: "boilerplate.jsonl")
    }
}
