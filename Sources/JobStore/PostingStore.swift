import Foundation
import GRDB
import JobModel

/// The postings' history in a SQLite file: upserts by fingerprint, first and last seen, the run ledger.
///
/// Safe to share between tasks: GRDB's `DatabasePool` serialises writes and runs reads in parallel (WAL).
public final class PostingStore: Sendable {
    let pool: DatabasePool
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

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw .failed(Self.describe(error)) }
    }

    /// Records the start of a run and returns its id.
    ///
    /// Call it while holding the run lock: a run still marked `running` then belongs to a process
    /// that died, and is marked `interrupted`.
    public func beginRun(at date: String, configHash: String?) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            try db.execute(
                sql: "INSERT INTO runs (started_at, status, config_hash) VALUES (?, 'running', ?)",
                arguments: [date, configHash])
            return db.lastInsertedRowID
        }
    }

    /// Records the end of a run with its status (`ok`, `partial`, `failed`) and counts, and closes
    /// what it shows to be gone.
    ///
    /// A run that did not fail counts as a miss for each open posting of a source whose listing
    /// pages were all read (`completeSources`) and that the run did not see, except postings
    /// whose page failed for a reason that proves nothing (`unsure`: timeouts, 5xx). A posting
    /// missed by `closeAfterRuns` such runs in a row is closed. A failed run closes nothing.
    public func finishRun(
        _ id: Int64, at date: String, status: String, counts: RunCounts, completeSources: [String] = [],
        unsure: [String] = [], closeAfterRuns: Int = 2
    ) throws(StoreError) {
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
            guard status != "failed" else { return }
            let unsureSet = Set(unsure)
            let missed = try db.cachedStatement(
                sql: """
                    UPDATE postings SET missed_runs = missed_runs + 1
                    WHERE source = ? AND last_run < ? AND closed_at IS NULL AND fingerprint = ?
                    """)
            for source in completeSources {
                let candidates = try String.fetchAll(
                    db, sql: "SELECT fingerprint FROM postings WHERE source = ? AND last_run < ? AND closed_at IS NULL",
                    arguments: [source, id])
                for fingerprint in candidates where !unsureSet.contains(fingerprint) {
                    try missed.execute(arguments: [source, id, fingerprint])
                }
            }
            try db.execute(
                sql: "UPDATE postings SET closed_at = ?, closed_run = ? WHERE closed_at IS NULL AND missed_runs >= ?",
                arguments: [date, id, max(1, closeAfterRuns)])
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
            let upsert = try db.cachedStatement(sql: PostingRow.upsertSQL)
            let clearSkills = try db.cachedStatement(sql: "DELETE FROM posting_skills WHERE fingerprint = ?")
            let addSkill = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO posting_skills (fingerprint, skill) VALUES (?, ?)")
            let previousSalary = try db.cachedStatement(
                sql: """
                    SELECT salary_min, salary_max, salary_currency, salary_period, annual_min_usd, annual_max_usd
                    FROM postings WHERE fingerprint = ?
                    """)
            let keepSalary = try db.cachedStatement(
                sql: """
                    INSERT INTO salary_history (fingerprint, run_id, replaced_at, salary_min, salary_max,
                        salary_currency, salary_period, annual_min_usd, annual_max_usd)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for (posting, source) in batch.postings {
                if let old = try Row.fetchOne(previousSalary, arguments: [posting.fingerprint]) {
                    // A changed salary replaces the stored one; the old value is kept in salary_history.
                    let stated = posting.salary?.stated
                    let changed = (old["salary_min"] as Double?) != stated?.min
                        || (old["salary_max"] as Double?) != stated?.max
                        || (old["salary_currency"] as String?) != stated?.currency
                        || (old["salary_period"] as String?) != stated?.period.rawValue
                    if changed {
                        try keepSalary.execute(arguments: [
                            posting.fingerprint, run, date, old["salary_min"], old["salary_max"], old["salary_currency"],
                            old["salary_period"], old["annual_min_usd"], old["annual_max_usd"],
                        ])
                    }
                } else {
                    new += 1
                }
                try upsert.execute(arguments: PostingRow.arguments(posting, source: source, run: run, date: date))
                try clearSkills.execute(arguments: [posting.fingerprint])
                for skill in posting.skills { try addSkill.execute(arguments: [posting.fingerprint, skill]) }
            }
            let touch = try db.cachedStatement(
                sql: """
                    UPDATE postings SET last_seen = ?, last_run = ?, closed_at = NULL, closed_run = NULL, missed_runs = 0
                    WHERE fingerprint = ?
                    """)
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

    /// Which postings a report or an export covers.
    public enum Selection: Sendable, Equatable {
        /// Postings not closed: open as of the last run that ended normally.
        case open
        /// Postings last seen on or after a day (`YYYY-MM-DD`), open or closed.
        case seenSince(String)
        case all
    }

    /// Stored postings, oldest first.
    public func postings(_ selection: Selection = .all) throws(StoreError) -> [StoredPosting] {
        try read { db in
            let (condition, arguments): (String, StatementArguments) =
                switch selection {
                case .open: ("closed_at IS NULL", [])
                case let .seenSince(day): ("last_seen >= ?", [day])
                case .all: ("1", [])
                }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM postings WHERE \(condition) ORDER BY first_seen, fingerprint", arguments: arguments
            ).map(PostingRow.decode)
        }
    }

    /// The salaries a posting had before its current one, oldest first.
    public func salaryHistory(of fingerprint: String) throws(StoreError) -> [StatedPay] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM salary_history WHERE fingerprint = ? ORDER BY id", arguments: [fingerprint]
            ).compactMap { row in
                guard let currency: String = row["salary_currency"],
                    let period = PayPeriod(rawValue: row["salary_period"] ?? "")
                else { return nil }
                return StatedPay(min: row["salary_min"], max: row["salary_max"], currency: currency, period: period)
            }
        }
    }

    /// One row of the run ledger.
    public struct RunRow: Sendable, Equatable {
        public var id: Int64
        public var startedAt: String
        public var finishedAt: String?
        public var status: String
        public var counts: RunCounts
    }

    /// The run ledger, newest first.
    public func runs(limit: Int = 50) throws(StoreError) -> [RunRow] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                var counts = RunCounts()
                counts.pagesFetched = row["pages_fetched"]
                counts.pagesFailed = row["pages_failed"]
                counts.postingsSeen = row["postings_seen"]
                counts.postingsNew = row["postings_new"]
                counts.postingsUpdated = row["postings_updated"]
                return RunRow(
                    id: row["id"], startedAt: row["started_at"], finishedAt: row["finished_at"], status: row["status"],
                    counts: counts)
            }
        }
    }

    /// Deletes fetch records older than `days` days; postings are never pruned.
    /// - Returns: how many fetch records were deleted.
    @discardableResult
    public func pruneFetches(olderThanDays days: Int, now: Date = Date()) throws(StoreError) -> Int {
        let cutoff = ISO8601DateFormatter().string(from: now.addingTimeInterval(-Double(days) * 86_400))
        let deleted = try write { db in
            try db.execute(sql: "DELETE FROM fetches WHERE fetched_at < ?", arguments: [cutoff])
            return db.changesCount
        }
        do {
            try pool.vacuum()
        } catch {
            throw .failed(Self.describe(error))
        }
        return deleted
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
