import GRDB

/// A posting attribute a report groups by.
public enum AnalysisColumn: Sendable {
    case level
    case industry
    /// The canonical title (else the title as found).
    case title
    /// A skill the posting names (one row per skill).
    case skill
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

/// Trend queries over the run ledger; the other report queries run on an `AnalysisSnapshot`.
extension PostingStore {
    /// Maps every row of a query.
    func readRows<T>(_ sql: String, _ arguments: StatementArguments, _ transform: (Row) throws -> T) throws(StoreError) -> [T] {
        try read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(transform) }
    }

    /// Visits the rows of a query one at a time, without loading them all.
    func readCursor(_ sql: String, _ arguments: StatementArguments, _ visit: (Row) throws -> Void) throws(StoreError) {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { try visit(row) }
        }
    }
}

/// One run's view of the market for the trend report.
public struct TrendCount: Sendable, Equatable {
    public var run: Int64
    /// The day the run started, `YYYY-MM-DD`.
    public var day: String
    public var level: String?
    public var industry: String?
    public var new: Int
    public var open: Int
    public var closed: Int
    public var withSalary: Int
}

extension PostingStore {
    /// Runs that ended normally, newest last, at most `limit` of the latest.
    public func finishedRuns(limit: Int) throws(StoreError) -> [(id: Int64, day: String)] {
        try readRows(
            "SELECT id, substr(started_at, 1, 10) FROM (SELECT * FROM runs WHERE status IN ('ok', 'partial') ORDER BY id DESC LIMIT ?) ORDER BY id",
            [limit]
        ) { ($0[0], $0[1]) }
    }

    /// Per run and per level × industry: postings new in that run, open after it, closed by it,
    /// and open ones with pay. A posting is open after run r when it was first seen in or before r
    /// and not closed by r or earlier.
    public func trendCounts(runs: [Int64]) throws(StoreError) -> [TrendCount] {
        guard let first = runs.first, let last = runs.last else { return [] }
        let sql = """
            SELECT r.id, substr(r.started_at, 1, 10), p.level, p.industry,
                TOTAL(p.first_run = r.id), TOTAL(p.closed_run IS NULL OR p.closed_run > r.id),
                TOTAL(p.closed_run IS r.id),
                TOTAL((p.closed_run IS NULL OR p.closed_run > r.id) AND (\(SalaryColumn.midpoint.sql)) IS NOT NULL)
            FROM runs r JOIN postings p ON p.first_run <= r.id
            WHERE r.id BETWEEN ? AND ? AND r.status IN ('ok', 'partial')
            GROUP BY r.id, p.level, p.industry ORDER BY r.id
            """
        return try readRows(sql, [first, last]) { row in
            // TOTAL is never NULL (it is 0.0 over no rows), unlike SUM.
            TrendCount(
                run: row[0], day: row[1], level: row[2], industry: row[3], new: Int(row[4] as Double),
                open: Int(row[5] as Double), closed: Int(row[6] as Double), withSalary: Int(row[7] as Double))
        }
    }

    /// Midpoints of the postings open after each run, sorted within each (run, group), grouped by
    /// level and/or industry as asked.
    public func forEachOpenMidpoint(
        runs: [Int64], byLevel: Bool, byIndustry: Bool, _ body: (Int64, String?, String?, Double) throws -> Void
    ) throws(StoreError) {
        guard let first = runs.first, let last = runs.last else { return }
        let level = byLevel ? "p.level" : "NULL"
        let industry = byIndustry ? "p.industry" : "NULL"
        let sql = """
            SELECT id, l, i, v FROM (
                SELECT r.id AS id, \(level) AS l, \(industry) AS i, \(SalaryColumn.midpoint.sql) AS v
                FROM runs r JOIN postings p ON p.first_run <= r.id AND (p.closed_run IS NULL OR p.closed_run > r.id)
                WHERE r.id BETWEEN ? AND ? AND r.status IN ('ok', 'partial')
            ) WHERE v IS NOT NULL ORDER BY id, l, i, v
            """
        try readCursor(sql, [first, last]) { row in try body(row[0], row[1], row[2], row[3]) }
    }
}
