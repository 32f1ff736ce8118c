/// Seniority level of a posting, the vocabulary of every report.
public enum Level: String, Sendable, Codable, CaseIterable, Comparable {
    case intern
    case entry
    case mid
    case senior
    /// Staff, principal, lead and architect roles.
    case lead
    /// Director, head of, VP and C-level roles.
    case executive

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
}
