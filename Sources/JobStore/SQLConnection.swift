import GRDB

/// What the store's statements run on, in either backend: one connection inside one transaction.
/// Statements are written once, with `?` placeholders, in the SQL both SQLite and PostgreSQL speak.
public protocol SQLConnection {
    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ values: [SQLValue?]) throws -> Int
    /// Visits the rows of a query one at a time.
    func forEachRow(_ sql: String, _ values: [SQLValue?], _ body: (any StoreRow) throws -> Void) throws
    /// Visits the rows of a large query one at a time, never holding them all.
    func streamRows(_ sql: String, _ values: [SQLValue?], _ body: (any StoreRow) throws -> Void) throws
}

extension SQLConnection {
    public func streamRows(_ sql: String, _ values: [SQLValue?], _ body: (any StoreRow) throws -> Void) throws {
        try forEachRow(sql, values, body)
    }

    public func rows(_ sql: String, _ values: [SQLValue?] = []) throws -> [any StoreRow] {
        var rows: [any StoreRow] = []
        try forEachRow(sql, values) { rows.append($0) }
        return rows
    }

    public func row(_ sql: String, _ values: [SQLValue?] = []) throws -> (any StoreRow)? {
        try rows(sql, values).first
    }
}

/// A backend: a way to read, and to write in one transaction.
public protocol SQLBackend {
    /// Whether `SELECT … FOR UPDATE` is spoken and needed (PostgreSQL; SQLite has one writer).
    static var locksRows: Bool { get }
    func reading<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T
    func writing<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T
    /// Reads in one transaction that sees one unchanging state of the database.
    func readingSnapshot<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T
}

/// GRDB's connection with cached prepared statements.
struct GRDBConnection: SQLConnection {
    let db: Database

    func execute(_ sql: String, _ values: [SQLValue?]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
        return db.changesCount
    }

    func forEachRow(_ sql: String, _ values: [SQLValue?], _ body: (any StoreRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(values))
        // A cursor's row is reused for the next one: hand over a copy the body may keep.
        while let row = try rows.next() { try body(row.copy()) }
    }

    /// The rows as the cursor reads them: each is valid only while `body` runs.
    func streamRows(_ sql: String, _ values: [SQLValue?], _ body: (any StoreRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(values))
        while let row = try rows.next() { try body(row) }
    }
}
