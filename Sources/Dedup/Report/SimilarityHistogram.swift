/// Counts of similarity scores in equal bins over [0, 1], in one or more series, with the thresholds that apply.
public struct SimilarityHistogram: Sendable, Hashable {
    /// One series of counts (reported copies, rejected candidates).
    public struct Series: Sendable, Hashable {
        /// What the series counts.
        public var name: String
        /// The count in each bin, lowest scores first.
        public var counts: [Int]
        /// The number of scores counted.
        public var total: Int { counts.reduce(0, +) }
    }

    /// A score marked on the axis.
    public struct Marker: Sendable, Hashable {
        /// What the score is ("near-duplicate threshold").
        public var name: String
        /// The score.
        public var value: Double

        /// A marker named `name` at `value`.
        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    /// What is measured ("Estimated Jaccard similarity").
    public var title: String
    /// The series, drawn stacked in this order.
    public var series: [Series]
    /// The thresholds to mark.
    public var markers: [Marker]
    /// The number of bins.
    public let bins: Int

    /// A histogram of `series` (name, scores) in `bins` bins; a score of exactly 1 goes into the last bin.
    /// - Precondition: `bins >= 1`.
    public init(title: String, bins: Int = 50, series: [(name: String, scores: [Double])], markers: [Marker]) {
        precondition(bins >= 1, "a histogram needs a bin")
        self.title = title
        self.bins = bins
        self.markers = markers
        self.series = series.map { name, scores in
            var counts = [Int](repeating: 0, count: bins)
            for score in scores where score.isFinite {
                counts[min(bins - 1, max(0, Int(score * Double(bins))))] += 1
            }
            return Series(name: name, counts: counts)
        }
    }

    /// The largest stacked bin height.
    public var maximumStack: Int {
        (0..<bins).map { bin in series.reduce(0) { $0 + $1.counts[bin] } }.max() ?? 0
    }

    /// The lower edge of `bin`.
    public func lowerEdge(of bin: Int) -> Double { Double(bin) / Double(bins) }
}
