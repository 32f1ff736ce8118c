import JobModel

/// The label of a group in a report: a vocabulary value, `all` for a margin, `unknown` when unset.
public enum GroupLabel {
    public static let all = "all"
    public static let unknown = "unknown"

    public static func level(_ level: Level?) -> String { level?.rawValue ?? unknown }
    public static func industry(_ industry: Industry?) -> String { industry?.rawValue ?? unknown }

    /// Report order: the vocabulary's order, then `unknown`, then `all`.
    static func levelRank(_ label: String) -> Int {
        Level.allCases.firstIndex { $0.rawValue == label } ?? (label == unknown ? 100 : 101)
    }

    static func industryRank(_ label: String) -> Int {
        Industry.allCases.firstIndex { $0.rawValue == label } ?? (label == unknown ? 100 : 101)
    }
}

/// Salary band of one group of postings.
public struct SalaryBand: Sendable, Equatable {
    public var level: String
    public var industry: String
    public var postings: Int
    public var withSalary: Int
    /// Annual USD midpoints; nil when suppressed or empty.
    public var midpoints: Distribution?
    /// Annual USD range minimums and maximums (postings stating that bound); nil when suppressed.
    public var rangeMins: Distribution?
    public var rangeMaxs: Distribution?
    /// True when fewer salaries than `min_sample` back the figures, which are then left out.
    public var suppressed: Bool
}

/// How often a skill appears in a group, and what postings naming it pay.
public struct SkillShare: Sendable, Equatable {
    public var group: String
    public var skill: String
    public var category: String?
    public var postings: Int
    public var groupPostings: Int
    public var share: Double
    public var withSalary: Int
    public var medianSalary: Double?
}

/// One industry's median for a level against the all-industries median of that level.
public struct IndustryPremium: Sendable, Equatable {
    public var level: String
    public var industry: String
    public var withSalary: Int
    public var median: Double?
    public var allIndustriesMedian: Double?
    /// (median − all) / all × 100.
    public var premiumPercent: Double?
    /// The 95% percentile-bootstrap interval of the premium.
    public var premiumLow: Double?
    public var premiumHigh: Double?
    public var suppressed: Bool
}

/// A canonical title's count and median pay.
public struct TitleSummary: Sendable, Equatable {
    public var canonicalTitle: String
    public var level: String
    public var postings: Int
    public var withSalary: Int
    public var median: Double?
}

/// A level's observed band against the published band.
public struct ReferenceBand: Sendable, Equatable {
    public var level: String
    public var publishedLow: Double
    public var publishedHigh: Double?
    public var withSalary: Int
    public var p25: Double?
    public var median: Double?
    public var p75: Double?
    /// `below`, `inside` or `above` the published band; empty when suppressed.
    public var position: String
}

/// The report views over folded facts. Pure: the same facts always give the same figures.
public struct MarketAnalysis: Sendable {
    public let facts: MarketFacts
    public let minSample: Int

    public init(facts: MarketFacts, minSample: Int = 5) {
        self.facts = facts
        self.minSample = max(1, minSample)
    }

    /// Analysis of postings held in memory.
    public init(postings: [Posting], minSample: Int = 5) {
        self.init(facts: MarketFacts(postings: postings), minSample: minSample)
    }

    /// Bootstrap resamples behind each premium interval.
    public static let bootstrapResamples = 1_000

    func band(_ key: GroupKey) -> SalaryBand {
        let withSalary = facts.withSalary[key] ?? 0
        let suppressed = withSalary < minSample
        func figure(_ figure: SalaryFigure) -> Distribution? {
            suppressed ? nil : facts.distributions[figure]?[key]
        }
        return SalaryBand(
            level: key.level, industry: key.industry, postings: facts.postings[key] ?? 0, withSalary: withSalary,
            midpoints: figure(.midpoint), rangeMins: figure(.rangeMin), rangeMaxs: figure(.rangeMax),
            suppressed: suppressed)
    }

    /// Levels present, in vocabulary order, `unknown` last.
    var levels: [String] {
        Set(facts.postings.keys.map(\.level)).subtracting([GroupLabel.all]).sorted {
            GroupLabel.levelRank($0) < GroupLabel.levelRank($1)
        }
    }

    var industries: [String] {
        Set(facts.postings.keys.map(\.industry)).subtracting([GroupLabel.all]).sorted {
            GroupLabel.industryRank($0) < GroupLabel.industryRank($1)
        }
    }

    /// Bands by level × industry, with `all` margins for each, and the grand total last.
    public func bandsByLevelAndIndustry() -> [SalaryBand] {
        var bands: [SalaryBand] = []
        for level in levels + [GroupLabel.all] {
            for industry in industries + [GroupLabel.all] {
                let key = GroupKey(level: level, industry: industry)
                if facts.postings[key] != nil { bands.append(band(key)) }
            }
        }
        return bands
    }

    public func bandsByLevel() -> [SalaryBand] {
        (levels + [GroupLabel.all]).map { band(GroupKey(level: $0, industry: GroupLabel.all)) }
    }

    public func bandsByIndustry() -> [SalaryBand] {
        (industries + [GroupLabel.all]).map { band(GroupKey(level: GroupLabel.all, industry: $0)) }
    }

    /// Skill shares per group, most mentioned first; `all` is the whole set.
    public func skills(byLevel: Bool, categories: [String: String] = [:]) -> [SkillShare] {
        let labels = (byLevel ? levels : industries) + [GroupLabel.all]
        var rows: [SkillShare] = []
        for label in labels {
            let key = byLevel
                ? GroupKey(level: label, industry: GroupLabel.all) : GroupKey(level: GroupLabel.all, industry: label)
            let groupPostings = facts.postings[key] ?? 0
            guard groupPostings > 0 else { continue }
            let named = facts.skills.compactMap { skill, groups in groups[key].map { (skill, $0) } }
                .sorted { $0.1.postings != $1.1.postings ? $0.1.postings > $1.1.postings : $0.0 < $1.0 }
            for (skill, fact) in named {
                rows.append(
                    SkillShare(
                        group: label, skill: skill, category: categories[skill], postings: fact.postings,
                        groupPostings: groupPostings, share: Double(fact.postings) / Double(groupPostings),
                        withSalary: fact.withSalary, medianSalary: fact.withSalary >= minSample ? fact.median : nil))
            }
        }
        return rows
    }

    /// Each industry's median per level against the all-industries median for that level, with a
    /// 95% bootstrap interval.
    public func industryPremiums() -> [IndustryPremium] {
        var rows: [IndustryPremium] = []
        for level in levels + [GroupLabel.all] {
            let overall = band(GroupKey(level: level, industry: GroupLabel.all))
            for industry in industries {
                let key = GroupKey(level: level, industry: industry)
                guard facts.postings[key] != nil else { continue }
                let own = band(key)
                var premium: Double?
                var interval: (Double, Double)?
                if let median = own.midpoints?.median, let reference = overall.midpoints?.median, reference > 0 {
                    premium = (median - reference) / reference * 100
                    interval = Bootstrap.premiumInterval(
                        group: facts.samples[key] ?? [], reference: facts.samples[GroupKey(level: level, industry: GroupLabel.all)] ?? [],
                        resamples: Self.bootstrapResamples, seed: SeededGenerator.seed("premium/\(level)/\(industry)"))
                }
                rows.append(
                    IndustryPremium(
                        level: level, industry: industry, withSalary: own.withSalary, median: own.midpoints?.median,
                        allIndustriesMedian: overall.midpoints?.median, premiumPercent: premium,
                        premiumLow: interval?.0, premiumHigh: interval?.1, suppressed: own.suppressed || overall.suppressed))
            }
        }
        return rows
    }

    /// Canonical titles with their level, most common first.
    public func titles() -> [TitleSummary] {
        facts.titles.map { key, fact in
            TitleSummary(
                canonicalTitle: key.title, level: key.level, postings: fact.postings, withSalary: fact.withSalary,
                median: fact.withSalary >= minSample ? fact.median : nil)
        }.sorted {
            ($0.postings, $1.canonicalTitle, $1.level) > ($1.postings, $0.canonicalTitle, $0.level)
        }
    }

    /// The published bands: entry $80–110k, mid $110–150k, senior (with lead) $150–200k+.
    public static let publishedBands: [(level: String, levels: Set<Level>, low: Double, high: Double?)] = [
        ("entry", [.entry], 80_000, 110_000),
        ("mid", [.mid], 110_000, 150_000),
        ("senior", [.senior, .lead], 150_000, 200_000),
    ]

    public func referenceBands() -> [ReferenceBand] {
        Self.publishedBands.map { reference in
            let withSalary = reference.levels.reduce(0) {
                $0 + (facts.withSalary[GroupKey(level: $1.rawValue, industry: GroupLabel.all)] ?? 0)
            }
            let distribution = withSalary >= minSample ? facts.published[reference.level] : nil
            var position = ""
            if let median = distribution?.median {
                // The senior band is open-ended ("$200k+"): above it is still inside.
                if median < reference.low {
                    position = "below"
                } else if reference.level != "senior", let high = reference.high, median > high {
                    position = "above"
                } else {
                    position = "inside"
                }
            }
            return ReferenceBand(
                level: reference.level, publishedLow: reference.low, publishedHigh: reference.high,
                withSalary: withSalary, p25: distribution?.p25, median: distribution?.median, p75: distribution?.p75,
                position: position)
        }
    }
}
