import Foundation
import JobAnalyze
import JobPipeline
import JobTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The `jobmarket` executable as users' scripts run it: exit statuses, the lock, bad input,
/// and a run killed at random moments.
@Suite(.serialized)
struct CommandLineTests {
    let directory = Fixtures.temporaryDirectory()

    /// A config for the demo site served by `server`, each page answered after `delay` ms.
    func writeConfig(server: LoopbackHTTPServer, extra: String = "") throws -> URL {
        var text = """
            database: \(directory.appendingPathComponent("jobs.sqlite").path)
            reports: \(directory.appendingPathComponent("reports").path)
            fetch: {concurrency: 4, per_host_concurrency: 4, per_host_delay_ms: 0, retries: 0, respect_robots: false}
            sources:

            """
        for source in DemoSources.names {
            text += """
                  - name: \(source)
                    industry: technology
                    start_urls: ["\(server.url("/\(source)/jobs.html"))"]
                    posting_links: "//a[contains(@class,'job-link')]/@href"
                    next_page: "//a[@rel='next']/@href"

                """
        }
        text += extra
        let url = directory.appendingPathComponent("jobmarket.yml")
        try Data(text.utf8).write(to: url)
        return url
    }

    static func demoServer(delayMilliseconds: Int = 0) throws -> LoopbackHTTPServer {
        let files = LoopbackHTTPServer.files(in: Fixtures.demo.appendingPathComponent("site"))
        return try LoopbackHTTPServer { request in
            var response = files(request)
            response.delayMilliseconds = delayMilliseconds
            return response
        }
    }

    /// The export without what differs between two equal runs: timestamps.
    func exportedPostings(config: URL) async throws -> [String] {
        let result = try await CommandRunner.run(["export", "--config", config.path, "--format", "jsonl"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map { line in
            var object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            for key in ["first_seen", "last_seen", "closed_at"] { object.removeValue(forKey: key) }
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }.sorted()
    }

    @Test
    func runsAndReportsExitStatusZero() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.demoServer()
        let config = try writeConfig(server: server)
        let result = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("69 new"))
        let runs = try await CommandRunner.run(["runs", "--config", config.path], in: directory)
        #expect(runs.stdout.contains(" ok "))
    }

    @Test
    func exitsWithThreeWhileAnotherRunHoldsTheDatabase() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.demoServer()
        let config = try writeConfig(server: server)
        let lock = try RunLock(databasePath: directory.appendingPathComponent("jobs.sqlite").path)
        let blocked = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        #expect(blocked.status == 3)
        #expect(blocked.stderr.contains("pid \(getpid())"))
        withExtendedLifetime(lock) {}
    }

    @Test
    func takesOverTheLockOfAKilledRun() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.demoServer(delayMilliseconds: 50)
        let config = try writeConfig(server: server)
        let victim = try CommandRunner.start(["run", "--config", config.path], in: directory)
        try await Task.sleep(nanoseconds: 400_000_000)
        kill(victim.processIdentifier, SIGKILL)
        try await CommandRunner.exit(of: victim)
        let next = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        #expect(next.status == 0, "\(next.stderr)")
        let runs = try await CommandRunner.run(["runs", "--config", config.path], in: directory)
        #expect(runs.stdout.contains("interrupted"))
    }

    @Test
    func aRunKilledAtAnyMomentThenResumedEqualsACleanRun() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.demoServer(delayMilliseconds: 15)
        let config = try writeConfig(server: server)
        let clean = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = try await exportedPostings(config: config)
        #expect(expected.count == 69)

        // Fixed seed: the same kill moments on every run of the test.
        var generator = SeededGenerator(seed: 20_261_201)
        for attempt in 0..<6 {
            try FileManager.default.removeItem(at: directory.appendingPathComponent("jobs.sqlite"))
            for suffix in ["-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: directory.appendingPathComponent("jobs.sqlite").path + suffix)
            }
            let victim = try CommandRunner.start(["run", "--config", config.path], in: directory)
            try await Task.sleep(nanoseconds: (20_000 + generator.next() % 600_000) * 1_000)
            kill(victim.processIdentifier, SIGKILL)
            try await CommandRunner.exit(of: victim)
            let resumed = try await CommandRunner.run(["run", "--config", config.path], in: directory)
            #expect(resumed.status == 0, "attempt \(attempt): \(resumed.stderr)")
            #expect(try await exportedPostings(config: config) == expected, "attempt \(attempt)")
        }
    }

    @Test
    func refusesACorruptDatabaseWithoutWritingToIt() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.demoServer()
        let config = try writeConfig(server: server)
        let database = directory.appendingPathComponent("jobs.sqlite")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: database)
        let result = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains(database.path))
        #expect(try Data(contentsOf: database) == garbage)
        #expect(server.requests.isEmpty)
    }

    @Test(arguments: [
        ("reprots: out\n", "reprots"),
        ("analysis:\n  min_sample: many\n", "analysis.min_sample"),
        ("close_after_runs: 0\n", "close_after_runs"),
    ])
    func namesTheFileLineAndKeyOfABadConfig(_ extra: String, _ key: String) async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.demoServer()
        let config = try writeConfig(server: server, extra: extra)
        let lines = try String(contentsOf: config, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let keyName = String(key.split(separator: ".").last!)
        let line = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(keyName + ":") }! + 1
        let result = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(config.path):\(line)"), "\(result.stderr)")
        #expect(result.stderr.contains(key))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("jobs.sqlite").path))
    }

    @Test
    func refusesAnUnknownIndustry() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.demoServer()
        var text = try String(contentsOf: try writeConfig(server: server), encoding: .utf8)
        text = text.replacingOccurrences(of: "industry: technology", with: "industry: fintech-ish")
        let config = directory.appendingPathComponent("bad.yml")
        try Data(text.utf8).write(to: config)
        let result = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown industry 'fintech-ish'"))
    }

    @Test
    func exitsWithOneWhenSomePagesFailed() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.demoServer()
        let config = try writeConfig(
            server: server,
            extra: """
                  - name: missing
                    start_urls: ["\(server.url("/missing/jobs.html"))"]
                    posting_links: "//a/@href"

                """)
        let result = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("http_404"))
        #expect(result.stdout.contains("69 new"))
    }

    @Test
    func comparesIndustriesForALevelAndASkill() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Self.demoServer()
        let config = try writeConfig(server: server)
        _ = try await CommandRunner.run(["run", "--config", config.path], in: directory)
        let csv = directory.appendingPathComponent("compare.csv")
        let result = try await CommandRunner.run(
            ["compare", "--config", config.path, "--by", "level", "--skill", "Python", "--csv", csv.path], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("level") == true)
        #expect(lines.contains { $0.hasPrefix("senior ") })
        let rows = try RFC4180Reader.rows(String(contentsOf: csv, encoding: .utf8))
        #expect(rows.last?["level"] == "all")
        #expect(rows.count == lines.count - 1)
    }

    @Test
    func rejectsBadUsageWithStatusTwo() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try await CommandRunner.run(["export", "--format", "xml"], in: directory).status == 2)
        #expect(try await CommandRunner.run(["report", "--since", "yesterday"], in: directory).status == 2)
        #expect(try await CommandRunner.run(["no-such-command"], in: directory).status == 2)
    }
}
