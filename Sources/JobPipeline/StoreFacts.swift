import JobAnalyze
import JobModel
import JobStore

/// Folds the stored postings into report facts with SQLite doing the counting and sorting, so
/// memory grows with the number of groups, not with the number of postings.
enum StoreFacts {
    static func load(_ store: PostingStore, _ selection: PostingStore.Selection) throws -> MarketFacts {
        try store.withAnalysisSnapshot(selection) { snapshot in try load(snapshot) }
    }

    private static func load(_ snapshot: AnalysisSnapshot) throws -> MarketFacts {
        var facts = MarketFacts()
        let all = GroupLabel.all
        func label(_ value: String?) -> String { value ?? GroupLabel.unknown }

        // Counts per level × industry, summed into the margins.
        var withValue: [SalaryColumn: [GroupKey: Int]] = [:]
        for column in [SalaryColumn.midpoint, .rangeMin, .rangeMax] {
            for count in try snapshot.groupCounts(by: [.level, .industry], value: column) {
                let level = label(count.keys[0])
                let industry = label(count.keys[1])
                for key in [
                    GroupKey(level: level, industry: industry), GroupKey(level: level, industry: all),
                    GroupKey(level: all, industry: industry), GroupKey(level: all, industry: all),
                ] {
                    withValue[column, default: [:]][key, default: 0] += count.withValue
                    if column == .midpoint {
                        facts.postings[key, default: 0] += count.postings
                        facts.withSalary[key, default: 0] += count.withValue
                    }
                }
            }
        }

        // Exact distributions per grouping, from values SQLite hands over sorted.
        let groupings: [[AnalysisColumn]] = [[.level, .industry], [.level], [.industry], []]
        for (column, figure) in [(SalaryColumn.midpoint, SalaryFigure.midpoint), (.rangeMin, .rangeMin), (.rangeMax, .rangeMax)] {
            var groups = SortedGroups(counts: withValue[column] ?? [:])
            var reservoirs: [GroupKey: Reservoir] = [:]
            for grouping in groupings {
                try snapshot.forEachSorted(by: grouping, value: column) { keys, value in
                    let level = grouping.first == .level ? label(keys[0]) : all
                    let industry = grouping.last == .industry ? label(keys[grouping.count - 1]) : all
                    let key = GroupKey(level: level, industry: industry)
                    groups.add(key, value)
                    if figure == .midpoint && level != all {
                        reservoirs[key, default: Reservoir(limit: MarketFacts.sampleLimit, seed: SeededGenerator.seed(level + "/" + industry))]
                            .add(value)
                    }
                }
            }
            facts.distributions[figure] = groups.distributions
            if figure == .midpoint { facts.samples = reservoirs.mapValues(\.values) }
        }

        // The published bands' levels taken together.
        for band in MarketAnalysis.publishedBands {
            let levels = band.levels.map(\.rawValue)
            let count = levels.reduce(0) { $0 + (facts.withSalary[GroupKey(level: $1, industry: all)] ?? 0) }
            var statistics = OrderStatistics(count: count)
            try snapshot.forEachSorted(by: [], value: .midpoint, levels: levels) { _, value in statistics.add(value) }
            facts.published[band.level] = statistics.distribution
        }

        // Skills by level, by industry and overall.
        for grouping in [[AnalysisColumn.skill, .level], [.skill, .industry], [.skill]] {
            func key(_ keys: [String?]) -> (String, GroupKey) {
                let skill = keys[0] ?? ""
                switch grouping.count == 1 ? nil : grouping[1] {
                case .level?: return (skill, GroupKey(level: label(keys[1]), industry: all))
                case .industry?: return (skill, GroupKey(level: all, industry: label(keys[1])))
                default: return (skill, GroupKey(level: all, industry: all))
                }
            }
            var counts: [SkillGroupKey: Int] = [:]
            for count in try snapshot.groupCounts(by: grouping, value: .midpoint) {
                let (skill, group) = key(count.keys)
                facts.skills[skill, default: [:]][group] = SkillFact(postings: count.postings, withSalary: count.withValue)
                counts[SkillGroupKey(skill: skill, group: group)] = count.withValue
            }
            var groups = SortedGroups(counts: counts)
            try snapshot.forEachSorted(by: grouping, value: .midpoint) { keys, value in
                let (skill, group) = key(keys)
                groups.add(SkillGroupKey(skill: skill, group: group), value)
            }
            for (key, distribution) in groups.distributions { facts.skills[key.skill]![key.group]!.median = distribution.median }
        }

        // Titles by level.
        var titleCounts: [TitleKey: Int] = [:]
        for count in try snapshot.groupCounts(by: [.title, .level], value: .midpoint) {
            let key = TitleKey(title: label(count.keys[0]), level: label(count.keys[1]))
            facts.titles[key] = SkillFact(postings: count.postings, withSalary: count.withValue)
            titleCounts[key] = count.withValue
        }
        var titleGroups = SortedGroups(counts: titleCounts)
        try snapshot.forEachSorted(by: [.title, .level], value: .midpoint) { keys, value in
            titleGroups.add(TitleKey(title: label(keys[0]), level: label(keys[1])), value)
        }
        for (key, distribution) in titleGroups.distributions { facts.titles[key]!.median = distribution.median }
        return facts
    }

    struct SkillGroupKey: Hashable, Sendable {
        var skill: String
        var group: GroupKey
    }
}
