/// The report scans as plain SELECTs, the same on SQLite and PostgreSQL: rows in any order, each
/// posting's midpoint computed by the same IEEE-754 arithmetic, so both give the same figures.
extension PostingStorage where Self: SQLBackend {
    /// One read transaction: a run committing meanwhile is not seen.
    public func withReportReader<T>(_ body: (any ReportReader) throws -> T) throws -> T {
        try readingSnapshot { db in try body(SQLReportReader(db: db)) }
    }
}

extension PostingStore: ReportSource {}

/// The annual USD midpoint, minimum and maximum of `postings p`, site estimates left out (NULL).
enum SalarySQL {
    static let midpoint = """
        CASE WHEN p.salary_estimate = 0 THEN
            CASE WHEN p.annual_min_usd IS NOT NULL AND p.annual_max_usd IS NOT NULL
                THEN (p.annual_min_usd + p.annual_max_usd) / 2.0
                ELSE COALESCE(p.annual_min_usd, p.annual_max_usd) END
        END
        """
    static let rangeMin = "CASE WHEN p.salary_estimate = 0 THEN p.annual_min_usd END"
    static let rangeMax = "CASE WHEN p.salary_estimate = 0 THEN p.annual_max_usd END"
}

struct SQLReportReader: ReportReader {
    let db: any SQLConnection

    func scanPostings(_ selection: PostingStore.Selection, _ body: (ReportPosting) throws -> Void) throws {
        let (condition, values) = selection.condition
        try db.streamRows(
            """
            SELECT p.level AS level, p.industry AS industry, COALESCE(p.canonical_title, p.title) AS title,
                \(SalarySQL.midpoint) AS mid, \(SalarySQL.rangeMin) AS lo, \(SalarySQL.rangeMax) AS hi
            FROM postings p WHERE \(condition)
            """, values
        ) { row in
            try body(
                ReportPosting(
                    level: row.string("level"), industry: row.string("industry"), title: row.string("title"),
                    midpoint: row.double("mid"), rangeMin: row.double("lo"), rangeMax: row.double("hi")))
        }
    }

    func scanPostingSkills(_ selection: PostingStore.Selection, _ body: (ReportPostingSkill) throws -> Void) throws {
        let (condition, values) = selection.condition
        try db.streamRows(
            """
            SELECT s.skill AS skill, p.level AS level, p.industry AS industry, \(SalarySQL.midpoint) AS mid
            FROM postings p JOIN posting_skills s ON s.fingerprint = p.fingerprint WHERE \(condition)
            """, values
        ) { row in
            try body(
                ReportPostingSkill(
                    skill: row.string("skill") ?? "", level: row.string("level"), industry: row.string("industry"),
                    midpoint: row.double("mid")))
        }
    }

    func finishedRuns(limit: Int) throws -> [ReportRun] {
        try db.rows(
            """
            SELECT id, substr(started_at, 1, 10) AS day FROM
                (SELECT * FROM runs WHERE status IN ('ok', 'partial') ORDER BY id DESC LIMIT ?) AS latest ORDER BY id
            """, [SQLValue(limit)]
        ).map { ReportRun(id: Int64($0.int("id") ?? 0), day: $0.string("day") ?? "") }
    }

    func scanPostingRuns(through lastRun: Int64, _ body: (ReportPostingRuns) throws -> Void) throws {
        try db.streamRows(
            """
            SELECT p.first_run AS first_run, p.closed_run AS closed_run, p.level AS level, p.industry AS industry,
                \(SalarySQL.midpoint) AS mid
            FROM postings p WHERE p.first_run <= ?
            """, [.integer(lastRun)]
        ) { row in
            try body(
                ReportPostingRuns(
                    firstRun: Int64(row.int("first_run") ?? 0), closedRun: row.int("closed_run").map(Int64.init),
                    level: row.string("level"), industry: row.string("industry"), midpoint: row.double("mid")))
        }
    }
}
