import Foundation
import JobModel
import JobStore
import Testing

/// Closing postings that are gone, and keeping what a posting paid before.
struct PostingLifecycleTests {
    static func posting(_ fingerprint: String, pay: Double = 100_000) -> Posting {
        Posting(
            url: "https://jobs.example/\(fingerprint)", title: "Data Scientist", level: .mid, industry: .technology,
            salary: Salary(
                stated: StatedPay(min: pay, max: pay, currency: "USD", period: .year), annualMinUSD: pay,
                annualMaxUSD: pay, source: .jsonld),
            fingerprint: fingerprint)
    }

    /// One run that sees `seen` of source "board" and ends with `status`.
    @discardableResult
    static func run(
        _ store: any PostingStorage, seeing seen: [String], status: String = "ok", complete: Bool = true, unsure: [String] = []
    ) throws -> Int64 {
        let id = try store.beginRun(at: "2026-11-0\(Int.random(in: 1...9))T00:00:00Z", configHash: nil)
        var batch = RunBatch()
        batch.postings = seen.map { (posting($0), "board") }
        try store.commit(batch, run: id, at: "2026-11-10T00:00:00Z")
        try store.finishRun(
            id, at: "2026-11-10T01:00:00Z", status: status, counts: RunCounts(), completeSources: complete ? ["board"] : [],
            unsure: unsure, closeAfterRuns: 2)
        return id
    }

    static func closed(_ store: any PostingStorage) throws -> Set<String> {
        Set(try store.postings(.all).filter { $0.closedAt != nil }.map(\.posting.fingerprint))
    }

    @Test(arguments: Backend.allCases)
    func closesAPostingMissedByTwoCompleteRuns(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        let store = temporary.store
        try Self.run(store, seeing: ["a", "b", "c"])
        try Self.run(store, seeing: ["a", "b"])
        #expect(try Self.closed(store).isEmpty)
        try Self.run(store, seeing: ["a", "b"])
        #expect(try Self.closed(store) == ["c"])
        #expect(try store.postings(.open).map(\.posting.fingerprint).sorted() == ["a", "b"])
        #expect(try store.postings(.all).count == 3)
    }

    @Test(arguments: Backend.allCases)
    func aFailedOrIncompleteRunClosesNothing(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        let store = temporary.store
        try Self.run(store, seeing: ["a", "b"])
        try Self.run(store, seeing: ["a"], status: "failed")
        try Self.run(store, seeing: ["a"], complete: false)
        try Self.run(store, seeing: ["a"], status: "failed")
        #expect(try Self.closed(store).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func aPageThatFailedForAnUnclearReasonKeepsItsPostingOpen(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        let store = temporary.store
        try Self.run(store, seeing: ["a", "b"])
        try Self.run(store, seeing: ["a"], unsure: ["b"])
        try Self.run(store, seeing: ["a"], unsure: ["b"])
        #expect(try Self.closed(store).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func aPostingSeenAgainReopens(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        let store = temporary.store
        try Self.run(store, seeing: ["a", "b"])
        try Self.run(store, seeing: ["a"])
        try Self.run(store, seeing: ["a"])
        #expect(try Self.closed(store) == ["b"])
        try Self.run(store, seeing: ["a", "b"])
        #expect(try Self.closed(store).isEmpty)
        // Reopened, it needs two more misses to close again.
        try Self.run(store, seeing: ["a"])
        #expect(try Self.closed(store).isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func keepsTheOldSalaryWhenItChanges(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        let store = temporary.store
        let first = try store.beginRun(at: "2026-11-01T00:00:00Z", configHash: nil)
        try store.upsert([(Self.posting("a", pay: 100_000), "board")], run: first, at: "2026-11-01T00:00:00Z")
        try store.upsert([(Self.posting("a", pay: 100_000), "board")], run: first, at: "2026-11-01T00:00:00Z")
        #expect(try store.salaryHistory(of: "a").isEmpty)
        let second = try store.beginRun(at: "2026-11-02T00:00:00Z", configHash: nil)
        try store.upsert([(Self.posting("a", pay: 120_000), "board")], run: second, at: "2026-11-02T00:00:00Z")
        #expect(try store.salaryHistory(of: "a") == [StatedPay(min: 100_000, max: 100_000, currency: "USD", period: .year)])
        #expect(try store.postings().first?.posting.salary?.stated.min == 120_000)
        #expect(try store.postingCount() == 1)
    }

    @Test(arguments: Backend.allCases)
    func marksARunLeftRunningAsInterrupted(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        let store = temporary.store
        _ = try store.beginRun(at: "2026-11-01T00:00:00Z", configHash: nil)
        _ = try store.beginRun(at: "2026-11-02T00:00:00Z", configHash: nil)
        #expect(try store.runs().map(\.status) == ["running", "interrupted"])
    }

    @Test(arguments: Backend.allCases)
    func prunesFetchRecordsButNeverPostings(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        let store = temporary.store
        let id = try store.beginRun(at: "2026-01-01T00:00:00Z", configHash: nil)
        var batch = RunBatch()
        batch.postings = [(Self.posting("a"), "board")]
        batch.fetches = [FetchRecord(kind: "posting", url: "https://x/a", status: 200, bytes: 10, milliseconds: 5, retries: 0, outcome: "stored")]
        try store.commit(batch, run: id, at: "2026-01-01T00:00:00Z")
        #expect(try store.fetches(run: id).count == 1)
        #expect(try store.pruneFetches(olderThanDays: 30) == 1)
        #expect(try store.fetches(run: id).isEmpty)
        #expect(try store.postingCount() == 1)
    }
}
