import JobModel

/// The label of a group in a report: a vocabulary value, `all` for a margin, `unknown` when unset.
public enum GroupLabel {
    public static let all = "all"
    public static let unknown = "unknown"

    static func level(_ level: Level?) -> String { level?.rawValue ?? unknown }
    static func industry(_ industry: Industry?) -> String { industry?.rawValue ?? unknown }
}

/// Salary band of one group of postings.
public struct SalaryBand: Sendable, Equatable {
    public var level: String
    public var industry: String
    public var postings: Int
    public var withSalary: Int
    /// Annual USD midpoints; nil when suppressed or empty.
    public var midpoints: Distribution?
    /// Median of the range minimums and of the range maximums (postings stating that bound).
    public var medianRangeMin: Double?
    public var medianRangeMax: Double?
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

/// Aggregates over a set of postings. Pure: the same postings always give the same figures.
public struct MarketAnalysis: Sendable {
    public let postings: [Posting]
    public let minSample: Int

    public init(postings: [Posting], minSample: Int = 5) {
        self.postings = postings
        self.minSample = max(1, minSample)
    }

    /// The value a salary distribution uses: the annual USD midpoint, site estimates left out.
    static func midpoint(_ posting: Posting) -> Double? {
        guard let salary = posting.salary, !salary.isEstimate else { return nil }
        return salary.annualMidpointUSD
    }

    func band(level: String, industry: String, of group: [Posting]) -> SalaryBand {
        let values = group.compactMap(Self.midpoint)
        let suppressed = values.count < minSample
        let counted = group.filter { Self.midpoint($0) != nil }
        let mins = counted.compactMap { $0.salary?.annualMinUSD }
        let maxs = counted.compactMap { $0.salary?.annualMaxUSD }
        return SalaryBand(
            level: level, industry: industry, postings: group.count, withSalary: values.count,
            midpoints: suppressed ? nil : Statistics.distribution(values),
            medianRangeMin: suppressed || mins.isEmpty ? nil : Statistics.distribution(mins)?.median,
            medianRangeMax: suppressed || maxs.isEmpty ? nil : Statistics.distribution(maxs)?.median,
            suppressed: suppressed)
    }

    /// Levels in vocabulary order, then `unknown` if any posting lacks one.
    var levels: [String] {
        let present = Set(postings.map { GroupLabel.level($0.level) })
        return (Level.allCases.map(\.rawValue) + [GroupLabel.unknown]).filter(present.contains)
    }

    var industries: [String] {
        let present = Set(postings.map { GroupLabel.industry($0.industry) })
        return (Industry.allCases.map(\.rawValue) + [GroupLabel.unknown]).filter(present.contains)
    }

    /// Bands by level × industry, with `all` margins for each, and the grand total last.
    public func bandsByLevelAndIndustry() -> [SalaryBand] {
        var bands: [SalaryBand] = []
        for level in levels + [GroupLabel.all] {
            for industry in industries + [GroupLabel.all] {
                let group = postings.filter {
                    (level == GroupLabel.all || GroupLabel.level($0.level) == level)
                        && (industry == GroupLabel.all || GroupLabel.industry($0.industry) == industry)
                }
                if !group.isEmpty { bands.append(band(level: level, industry: industry, of: group)) }
            }
        }
        return bands
    }

    public func bandsByLevel() -> [SalaryBand] {
        (levels + [GroupLabel.all]).map { level in
            band(
                level: level, industry: GroupLabel.all,
                of: postings.filter { level == GroupLabel.all || GroupLabel.level($0.level) == level })
        }
    }

    public func bandsByIndustry() -> [SalaryBand] {
        (industries + [GroupLabel.all]).map { industry in
            band(
                level: GroupLabel.all, industry: industry,
                of: postings.filter { industry == GroupLabel.all || GroupLabel.industry($0.industry) == industry })
        }
    }

    /// Skill shares per group, most mentioned first; `all` is the whole set.
    public func skills(byLevel: Bool, categories: [String: String] = [:]) -> [SkillShare] {
        let labels = (byLevel ? levels : industries) + [GroupLabel.all]
        var rows: [SkillShare] = []
        for label in labels {
            let group = postings.filter { posting in
                label == GroupLabel.all
                    || (byLevel ? GroupLabel.level(posting.level) : GroupLabel.industry(posting.industry)) == label
            }
            var counts: [String: [Posting]] = [:]
            for posting in group {
                for skill in Set(posting.skills) { counts[skill, default: []].append(posting) }
            }
            let ordered = counts.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
            for (skill, naming) in ordered {
                let salaries = naming.compactMap(Self.midpoint)
                rows.append(
                    SkillShare(
                        group: label, skill: skill, category: categories[skill], postings: naming.count,
                        groupPostings: group.count, share: Double(naming.count) / Double(group.count),
                        withSalary: salaries.count,
                        medianSalary: salaries.count >= minSample ? Statistics.distribution(salaries)?.median : nil))
            }
        }
        return rows
    }

    /// Each industry's median per level against the all-industries median for that level.
    public func industryPremiums() -> [IndustryPremium] {
        var rows: [IndustryPremium] = []
        for level in levels + [GroupLabel.all] {
            let levelGroup = postings.filter { level == GroupLabel.all || GroupLabel.level($0.level) == level }
            let overall = band(level: level, industry: GroupLabel.all, of: levelGroup)
            for industry in industries {
                let group = levelGroup.filter { GroupLabel.industry($0.industry) == industry }
                guard !group.isEmpty else { continue }
                let own = band(level: level, industry: industry, of: group)
                var premium: Double?
                if let median = own.midpoints?.median, let reference = overall.midpoints?.median, reference > 0 {
                    premium = (median - reference) / reference * 100
                }
                rows.append(
                    IndustryPremium(
                        level: level, industry: industry, withSalary: own.withSalary, median: own.midpoints?.median,
                        allIndustriesMedian: overall.midpoints?.median, premiumPercent: premium,
                        suppressed: own.suppressed || overall.suppressed))
            }
        }
        return rows
    }

    /// Canonical titles with their level, most common first.
    public func titles() -> [TitleSummary] {
        var groups: [String: [Posting]] = [:]
        for posting in postings {
            let key = (posting.canonicalTitle ?? posting.title ?? GroupLabel.unknown) + "\u{1F}" + GroupLabel.level(posting.level)
            groups[key, default: []].append(posting)
        }
        return groups.map { key, group in
            let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            let salaries = group.compactMap(Self.midpoint)
            return TitleSummary(
                canonicalTitle: String(parts[0]), level: String(parts[1]), postings: group.count,
                withSalary: salaries.count,
                median: salaries.count >= minSample ? Statistics.distribution(salaries)?.median : nil)
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
            let values = postings.filter { $0.level.map(reference.levels.contains) ?? false }.compactMap(Self.midpoint)
            let distribution = values.count >= minSample ? Statistics.distribution(values) : nil
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
                withSalary: values.count, p25: distribution?.p25, median: distribution?.median, p75: distribution?.p75,
                position: position)
        }
    }
}
