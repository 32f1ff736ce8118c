import JobModel

/// A group of postings in a report: a level and an industry, either of which may be `all`.
public struct GroupKey: Hashable, Sendable, Comparable {
    public var level: String
    public var industry: String

    public init(level: String, industry: String) {
        self.level = level
        self.industry = industry
    }

    public static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
        (GroupLabel.levelRank(lhs.level), GroupLabel.industryRank(lhs.industry))
            < (GroupLabel.levelRank(rhs.level), GroupLabel.industryRank(rhs.industry))
    }
}

/// A canonical title at a level, the group of the titles report.
public struct TitleKey: Hashable, Sendable {
    public var title: String
    public var level: String

    public init(title: String, level: String) {
        self.title = title
        self.level = level
    }
}

/// Which salary figure of a posting a distribution is over.
public enum SalaryFigure: Sendable, CaseIterable {
    /// The annual USD midpoint (an open range counts at its bound).
    case midpoint
    /// The annual USD minimum of the range.
    case rangeMin
    /// The annual USD maximum of the range.
    case rangeMax
}

/// What one skill looks like within one group.
public struct SkillFact: Sendable, Equatable {
    public var postings: Int
    public var withSalary: Int
    /// Median annual USD midpoint of the postings naming the skill (those with pay).
    public var median: Double?

    public init(postings: Int, withSalary: Int, median: Double? = nil) {
        self.postings = postings
        self.withSalary = withSalary
        self.median = median
    }
}

/// Everything the reports need, folded from the postings: counts and exact distributions per
/// group, and small fixed-seed samples for bootstrap intervals. Its size grows with the number
/// of groups (levels × industries, skills, titles), not with the number of postings.
public struct MarketFacts: Sendable {
    /// Postings and postings with pay per group, margins (`all`) included.
    public var postings: [GroupKey: Int] = [:]
    public var withSalary: [GroupKey: Int] = [:]
    public var distributions: [SalaryFigure: [GroupKey: Distribution]] = [:]
    /// Per skill: facts by level, by industry (the other coordinate is `all`) and overall.
    public var skills: [String: [GroupKey: SkillFact]] = [:]
    /// Per (canonical title, level).
    public var titles: [TitleKey: SkillFact] = [:]
    /// Midpoints of the levels of each published band (`entry`, `mid`, `senior` with `lead`).
    public var published: [String: Distribution] = [:]
    /// Up to `sampleLimit` midpoints per (level, industry) and per (level, all), for bootstrap.
    public var samples: [GroupKey: [Double]] = [:]

    /// Salaries kept per group for the bootstrap interval.
    public static let sampleLimit = 2_000

    public init() {}
}
