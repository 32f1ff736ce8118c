/// The correctly rounded sum of doubles, whatever order they are added in (Shewchuk's
/// non-overlapping partials, as Python's `math.fsum`). It keeps a handful of partial sums, never
/// more than the exponent range allows (about 40), so memory is constant.
public struct ExactSum: Sendable, Equatable {
    private var partials: [Double] = []

    public init() {}

    public mutating func add(_ value: Double) {
        var x = value
        var kept = 0
        for index in partials.indices {
            var y = partials[index]
            if abs(x) < abs(y) { swap(&x, &y) }
            let high = x + y
            let low = y - (high - x)
            if low != 0 {
                partials[kept] = low
                kept += 1
            }
            x = high
        }
        if kept < partials.count { partials.removeLast(partials.count - kept) }
        partials.append(x)
    }

    /// Adds another sum's partials (the result is still exact).
    public mutating func add(_ other: ExactSum) {
        for partial in other.partials { add(partial) }
    }

    /// The exact sum rounded once to the nearest double (ties to even).
    public var value: Double {
        var index = partials.count
        guard index > 0 else { return 0 }
        index -= 1
        var high = partials[index]
        var low = 0.0
        while index > 0 {
            let x = high
            index -= 1
            let y = partials[index]
            high = x + y
            low = y - (high - x)
            if low != 0 { break }
        }
        // Half-way between two doubles: the partials below decide which way the exact sum rounds.
        if index > 0, (low < 0 && partials[index - 1] < 0) || (low > 0 && partials[index - 1] > 0) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }
}
