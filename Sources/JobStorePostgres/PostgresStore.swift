import Foundation
import JobModel
import JobStore

/// The postings' history on a PostgreSQL server, for several workers on several machines.
///
/// It runs the same statements as the SQLite store (see `StoreStatements`), so a run stores the
/// same rows and the reports show the same figures. Connections come from a small pool, each
/// used by one caller at a time.
public final class PostgresStore: PostingStorage, SQLBackend, Sendable {
    public static let locksRows = true
    /// The server URL without its password.
    public let location: String
    private let url: String
    /// Open connections not in use, and how many are open in all; guarded by `available`.
    private nonisolated(unsafe) var idle: [PGConnection] = []
    private nonisolated(unsafe) var open = 0
    private let available = NSCondition()
    /// Connections one process keeps at most: callers beyond wait for one to come back. Opening a
    /// connection starts a server process, so they are kept open and reused.
    static let maximumConnections = 8

    /// Connects to `url` (`postgres://user@host:port/db` or any libpq connection string) and
    /// migrates the database to the current schema.
    public init(url: String) throws(StoreError) {
        self.url = url
        location = Self.redacted(url)
        do {
            let connection = try PGConnection(url: url)
            try Self.migrate(connection)
            open = 1
            give(connection)
        } catch {
            throw .cannotOpen(path: location, reason: "\(error)")
        }
    }

    /// True for a `postgres://` or `postgresql://` URL.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    /// Applies the migrations not yet applied, under a lock so that workers starting together
    /// migrate once.
    static func migrate(_ connection: PGConnection) throws {
        try connection.transaction {
            try connection.run("SELECT pg_advisory_xact_lock(7147001)")
            try connection.run("CREATE TABLE IF NOT EXISTS jm_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let done = try connection.query("SELECT name FROM jm_migrations", [])
            let applied = Set((0..<Int32(done.count)).compactMap { PGRow(result: done, index: $0).string("name") })
            for migration in PostgresSchema.migrations where !applied.contains(migration.name) {
                try connection.run(migration.sql)
                try connection.query("INSERT INTO jm_migrations (name) VALUES (?)", [.text(migration.name)])
            }
        }
    }

    private func take() throws -> PGConnection {
        available.lock()
        defer { available.unlock() }
        while true {
            if let connection = idle.popLast() {
                if connection.isHealthy { return connection }
                open -= 1
                continue
            }
            if open < Self.maximumConnections {
                let connection = try PGConnection(url: url)
                open += 1
                return connection
            }
            available.wait()
        }
    }

    private func give(_ connection: PGConnection) {
        available.lock()
        defer { available.unlock() }
        if connection.isHealthy && !connection.inTransaction {
            idle.append(connection)
        } else {
            open -= 1
        }
        available.signal()
    }

    /// Runs `body` on a pooled connection.
    func withConnection<T>(_ body: (PGConnection) throws -> T) throws(StoreError) -> T {
        do {
            let connection = try take()
            defer { give(connection) }
            return try body(connection)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .failed("\(error)")
        }
    }

    public func reading<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T {
        try withConnection { connection in try body(PGStatements(connection: connection)) }
    }

    /// Reads in one read-only REPEATABLE READ transaction: every query sees the same snapshot.
    public func readingSnapshot<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T {
        try withConnection { connection in
            try connection.transaction(readOnly: true) { try body(PGStatements(connection: connection)) }
        }
    }

    /// Runs `body` in one transaction; a deadlock or serialization failure runs it again.
    public func writing<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T {
        try withConnection { connection in
            var attempt = 0
            while true {
                do {
                    return try connection.transaction { try body(PGStatements(connection: connection)) }
                } catch let error as PGError where error.isRetryable && attempt < 5 {
                    attempt += 1
                }
            }
        }
    }

    @discardableResult
    public func pruneFetches(olderThanDays days: Int, now: Date) throws(StoreError) -> Int {
        let deleted = try deleteFetches(olderThanDays: days, now: now)
        try withConnection { connection in try connection.run("VACUUM fetches") }
        return deleted
    }
}

/// One coordinating run at a time per PostgreSQL database: a session advisory lock on a
/// connection of its own, released when the holder lets go or its connection ends (a killed
/// holder's lock goes with its connection).
public final class PostgresRunLock: @unchecked Sendable {
    private let connection: PGConnection
    static let key = 7_147_002

    public enum Attempt: Sendable {
        case taken(PostgresRunLock)
        case held(by: String)
    }

    /// Takes the lock, or returns who holds it.
    static func take(url: String) throws(StoreError) -> Attempt {
        do {
            let connection = try PGConnection(url: url)
            let taken = try connection.query("SELECT pg_try_advisory_lock(?) AS taken", [SQLValue(key)])
            guard PGRow(result: taken, index: 0).bool("taken") == true else {
                let holder = try connection.query(
                    """
                    SELECT a.pid, a.client_addr, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.locktype = 'advisory' AND l.objid = ? LIMIT 1
                    """, [SQLValue(key)])
                let row = PGRow(result: holder, index: 0)
                return .held(by:
                    holder.count == 0 ? "another run" : "server backend \(row.string("pid") ?? "?") from "
                        + "\(row.string("client_addr") ?? "local socket") since \(row.string("backend_start") ?? "?")")
            }
            return .taken(PostgresRunLock(connection))
        } catch {
            throw .failed("\(error)")
        }
    }

    private init(_ connection: PGConnection) { self.connection = connection }

    deinit { _ = try? connection.query("SELECT pg_advisory_unlock(?)", [SQLValue(Self.key)]) }
}

extension PostgresStore {
    /// Takes the run lock of this database, or says who holds it.
    public func lockRuns() throws(StoreError) -> PostgresRunLock.Attempt {
        try PostgresRunLock.take(url: url)
    }

    /// Postings a run saw (stored or found unchanged).
    public func postingsSeen(run: Int64) throws(StoreError) -> Int {
        try reading { db in try db.row("SELECT COUNT(*) AS n FROM postings WHERE last_run = ?", [.integer(run)])?.int("n") ?? 0 }
    }
}
