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
        var batch = RunBatch()
        batch.postings = postings
        let result = try commit(batch, run: run, at: date)
        return (result.new, result.updated)
    }

    /// Writes a batch of a run's work in one transaction: postings, unchanged postings, page
    /// validators and fetch records. A crash leaves either the whole batch or none of it.
    /// - Returns: postings new, updated, and unchanged postings that were found and marked seen.
    @discardableResult
    public func commit(_ batch: RunBatch, run: Int64, at date: String) throws(StoreError) -> (new: Int, updated: Int, seen: Int) {
        try write { db in
            var new = 0
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM postings WHERE fingerprint = ?")
            let upsert = try db.cachedStatement(sql: PostingRow.upsertSQL)
            let clearSkills = try db.cachedStatement(sql: "DELETE FROM posting_skills WHERE fingerprint = ?")
            let addSkill = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO posting_skills (fingerprint, skill) VALUES (?, ?)")
            for (posting, source) in batch.postings {
                if try Bool.fetchOne(exists, arguments: [posting.fingerprint]) == nil { new += 1 }
                try upsert.execute(arguments: PostingRow.arguments(posting, source: source, run: run, date: date))
                try clearSkills.execute(arguments: [posting.fingerprint])
                for skill in posting.skills { try addSkill.execute(arguments: [posting.fingerprint, skill]) }
            }
            let touch = try db.cachedStatement(
                sql: "UPDATE postings SET last_seen = ?, last_run = ?, closed_at = NULL WHERE fingerprint = ?")
            var seen = 0
            for fingerprint in batch.unchanged {
                try touch.execute(arguments: [date, run, fingerprint])
                seen += db.changesCount
            }
            let page = try db.cachedStatement(
                sql: """
                    INSERT INTO pages (url, etag, last_modified, body_hash, last_status, last_fetched_at, fingerprint)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(url) DO UPDATE SET
                        etag = COALESCE(excluded.etag, CASE WHEN excluded.last_status = 304 THEN etag END),
                        last_modified = COALESCE(excluded.last_modified, CASE WHEN excluded.last_status = 304 THEN last_modified END),
                        body_hash = COALESCE(excluded.body_hash, body_hash), last_status = excluded.last_status,
                        last_fetched_at = excluded.last_fetched_at,
                        fingerprint = COALESCE(excluded.fingerprint, fingerprint)
                    """)
            for record in batch.pages {
                try page.execute(arguments: [
                    record.url, record.etag, record.lastModified, record.bodyHash, record.status, date, record.fingerprint,
                ])
            }
            let fetch = try db.cachedStatement(
                sql: """
                    INSERT INTO fetches (run_id, url, kind, status, bytes, milliseconds, retries, outcome, fetched_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for record in batch.fetches {
                try fetch.execute(arguments: [
                    run, record.url, record.kind, record.status, record.bytes, record.milliseconds, record.retries,
                    record.outcome, date,
                ])
            }
            return (new, batch.postings.count - new, seen)
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

    /// The validators, body hash and posting kept for a URL, for conditional requests.
    public func page(_ url: String) throws(StoreError) -> PageRecord? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT url, etag, last_modified, body_hash, last_status, fingerprint FROM pages WHERE url = ?",
                arguments: [url]
            ).map {
                PageRecord(
                    url: $0["url"], status: $0["last_status"] ?? 0, etag: $0["etag"], lastModified: $0["last_modified"],
                    bodyHash: $0["body_hash"], fingerprint: $0["fingerprint"])
            }
        }
    }

    /// The fetch ledger of a run, in the order written.
    public func fetches(run: Int64) throws(StoreError) -> [FetchRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM fetches WHERE run_id = ? ORDER BY id", arguments: [run]).map {
                FetchRecord(
                    kind: $0["kind"], url: $0["url"], status: $0["status"], bytes: $0["bytes"],
                    milliseconds: $0["milliseconds"], retries: $0["retries"], outcome: $0["outcome"])
            }
        }
    }
}
