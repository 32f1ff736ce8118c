/// Percentile-bootstrap intervals with a fixed seed, so a report is the same on every run.
public enum Bootstrap {
    /// The 95% interval of a group's median premium over a reference median, in percent.
    ///
    /// Each of `resamples` rounds draws the group's and the reference's salaries with
    /// replacement (each set independently, from its fixed-seed sample of at most 2,000), takes
    /// both medians (linear interpolation) and the premium (m − r) / r × 100; the interval is the
    /// 2.5th and 97.5th percentile of those premiums. Sampling groups larger than 2,000 makes the
    /// interval somewhat wider than the full data would: it errs on the side of caution.
    public static func premiumInterval(
        group: [Double], reference: [Double], resamples: Int, seed: UInt64
    ) -> (Double, Double)? {
        guard group.count >= 2, reference.count >= 2, resamples > 0 else { return nil }
        var generator = SeededGenerator(seed: seed)
        var premiums: [Double] = []
        premiums.reserveCapacity(resamples)
        var groupDraw = [Double](repeating: 0, count: group.count)
        var referenceDraw = [Double](repeating: 0, count: reference.count)
        // An index in 0..<count from 64 random bits by multiply-and-shift (Lemire), cheaper than `%`.
        func draw(_ count: Int) -> Int { Int(generator.next().multipliedFullWidth(by: UInt64(count)).high) }
        for _ in 0..<resamples {
            for index in groupDraw.indices { groupDraw[index] = group[draw(group.count)] }
            for index in referenceDraw.indices { referenceDraw[index] = reference[draw(reference.count)] }
            let groupMedian = median(&groupDraw)
            let referenceMedian = median(&referenceDraw)
            guard referenceMedian > 0 else { continue }
            premiums.append((groupMedian - referenceMedian) / referenceMedian * 100)
        }
        guard !premiums.isEmpty else { return nil }
        premiums.sort()
        return (Statistics.quantile(sorted: premiums, 0.025), Statistics.quantile(sorted: premiums, 0.975))
    }

    /// The median by linear interpolation, found by selection in linear time (reorders `values`).
    static func median(_ values: inout [Double]) -> Double {
        let h = Double(values.count - 1) * 0.5
        let lower = Int(h.rounded(.down))
        let low = select(&values, lower)
        guard h > Double(lower) else { return low }
        // The next order statistic is the smallest value right of the selected one.
        let high = values[(lower + 1)...].min()!
        return low + (h - Double(lower)) * (high - low)
    }

    /// Puts the k-th smallest value at index k (Hoare's quickselect, middle pivot) and returns it.
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let pivot = values[(low + high) / 2]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                break
            }
        }
        return values[k]
    }
}
