import Dedup
import Foundation

/// One estimated pair: its true Jaccard similarity, the smaller set's size and each scheme's estimate.
struct EstimatedPair {
    var truth: Double
    var smallerSetSize: Int
    var estimates: [MinHashScheme: Double]
}

/// Groups estimated pairs and prints, per group and per scheme, the error statistics as a Markdown table.
struct AccuracyReport {
    let title: String
    let length: Int
    private(set) var pairs: [EstimatedPair] = []

    init(title: String, length: Int) {
        self.title = title
        self.length = length
    }

    mutating func add(_ pair: EstimatedPair) { pairs.append(pair) }

    /// The report's tables: by the smaller set's size (the regimes of one-permutation hashing) and by similarity.
    func render() -> String {
        let k = length
        let sizeGroups: [(String, (EstimatedPair) -> Bool)] = [
            ("smaller set < k (\(k))", { $0.smallerSetSize < k }),
            ("k ≤ smaller set < 5k (\(5 * k))", { $0.smallerSetSize >= k && $0.smallerSetSize < 5 * k }),
            ("smaller set ≥ 5k", { $0.smallerSetSize >= 5 * k }),
            ("smaller set ≥ k", { $0.smallerSetSize >= k }),
            ("all", { _ in true }),
        ]
        let similarityGroups: [(String, (EstimatedPair) -> Bool)] = [
            ("J in [0.1, 0.4)", { $0.truth < 0.4 }),
            ("J in [0.4, 0.7)", { $0.truth >= 0.4 && $0.truth < 0.7 }),
            ("J in [0.7, 0.85)", { $0.truth >= 0.7 && $0.truth < 0.85 }),
            ("J ≥ 0.85", { $0.truth >= 0.85 }),
        ]
        var output = "### \(title)\n\n"
        output += table(header: "pairs by size", groups: sizeGroups)
        output += "\n"
        output += table(header: "pairs by similarity (all sizes)", groups: similarityGroups)
        return output
    }

    private func table(header: String, groups: [(String, (EstimatedPair) -> Bool)]) -> String {
        var output = "| \(header) | estimates | scheme | MAE | RMSE | RMSE / theory | bias (± s.e.) |\n"
        output += "|---|---:|---|---:|---:|---:|---:|\n"
        for (name, belongs) in groups {
            let members = pairs.filter(belongs)
            guard !members.isEmpty else { continue }
            for scheme in [MinHashScheme.onePermutation, .permutations] {
                var statistics = ErrorStatistics()
                for pair in members {
                    statistics.add(estimate: pair.estimates[scheme]!, truth: pair.truth, length: length)
                }
                output += "| \(name) | \(members.count) | \(scheme) | \(format(statistics.meanAbsoluteError)) | "
                output += "\(format(statistics.rootMeanSquaredError)) | \(format(statistics.rmseOverTheory, 2)) | "
                output += "\(format(statistics.bias, 4, signed: true)) ± \(format(statistics.biasStandardError, 4)) |\n"
            }
        }
        return output
    }
}

func format(_ value: Double, _ decimals: Int = 4, signed: Bool = false) -> String {
    guard value.isFinite else { return "n/a" }
    return String(format: signed ? "%+.\(decimals)f" : "%.\(decimals)f", value)
}
