import Foundation
import JobModel
import JobPipeline
import JobStore
import JobTestSupport
import Logging
import Synchronization
import Testing

/// The crawl against a small loopback site: robots.txt, Crawl-delay, conditional requests.
@Suite(.serialized)
struct CrawlPolitenessTests {
    let directory = Fixtures.temporaryDirectory()

    /// A site with robots rules, two listing pages and ETag-aware posting pages.
    static func site(robots: LoopbackHTTPServer.Response, postingStatus: Int = 200) -> LoopbackHTTPServer.Handler {
        { request in
            let path = String(request.target.split(separator: "?")[0])
            switch path {
            case "/robots.txt":
                return robots
            case "/jobs.html":
                return .text(
                    """
                    <html><body><nav><a href="/about">About</a></nav>
                    <a class="job" href="p/1.html?utm_source=board&amp;utm_medium=x">One</a>
                    <a class="job" href="/p/2.html#apply">Two</a>
                    <a class="job" href="/p/2.html?gclid=abc">Two again</a>
                    <a class="job" href="/private/3.html">Hidden</a>
                    <a class="job" href="http://elsewhere.example/p/9.html">Elsewhere</a>
                    <a rel="next" href="jobs-2.html?utm_campaign=n">Next</a></body></html>
                    """)
            case "/jobs-2.html":
                return .text(#"<html><body><a class="job" href="p/4.html">Four</a></body></html>"#)
            default:
                guard path.hasPrefix("/p/") || path.hasPrefix("/private/") else { return .text("no", status: 404) }
                if postingStatus != 200 { return .text("broken", status: postingStatus) }
                let id = path.filter(\.isNumber)
                let etag = "\"v\(id)\""
                if request.headers["if-none-match"] == etag {
                    return LoopbackHTTPServer.Response(status: 304, headers: [("ETag", etag)], body: [])
                }
                var response = LoopbackHTTPServer.Response.text(
                    """
                    <html><head><title>Job \(id)</title></head><body><main>
                    <h1>Senior Data Engineer \(id)</h1><p>Salary: $150,000 - $170,000 a year</p>
                    <p>Python, SQL and Airflow; we build pipelines that feed every team's dashboards.</p></main></body></html>
                    """)
                response.headers.append(("ETag", etag))
                return response
            }
        }
    }

    func pipeline(_ server: LoopbackHTTPServer, retries: Int = 1) -> Pipeline {
        var source = Config.Source(name: "board", startURLs: [server.url("/jobs.html")], postingLinks: "//a[@class='job']/@href")
        source.nextPage = "//a[@rel='next']/@href"
        source.company = "Board Inc"
        source.industry = .technology
        var config = Config()
        config.sources = [source]
        config.fetch.concurrency = 4
        config.fetch.perHostConcurrency = 2
        config.fetch.perHostDelayMs = 0
        config.fetch.retries = retries
        config.fetch.userAgent = "jobmarket-test/1.0"
        return Pipeline(
            config: config, databasePath: directory.appendingPathComponent("db.sqlite").path,
            reportsDirectory: directory.appendingPathComponent("reports").path,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test
    func obeysRobotsAndItsCrawlDelay() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let robots = LoopbackHTTPServer.Response.text(
            "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n", type: "text/plain")
        let server = try LoopbackHTTPServer(handler: Self.site(robots: robots))
        let summary = try await pipeline(server).run()

        let paths = server.requests.map { String($0.target.split(separator: "?")[0]) }
        #expect(!paths.contains { $0.hasPrefix("/private/") })
        #expect(paths.filter { $0 == "/robots.txt" }.count == 1)
        // Tracking parameters and fragments are stripped, so /p/2.html is fetched once.
        #expect(paths.filter { $0.hasPrefix("/p/") }.sorted() == ["/p/1.html", "/p/2.html", "/p/4.html"])
        #expect(summary.skippedByRobots == 1)
        #expect(summary.postingsNew == 3)
        #expect(summary.failures.isEmpty)
        // After robots.txt, no two requests to the host start less than the Crawl-delay apart.
        let arrivals = server.requests.dropFirst().map(\.arrival).sorted()
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) {
            #expect(later - earlier >= 270_000_000, "requests \(Double(later - earlier) / 1e6) ms apart")
        }
    }

    @Test
    func aSecondRunSendsValidatorsAndCountsNotModifiedAsSeen() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try LoopbackHTTPServer(handler: Self.site(robots: .text("", status: 404)))
        let first = try await pipeline(server).run()
        #expect(first.postingsNew == 4)
        let store = try PostingStore(path: directory.appendingPathComponent("db.sqlite").path)
        let before = try store.postings()
        try await Task.sleep(nanoseconds: 1_100_000_000)  // timestamps have whole seconds

        let second = try await pipeline(server).run()
        #expect(second.unchanged == 4)
        #expect(second.postingPages == 0)
        #expect(second.postingsNew == 0)
        #expect(second.storedPostings == 4)
        let conditional = server.requests.filter { $0.target.hasPrefix("/p/") || $0.target.hasPrefix("/private/") }.suffix(4)
        #expect(conditional.allSatisfy { $0.headers["if-none-match"] != nil })
        let after = try store.postings()
        for (old, new) in zip(before.sorted { $0.posting.fingerprint < $1.posting.fingerprint }, after.sorted { $0.posting.fingerprint < $1.posting.fingerprint }) {
            #expect(new.firstSeen == old.firstSeen)
            #expect(new.lastSeen > old.lastSeen)
        }
        let ledger = try store.fetches(run: second.runID)
        #expect(ledger.filter { $0.kind == "posting" }.allSatisfy { $0.outcome == "unchanged" && $0.status == 304 })
    }

    @Test
    func disallowsTheHostWhenRobotsFailsWithAServerError() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try LoopbackHTTPServer(handler: Self.site(robots: .text("oops", status: 503)))
        let summary = try await pipeline(server, retries: 0).run()
        #expect(server.requests.map(\.target) == ["/robots.txt"])
        #expect(summary.skippedByRobots == 1)
        #expect(summary.storedPostings == 0)
    }

    @Test
    func recordsEveryFailedPostingWithItsReason() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try LoopbackHTTPServer(handler: Self.site(robots: .text("", status: 404), postingStatus: 500))
        let summary = try await pipeline(server, retries: 1).run()
        #expect(summary.failures.count == 4)
        #expect(summary.failures.allSatisfy { $0.reason == "http_500" })
        // One retry each: every posting page was asked for twice.
        #expect(server.requests.filter { $0.target.hasPrefix("/p/") || $0.target.hasPrefix("/private/") }.count == 8)
        let store = try PostingStore(path: directory.appendingPathComponent("db.sqlite").path)
        let ledger = try store.fetches(run: summary.runID)
        #expect(ledger.filter { $0.outcome == "failed:http_500" }.map(\.retries) == [1, 1, 1, 1])
    }
}
