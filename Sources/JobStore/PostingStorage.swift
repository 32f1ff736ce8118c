import Foundation
import JobModel

/// The postings' history, whichever database holds it: a SQLite file (`PostingStore`) or a
/// PostgreSQL server. The pipeline, the commands and the reports talk only to this interface;
/// both backends run the same statements, so they store and report the same figures.
public protocol PostingStorage: AnyObject, Sendable, ReportSource {
    /// The file path or the server URL (without its password), for messages.
    var location: String { get }

    /// Records the start of a run and returns its id. A run still marked `running` belongs to a
    /// process that died (the caller holds the run lock), and is marked `interrupted`.
    func beginRun(at date: String, configHash: String?) throws(StoreError) -> Int64

    /// Records the end of a run with its status (`ok`, `partial`, `failed`) and counts, and closes
    /// what it shows to be gone.
    ///
    /// A run that did not fail counts as a miss for each open posting of a source whose listing
    /// pages were all read (`completeSources`) and that the run did not see, except postings
    /// whose page failed for a reason that proves nothing (`unsure`: timeouts, 5xx). A posting
    /// missed by `closeAfterRuns` such runs in a row is closed. A failed run closes nothing.
    func finishRun(
        _ id: Int64, at date: String, status: String, counts: RunCounts, completeSources: [String], unsure: [String],
        closeAfterRuns: Int
    ) throws(StoreError)

    /// Writes a batch of a run's work in one transaction: postings, unchanged postings, page
    /// validators and fetch records. A crash leaves either the whole batch or none of it.
    /// - Returns: postings new, updated, and unchanged postings that were found and marked seen.
    @discardableResult
    func commit(_ batch: RunBatch, run: Int64, at date: String) throws(StoreError) -> (new: Int, updated: Int, seen: Int)

    /// The validators, body hash and posting kept for a URL, for conditional requests.
    func page(_ url: String) throws(StoreError) -> PageRecord?
    /// Stored postings, oldest first.
    func postings(_ selection: PostingStore.Selection) throws(StoreError) -> [StoredPosting]
    /// The salaries a posting had before its current one, oldest first.
    func salaryHistory(of fingerprint: String) throws(StoreError) -> [StatedPay]
    /// The run ledger, newest first.
    func runs(limit: Int) throws(StoreError) -> [PostingStore.RunRow]
    /// The fetch ledger of a run, in the order written.
    func fetches(run: Int64) throws(StoreError) -> [FetchRecord]
    func postingCount() throws(StoreError) -> Int
    /// Deletes fetch records older than `days` days and compacts; postings are never pruned.
    /// - Returns: how many fetch records were deleted.
    @discardableResult
    func pruneFetches(olderThanDays days: Int, now: Date) throws(StoreError) -> Int
}

extension PostingStorage {
    public func finishRun(_ id: Int64, at date: String, status: String, counts: RunCounts) throws(StoreError) {
        try finishRun(id, at: date, status: status, counts: counts, completeSources: [], unsure: [], closeAfterRuns: 2)
    }

    public func postings() throws(StoreError) -> [StoredPosting] { try postings(.all) }
    public func runs() throws(StoreError) -> [PostingStore.RunRow] { try runs(limit: 50) }

    @discardableResult
    public func pruneFetches(olderThanDays days: Int) throws(StoreError) -> Int {
        try pruneFetches(olderThanDays: days, now: Date())
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
}

extension PostingStore.Selection {
    /// The condition on `postings` (aliased `p` or not) and its parameter.
    package var condition: (sql: String, values: [SQLValue?]) {
        switch self {
        case .open: ("closed_at IS NULL", [])
        case let .seenSince(day): ("last_seen >= ?", [.text(day)])
        case .all: ("TRUE", [])
        }
    }
}
