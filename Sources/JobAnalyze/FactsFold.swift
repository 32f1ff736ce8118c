import JobModel

/// The ranks a distribution needs: both neighbours of each percentile's position h = (n − 1)·p.
enum PercentileRanks {
    static func of(_ count: Int) -> [Int] {
        guard count > 0 else { return [] }
        var ranks: [Int] = []
        for p in OrderStatistics.percentiles {
            let lower = Int((Double(count - 1) * p).rounded(.down))
            ranks.append(lower)
            ranks.append(min(lower + 1, count - 1))
        }
        return ranks
    }

    static func median(_ count: Int) -> [Int] {
        guard count > 0 else { return [] }
        let lower = Int((Double(count - 1) * 0.5).rounded(.down))
        return [lower, min(lower + 1, count - 1)]
    }

    /// Sorted and without repeats.
    static func merged(_ lists: [Int]...) -> [Int] {
        Array(Set(lists.joined())).sorted()
    }

    /// The quantile by linear interpolation from the values at the two neighbouring ranks.
    static func quantile(_ count: Int, _ p: Double, _ valueAt: (Int) -> Double) -> Double {
        let h = Double(count - 1) * p
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, count - 1)
        let low = valueAt(lower)
        let high = valueAt(upper)
        return low + (h - Double(lower)) * (high - low)
    }
}

/// Which sorted ranks end up in a group's bootstrap sample, slot by slot: a reservoir (Algorithm R,
/// `Reservoir`) fed the group's values in ascending order keeps, in slot s, the value of rank
/// `ranks[s]`. Knowing only the count, the sample is then read off the exact order statistics.
public enum SampleRanks {
    public static func of(count: Int, limit: Int, seed: UInt64) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        var slots = Array(0..<limit)
        var generator = SeededGenerator(seed: seed)
        for seen in (limit + 1)...count {
            let slot = Int(generator.next() % UInt64(seen))
            if slot < limit { slots[slot] = seen - 1 }
        }
        return slots
    }
}

/// Folds the selected postings, streamed in any order, into the report facts' counts,
/// distributions, published bands, titles, skills and bootstrap samples. The same postings must be
/// streamed again while `finishPass()` says so (three passes for a million postings; past a fixed
/// budget per pass it takes more passes rather than more memory).
///
/// Memory grows with the number of groups (levels × industries, titles), not with postings.
public struct PostingFold: Sendable {
    private var pass = 1
    /// Distribution groups: a figure of a level × industry (or margin), or a published band.
    private var figures = RankFinder(bucketsPerOctave: 64, collectBudget: 1 << 18)
    private var figuresPending = true
    private var groupKeys: [(figure: SalaryFigure?, key: GroupKey, band: String?)] = []
    private var groupIDs: [String: Int] = [:]
    private var sums: [ExactSum] = []
    /// Per (level, industry) as found: the 12 figure groups (3 figures × the group and its 3
    /// margins), the band group if any, and the postings and salaries counted.
    private var pairIndex: [PairKey: Int] = [:]
    private var pairs: [Pair] = []
    /// Each pair's 12 figure groups and its band group (-1 for none), one pair after another.
    private var pairGroups: [Int] = []
    private static let groupsPerPair = 13
    private var titles = RankFinder(bucketsPerOctave: 4, collectBudget: 1 << 18)
    private var titlesPending = true
    private var titleIDs: [TitleKey: Int] = [:]
    private var titleFacts: [SkillFact] = []
    private var titleKeys: [TitleKey] = []
    private var skills = SkillFold()
    private var skillsPending = true

    private struct PairKey: Hashable, Sendable {
        var level: String?
        var industry: String?
    }

    private struct Pair: Sendable {
        var groups: [Int]
        var band: Int?
        var level: String
        var industry: String
        var skillLabels: (level: Int, industry: Int)
        var postings = 0
        var withSalary = 0
    }

    public init() {}

    private mutating func group(_ figure: SalaryFigure?, _ key: GroupKey, band: String? = nil) -> Int {
        let name = "\(figure.map { "\($0)" } ?? "band")/\(key.level)/\(key.industry)/\(band ?? "")"
        if let id = groupIDs[name] { return id }
        let id = groupKeys.count
        groupIDs[name] = id
        groupKeys.append((figure, key, band))
        sums.append(ExactSum())
        return id
    }

    private mutating func pair(_ level: String?, _ industry: String?) -> Int {
        let pairKey = PairKey(level: level, industry: industry)
        if let index = pairIndex[pairKey] { return index }
        let levelLabel = level ?? GroupLabel.unknown
        let industryLabel = industry ?? GroupLabel.unknown
        let keys = MarketFacts.keys(level: levelLabel, industry: industryLabel)
        var groups: [Int] = []
        for figure in [SalaryFigure.midpoint, .rangeMin, .rangeMax] {
            for key in keys { groups.append(group(figure, key)) }
        }
        let band = MarketAnalysis.publishedBands.first { band in band.levels.contains { $0.rawValue == levelLabel } }
        pairIndex[pairKey] = pairs.count
        pairGroups += groups
        pairGroups.append(pairs.count)  // replaced below
        pairs.append(
            Pair(
                groups: groups, band: band.map { group(nil, GroupKey(level: $0.level, industry: GroupLabel.all), band: $0.level) },
                level: levelLabel, industry: industryLabel, skillLabels: skills.labels(level: levelLabel, industry: industryLabel)))
        pairGroups[pairGroups.count - 1] = pairs[pairs.count - 1].band ?? -1
        return pairs.count - 1
    }

    /// Takes one selected posting: its level and industry (nil when unknown), its canonical title
    /// (else the title as found), its annual USD midpoint, minimum and maximum (nil when the
    /// posting states no pay or the pay is a site estimate), and the skills it names.
    public mutating func add(
        level: String?, industry: String?, title: String?, midpoint: Double?, rangeMin: Double?, rangeMax: Double?,
        skills postingSkills: [String] = []
    ) {
        let index = pair(level, industry)
        if skillsPending {
            for (position, skill) in postingSkills.enumerated() where !postingSkills[..<position].contains(skill) {
                skills.add(
                    skill: skill, level: pairs[index].level, industry: pairs[index].industry, ids: pairs[index].skillLabels,
                    midpoint: midpoint)
            }
        }
        let groups = index * Self.groupsPerPair
        if pass == 1 {
            // Pass 1 counts each posting in its own level × industry only; the margins and the
            // published bands are merged from those when the pass ends.
            pairs[index].postings += 1
            if midpoint != nil { pairs[index].withSalary += 1 }
            func count(_ value: Double?, _ offset: Int) {
                guard let value else { return }
                figures.add(pairGroups[groups + offset], value)
                sums[pairGroups[groups + offset]].add(value)
            }
            count(midpoint, 0)
            count(rangeMin, 4)
            count(rangeMax, 8)
        } else if figuresPending {
            func add(_ value: Double?, _ offset: Int) {
                guard let value else { return }
                for index in groups + offset..<groups + offset + 4 { figures.add(pairGroups[index], value) }
            }
            add(midpoint, 0)
            add(rangeMin, 4)
            add(rangeMax, 8)
            if let midpoint, pairGroups[groups + 12] >= 0 { figures.add(pairGroups[groups + 12], midpoint) }
        }
        if titlesPending {
            let key = TitleKey(title: title ?? GroupLabel.unknown, level: pairs[index].level)
            var id = titleIDs[key]
            if id == nil, pass == 1 {
                id = titleKeys.count
                titleIDs[key] = id
                titleKeys.append(key)
                titleFacts.append(SkillFact(postings: 0, withSalary: 0))
            }
            guard let id else { return }
            if pass == 1 {
                titleFacts[id].postings += 1
                if midpoint != nil { titleFacts[id].withSalary += 1 }
            }
            if let midpoint { titles.add(id, midpoint) }
        }
    }

    /// Ends a pass over the postings; true when they must be streamed once more.
    public mutating func finishPass() -> Bool {
        if pass == 1 {
            var merged = Set<Int>()
            // Two spellings of a group (no level, and a level stored as `unknown`) share its groups: merge once.
            for pair in pairs where merged.insert(pair.groups[0]).inserted {
                for offset in [0, 4, 8] {
                    let leaf = pair.groups[offset]
                    for margin in pair.groups[offset + 1..<offset + 4] {
                        figures.merge(leaf, into: margin)
                        sums[margin].add(sums[leaf])
                    }
                }
                if let band = pair.band {
                    figures.merge(pair.groups[0], into: band)
                    sums[band].add(sums[pair.groups[0]])
                }
            }
            for (id, group) in groupKeys.enumerated() {
                let count = figures.count(id)
                var ranks = PercentileRanks.of(count)
                if group.figure == .midpoint, group.key.level != GroupLabel.all {
                    ranks = PercentileRanks.merged(ranks, SampleRanks.of(count: count, limit: MarketFacts.sampleLimit, seed: Self.sampleSeed(group.key)))
                } else {
                    ranks = PercentileRanks.merged(ranks)
                }
                figures.ask(id, ranks: ranks)
            }
            for id in titleKeys.indices { titles.ask(id, ranks: PercentileRanks.merged(PercentileRanks.median(titles.count(id)))) }
        }
        pass += 1
        // One budget for the next pass: 2 MB of values to collect and 4 MB of finer counts, the
        // figures served first (their bootstrap samples ask for the most ranks).
        var budget = RankFinder.PassBudget(values: 1 << 18, slots: 1 << 20)
        if figuresPending { figuresPending = figures.finishPass(budget: &budget) }
        if skillsPending { skillsPending = skills.finishPass(budget: &budget) }
        if titlesPending { titlesPending = titles.finishPass(budget: &budget) }
        return figuresPending || titlesPending || skillsPending
    }

    static func sampleSeed(_ key: GroupKey) -> UInt64 { SeededGenerator.seed(key.level + "/" + key.industry) }

    /// The facts, once `finishPass()` returned false.
    public var facts: MarketFacts {
        var facts = MarketFacts()
        for pair in pairs {
            for key in MarketFacts.keys(level: pair.level, industry: pair.industry) {
                facts.postings[key, default: 0] += pair.postings
                facts.withSalary[key, default: 0] += pair.withSalary
            }
        }
        for (id, group) in groupKeys.enumerated() {
            let count = figures.count(id)
            guard count > 0 else { continue }
            let distribution = distribution(id, count)
            if let figure = group.figure {
                facts.distributions[figure, default: [:]][group.key] = distribution
                if figure == .midpoint, group.key.level != GroupLabel.all {
                    facts.samples[group.key] = SampleRanks.of(count: count, limit: MarketFacts.sampleLimit, seed: Self.sampleSeed(group.key))
                        .map { figures.value(id, rank: $0) }
                }
            } else if let band = group.band {
                facts.published[band] = distribution
            }
        }
        facts.skills = skills.facts
        for (id, key) in titleKeys.enumerated() {
            var fact = titleFacts[id]
            let count = titles.count(id)
            if count > 0 { fact.median = PercentileRanks.quantile(count, 0.5) { titles.value(id, rank: $0) } }
            facts.titles[key] = fact
        }
        return facts
    }

    private func distribution(_ id: Int, _ count: Int) -> Distribution {
        func quantile(_ p: Double) -> Double { PercentileRanks.quantile(count, p) { figures.value(id, rank: $0) } }
        return Distribution(
            count: count, p10: quantile(0.10), p25: quantile(0.25), median: quantile(0.5), p75: quantile(0.75),
            p90: quantile(0.90), mean: sums[id].value / Double(count), min: figures.minimum(id)!, max: figures.maximum(id)!)
    }
}

/// Folds the selected postings' skills (one row per posting and skill it names), streamed in any
/// order, into each skill's counts and median by level, by industry and overall. Streamed again
/// while `finishPass()` says so.
struct SkillFold: Sendable {
    private var pass = 1
    private var medians = RankFinder(bucketsPerOctave: 4, collectBudget: 1 << 18)
    private var pending = true
    private var skillIndex: [String: Int] = [:]
    private var levelIndex: [String: Int] = [:]
    private var levels: [String] = []
    private var industryIndex: [String: Int] = [:]
    private var industries: [String] = []
    private var skills: [String] = []
    /// Per (skill, level, industry) as found: its three groups.
    private var triples: [Int: Int] = [:]
    private var tripleGroups: [Int] = []
    private var groupIDs: [Int: Int] = [:]
    private var groups: [(skill: Int, key: GroupKey)] = []
    private var groupFacts: [SkillFact] = []

    init() {}

    private static func index(_ text: String, _ table: inout [String: Int], _ list: inout [String]) -> Int {
        if let index = table[text] { return index }
        table[text] = list.count
        list.append(text)
        return list.count - 1
    }

    private mutating func group(_ skill: Int, _ label: Int, _ key: GroupKey) -> Int {
        let packed = (skill << 32) | label
        if let id = groupIDs[packed] { return id }
        groupIDs[packed] = groups.count
        groups.append((skill, key))
        groupFacts.append(SkillFact(postings: 0, withSalary: 0))
        return groups.count - 1
    }

    /// The ids of a level and an industry label, for `add`.
    mutating func labels(level: String, industry: String) -> (level: Int, industry: Int) {
        (Self.index(level, &levelIndex, &levels), Self.index(industry, &industryIndex, &industries))
    }

    /// Takes one (posting, skill) row: the skill, the posting's level and industry (labels and
    /// their ids from `labels`) and its annual USD midpoint (nil without pay or for a site estimate).
    mutating func add(skill: String, level levelLabel: String, industry industryLabel: String, ids: (level: Int, industry: Int), midpoint: Double?) {
        let skillID = Self.index(skill, &skillIndex, &skills)
        let (levelID, industryID) = ids
        let packed = (skillID << 32) | (levelID << 16) | industryID
        var base = triples[packed]
        if base == nil {
            let all = GroupLabel.all
            base = tripleGroups.count
            // Level groups, industry groups and the skill's total, told apart by the top bits.
            tripleGroups += [
                group(skillID, 1 << 15 | levelID, GroupKey(level: levelLabel, industry: all)),
                group(skillID, 2 << 15 | industryID, GroupKey(level: all, industry: industryLabel)),
                group(skillID, 3 << 15, GroupKey(level: all, industry: all)),
            ]
            triples[packed] = base
        }
        for id in tripleGroups[base!..<base! + 3] {
            if pass == 1 {
                groupFacts[id].postings += 1
                if midpoint != nil { groupFacts[id].withSalary += 1 }
            }
            if pending, let midpoint { medians.add(id, midpoint) }
        }
    }

    mutating func finishPass(budget: inout RankFinder.PassBudget) -> Bool {
        if pass == 1 {
            for id in groups.indices { medians.ask(id, ranks: PercentileRanks.merged(PercentileRanks.median(medians.count(id)))) }
        }
        pass += 1
        if pending { pending = medians.finishPass(budget: &budget) }
        return pending
    }

    /// Per skill, its facts by group; once `finishPass()` returned false.
    var facts: [String: [GroupKey: SkillFact]] {
        var result: [String: [GroupKey: SkillFact]] = [:]
        for (id, group) in groups.enumerated() {
            var fact = groupFacts[id]
            let count = medians.count(id)
            if count > 0 { fact.median = PercentileRanks.quantile(count, 0.5) { medians.value(id, rank: $0) } }
            result[skills[group.skill], default: [:]][group.key] = fact
        }
        return result
    }
}
