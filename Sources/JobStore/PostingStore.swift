import Foundation
import GRDB
import JobModel

/// The postings' history in a SQLite file: upserts by fingerprint, first and last seen, the run ledger.
///
/// Safe to share between tasks: GRDB's `DatabasePool` serialises writes and runs reads in parallel (WAL).
public final class PostingStore: Sendable {
    private let pool: DatabasePool
    public let path: String

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

    private func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw .failed(Self.describe(error)) }
    }

    /// Records the start of a run and returns its id.
    public func beginRun(at date: String, configHash: String?) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO runs (started_at, status, config_hash) VALUES (?, 'running', ?)",
                arguments: [date, configHash])
            return db.lastInsertedRowID
        }
    }

    /// Records the end of a run with its status (`ok`, `partial`, `failed`) and counts.
    public func finishRun(_ id: Int64, at date: String, status: String, counts: RunCounts) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE runs SET finished_at = ?, status = ?, pages_fetched = ?, pages_failed = ?,
                        postings_seen = ?, postings_new = ?, postings_updated = ? WHERE id = ?
                    """,
                arguments: [
                    date, status, counts.pagesFetched, counts.pagesFailed, counts.postingsSeen, counts.postingsNew,
                    counts.postingsUpdated, id,
                ])
        }
    }

    /// Inserts new postings and updates known ones, in one transaction.
    /// - Returns: how many were new and how many were already known.
    @discardableResult
    public func upsert(
        _ postings: [(posting: Posting, source: String)], run: Int64, at date: String
    ) throws(StoreError) -> (new: Int, updated: Int) {
        try write { db in
            var new = 0
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM postings WHERE fingerprint = ?")
            let upsert = try db.cachedStatement(sql: PostingRow.upsertSQL)
            let clearSkills = try db.cachedStatement(sql: "DELETE FROM posting_skills WHERE fingerprint = ?")
            let addSkill = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO posting_skills (fingerprint, skill) VALUES (?, ?)")
            for (posting, source) in postings {
                if try Bool.fetchOne(exists, arguments: [posting.fingerprint]) == nil { new += 1 }
                try upsert.execute(arguments: PostingRow.arguments(posting, source: source, run: run, date: date))
                try clearSkills.execute(arguments: [posting.fingerprint])
                for skill in posting.skills { try addSkill.execute(arguments: [posting.fingerprint, skill]) }
            }
            return (new, postings.count - new)
        }
    }

    /// Every stored posting, oldest first.
    public func postings() throws(StoreError) -> [StoredPosting] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM postings ORDER BY first_seen, fingerprint").map(PostingRow.decode)
        }
    }

    public func postingCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM postings") ?? 0 }
    }

    /// The validators and body hash kept for a URL, for conditional requests.
    public func page(_ url: String) throws(StoreError) -> (etag: String?, lastModified: String?, bodyHash: String?)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT etag, last_modified, body_hash FROM pages WHERE url = ?", arguments: [url])
                .map { ($0["etag"], $0["last_modified"], $0["body_hash"]) }
        }
    }

    /// Remembers what a fetch of `url` returned.
    public func recordPage(
        _ url: String, status: Int, etag: String?, lastModified: String?, bodyHash: String?, at date: String
    ) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO pages (url, etag, last_modified, body_hash, last_status, last_fetched_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                        body_hash = COALESCE(excluded.body_hash, body_hash), last_status = excluded.last_status,
                        last_fetched_at = excluded.last_fetched_at
                    """,
                arguments: [url, etag, lastModified, bodyHash, status, date])
        }
    }
}
