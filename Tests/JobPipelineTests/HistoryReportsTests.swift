import Foundation
import JobAnalyze
import JobPipeline
import JobStore
import JobTestSupport
import Logging
import Synchronization
import Testing

/// Reports over several nights: closing, the trend, and the two ways facts are folded.
@Suite(.serialized)
struct HistoryReportsTests {
    let directory = Fixtures.temporaryDirectory()

    /// The demo site, with Acme Bank's senior data scientist taken off its listing when `hide` is set.
    /// A switch the test flips while the server runs.
    final class Switch: Sendable {
        private let state = Mutex(false)
        var isOn: Bool { state.withLock { $0 } }
        func turnOn() { state.withLock { $0 = true } }
    }

    static func server(hide: Switch) throws -> LoopbackHTTPServer {
        let files = LoopbackHTTPServer.files(in: Fixtures.demo.appendingPathComponent("site"))
        return try LoopbackHTTPServer { request in
            var response = files(request)
            if hide.isOn, request.target.hasPrefix("/acme-bank/jobs") {
                let page = String(decoding: response.body, as: UTF8.self)
                    .replacingOccurrences(of: "postings/senior-data-scientist.html", with: "postings/gone.html")
                response.body = Array(page.utf8)
            }
            return response
        }
    }

    func pipeline(_ server: LoopbackHTTPServer, database: String = "db.sqlite") throws -> Pipeline {
        try demoPipeline(server: server, directory: directory, database: database)
    }

    /// On PostgreSQL the run goes through the shared frontier, worked off in this process.
    @Test(arguments: ["sqlite", "postgres"])
    func closesAPostingGoneForTwoNightsAndShowsItInTheTrend(_ backend: String) async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = backend == "postgres" ? try TestPostgres.createDatabase() : "db.sqlite"
        defer { if backend == "postgres" { TestPostgres.dropDatabase(database) } }
        let hide = Switch()
        let server = try Self.server(hide: hide)
        _ = try await pipeline(server, database: database).run()
        hide.turnOn()
        // The replaced link now leads to a 404, so the run is partial and Acme Bank's listing was read in full.
        let second = try await pipeline(server, database: database).run()
        #expect(second.failures.map(\.reason) == ["http_404"])
        let third = try await pipeline(server, database: database).run()
        #expect(third.storedPostings == 69)

        let store = try Storage.open(backend == "postgres" ? database : directory.appendingPathComponent("db.sqlite").path)
        let closed = try store.postings(.all).filter { $0.closedAt != nil }
        #expect(closed.map(\.posting.title) == ["Senior Data Scientist"])
        #expect(try store.postings(.open).count == 68)

        let trend = try RFC4180Reader.rows(
            String(contentsOf: directory.appendingPathComponent("reports/trend.csv"), encoding: .utf8))
        let totals = trend.filter { $0["level"] == "all" && $0["industry"] == "all" }
        #expect(totals.map { $0["run"]! } == ["1", "2", "3"])
        #expect(totals.map { $0["new"]! } == ["69", "0", "0"])
        #expect(totals.map { $0["open"]! } == ["69", "69", "68"])
        #expect(totals.map { $0["closed"]! } == ["0", "0", "1"])

        // The open postings' reports no longer count it.
        let bands = try RFC4180Reader.rows(
            String(contentsOf: directory.appendingPathComponent("reports/salary_by_level_industry.csv"), encoding: .utf8))
        #expect(bands.first { $0["level"] == "all" && $0["industry"] == "all" }?["postings"] == "68")
    }

    @Test
    func foldsTheSameFactsFromTheDatabaseAsFromMemory() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.server(hide: Switch())
        _ = try await pipeline(server).run()
        let store = try PostingStore(path: directory.appendingPathComponent("db.sqlite").path)
        let streamed = try Reporting.facts(store: store, selection: .open)
        let inMemory = MarketFacts(postings: try store.postings(.open).map(\.posting))
        #expect(streamed.postings == inMemory.postings)
        #expect(streamed.withSalary == inMemory.withSalary)
        for figure in SalaryFigure.allCases {
            #expect(streamed.distributions[figure] == inMemory.distributions[figure])
        }
        #expect(streamed.published == inMemory.published)
        #expect(streamed.samples == inMemory.samples)
        #expect(streamed.skills == inMemory.skills)
        #expect(streamed.titles == inMemory.titles)
    }
}
