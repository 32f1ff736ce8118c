import GRDB

/// The selected postings copied into narrow temporary tables, so that the many sorted scans a
/// report makes read a few columns instead of whole posting rows.
///
/// It lives only inside `PostingStore.withAnalysisSnapshot`; it is intentionally **not** Sendable.
public final class AnalysisSnapshot {
    private let db: Database

    init(_ db: Database) {
        self.db = db
    }

    @available(*, unavailable)
    public init() { fatalError() }

    static func columnSQL(_ column: AnalysisColumn) -> String {
        switch column {
        case .level: "level"
        case .industry: "industry"
        case .title: "title"
        case .skill: "skill"
        }
    }

    static func valueSQL(_ value: SalaryColumn) -> String {
        switch value {
        case .midpoint: "mid"
        case .rangeMin: "lo"
        case .rangeMax: "hi"
        }
    }

    /// The skills table when grouping by skill, else the postings table.
    private static func table(_ columns: [AnalysisColumn]) -> String {
        columns.contains { if case .skill = $0 { true } else { false } } ? "temp.jm_skills" : "temp.jm_facts"
    }

    /// Postings and postings with `value`, per group of `columns`.
    public func groupCounts(by columns: [AnalysisColumn], value: SalaryColumn) throws -> [GroupCount] {
        let keys = columns.map(Self.columnSQL)
        let select = (keys + ["COUNT(*)", "COUNT(\(Self.valueSQL(value)))"]).joined(separator: ", ")
        let group = keys.isEmpty ? "" : " GROUP BY " + keys.joined(separator: ", ")
        return try Row.fetchAll(db, sql: "SELECT \(select) FROM \(Self.table(columns))\(group)").map { row in
            GroupCount(keys: (0..<columns.count).map { row[$0] }, postings: row[columns.count], withValue: row[columns.count + 1])
        }
    }

    /// Each group's values, ascending within each group, groups one after another.
    public func forEachSorted(
        by columns: [AnalysisColumn], value: SalaryColumn, levels: [String]? = nil, _ body: ([String?], Double) throws -> Void
    ) throws {
        let keys = columns.map(Self.columnSQL)
        let valueColumn = Self.valueSQL(value)
        var condition = "\(valueColumn) IS NOT NULL"
        var arguments = StatementArguments()
        if let levels {
            condition += " AND level IN (\(levels.map { _ in "?" }.joined(separator: ", ")))"
            arguments += StatementArguments(levels)
        }
        let sql = """
            SELECT \((keys + [valueColumn]).joined(separator: ", ")) FROM \(Self.table(columns))
            WHERE \(condition) ORDER BY \((keys + [valueColumn]).joined(separator: ", "))
            """
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { try body((0..<columns.count).map { row[$0] }, row[columns.count]) }
    }
}

extension PostingStore {
    /// Runs `body` over a snapshot of the selected postings in temporary tables, dropped after.
    public func withAnalysisSnapshot<T>(
        _ selection: Selection, _ body: (AnalysisSnapshot) throws -> T
    ) throws(StoreError) -> T {
        let (condition, arguments) = selection.sql
        do {
            return try pool.writeWithoutTransaction { db in
                try db.execute(sql: "DROP TABLE IF EXISTS temp.jm_facts; DROP TABLE IF EXISTS temp.jm_skills")
                try db.execute(
                    sql: """
                        CREATE TEMP TABLE jm_facts AS SELECT p.fingerprint AS fingerprint, p.level AS level,
                            p.industry AS industry, COALESCE(p.canonical_title, p.title) AS title,
                            \(SalaryColumn.midpoint.sql) AS mid, \(SalaryColumn.rangeMin.sql) AS lo,
                            \(SalaryColumn.rangeMax.sql) AS hi
                        FROM postings p WHERE \(condition)
                        """, arguments: arguments)
                try db.execute(
                    sql: """
                        CREATE TEMP TABLE jm_skills AS SELECT s.skill AS skill, f.level AS level, f.industry AS industry,
                            f.mid AS mid, f.lo AS lo, f.hi AS hi
                        FROM posting_skills s JOIN temp.jm_facts f ON f.fingerprint = s.fingerprint
                        """)
                defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.jm_facts; DROP TABLE IF EXISTS temp.jm_skills") }
                return try body(AnalysisSnapshot(db))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .failed(Self.describe(error))
        }
    }
}
