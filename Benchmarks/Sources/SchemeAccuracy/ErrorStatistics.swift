/// Running error statistics of Jaccard estimates against the true values.
struct ErrorStatistics {
    private(set) var count = 0
    private var sumError = 0.0
    private var sumAbsoluteError = 0.0
    private var sumSquaredError = 0.0
    /// Sum of the classic scheme's theoretical variance J(1 − J)/k, to compare the RMSE with.
    private var sumTheoreticalVariance = 0.0

    mutating func add(estimate: Double, truth: Double, length: Int) {
        let error = estimate - truth
        count += 1
        sumError += error
        sumAbsoluteError += abs(error)
        sumSquaredError += error * error
        sumTheoreticalVariance += truth * (1 - truth) / Double(length)
    }

    /// Mean absolute error.
    var meanAbsoluteError: Double { sumAbsoluteError / Double(count) }
    /// Root mean squared error.
    var rootMeanSquaredError: Double { (sumSquaredError / Double(count)).squareRoot() }
    /// Mean signed error: positive when the scheme overestimates.
    var bias: Double { sumError / Double(count) }
    /// The standard error of ``bias``, to tell a real bias from noise.
    var biasStandardError: Double {
        guard count > 1 else { return .nan }
        let variance = (sumSquaredError - sumError * sumError / Double(count)) / Double(count - 1)
        return (variance / Double(count)).squareRoot()
    }
    /// RMSE over √(mean J(1 − J)/k): 1 for an estimator exactly as good as classic MinHash's theory.
    var rmseOverTheory: Double { rootMeanSquaredError / (sumTheoreticalVariance / Double(count)).squareRoot() }
}
