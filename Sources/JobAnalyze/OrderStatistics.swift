/// Exact quantiles of values that arrive in ascending order, with their count known ahead.
///
/// It keeps only the order statistics the five percentiles need (at most ten values), an exact
/// sum (`ExactSum`), and the first and last value: memory is constant, whatever the count.
public struct OrderStatistics: Sendable {
    public static let percentiles: [Double] = [0.10, 0.25, 0.50, 0.75, 0.90]

    public let count: Int
    private var wanted: [Int: Double?] = [:]
    private var seen = 0
    private var sum = ExactSum()
    private var first: Double?
    private var last: Double?

    public init(count: Int) {
        self.count = count
        for p in Self.percentiles where count > 0 {
            let h = Double(count - 1) * p
            let lower = Int(h.rounded(.down))
            wanted[lower] = .some(nil)
            wanted[min(lower + 1, count - 1)] = .some(nil)
        }
    }

    /// Takes the next value; values must come in ascending order.
    public mutating func add(_ value: Double) {
        precondition(seen < count, "more values than announced")
        if wanted[seen] != nil { wanted[seen] = .some(value) }
        if first == nil { first = value }
        last = value
        sum.add(value)
        seen += 1
    }

    /// The distribution, once every announced value has been added.
    public var distribution: Distribution? {
        guard count > 0, seen == count, let first, let last else { return nil }
        func quantile(_ p: Double) -> Double {
            let h = Double(count - 1) * p
            let lower = Int(h.rounded(.down))
            let upper = min(lower + 1, count - 1)
            let low = wanted[lower]!!
            let high = wanted[upper]!!
            return low + (h - Double(lower)) * (high - low)
        }
        return Distribution(
            count: count, p10: quantile(0.10), p25: quantile(0.25), median: quantile(0.5), p75: quantile(0.75),
            p90: quantile(0.90), mean: sum.value / Double(count), min: first, max: last)
    }
}
