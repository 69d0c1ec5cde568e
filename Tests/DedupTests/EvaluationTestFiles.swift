import Foundation

/// A temporary directory holding a scan's output files, a truth file and a corpus for the evaluation tests;
/// removed when the test is done.
final class EvaluationTestDirectory {
    /// The directory's path.
    let path: String

    /// A new, empty directory under the system's temporary directory.
    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("dedup-eval-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Writes `lines`, each followed by "\n", to `name` and returns its path.
    @discardableResult
    func write(_ lines: [String], to name: String) throws -> String {
        let path = file(name)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes the three files of a scan's output that evaluation reads.
    func writeScan(matches: [String] = [], clusters: [String] = [], boilerplate: [String] = []) throws {
        try write(matches, to: "matches.jsonl")
        try write(clusters, to: "clusters.jsonl")
        try write(boilerplate, to: "boilerplate.jsonl")
    }
}
