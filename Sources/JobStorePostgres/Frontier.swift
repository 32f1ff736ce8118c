import Foundation
import JobStore

/// A URL for the shared frontier.
public struct FrontierEntry: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case robots
        case listing
        case posting
    }

    public var url: String
    /// `scheme://host[:port]`: politeness and robots.txt are per origin.
    public var origin: String
    public var source: String
    public var kind: Kind
    /// A listing page's number within its source's pagination.
    public var page: Int

    public init(url: String, origin: String, source: String, kind: Kind, page: Int = 1) {
        self.url = url
        self.origin = origin
        self.source = source
        self.kind = kind
        self.page = page
    }
}

/// How a new origin is to be treated.
public struct OriginPolicy: Sendable, Equatable {
    /// Least gap between two request starts to the origin, across all workers.
    public var delayMs: Int
    /// Whether robots.txt is read first; when not, the origin's URLs are claimable at once.
    public var readsRobots: Bool

    public init(delayMs: Int, readsRobots: Bool) {
        self.delayMs = delayMs
        self.readsRobots = readsRobots
    }
}

/// A URL a worker holds under lease.
public struct Claim: Sendable, Equatable {
    public var id: Int64
    public var entry: FrontierEntry
    /// 1 for the first try.
    public var attempt: Int
    /// The origin's least gap between requests; when above 0 the origin is held for this claim
    /// alone until `releaseOrigin` (or the lease's end).
    public var delayMs: Int
    /// The origin's robots.txt as read by whichever worker fetched it: HTTP status (0 when not
    /// read) and body.
    public var robotsStatus: Int?
    public var robotsText: String?
}

/// What became of a claimed URL, written in the same transaction as the work it produced.
public struct Completion: Sendable, Equatable {
    public enum State: String, Sendable {
        case done
        case failed
        case skipped
        /// Back to the queue after a transient failure, not before `retryAfter` seconds.
        case retry
    }

    public var id: Int64
    public var state: State
    /// `stored`, `unchanged`, `listing`, `robots`, `failed:<reason>`, `skipped:robots`.
    public var outcome: String
    /// The posting the page held last time, kept for a failed page.
    public var known: String?
    public var retryAfter: Double

    public init(id: Int64, state: State, outcome: String, known: String? = nil, retryAfter: Double = 0) {
        self.id = id
        self.state = state
        self.outcome = outcome
        self.known = known
        self.retryAfter = retryAfter
    }
}

/// Robots.txt as a worker read it, for every worker.
public struct RobotsReading: Sendable, Equatable {
    public var origin: String
    public var status: Int
    public var text: String
    /// The Crawl-delay, which raises the origin's gap for every worker.
    public var delayMs: Int?

    public init(origin: String, status: Int, text: String, delayMs: Int?) {
        self.origin = origin
        self.status = status
        self.text = text
        self.delayMs = delayMs
    }
}

/// A worker's counts for the run ledger; the run's counts are their sums.
public struct WorkerCounts: Sendable, Equatable {
    public var listingPages = 0
    public var postingPages = 0
    public var unchanged = 0
    public var skipped = 0
    public var failed = 0
    public var postingsNew = 0
    public var postingsUpdated = 0

    public init() {}

    public static func + (a: WorkerCounts, b: WorkerCounts) -> WorkerCounts {
        var sum = a
        sum.listingPages += b.listingPages
        sum.postingPages += b.postingPages
        sum.unchanged += b.unchanged
        sum.skipped += b.skipped
        sum.failed += b.failed
        sum.postingsNew += b.postingsNew
        sum.postingsUpdated += b.postingsUpdated
        return sum
    }
}

/// Where a run stands.
public struct FrontierState: Sendable, Equatable {
    public var pending = 0
    /// Leased and not expired: a live worker holds them.
    public var leased = 0
    public var done = 0
    public var failed = 0
    public var skipped = 0

    public init(pending: Int = 0, leased: Int = 0, done: Int = 0, failed: Int = 0, skipped: Int = 0) {
        self.pending = pending
        self.leased = leased
        self.done = done
        self.failed = failed
        self.skipped = skipped
    }

    /// Nothing left to claim and nobody holding anything.
    public var isDrained: Bool { pending == 0 && leased == 0 }
}

/// The URLs of a run, shared by every worker through PostgreSQL.
///
/// A worker claims a few URLs under a lease (`SELECT … FOR UPDATE SKIP LOCKED`), so no two
/// workers hold the same URL; a worker that dies loses its lease when it expires and its URLs
/// return to the queue. Politeness holds across workers: each origin has a row with the time its
/// next request may start, advanced in the same transaction that hands out one of its URLs.
extension PostgresStore {
    /// Adds URLs to a run's frontier; a URL already there (in any state) is left alone. A new
    /// origin gets its politeness row and, when robots.txt is read, a robots.txt entry first.
    public func enqueue(_ entries: [FrontierEntry], run: Int64, policy: OriginPolicy) throws(StoreError) {
        guard !entries.isEmpty else { return }
        try writing { db in try Self.enqueue(db, entries, run: run, policy: policy) }
    }

    static func enqueue(_ db: any SQLConnection, _ entries: [FrontierEntry], run: Int64, policy: OriginPolicy) throws {
        for origin in Set(entries.map(\.origin)).sorted() {
            let robots = policy.readsRobots && (origin.hasPrefix("http://") || origin.hasPrefix("https://"))
            let added = try db.execute(
                """
                INSERT INTO hosts (run_id, origin, delay_ms, robots_status) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, [.integer(run), .text(origin), SQLValue(policy.delayMs), robots ? nil : SQLValue(0)])
            if added == 1 && robots {
                try db.execute(
                    "INSERT INTO frontier (run_id, url, origin, source, kind) VALUES (?, ?, ?, '', 'robots') ON CONFLICT DO NOTHING",
                    [.integer(run), .text(origin + "/robots.txt"), .text(origin)])
            }
        }
        for entry in entries {
            try db.execute(
                """
                INSERT INTO frontier (run_id, url, origin, source, kind, page) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """,
                [
                    .integer(run), .text(entry.url), .text(entry.origin), .text(entry.source), .text(entry.kind.rawValue),
                    SQLValue(entry.page),
                ])
        }
    }

    /// Claims up to `limit` URLs for `worker` under a lease of `leaseSeconds`.
    ///
    /// Per origin, at most `perOriginConcurrency` URLs are leased at once across all workers. An
    /// origin with a delay hands out one URL and is then held until the worker releases it after
    /// the response (`releaseOrigin`), which makes its next request wait the delay from then: the
    /// gap between two requests to an origin holds whatever the workers' timing. An origin
    /// without a delay hands out as many URLs as it has room for. URLs of an origin wait for its
    /// robots.txt.
    public func claim(
        run: Int64, worker: String, limit: Int, leaseSeconds: Double, perOriginConcurrency: Int
    ) throws(StoreError) -> [Claim] {
        try writing { db in
            let claimable = "(f.state = 'pending' OR (f.state = 'leased' AND f.lease_until < clock_timestamp())) AND f.not_before <= clock_timestamp()"
            let origins = try db.rows(
                """
                SELECT h.origin, h.delay_ms, h.robots_status, h.robots_text,
                    (SELECT COUNT(*) FROM frontier a WHERE a.run_id = h.run_id AND a.origin = h.origin
                        AND a.state = 'leased' AND a.lease_until >= clock_timestamp()) AS active
                FROM hosts h
                WHERE h.run_id = ? AND h.next_at <= clock_timestamp()
                    AND EXISTS (SELECT 1 FROM frontier f WHERE f.run_id = h.run_id AND f.origin = h.origin AND \(claimable)
                        AND (h.robots_status IS NOT NULL OR f.kind = 'robots'))
                ORDER BY h.next_at
                LIMIT ?
                FOR UPDATE OF h SKIP LOCKED
                """, [.integer(run), SQLValue(limit)])
            var claims: [Claim] = []
            for origin in origins {
                let room = perOriginConcurrency - (origin.int("active") ?? 0)
                let left = limit - claims.count
                guard room > 0, left > 0, let name = origin.string("origin") else { continue }
                let delay = origin.int("delay_ms") ?? 0
                let robotsKnown = origin.int("robots_status") != nil
                let count = delay > 0 ? 1 : min(room, left)
                let rows = try db.rows(
                    """
                    UPDATE frontier SET state = 'leased', worker = ?, attempts = attempts + 1,
                        lease_until = clock_timestamp() + make_interval(secs => ?)
                    WHERE id IN (
                        SELECT f.id FROM frontier f WHERE f.run_id = ? AND f.origin = ? AND \(claimable)
                            AND (? OR f.kind = 'robots')
                        ORDER BY f.kind = 'robots' DESC, f.kind = 'listing' DESC, f.id
                        LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING id, url, origin, source, kind, page, attempts
                    """,
                    [.text(worker), .real(leaseSeconds), .integer(run), .text(name), SQLValue(robotsKnown), SQLValue(count)])
                guard !rows.isEmpty else { continue }
                if delay > 0 {
                    // Held until released; a dead worker's hold ends with its lease.
                    try db.execute(
                        "UPDATE hosts SET next_at = clock_timestamp() + make_interval(secs => ?) WHERE run_id = ? AND origin = ?",
                        [.real(leaseSeconds), .integer(run), .text(name)])
                }
                for row in rows.sorted(by: { ($0.int("id") ?? 0) < ($1.int("id") ?? 0) }) {
                    guard let id = row.int("id"), let url = row.string("url"),
                        let kind = FrontierEntry.Kind(rawValue: row.string("kind") ?? "")
                    else { continue }
                    claims.append(
                        Claim(
                            id: Int64(id),
                            entry: FrontierEntry(
                                url: url, origin: name, source: row.string("source") ?? "", kind: kind,
                                page: row.int("page") ?? 1),
                            attempt: row.int("attempts") ?? 1, delayMs: delay,
                            robotsStatus: origin.int("robots_status"), robotsText: origin.string("robots_text")))
                }
            }
            return claims
        }
    }

    /// Lets the origin of a claim with a delay hand out its next URL once the delay has passed,
    /// counted from now (after the response).
    public func releaseOrigin(_ origin: String, run: Int64) throws(StoreError) {
        try writing { db in
            try db.execute(
                """
                UPDATE hosts SET next_at = clock_timestamp() + make_interval(secs => delay_ms / 1000.0)
                WHERE run_id = ? AND origin = ?
                """, [.integer(run), .text(origin)])
        }
    }

    /// Writes a worker's finished work in one transaction: the store batch, the new URLs it
    /// found, what became of its claimed URLs, robots.txt readings and its counts. A worker killed
    /// before this commits leaves no trace, and its URLs return to the queue when the lease ends.
    @discardableResult
    public func complete(
        run: Int64, worker: String, batch: RunBatch, found: [FrontierEntry], policy: OriginPolicy,
        completions: [Completion], robots: [RobotsReading], counts: WorkerCounts, at date: String
    ) throws(StoreError) -> (new: Int, updated: Int, seen: Int) {
        try writing { db in
            let stored = try Self.commit(db, batch, run: run, at: date)
            try Self.enqueue(db, found, run: run, policy: policy)
            for reading in robots {
                try db.execute(
                    """
                    UPDATE hosts SET robots_status = ?, robots_text = ?, delay_ms = GREATEST(delay_ms, ?)
                    WHERE run_id = ? AND origin = ?
                    """,
                    [
                        SQLValue(reading.status), .text(reading.text), SQLValue(reading.delayMs ?? 0), .integer(run),
                        .text(reading.origin),
                    ])
            }
            for completion in completions.sorted(by: { $0.id < $1.id }) {
                if completion.state == .retry {
                    try db.execute(
                        """
                        UPDATE frontier SET state = 'pending', worker = NULL, lease_until = NULL, outcome = ?,
                            not_before = clock_timestamp() + make_interval(secs => ?)
                        WHERE id = ?
                        """, [.text(completion.outcome), .real(completion.retryAfter), .integer(completion.id)])
                } else {
                    try db.execute(
                        "UPDATE frontier SET state = ?, outcome = ?, known = ?, lease_until = NULL WHERE id = ?",
                        [
                            .text(completion.state.rawValue), .text(completion.outcome), completion.known.map(SQLValue.text),
                            .integer(completion.id),
                        ])
                }
            }
            var total = counts
            total.postingsNew = stored.new
            total.postingsUpdated = stored.updated
            try db.execute(
                """
                INSERT INTO run_workers (run_id, worker, started_at, listing_pages, posting_pages, unchanged, skipped,
                    failed, postings_new, postings_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, worker) DO UPDATE SET
                    listing_pages = run_workers.listing_pages + excluded.listing_pages,
                    posting_pages = run_workers.posting_pages + excluded.posting_pages,
                    unchanged = run_workers.unchanged + excluded.unchanged,
                    skipped = run_workers.skipped + excluded.skipped, failed = run_workers.failed + excluded.failed,
                    postings_new = run_workers.postings_new + excluded.postings_new,
                    postings_updated = run_workers.postings_updated + excluded.postings_updated,
                    finished_at = excluded.started_at
                """,
                [
                    .integer(run), .text(worker), .text(date), SQLValue(total.listingPages), SQLValue(total.postingPages),
                    SQLValue(total.unchanged), SQLValue(total.skipped), SQLValue(total.failed), SQLValue(total.postingsNew),
                    SQLValue(total.postingsUpdated),
                ])
            return stored
        }
    }

    /// Enters a worker in the run's ledger of workers, before it has done anything.
    public func registerWorker(_ worker: String, run: Int64, at date: String) throws(StoreError) {
        try writing { db in
            try db.execute(
                "INSERT INTO run_workers (run_id, worker, started_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [.integer(run), .text(worker), .text(date)])
        }
    }

    /// Counts of the run's URLs by state; an expired lease counts as pending.
    public func frontierState(run: Int64) throws(StoreError) -> FrontierState {
        try reading { db in
            var state = FrontierState()
            try db.forEachRow(
                """
                SELECT CASE WHEN state = 'leased' AND lease_until < clock_timestamp() THEN 'pending' ELSE state END AS s,
                    COUNT(*) AS n
                FROM frontier WHERE run_id = ? GROUP BY 1
                """, [.integer(run)]
            ) { row in
                let count = row.int("n") ?? 0
                switch row.string("s") {
                case "pending": state.pending += count
                case "leased": state.leased += count
                case "done": state.done += count
                case "failed": state.failed += count
                case "skipped": state.skipped += count
                default: break
                }
            }
            return state
        }
    }

    /// Deletes the frontier and politeness rows of all but the latest `runs` runs; the run ledger,
    /// fetch records and postings stay.
    @discardableResult
    public func pruneFrontier(keepingRuns runs: Int) throws(StoreError) -> Int {
        try writing { db in
            let keep = "SELECT id FROM runs ORDER BY id DESC LIMIT ?"
            try db.execute("DELETE FROM hosts WHERE run_id NOT IN (\(keep))", [SQLValue(runs)])
            return try db.execute("DELETE FROM frontier WHERE run_id NOT IN (\(keep))", [SQLValue(runs)])
        }
    }

    /// The newest run still marked `running`, which workers join.
    public func runningRun() throws(StoreError) -> Int64? {
        try reading { db in
            try db.row("SELECT id FROM runs WHERE status = 'running' ORDER BY id DESC LIMIT 1")?.int("id").map(Int64.init)
        }
    }

    /// The status of a run.
    public func runStatus(_ run: Int64) throws(StoreError) -> String? {
        try reading { db in try db.row("SELECT status FROM runs WHERE id = ?", [.integer(run)])?.string("status") }
    }

    /// What the run's URLs came to, for closing its ledger row.
    public struct Outcome: Sendable {
        /// Every worker's counts added up.
        public var counts = WorkerCounts()
        public var workers = 0
        /// URLs that failed or were skipped, with their outcome.
        public var failures: [(url: String, kind: String, outcome: String)] = []
        /// Sources with a listing page that failed or was not allowed.
        public var incompleteSources: Set<String> = []
        /// Postings whose page failed for a reason that does not show them gone.
        public var unsure: [String] = []
    }

    public func outcome(run: Int64) throws(StoreError) -> Outcome {
        try reading { db in
            var outcome = Outcome()
            try db.forEachRow("SELECT * FROM run_workers WHERE run_id = ?", [.integer(run)]) { row in
                var counts = WorkerCounts()
                counts.listingPages = row.int("listing_pages") ?? 0
                counts.postingPages = row.int("posting_pages") ?? 0
                counts.unchanged = row.int("unchanged") ?? 0
                counts.skipped = row.int("skipped") ?? 0
                counts.failed = row.int("failed") ?? 0
                counts.postingsNew = row.int("postings_new") ?? 0
                counts.postingsUpdated = row.int("postings_updated") ?? 0
                outcome.counts = outcome.counts + counts
                outcome.workers += 1
            }
            try db.forEachRow(
                """
                SELECT url, kind, source, outcome, known FROM frontier
                WHERE run_id = ? AND state IN ('failed', 'skipped') ORDER BY id
                """, [.integer(run)]
            ) { row in
                let kind = row.string("kind") ?? ""
                let result = row.string("outcome") ?? ""
                outcome.failures.append((row.string("url") ?? "", kind, result))
                if kind == "listing" { outcome.incompleteSources.insert(row.string("source") ?? "") }
                let reason = result.hasPrefix("failed:") ? String(result.dropFirst(7)) : result
                if kind == "posting", let known = row.string("known"), !["http_404", "http_410", "no_posting"].contains(reason) {
                    outcome.unsure.append(known)
                }
            }
            return outcome
        }
    }
}
