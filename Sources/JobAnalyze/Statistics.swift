/// Summary figures of a set of salaries.
public struct Distribution: Sendable, Equatable {
    public var count: Int
    public var p10: Double
    public var p25: Double
    public var median: Double
    public var p75: Double
    public var p90: Double
    public var mean: Double
    public var min: Double
    public var max: Double
}

/// Exact statistics with one documented method.
public enum Statistics {
    /// The `p`-th quantile (0...1) of sorted values by linear interpolation between closest ranks:
    /// h = (n − 1)·p, then x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). This is numpy's default
    /// (`method="linear"`) and Excel's PERCENTILE.INC.
    public static func quantile(sorted values: [Double], _ p: Double) -> Double {
        precondition(!values.isEmpty, "quantile of no values")
        let h = Double(values.count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = Swift.min(lower + 1, values.count - 1)
        return values[lower] + (h - Double(lower)) * (values[upper] - values[lower])
    }

    /// The distribution of the values, or nil when there are none.
    public static func distribution(_ values: [Double]) -> Distribution? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        // The exact sum, rounded once: the mean is the same whatever order the values come in.
        var sum = ExactSum()
        for value in sorted { sum.add(value) }
        return Distribution(
            count: sorted.count, p10: quantile(sorted: sorted, 0.10), p25: quantile(sorted: sorted, 0.25),
            median: quantile(sorted: sorted, 0.5), p75: quantile(sorted: sorted, 0.75),
            p90: quantile(sorted: sorted, 0.90), mean: sum.value / Double(sorted.count), min: sorted[0],
            max: sorted[sorted.count - 1])
    }
}
