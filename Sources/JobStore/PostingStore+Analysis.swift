import GRDB

/// A posting attribute a report groups by.
public enum AnalysisColumn: Sendable {
    case level
    case industry
    /// The canonical title (else the title as found).
    case title
    /// A skill the posting names (one row per skill).
    case skill

    var sql: String {
        switch self {
        case .level: "p.level"
        case .industry: "p.industry"
        case .title: "COALESCE(p.canonical_title, p.title)"
        case .skill: "s.skill"
        }
    }
}

/// A salary figure a report takes percentiles of, in annual USD; site estimates never count.
public enum SalaryColumn: Sendable {
    case midpoint
    case rangeMin
    case rangeMax

    var sql: String {
        switch self {
        case .midpoint:
            """
            CASE WHEN p.salary_estimate = 0 THEN
                CASE WHEN p.annual_min_usd IS NOT NULL AND p.annual_max_usd IS NOT NULL
                    THEN (p.annual_min_usd + p.annual_max_usd) / 2.0
                    ELSE COALESCE(p.annual_min_usd, p.annual_max_usd) END
            END
            """
        case .rangeMin: "CASE WHEN p.salary_estimate = 0 THEN p.annual_min_usd END"
        case .rangeMax: "CASE WHEN p.salary_estimate = 0 THEN p.annual_max_usd END"
        }
    }
}

/// A group's counts: every posting, and those with the figure.
public struct GroupCount: Sendable, Equatable {
    /// One value per grouping column; nil where the posting has none.
    public var keys: [String?]
    public var postings: Int
    public var withValue: Int
}

extension PostingStore.Selection {
    var sql: (condition: String, arguments: StatementArguments) {
        switch self {
        case .open: ("p.closed_at IS NULL", [])
        case let .seenSince(day): ("p.last_seen >= ?", [day])
        case .all: ("1", [])
        }
    }
}

/// Aggregation queries for the reports: SQLite counts and sorts, so memory stays flat however
/// many postings there are.
extension PostingStore {
    private static func from(_ columns: [AnalysisColumn]) -> String {
        columns.contains { if case .skill = $0 { true } else { false } }
            ? "postings p JOIN posting_skills s ON s.fingerprint = p.fingerprint" : "postings p"
    }

    /// Postings and postings with `value`, per group of `columns`.
    public func groupCounts(
        _ selection: Selection, by columns: [AnalysisColumn], value: SalaryColumn
    ) throws(StoreError) -> [GroupCount] {
        let (condition, arguments) = selection.sql
        let keys = columns.map(\.sql)
        let select = (keys + ["COUNT(*)", "COUNT(\(value.sql))"]).joined(separator: ", ")
        let group = keys.isEmpty ? "" : " GROUP BY " + keys.joined(separator: ", ")
        return try readRows(
            "SELECT \(select) FROM \(Self.from(columns)) WHERE \(condition)\(group)", arguments
        ) { row in
            GroupCount(
                keys: (0..<columns.count).map { row[$0] }, postings: row[columns.count], withValue: row[columns.count + 1])
        }
    }

    /// Calls `body` with each group's values of `value`, ascending within each group, groups one
    /// after another.
    ///
    /// - Parameters:
    ///   - levels: when given, only postings of these levels.
    public func forEachSorted(
        _ selection: Selection, by columns: [AnalysisColumn], value: SalaryColumn, levels: [String]? = nil,
        _ body: ([String?], Double) throws -> Void
    ) throws(StoreError) {
        var (condition, arguments) = selection.sql
        if let levels {
            condition += " AND p.level IN (\(levels.map { _ in "?" }.joined(separator: ", ")))"
            arguments += StatementArguments(levels)
        }
        let keys = columns.map(\.sql)
        let aliases = keys.indices.map { "k\($0)" } + ["v"]
        let inner = (keys.enumerated().map { "\($1) AS k\($0)" } + ["\(value.sql) AS v"]).joined(separator: ", ")
        let sql = """
            SELECT \(aliases.joined(separator: ", "))
            FROM (SELECT \(inner) FROM \(Self.from(columns)) WHERE \(condition))
            WHERE v IS NOT NULL ORDER BY \(aliases.joined(separator: ", "))
            """
        try readCursor(sql, arguments) { row in
            try body((0..<columns.count).map { row[$0] }, row[columns.count])
        }
    }
}
