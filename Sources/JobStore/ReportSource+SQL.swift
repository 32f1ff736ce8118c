/// The report scans as plain SELECTs, the same on SQLite and PostgreSQL: rows in any order, each
/// posting's midpoint computed by the same IEEE-754 arithmetic, so both give the same figures.
extension PostingStorage where Self: SQLBackend {
    /// One read transaction: a run committing meanwhile is not seen.
    public func withReportReader<T>(_ body: (any ReportReader) throws -> T) throws -> T {
        try readingSnapshot { db in try body(SQLReportReader(db: db)) }
    }
}

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
            SELECT p.level, p.industry, COALESCE(p.canonical_title, p.title), \(SalarySQL.midpoint),
                \(SalarySQL.rangeMin), \(SalarySQL.rangeMax), p.skills
            FROM postings p WHERE \(condition)
            """, values
        ) { row in
            try body(
                ReportPosting(
                    level: row.string(0), industry: row.string(1), title: row.string(2), midpoint: row.double(3),
                    rangeMin: row.double(4), rangeMax: row.double(5), skills: Self.skills(row.string(6))))
        }
    }

    /// The posting's `skills` column (a JSON array of strings, as `JSONString.array` writes it):
    /// read directly when no string holds an escape, else by `JSONDecoder`.
    static func skills(_ text: String?) -> [String] {
        guard var text else { return [] }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), backslash = UInt8(ascii: "\\")
        let skills = text.withUTF8 { bytes -> [String]? in
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else { return nil }
            var skills: [String] = []
            var index = 1
            let end = bytes.count - 1
            while index < end {
                guard bytes[index] == quote else { return nil }
                var close = index + 1
                while close < end, bytes[close] != quote {
                    if bytes[close] == backslash { return nil }
                    close += 1
                }
                guard close < end else { return nil }
                skills.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[index + 1..<close]), as: UTF8.self))
                index = close + 1
                if index < end {
                    guard bytes[index] == comma, index + 1 < end else { return nil }
                    index += 1
                }
            }
            return skills
        }
        return skills ?? PostingRow.list(text)
    }

    func finishedRuns(limit: Int) throws -> [ReportRun] {
        try db.rows(
            """
            SELECT id, substr(started_at, 1, 10) FROM
                (SELECT * FROM runs WHERE status IN ('ok', 'partial') ORDER BY id DESC LIMIT ?) AS latest ORDER BY id
            """, [SQLValue(limit)]
        ).map { ReportRun(id: Int64($0.int(0) ?? 0), day: $0.string(1) ?? "") }
    }

    func scanPostingRuns(through lastRun: Int64, _ body: (ReportPostingRuns) throws -> Void) throws {
        try db.streamRows(
            "SELECT p.first_run, p.closed_run, p.level, p.industry, \(SalarySQL.midpoint) FROM postings p WHERE p.first_run <= ?",
            [.integer(lastRun)]
        ) { row in
            try body(
                ReportPostingRuns(
                    firstRun: Int64(row.int(0) ?? 0), closedRun: row.int(1).map(Int64.init), level: row.string(2),
                    industry: row.string(3), midpoint: row.double(4)))
        }
    }
}
