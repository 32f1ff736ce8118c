import JobAnalyze
import JobStore

/// The trend report's rows from the run ledger and the postings' first and closing runs.
enum TrendFacts {
    /// Runs covered by the trend report: the latest that ended normally.
    static let runLimit = 90

    static func load(_ store: PostingStore, minSample: Int) throws -> [TrendRow] {
        let runs = try store.finishedRuns(limit: runLimit)
        let days = Dictionary(uniqueKeysWithValues: runs.map { ($0.id, $0.day) })
        let all = GroupLabel.all
        func label(_ value: String?) -> String { value ?? GroupLabel.unknown }
        struct Counts {
            var new = 0, open = 0, closed = 0, withSalary = 0
        }
        var counts: [TrendKey: Counts] = [:]
        for count in try store.trendCounts(runs: runs.map(\.id)) {
            let level = label(count.level)
            let industry = label(count.industry)
            for group in [
                GroupKey(level: level, industry: industry), GroupKey(level: level, industry: all),
                GroupKey(level: all, industry: industry), GroupKey(level: all, industry: all),
            ] {
                let key = TrendKey(run: count.run, group: group)
                counts[key, default: Counts()].new += count.new
                counts[key, default: Counts()].open += count.open
                counts[key, default: Counts()].closed += count.closed
                counts[key, default: Counts()].withSalary += count.withSalary
            }
        }
        var medians = SortedGroups(counts: counts.mapValues(\.withSalary))
        for (byLevel, byIndustry) in [(true, true), (true, false), (false, true), (false, false)] {
            try store.forEachOpenMidpoint(runs: runs.map(\.id), byLevel: byLevel, byIndustry: byIndustry) {
                run, level, industry, value in
                let group = GroupKey(level: byLevel ? label(level) : all, industry: byIndustry ? label(industry) : all)
                medians.add(TrendKey(run: run, group: group), value)
            }
        }
        let distributions = medians.distributions
        return counts.map { key, count in
            TrendRow(
                day: days[key.run] ?? "", run: key.run, level: key.group.level, industry: key.group.industry,
                new: count.new, open: count.open, closed: count.closed, withSalary: count.withSalary,
                median: count.withSalary >= minSample ? distributions[key]?.median : nil)
        }.sorted { ($0.run, GroupKey(level: $0.level, industry: $0.industry)) < ($1.run, GroupKey(level: $1.level, industry: $1.industry)) }
    }
}
