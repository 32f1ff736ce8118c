import Foundation
import JobPipeline
import JobTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Several worker processes on one PostgreSQL database, against the demo site on loopback.
@Suite(.serialized)
struct WorkersTests {
    let directory = Fixtures.temporaryDirectory()
    static let delayMs = 40

    /// The demo's seven employers on one loopback origin, with a delay between requests.
    func writeConfig(server: LoopbackHTTPServer, database: String) throws -> URL {
        var text = """
            database: \(database)
            reports: \(directory.appendingPathComponent("reports").path)
            fetch: {concurrency: 4, per_host_concurrency: 2, per_host_delay_ms: \(Self.delayMs), retries: 2, respect_robots: true}
            sources:

            """
        for source in DemoSources.names {
            text += """
                  - name: \(source)
                    start_urls: ["\(server.url("/\(source)/jobs.html"))"]
                    posting_links: "//a[contains(@class,'job-link')]/@href"
                    next_page: "//a[@rel='next']/@href"

                """
        }
        let url = directory.appendingPathComponent("jobmarket.yml")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Gaps between the starts of consecutive requests, in milliseconds.
    static func gaps(_ server: LoopbackHTTPServer) -> [Double] {
        let arrivals = server.requests.map(\.arrival).sorted()
        return zip(arrivals, arrivals.dropFirst()).map { Double($1 - $0) / 1_000_000 }
    }

    /// The processes whose parent is `pid`, from /proc.
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { child in
            guard let stat = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            // After "pid (name)": state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid
        }.sorted()
    }

    @Test
    func fourWorkersStoreEachPostingOnceAndKeepTheGapBetweenRequests() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabase(database) }
        let server = try CommandLineTests.demoServer()
        let config = try writeConfig(server: server, database: database)

        let result = try await CommandRunner.run(["run", "--config", config.path, "--workers", "4"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("69 new"), "\(result.stdout)")
        #expect(try TestPostgres.psql(database, "SELECT COUNT(*), COUNT(DISTINCT url) FROM postings") == "69|69")
        // The run's counts are the sum of its workers'; four joined it.
        #expect(try TestPostgres.psql(database, "SELECT COUNT(*), SUM(postings_new), SUM(posting_pages) FROM run_workers") == "4|69|69")
        #expect(try TestPostgres.psql(database, "SELECT status, postings_new, postings_seen FROM runs") == "ok|69|69")
        // Every page fetched once: robots.txt, 14 listing pages, 69 posting pages.
        let targets = server.requests.map(\.target)
        #expect(targets.count == 84)
        #expect(Set(targets).count == 84)
        // Politeness across processes: no two requests to the origin closer than the delay.
        let gaps = Self.gaps(server)
        #expect(gaps.min() ?? 0 >= Double(Self.delayMs), "smallest gap \(gaps.min() ?? 0) ms")
    }

    @Test
    func reportsFromPostgreSQLAndSQLiteAreByteIdentical() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabase(database) }
        let server = try CommandLineTests.demoServer()
        let config = try writeConfig(server: server, database: database)
        let sqlite = directory.appendingPathComponent("jobs.sqlite").path
        for (db, reports, extra) in [
            (database, "reports-pg", ["--workers", "3"]), (sqlite, "reports-sqlite", []),
        ] {
            let result = try await CommandRunner.run(
                ["run", "--config", config.path, "--db", db, "--reports", directory.appendingPathComponent(reports).path]
                    + extra, in: directory)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("reports-sqlite").path)
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".svg") }.sorted()
        #expect(names.count == 18)
        for name in names {
            let a = try Data(contentsOf: directory.appendingPathComponent("reports-sqlite/\(name)"))
            let b = try Data(contentsOf: directory.appendingPathComponent("reports-pg/\(name)"))
            #expect(a == b, "\(name) differs")
        }
        // The same postings, field for field (but for when they were seen).
        var exports: [[String]] = []
        for db in [sqlite, database] {
            let result = try await CommandRunner.run(
                ["export", "--config", config.path, "--db", db, "--format", "jsonl"], in: directory)
            exports.append(
                result.stdout.split(separator: "\n").map { line in
                    var object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                    for key in ["first_seen", "last_seen", "closed_at"] { object.removeValue(forKey: key) }
                    return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
                }.sorted())
        }
        #expect(exports[0].count == 69)
        #expect(exports[0] == exports[1])
    }

    @Test
    func anUnreachableServerOrWorkersOnSQLiteAreUsageErrors() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try CommandLineTests.demoServer()
        let config = try writeConfig(server: server, database: "postgres://nobody@127.0.0.1:1/none")
        let unreachable = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("cannot open database postgres://nobody@127.0.0.1:1/none"), "\(unreachable.stderr)")
        let sqlite = try await CommandRunner.run(
            ["run", "--config", config.path, "--db", directory.appendingPathComponent("jobs.sqlite").path, "--workers", "2"],
            in: directory)
        #expect(sqlite.status == 2)
        #expect(sqlite.stderr.contains("--workers needs a postgres:// database"))
        let worker = try await CommandRunner.run(
            ["worker", "--config", config.path, "--db", directory.appendingPathComponent("jobs.sqlite").path], in: directory)
        #expect(worker.status == 2)
    }

    @Test
    func aWorkerKilledMidRunLosesNothing() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try TestPostgres.createDatabase()
        defer { TestPostgres.dropDatabase(database) }
        let server = try CommandLineTests.demoServer(delayMilliseconds: 30)
        let config = try writeConfig(server: server, database: database)

        let coordinator = try CommandRunner.start(
            ["run", "--config", config.path, "--workers", "4", "--lease", "2"], in: directory)
        // Kill one worker once the crawl is well under way.
        var victim: Int32?
        let deadline = Date().addingTimeInterval(30)
        while victim == nil && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
            guard server.requests.count >= 25 else { continue }
            victim = Self.children(of: coordinator.processIdentifier).first
        }
        let killed = try #require(victim)
        kill(killed, SIGKILL)
        try await CommandRunner.exit(of: coordinator)
        #expect(coordinator.terminationStatus == 0)
        #expect(try TestPostgres.psql(database, "SELECT COUNT(*), COUNT(DISTINCT url) FROM postings") == "69|69")
        #expect(try TestPostgres.psql(database, "SELECT status, postings_new FROM runs") == "ok|69")
        #expect(try TestPostgres.psql(database, "SELECT COUNT(*) FROM frontier WHERE state NOT IN ('done')") == "0")
        // Whatever the dead worker had written stays counted, once.
        #expect(try TestPostgres.psql(database, "SELECT SUM(postings_new) FROM run_workers") == "69")
    }
}

/// The demo site's employers, one source each.
enum DemoSources {
    static let names = [
        "northwind-analytics", "quanta-cloud", "acme-bank", "ledgerline-capital", "helix-health", "cartwheel-retail",
        "forge-robotics",
    ]
}
