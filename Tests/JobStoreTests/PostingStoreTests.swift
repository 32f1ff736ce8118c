import Foundation
import JobModel
import JobStore
import JobStorePostgres
import JobTestSupport
import Testing

/// The two backends every store test runs on.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A store in a fresh temporary folder (SQLite) or a fresh database on the test server
/// (PostgreSQL), removed when the test ends.
final class TemporaryStore {
    let directory: URL
    /// The file path or the server URL.
    let location: String
    let backend: Backend
    let store: any PostingStorage

    init(_ backend: Backend = .sqlite) throws {
        self.backend = backend
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("jobstore-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            location = directory.appendingPathComponent("jobs.sqlite").path
            store = try PostingStore(path: location)
        case .postgres:
            location = try TestPostgres.createDatabase()
            store = try PostgresStore(url: location)
        }
    }

    /// A second store on the same database.
    func reopen() throws -> any PostingStorage {
        switch backend {
        case .sqlite: try PostingStore(path: location)
        case .postgres: try PostgresStore(url: location)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
        if backend == .postgres { TestPostgres.dropDatabase(location) }
    }
}

private func posting(_ fingerprint: String, title: String, min: Double, max: Double, skills: [String]) -> Posting {
    Posting(
        url: "https://jobs.example/\(fingerprint)", title: title, canonicalTitle: title, role: "data-scientist",
        level: .senior, company: "Acme", industry: .finance, location: "Austin, TX", remote: false,
        employmentType: "full_time", datePosted: "2026-10-01",
        salary: Salary(
            stated: StatedPay(min: min, max: max, currency: "USD", period: .year), annualMinUSD: min,
            annualMaxUSD: max, source: .jsonld),
        skills: skills, education: ["master"], certifications: [], extractedFrom: "jsonld",
        fingerprint: fingerprint)
}

struct PostingStoreTests {
    static let postings = [
        posting("fp-1", title: "Data Scientist", min: 120_000, max: 150_000, skills: ["Python", "SQL", "PyTorch"]),
        posting("fp-2", title: "Data Engineer", min: 110_000, max: 140_000, skills: ["Spark", "Airflow"]),
        posting("fp-3", title: "ML Engineer", min: 150_000, max: 190_000, skills: []),
    ]
    static let firstDay = "2026-11-01T08:00:00Z"
    static let secondDay = "2026-11-08T08:00:00Z"

    func upsertAll(_ store: any PostingStorage, _ postings: [Posting], at date: String) throws -> (new: Int, updated: Int) {
        let run = try store.beginRun(at: date, configHash: "abc")
        let counts = try store.upsert(postings.map { ($0, "acme") }, run: run, at: date)
        var ledger = RunCounts()
        ledger.postingsNew = counts.new
        ledger.postingsUpdated = counts.updated
        try store.finishRun(run, at: date, status: "ok", counts: ledger)
        return counts
    }

    @Test(arguments: Backend.allCases)
    func keepsOneRowPerFingerprintAcrossRuns(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        let first = try upsertAll(temporary.store, Self.postings, at: Self.firstDay)
        #expect(first.new == 3)
        #expect(first.updated == 0)
        let second = try upsertAll(temporary.store, Self.postings, at: Self.secondDay)
        #expect(second.new == 0)
        #expect(second.updated == 3)
        #expect(try temporary.store.postingCount() == 3)
        #expect(try temporary.store.postings().count == 3)
    }

    @Test(arguments: Backend.allCases)
    func countsNewAndKnownInOneBatch(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        _ = try upsertAll(temporary.store, Array(Self.postings.prefix(2)), at: Self.firstDay)
        let counts = try upsertAll(temporary.store, Self.postings, at: Self.secondDay)
        #expect(counts.new == 1)
        #expect(counts.updated == 2)
    }

    @Test(arguments: Backend.allCases)
    func updatesAChangedSalaryInPlace(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        _ = try upsertAll(temporary.store, Self.postings, at: Self.firstDay)
        var raised = Self.postings
        raised[0] = posting("fp-1", title: "Data Scientist", min: 130_000, max: 165_000, skills: ["Python"])
        _ = try upsertAll(temporary.store, raised, at: Self.secondDay)

        let stored = try temporary.store.postings()
        #expect(stored.count == 3)
        let updated = try #require(stored.first { $0.posting.fingerprint == "fp-1" })
        #expect(updated.posting.salary?.stated.min == 130_000)
        #expect(updated.posting.salary?.stated.max == 165_000)
        #expect(updated.posting.salary?.annualMaxUSD == 165_000)
        #expect(updated.posting.skills == ["Python"])
    }

    @Test(arguments: Backend.allCases)
    func movesLastSeenButKeepsFirstSeen(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        _ = try upsertAll(temporary.store, Self.postings, at: Self.firstDay)
        let before = try temporary.store.postings()
        #expect(before.allSatisfy { $0.firstSeen == Self.firstDay && $0.lastSeen == Self.firstDay })

        _ = try upsertAll(temporary.store, Self.postings, at: Self.secondDay)
        let after = try temporary.store.postings()
        #expect(after.count == 3)
        for stored in after {
            #expect(stored.firstSeen == Self.firstDay)
            #expect(stored.lastSeen == Self.secondDay)
            #expect(stored.closedAt == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func roundTripsEveryField(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        var estimate = posting("fp-9", title: "Data Analyst", min: 60_000, max: 60_000, skills: ["SQL", "Excel"])
        estimate.salary?.isEstimate = true
        estimate.salary?.source = .text
        estimate.remote = true
        let bare = Posting(fingerprint: "fp-0")
        _ = try upsertAll(temporary.store, Self.postings + [estimate, bare], at: Self.firstDay)

        let stored = try temporary.store.postings()
        let byFingerprint = Dictionary(uniqueKeysWithValues: stored.map { ($0.posting.fingerprint, $0) })
        for original in Self.postings + [estimate, bare] {
            let row = try #require(byFingerprint[original.fingerprint])
            #expect(row.posting == original)
            #expect(row.source == "acme")
        }
    }

    @Test(arguments: Backend.allCases)
    func roundTripsSkillsInTheirOrder(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        _ = try upsertAll(temporary.store, Self.postings, at: Self.firstDay)
        let skills = try temporary.store.postings().map { ($0.posting.fingerprint, $0.posting.skills) }
        #expect(skills.first { $0.0 == "fp-1" }?.1 == ["Python", "SQL", "PyTorch"])
        #expect(skills.first { $0.0 == "fp-2" }?.1 == ["Spark", "Airflow"])
        #expect(skills.first { $0.0 == "fp-3" }?.1 == [])
    }

    @Test(arguments: Backend.allCases)
    func keepsPostingsAcrossReopening(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        _ = try upsertAll(temporary.store, Self.postings, at: Self.firstDay)
        let reopened = try temporary.reopen()
        #expect(try reopened.postingCount() == 3)
    }

    @Test
    func refusesAFileThatIsNotADatabase() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jobstore-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notes.sqlite").path
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: StoreError.self) { try PostingStore(path: path) }
        guard case let .cannotOpen(reportedPath, reason) = error else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
        #expect(!reason.isEmpty)
        #expect(error?.description.contains(path) == true)
    }
}
