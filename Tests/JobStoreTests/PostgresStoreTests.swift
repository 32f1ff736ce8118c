import Foundation
import JobModel
import JobStore
import JobStorePostgres
import JobTestSupport
import Testing

/// What only the PostgreSQL backend does: many writers at once, and the shared frontier.
struct PostgresStoreTests {
    static func posting(_ number: Int) -> Posting {
        Posting(
            url: "https://jobs.example/\(number)", title: "Data Engineer", level: .mid, industry: .finance,
            salary: Salary(
                stated: StatedPay(min: 100_000, max: 120_000, currency: "USD", period: .year), annualMinUSD: 100_000,
                annualMaxUSD: 120_000, source: .jsonld),
            skills: ["Python", "SQL"], fingerprint: String(format: "fp-%04d", number))
    }

    @Test
    func writersRacingOnTheSamePostingsStoreAndCountEachOnce() async throws {
        let temporary = try TemporaryStore(.postgres)
        let run = try temporary.store.beginRun(at: "2026-11-01T00:00:00Z", configHash: nil)
        let postings = (0..<60).map { (Self.posting($0), "board") }
        // Eight writers, each with its own connection, commit the same 60 postings at once.
        let stores = try (0..<8).map { _ in try temporary.reopen() }
        let news = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, store) in stores.enumerated() {
                let mine = index % 2 == 0 ? postings : postings.reversed()
                group.addTask {
                    var batch = RunBatch()
                    batch.postings = mine
                    return try store.commit(batch, run: run, at: "2026-11-01T00:00:00Z").new
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(news == 60)
        #expect(try temporary.store.postingCount() == 60)
        let skills = try TestPostgres.psql(temporary.location, "SELECT COUNT(*) FROM posting_skills")
        #expect(skills == "120")
    }

    @Test
    func appliesTheSameMigrationsAsSQLiteOnceEvenWhenOpenedTwice() throws {
        let temporary = try TemporaryStore(.postgres)
        _ = try temporary.reopen()
        let names = try TestPostgres.psql(temporary.location, "SELECT string_agg(name, ',' ORDER BY name) FROM jm_migrations")
        #expect(
            names == "v1,v2: page identity and fetch ledger,v3: lifecycle and salary history,v4: the run that closed a posting,v5: shared frontier")
    }

    static func frontier() throws -> (TemporaryStore, PostgresStore, Int64) {
        let temporary = try TemporaryStore(.postgres)
        let store = try #require(temporary.store as? PostgresStore)
        let run = try store.beginRun(at: "2026-11-01T00:00:00Z", configHash: nil)
        return (temporary, store, run)
    }

    static func entries(_ count: Int, origin: String = "http://a.example") -> [FrontierEntry] {
        (0..<count).map { FrontierEntry(url: "\(origin)/job/\($0)", origin: origin, source: "board", kind: .posting) }
    }

    @Test
    func workersClaimingAtOnceNeverShareAURL() async throws {
        let (temporary, _, run) = try Self.frontier()
        let store = try #require(temporary.store as? PostgresStore)
        let origins = (0..<10).map { "http://host\($0).example" }
        try store.enqueue(origins.flatMap { Self.entries(20, origin: $0) }, run: run, policy: OriginPolicy(delayMs: 0, readsRobots: false))
        let workers = try (0..<4).map { _ in try #require(try temporary.reopen() as? PostgresStore) }
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for (index, worker) in workers.enumerated() {
                group.addTask {
                    var mine: [Int64] = []
                    while true {
                        let claims = try worker.claim(
                            run: run, worker: "w\(index)", limit: 7, leaseSeconds: 60, perOriginConcurrency: 100)
                        if claims.isEmpty { break }
                        mine += claims.map(\.id)
                    }
                    return mine
                }
            }
            return try await group.reduce([], +)
        }
        #expect(claimed.count == 200)
        #expect(Set(claimed).count == 200)
    }

    @Test
    func aDeadWorkersURLsReturnWhenItsLeaseEnds() async throws {
        let (temporary, store, run) = try Self.frontier()
        defer { withExtendedLifetime(temporary) {} }
        try store.enqueue(Self.entries(5), run: run, policy: OriginPolicy(delayMs: 0, readsRobots: false))
        let first = try store.claim(run: run, worker: "dies", limit: 10, leaseSeconds: 0.5, perOriginConcurrency: 10)
        #expect(first.count == 5)
        #expect(try store.claim(run: run, worker: "other", limit: 10, leaseSeconds: 60, perOriginConcurrency: 10).isEmpty)
        #expect(try !store.frontierState(run: run).isDrained)
        try await Task.sleep(for: .milliseconds(700))
        let second = try store.claim(run: run, worker: "other", limit: 10, leaseSeconds: 60, perOriginConcurrency: 10)
        #expect(Set(second.map(\.id)) == Set(first.map(\.id)))
        #expect(second.allSatisfy { $0.attempt == 2 })
        try store.complete(
            run: run, worker: "other", batch: RunBatch(), found: [], policy: OriginPolicy(delayMs: 0, readsRobots: false),
            completions: second.map { Completion(id: $0.id, state: .done, outcome: "stored") }, robots: [],
            counts: WorkerCounts(), at: "2026-11-01T00:00:01Z")
        #expect(try store.frontierState(run: run) == FrontierState(done: 5))
    }

    @Test
    func anOriginWithADelayIsHeldUntilTheDelayHasPassedSinceTheLastResponse() throws {
        let (temporary, store, run) = try Self.frontier()
        defer { withExtendedLifetime(temporary) {} }
        try store.enqueue(Self.entries(6), run: run, policy: OriginPolicy(delayMs: 300, readsRobots: false))
        let first = try store.claim(run: run, worker: "w1", limit: 10, leaseSeconds: 60, perOriginConcurrency: 2)
        #expect(first.count == 1)
        #expect(first.first?.delayMs == 300)
        // Held while the request is out, however long it takes.
        Thread.sleep(forTimeInterval: 0.4)
        #expect(try store.claim(run: run, worker: "w2", limit: 10, leaseSeconds: 60, perOriginConcurrency: 2).isEmpty)
        try store.releaseOrigin("http://a.example", run: run)
        let released = Date()
        #expect(try store.claim(run: run, worker: "w2", limit: 10, leaseSeconds: 60, perOriginConcurrency: 2).isEmpty)
        var next: [Claim] = []
        while next.isEmpty && Date().timeIntervalSince(released) < 5 {
            next = try store.claim(run: run, worker: "w2", limit: 10, leaseSeconds: 60, perOriginConcurrency: 2)
        }
        #expect(next.count == 1)
        #expect(Date().timeIntervalSince(released) >= 0.3)
    }

    @Test
    func anOriginWithoutADelayCapsTheURLsOutAtOnce() throws {
        let (temporary, store, run) = try Self.frontier()
        defer { withExtendedLifetime(temporary) {} }
        try store.enqueue(Self.entries(6), run: run, policy: OriginPolicy(delayMs: 0, readsRobots: false))
        let first = try store.claim(run: run, worker: "w1", limit: 10, leaseSeconds: 60, perOriginConcurrency: 2)
        #expect(first.count == 2)
        #expect(try store.claim(run: run, worker: "w2", limit: 10, leaseSeconds: 60, perOriginConcurrency: 2).isEmpty)
        try store.complete(
            run: run, worker: "w1", batch: RunBatch(), found: [], policy: OriginPolicy(delayMs: 0, readsRobots: false),
            completions: first.map { Completion(id: $0.id, state: .done, outcome: "stored") }, robots: [],
            counts: WorkerCounts(), at: "2026-11-01T00:00:01Z")
        #expect(try store.claim(run: run, worker: "w2", limit: 10, leaseSeconds: 60, perOriginConcurrency: 2).count == 2)
    }

    @Test
    func anOriginsURLsWaitForItsRobotsTxt() throws {
        let (temporary, store, run) = try Self.frontier()
        defer { withExtendedLifetime(temporary) {} }
        let policy = OriginPolicy(delayMs: 0, readsRobots: true)
        try store.enqueue(Self.entries(3), run: run, policy: policy)
        let first = try store.claim(run: run, worker: "w1", limit: 10, leaseSeconds: 60, perOriginConcurrency: 10)
        #expect(first.map(\.entry.kind) == [.robots])
        #expect(first.first?.entry.url == "http://a.example/robots.txt")
        #expect(try store.claim(run: run, worker: "w2", limit: 10, leaseSeconds: 60, perOriginConcurrency: 10).isEmpty)
        try store.complete(
            run: run, worker: "w1", batch: RunBatch(), found: [], policy: policy,
            completions: [Completion(id: first[0].id, state: .done, outcome: "robots")],
            robots: [RobotsReading(origin: "http://a.example", status: 200, text: "User-agent: *\nDisallow: /private", delayMs: nil)],
            counts: WorkerCounts(), at: "2026-11-01T00:00:01Z")
        let rest = try store.claim(run: run, worker: "w2", limit: 10, leaseSeconds: 60, perOriginConcurrency: 10)
        #expect(rest.count == 3)
        #expect(rest.allSatisfy { $0.robotsStatus == 200 && $0.robotsText?.contains("Disallow: /private") == true })
    }
}
