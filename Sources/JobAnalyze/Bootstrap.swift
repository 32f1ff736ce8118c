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
        var groupDraws = ResampleMedian(group)
        var referenceDraws = ResampleMedian(reference)
        for _ in 0..<resamples {
            let groupMedian = groupDraws.next(&generator)
            let referenceMedian = referenceDraws.next(&generator)
            guard referenceMedian > 0 else { continue }
            premiums.append((groupMedian - referenceMedian) / referenceMedian * 100)
        }
        guard !premiums.isEmpty else { return nil }
        premiums.sort()
        return (Statistics.quantile(sorted: premiums, 0.025), Statistics.quantile(sorted: premiums, 0.975))
    }

    /// The median of one resample of `values` (as many draws with replacement as there are
    /// values). A draw only picks an index, so it counts the rank of the value at that index; the
    /// median is then read off the counts in rank order, in linear time without moving values.
    /// It takes the same random numbers and gives the same medians as selecting over the drawn values.
    struct ResampleMedian {
        let sorted: [Double]
        /// The rank (in `sorted`) of the value at each index of the original order.
        let rankOf: [Int32]
        var counts: [Int32]

        init(_ values: [Double]) {
            let order = values.indices.sorted { values[$0] < values[$1] }
            sorted = order.map { values[$0] }
            var rankOf = [Int32](repeating: 0, count: values.count)
            for (rank, index) in order.enumerated() { rankOf[index] = Int32(rank) }
            self.rankOf = rankOf
            counts = [Int32](repeating: 0, count: values.count)
        }

        mutating func next(_ generator: inout SeededGenerator) -> Double {
            let count = rankOf.count
            for index in counts.indices { counts[index] = 0 }
            for _ in 0..<count {
                // An index in 0..<count from 64 random bits by multiply-and-shift (Lemire), cheaper than `%`.
                let index = Int(generator.next().multipliedFullWidth(by: UInt64(count)).high)
                counts[Int(rankOf[index])] += 1
            }
            let h = Double(count - 1) * 0.5
            let lower = Int(h.rounded(.down))
            var seen = 0
            var rank = 0
            while seen + Int(counts[rank]) <= lower {
                seen += Int(counts[rank])
                rank += 1
            }
            let low = sorted[rank]
            guard h > Double(lower) else { return low }
            // The next order statistic: the same rank if drawn again, else the next rank drawn.
            if seen + Int(counts[rank]) <= lower + 1 {
                rank += 1
                while counts[rank] == 0 { rank += 1 }
            }
            let high = sorted[rank]
            return low + (h - Double(lower)) * (high - low)
        }
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
