import Foundation
import JobModel

/// The store's work, written once over `SQLConnection` for both backends.
extension PostingStorage where Self: SQLBackend {
    public func beginRun(at date: String, configHash: String?) throws(StoreError) -> Int64 {
        try writing { db in
            try db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'", [])
            guard
                let id = try db.row(
                    "INSERT INTO runs (started_at, status, config_hash) VALUES (?, 'running', ?) RETURNING id",
                    [.text(date), configHash.map(SQLValue.text)])?.int("id")
            else { throw StoreError.failed("the new run has no id") }
            return Int64(id)
        }
    }

    public func finishRun(
        _ id: Int64, at date: String, status: String, counts: RunCounts, completeSources: [String], unsure: [String],
        closeAfterRuns: Int
    ) throws(StoreError) {
        try writing { db in
            try db.execute(
                """
                UPDATE runs SET finished_at = ?, status = ?, pages_fetched = ?, pages_failed = ?,
                    postings_seen = ?, postings_new = ?, postings_updated = ? WHERE id = ?
                """,
                [
                    .text(date), .text(status), SQLValue(counts.pagesFetched), SQLValue(counts.pagesFailed),
                    SQLValue(counts.postingsSeen), SQLValue(counts.postingsNew), SQLValue(counts.postingsUpdated),
                    .integer(id),
                ])
            guard status != "failed" else { return }
            try Self.countMisses(db, run: id, completeSources: completeSources, unsure: Set(unsure))
            try db.execute(
                "UPDATE postings SET closed_at = ?, closed_run = ? WHERE closed_at IS NULL AND missed_runs >= ?",
                [.text(date), .integer(id), SQLValue(max(1, closeAfterRuns))])
        }
    }

    /// One more miss for each open posting of a complete source that run `run` did not see.
    static func countMisses(_ db: any SQLConnection, run: Int64, completeSources: [String], unsure: Set<String>) throws {
        for source in completeSources.sorted() {
            var candidates: [String] = []
            try db.forEachRow(
                "SELECT fingerprint FROM postings WHERE source = ? AND last_run < ? AND closed_at IS NULL ORDER BY fingerprint",
                [.text(source), .integer(run)]
            ) { row in if let fingerprint = row.string("fingerprint") { candidates.append(fingerprint) } }
            for fingerprint in candidates where !unsure.contains(fingerprint) {
                try db.execute(
                    """
                    UPDATE postings SET missed_runs = missed_runs + 1
                    WHERE source = ? AND last_run < ? AND closed_at IS NULL AND fingerprint = ?
                    """, [.text(source), .integer(run), .text(fingerprint)])
            }
        }
    }

    @discardableResult
    public func commit(_ batch: RunBatch, run: Int64, at date: String) throws(StoreError) -> (new: Int, updated: Int, seen: Int) {
        try writing { db in try Self.commit(db, batch, run: run, at: date) }
    }

    /// The statements of `commit`, for a caller that adds its own to the same transaction.
    ///
    /// Rows are written in key order, so two writers committing batches at once lock them in the
    /// same order and cannot deadlock.
    package static func commit(
        _ db: any SQLConnection, _ batch: RunBatch, run: Int64, at date: String
    ) throws -> (new: Int, updated: Int, seen: Int) {
        var new = 0
        for (posting, source) in batch.postings.sorted(by: { $0.posting.fingerprint < $1.posting.fingerprint }) {
            let fingerprint = SQLValue.text(posting.fingerprint)
            let values = PostingRow.values(posting, source: source, run: run, date: date)
            if Self.locksRows {
                // Several writers: the insert itself says who stored the posting first.
                if try db.execute(PostingRow.insertSQL, values) == 1 {
                    new += 1
                } else {
                    try Self.keepReplacedSalary(db, of: posting, run: run, at: date)
                    try db.execute(PostingRow.upsertSQL, values)
                }
            } else {
                // One writer (SQLite): look first, then one upsert.
                if try !Self.keepReplacedSalary(db, of: posting, run: run, at: date) { new += 1 }
                try db.execute(PostingRow.upsertSQL, values)
            }
            try db.execute("DELETE FROM posting_skills WHERE fingerprint = ?", [fingerprint])
            try Self.insertRows(
                db, into: "posting_skills (fingerprint, skill)", Set(posting.skills).sorted().map { [fingerprint, .text($0)] },
                then: " ON CONFLICT DO NOTHING")
        }
        var seen = 0
        for fingerprint in batch.unchanged.sorted() {
            seen += try db.execute(
                """
                UPDATE postings SET last_seen = ?, last_run = ?, closed_at = NULL, closed_run = NULL, missed_runs = 0
                WHERE fingerprint = ?
                """, [.text(date), .integer(run), .text(fingerprint)])
        }
        for record in batch.pages.sorted(by: { $0.url < $1.url }) {
            try db.execute(
                """
                INSERT INTO pages (url, etag, last_modified, body_hash, last_status, last_fetched_at, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET
                    etag = COALESCE(excluded.etag, CASE WHEN excluded.last_status = 304 THEN pages.etag END),
                    last_modified = COALESCE(excluded.last_modified,
                        CASE WHEN excluded.last_status = 304 THEN pages.last_modified END),
                    body_hash = COALESCE(excluded.body_hash, pages.body_hash), last_status = excluded.last_status,
                    last_fetched_at = excluded.last_fetched_at,
                    fingerprint = COALESCE(excluded.fingerprint, pages.fingerprint)
                """,
                [
                    .text(record.url), record.etag.map(SQLValue.text), record.lastModified.map(SQLValue.text),
                    record.bodyHash.map(SQLValue.text), SQLValue(record.status), .text(date),
                    record.fingerprint.map(SQLValue.text),
                ])
        }
        try Self.insertRows(
            db, into: "fetches (run_id, url, kind, status, bytes, milliseconds, retries, outcome, fetched_at)",
            batch.fetches.map { record in
                [
                    .integer(run), .text(record.url), .text(record.kind), record.status.map(SQLValue.init),
                    SQLValue(record.bytes), SQLValue(record.milliseconds), SQLValue(record.retries), .text(record.outcome),
                    .text(date),
                ]
            })
        return (new, batch.postings.count - new, seen)
    }

    /// Inserts rows with multi-row VALUES, up to 50 rows a statement, in order: one round trip
    /// instead of one per row on PostgreSQL.
    static func insertRows(_ db: any SQLConnection, into table: String, _ rows: [[SQLValue?]], then suffix: String = "") throws {
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 50, rows.count)]
            let placeholders = "(" + Array(repeating: "?", count: chunk[start].count).joined(separator: ", ") + ")"
            try db.execute(
                "INSERT INTO \(table) VALUES " + Array(repeating: placeholders, count: chunk.count).joined(separator: ", ") + suffix,
                chunk.flatMap { $0 })
            start += chunk.count
        }
    }

    /// Keeps a stored posting's salary in salary_history when `posting` brings a different one.
    /// - Returns: whether the posting was stored already.
    @discardableResult
    static func keepReplacedSalary(_ db: any SQLConnection, of posting: Posting, run: Int64, at date: String) throws -> Bool {
        let fingerprint = SQLValue.text(posting.fingerprint)
        guard
            let old = try db.row(
                """
                SELECT salary_min, salary_max, salary_currency, salary_period, annual_min_usd, annual_max_usd
                FROM postings WHERE fingerprint = ?\(Self.locksRows ? " FOR UPDATE" : "")
                """, [fingerprint])
        else { return false }
        let stated = posting.salary?.stated
        let changed = old.double("salary_min") != stated?.min || old.double("salary_max") != stated?.max
            || old.string("salary_currency") != stated?.currency || old.string("salary_period") != stated?.period.rawValue
        guard changed else { return true }
        try db.execute(
            """
            INSERT INTO salary_history (fingerprint, run_id, replaced_at, salary_min, salary_max,
                salary_currency, salary_period, annual_min_usd, annual_max_usd)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                fingerprint, .integer(run), .text(date), old.value("salary_min"), old.value("salary_max"),
                old.value("salary_currency"), old.value("salary_period"), old.value("annual_min_usd"),
                old.value("annual_max_usd"),
            ])
        return true
    }

    public func page(_ url: String) throws(StoreError) -> PageRecord? {
        try reading { db in
            try db.row(
                "SELECT url, etag, last_modified, body_hash, last_status, fingerprint FROM pages WHERE url = ?", [.text(url)]
            ).map {
                PageRecord(
                    url: $0.string("url") ?? url, status: $0.int("last_status") ?? 0, etag: $0.string("etag"),
                    lastModified: $0.string("last_modified"), bodyHash: $0.string("body_hash"),
                    fingerprint: $0.string("fingerprint"))
            }
        }
    }

    public func postings(_ selection: PostingStore.Selection) throws(StoreError) -> [StoredPosting] {
        let (condition, values) = selection.condition
        return try reading { db in
            var postings: [StoredPosting] = []
            try db.forEachRow("SELECT * FROM postings WHERE \(condition) ORDER BY first_seen, fingerprint", values) {
                postings.append(PostingRow.decode($0))
            }
            return postings
        }
    }

    public func salaryHistory(of fingerprint: String) throws(StoreError) -> [StatedPay] {
        try reading { db in
            try db.rows("SELECT * FROM salary_history WHERE fingerprint = ? ORDER BY id", [.text(fingerprint)]).compactMap { row in
                guard let currency = row.string("salary_currency"), let period = PayPeriod(rawValue: row.string("salary_period") ?? "")
                else { return nil }
                return StatedPay(min: row.double("salary_min"), max: row.double("salary_max"), currency: currency, period: period)
            }
        }
    }

    public func runs(limit: Int) throws(StoreError) -> [PostingStore.RunRow] {
        try reading { db in
            try db.rows("SELECT * FROM runs ORDER BY id DESC LIMIT ?", [SQLValue(limit)]).map { row in
                var counts = RunCounts()
                counts.pagesFetched = row.int("pages_fetched") ?? 0
                counts.pagesFailed = row.int("pages_failed") ?? 0
                counts.postingsSeen = row.int("postings_seen") ?? 0
                counts.postingsNew = row.int("postings_new") ?? 0
                counts.postingsUpdated = row.int("postings_updated") ?? 0
                return PostingStore.RunRow(
                    id: Int64(row.int("id") ?? 0), startedAt: row.string("started_at") ?? "",
                    finishedAt: row.string("finished_at"), status: row.string("status") ?? "", counts: counts)
            }
        }
    }

    public func fetches(run: Int64) throws(StoreError) -> [FetchRecord] {
        try reading { db in
            try db.rows("SELECT * FROM fetches WHERE run_id = ? ORDER BY id", [.integer(run)]).map {
                FetchRecord(
                    kind: $0.string("kind") ?? "", url: $0.string("url") ?? "", status: $0.int("status"),
                    bytes: $0.int("bytes") ?? 0, milliseconds: $0.int("milliseconds") ?? 0, retries: $0.int("retries") ?? 0,
                    outcome: $0.string("outcome") ?? "")
            }
        }
    }

    public func postingCount() throws(StoreError) -> Int {
        try reading { db in try db.row("SELECT COUNT(*) AS n FROM postings")?.int("n") ?? 0 }
    }

    /// Deletes the fetch records written more than `days` days before `now`; each backend then
    /// compacts in its own way.
    package func deleteFetches(olderThanDays days: Int, now: Date) throws(StoreError) -> Int {
        let cutoff = ISO8601DateFormatter().string(from: now.addingTimeInterval(-Double(days) * 86_400))
        return try writing { db in try db.execute("DELETE FROM fetches WHERE fetched_at < ?", [.text(cutoff)]) }
    }
}
