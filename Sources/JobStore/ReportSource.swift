import GRDB

/// One selected posting as the reports read it.
public struct ReportPosting: Sendable, Equatable {
    public var level: String?
    public var industry: String?
    /// The canonical title, else the title as found.
    public var title: String?
    /// Annual USD midpoint: the mean of the annual minimum and maximum, or the one stated; nil
    /// when the posting states no pay or its pay is a job board's estimate.
    public var midpoint: Double?
    /// Annual USD minimum and maximum of the range; nil when not stated or an estimate.
    public var rangeMin: Double?
    public var rangeMax: Double?
    /// The skills the posting names (canonical names; a repeat counts once).
    public var skills: [String]

    public init(
        level: String?, industry: String?, title: String?, midpoint: Double?, rangeMin: Double?, rangeMax: Double?,
        skills: [String]
    ) {
        self.level = level
        self.industry = industry
        self.title = title
        self.midpoint = midpoint
        self.rangeMin = rangeMin
        self.rangeMax = rangeMax
        self.skills = skills
    }
}

/// A run of the ledger that ended normally (`ok` or `partial`).
public struct ReportRun: Sendable, Equatable {
    public var id: Int64
    /// The day it started (UTC), `YYYY-MM-DD`.
    public var day: String

    public init(id: Int64, day: String) {
        self.id = id
        self.day = day
    }
}

/// One stored posting's life in the run ledger, for the trend report (every posting, whatever the selection).
public struct ReportPostingRuns: Sendable, Equatable {
    /// The run that first saw it.
    public var firstRun: Int64
    /// The run that closed it; nil while open.
    public var closedRun: Int64?
    public var level: String?
    public var industry: String?
    /// As `ReportPosting.midpoint` (the current pay).
    public var midpoint: Double?

    public init(firstRun: Int64, closedRun: Int64?, level: String?, industry: String?, midpoint: Double?) {
        self.firstRun = firstRun
        self.closedRun = closedRun
        self.level = level
        self.industry = industry
        self.midpoint = midpoint
    }
}

/// What the reports read from a store: plain scans, rows in any order, with no grouping, sorting
/// or arithmetic beyond each row's own midpoint. Every count, percentile and sample is computed
/// from these rows in `JobAnalyze`, so any backend that yields the same rows (in whatever order)
/// gives byte-identical reports.
public protocol ReportSource {
    /// Runs `body` with a reader whose scans all see one unchanging state of the store (a read
    /// transaction); the reports scan the same rows several times and need them to agree.
    func withReportReader<T>(_ body: (any ReportReader) throws -> T) throws -> T
}

/// The scans of one consistent state of a store. Valid only inside `withReportReader`.
public protocol ReportReader {
    /// Every selected posting, once, in any order.
    func scanPostings(_ selection: PostingStore.Selection, _ body: (ReportPosting) throws -> Void) throws
    /// The latest `limit` runs that ended normally (status `ok` or `partial`), oldest first.
    func finishedRuns(limit: Int) throws -> [ReportRun]
    /// Every stored posting first seen in or before run `lastRun` (open or closed, whatever the
    /// selection), once, in any order.
    func scanPostingRuns(through lastRun: Int64, _ body: (ReportPostingRuns) throws -> Void) throws
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

extension PostingStore.Selection {
    var sql: (condition: String, arguments: StatementArguments) {
        switch self {
        case .open: ("p.closed_at IS NULL", [])
        case let .seenSince(day): ("p.last_seen >= ?", [day])
        case .all: ("1", [])
        }
    }
}

extension PostingStore: ReportSource {
    /// One read transaction (a WAL snapshot): a run committing meanwhile is not seen.
    public func withReportReader<T>(_ body: (any ReportReader) throws -> T) throws -> T {
        do {
            return try pool.read { db in try body(SQLiteReportReader(db: db)) }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.failed(Self.describe(error))
        }
    }
}

/// The report scans as plain SELECTs on the SQLite file.
struct SQLiteReportReader: ReportReader {
    let db: Database

    private func scan(_ sql: String, _ arguments: StatementArguments, _ visit: (Row) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { try visit(row) }
    }

    func scanPostings(_ selection: PostingStore.Selection, _ body: (ReportPosting) throws -> Void) throws {
        let (condition, arguments) = selection.sql
        try scan(
            """
            SELECT p.level, p.industry, COALESCE(p.canonical_title, p.title), \(SalarySQL.midpoint),
                \(SalarySQL.rangeMin), \(SalarySQL.rangeMax), p.skills
            FROM postings p WHERE \(condition)
            """, arguments
        ) { row in
            try body(
                ReportPosting(
                    level: row[0], industry: row[1], title: row[2], midpoint: row[3], rangeMin: row[4], rangeMax: row[5],
                    skills: Self.skills(row[6])))
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
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, substr(started_at, 1, 10) FROM
                    (SELECT * FROM runs WHERE status IN ('ok', 'partial') ORDER BY id DESC LIMIT ?) ORDER BY id
                """, arguments: [limit]
        ).map { ReportRun(id: $0[0], day: $0[1]) }
    }

    func scanPostingRuns(through lastRun: Int64, _ body: (ReportPostingRuns) throws -> Void) throws {
        try scan(
            "SELECT p.first_run, p.closed_run, p.level, p.industry, \(SalarySQL.midpoint) FROM postings p WHERE p.first_run <= ?",
            [lastRun]
        ) { row in
            try body(
                ReportPostingRuns(firstRun: row[0], closedRun: row[1], level: row[2], industry: row[3], midpoint: row[4]))
        }
    }
}
