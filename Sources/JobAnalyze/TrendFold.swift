/// Folds every posting's first and closing run, streamed in any order, into the trend report's
/// rows: per run and per level × industry (with `all` margins), the postings new in that run, open
/// after it, closed by it, the open ones with pay and their median. Streamed again while
/// `finishPass()` says so.
///
/// A posting is open after run r when it was first seen in or before r and not closed by r or
/// earlier; a group has a row for every run from the first in which one of its postings had been
/// seen. Memory grows with runs × groups, not with postings.
public struct TrendFold: Sendable {
    private let runs: [Int64]
    private let days: [String]
    private let minSample: Int
    private var pass = 1
    private var medians = RankFinder(bucketsPerOctave: 8, collectBudget: 1 << 18)
    private var pending = true
    private var groupIndex: [GroupKey: Int] = [:]
    private var groups: [Group] = []
    private var pairs: [PairKey: [Int]] = [:]

    private struct PairKey: Hashable, Sendable {
        var level: String?
        var industry: String?
    }

    private struct Group: Sendable {
        var key: GroupKey
        /// The first run (index) the group has a row for.
        var first: Int
        var new: [Int]
        var closed: [Int]
        /// Changes of the open and open-with-pay counts from one run to the next.
        var openSteps: [Int]
        var salarySteps: [Int]
    }

    /// `runs`: the runs the report covers (those that ended normally), oldest first.
    public init(runs: [(id: Int64, day: String)], minSample: Int) {
        self.runs = runs.map(\.id)
        days = runs.map(\.day)
        self.minSample = max(1, minSample)
    }

    /// The runs' index of the first run at or after `run`.
    private func firstIndex(atOrAfter run: Int64) -> Int {
        var low = 0
        var high = runs.count
        while low < high {
            let middle = (low + high) / 2
            if runs[middle] < run { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private mutating func groups(_ level: String?, _ industry: String?) -> [Int] {
        let pairKey = PairKey(level: level, industry: industry)
        if let ids = pairs[pairKey] { return ids }
        let ids = MarketFacts.keys(level: level ?? GroupLabel.unknown, industry: industry ?? GroupLabel.unknown).map { key in
            if let index = groupIndex[key] { return index }
            let count = runs.count
            groupIndex[key] = groups.count
            groups.append(
                Group(
                    key: key, first: count, new: Array(repeating: 0, count: count), closed: Array(repeating: 0, count: count),
                    openSteps: Array(repeating: 0, count: count + 1), salarySteps: Array(repeating: 0, count: count + 1)))
            return groups.count - 1
        }
        pairs[pairKey] = ids
        return ids
    }

    /// Takes one posting first seen in `firstRun` and closed by `closedRun` (nil while open), with
    /// its level and industry (nil when unknown) and its annual USD midpoint (nil without pay or
    /// for a site estimate). Postings first seen after the last covered run count nowhere.
    public mutating func add(firstRun: Int64, closedRun: Int64?, level: String?, industry: String?, midpoint: Double?) {
        let start = firstIndex(atOrAfter: firstRun)
        guard start < runs.count else { return }
        let end = max(start, closedRun.map { firstIndex(atOrAfter: $0) } ?? runs.count)
        let ids = groups(level, industry)
        if pass == 1 {
            let isNew = runs[start] == firstRun
            let closedAt: Int? = closedRun.flatMap { run in
                let index = firstIndex(atOrAfter: run)
                return index < runs.count && runs[index] == run && index >= start ? index : nil
            }
            for id in ids {
                groups[id].first = min(groups[id].first, start)
                if isNew { groups[id].new[start] += 1 }
                if let closedAt { groups[id].closed[closedAt] += 1 }
                groups[id].openSteps[start] += 1
                groups[id].openSteps[end] -= 1
                if midpoint != nil {
                    groups[id].salarySteps[start] += 1
                    groups[id].salarySteps[end] -= 1
                }
            }
        }
        guard pending, let midpoint else { return }
        // Pass 1 counts the posting in its own level × industry; the margins are merged from those.
        for id in pass == 1 ? ids[..<1] : ids[...] {
            let base = id * runs.count
            for run in start..<end { medians.add(base + run, midpoint) }
        }
    }

    public mutating func finishPass() -> Bool {
        if pass == 1 {
            var merged = Set<Int>()
            // Two spellings of a group (no level, and a level stored as `unknown`) share its groups: merge once.
            for ids in pairs.values where merged.insert(ids[0]).inserted {
                for margin in ids.dropFirst() {
                    for run in 0..<runs.count { medians.merge(ids[0] * runs.count + run, into: margin * runs.count + run) }
                }
            }
            for id in 0..<groups.count * runs.count {
                let count = medians.count(id)
                if count >= minSample { medians.ask(id, ranks: PercentileRanks.merged(PercentileRanks.median(count))) }
            }
        }
        pass += 1
        if pending { pending = medians.finishPass() }
        return pending
    }

    /// The rows by run, then by level and industry in report order; once `finishPass()` returned false.
    public var rows: [TrendRow] {
        var rows: [TrendRow] = []
        for (id, group) in groups.enumerated() {
            var open = 0
            var withSalary = 0
            for run in 0..<runs.count {
                open += group.openSteps[run]
                withSalary += group.salarySteps[run]
                guard run >= group.first else { continue }
                let medianID = id * runs.count + run
                let count = medians.count(medianID)
                rows.append(
                    TrendRow(
                        day: days[run], run: runs[run], level: group.key.level, industry: group.key.industry,
                        new: group.new[run], open: open, closed: group.closed[run], withSalary: withSalary,
                        median: withSalary >= minSample && count > 0
                            ? PercentileRanks.quantile(count, 0.5) { medians.value(medianID, rank: $0) } : nil))
            }
        }
        return rows.sorted {
            ($0.run, GroupKey(level: $0.level, industry: $0.industry)) < ($1.run, GroupKey(level: $1.level, industry: $1.industry))
        }
    }
}
