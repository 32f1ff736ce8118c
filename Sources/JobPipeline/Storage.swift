import Foundation
import JobStore
import JobStorePostgres

/// Opens the database a config names: a `postgres://` URL or a SQLite file path.
public enum Storage {
    public static func open(_ database: String) throws(StoreError) -> any PostingStorage {
        if PostgresStore.isURL(database) { return try PostgresStore(url: database) }
        return try PostingStore(path: database)
    }

    /// Opens the database and takes its run lock (for SQLite, the lock first).
    public static func openLocked(_ database: String) throws -> (store: any PostingStorage, lock: AnyObject) {
        if PostgresStore.isURL(database) {
            let store = try PostgresStore(url: database)
            return (store, try lockRuns(database, store: store))
        }
        let lock = try RunLock(databasePath: database)
        return (try PostingStore(path: database), lock)
    }

    /// Takes the database's run lock: a `flock` beside a SQLite file, an advisory lock on a
    /// PostgreSQL server. Held until the returned object is released.
    public static func lockRuns(_ database: String, store: any PostingStorage) throws -> AnyObject {
        if let postgres = store as? PostgresStore {
            switch try postgres.lockRuns() {
            case let .taken(lock): return lock
            case let .held(holder): throw RunLock.Failure.held(path: postgres.location, holder: holder)
            }
        }
        return try RunLock(databasePath: database)
    }
}
