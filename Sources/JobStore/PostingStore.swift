import Foundation
import GRDB
import JobModel

/// The postings' history in a SQLite file: upserts by fingerprint, first and last seen, the run ledger.
///
/// Safe to share between tasks: GRDB's `DatabasePool` serialises writes and runs reads in parallel (WAL).
public final class PostingStore: PostingStorage, SQLBackend, Sendable {
    let pool: DatabasePool
    public let path: String
    public var location: String { path }
    public static let locksRows = false

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    private func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw .failed(Self.describe(error)) }
    }

    public func reading<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T {
        try read { db in try body(GRDBConnection(db: db)) }
    }

    public func writing<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T {
        try write { db in try body(GRDBConnection(db: db)) }
    }

    /// A read on the pool is one transaction on a WAL snapshot.
    public func readingSnapshot<T>(_ body: (any SQLConnection) throws -> T) throws(StoreError) -> T {
        try reading(body)
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw .failed(Self.describe(error)) }
    }

    /// Which postings a report or an export covers.
    public enum Selection: Sendable, Equatable {
        /// Postings not closed: open as of the last run that ended normally.
        case open
        /// Postings last seen on or after a day (`YYYY-MM-DD`), open or closed.
        case seenSince(String)
        case all
    }

    /// One row of the run ledger.
    public struct RunRow: Sendable, Equatable {
        public var id: Int64
        public var startedAt: String
        public var finishedAt: String?
        public var status: String
        public var counts: RunCounts
    }

    /// Deletes fetch records older than `days` days; postings are never pruned.
    /// - Returns: how many fetch records were deleted.
    @discardableResult
    public func pruneFetches(olderThanDays days: Int, now: Date) throws(StoreError) -> Int {
        let deleted = try deleteFetches(olderThanDays: days, now: now)
        do {
            try pool.vacuum()
        } catch {
            throw .failed(Self.describe(error))
        }
        return deleted
    }
}
