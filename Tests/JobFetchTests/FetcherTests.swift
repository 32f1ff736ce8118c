import Foundation
import JobFetch
import JobTestSupport
import Testing

/// The libcurl fetcher against a real HTTP server on 127.0.0.1.
struct FetcherTests {
    @Test
    func returnsStatusHeadersAndBody() async throws {
        let server = try LoopbackHTTPServer { _ in
            .init(status: 200, headers: [("Content-Type", "text/html; charset=utf-8"), ("ETag", "\"v1\"")], body: Array("<h1>Hi</h1>".utf8))
        }
        let response = try await Fetcher().fetch(server.url("/jobs")).get()
        #expect(response.status == 200)
        #expect(response.headers["etag"] == "\"v1\"")
        #expect(response.contentType == "text/html; charset=utf-8")
        #expect(response.body == Array("<h1>Hi</h1>".utf8))
        #expect(response.finalURL == server.url("/jobs"))
    }

    @Test
    func sendsTheUserAgentAndExtraHeaders() async throws {
        let server = try LoopbackHTTPServer { _ in .text("ok") }
        let fetcher = Fetcher(options: FetchOptions(userAgent: "jobmarket-test/1.0"))
        _ = await fetcher.fetch(server.url("/a"), headers: ["If-None-Match": "\"v1\""])
        let request = try #require(server.requests.first)
        #expect(request.headers["user-agent"] == "jobmarket-test/1.0")
        #expect(request.headers["if-none-match"] == "\"v1\"")
    }

    @Test
    func reportsAnErrorStatusAsAResponse() async throws {
        let server = try LoopbackHTTPServer { _ in .text("gone", status: 404) }
        let response = try await Fetcher().fetch(server.url("/missing")).get()
        #expect(response.status == 404)
        #expect(!response.isSuccess)
    }

    @Test
    func followsRedirectsAndReportsTheFinalURL() async throws {
        let server = try LoopbackHTTPServer { request in
            request.target == "/old"
                ? .init(status: 301, headers: [("Location", "/new")], body: []) : .text("moved here")
        }
        let response = try await Fetcher().fetch(server.url("/old")).get()
        #expect(response.status == 200)
        #expect(response.finalURL == server.url("/new"))
        #expect(String(decoding: response.body, as: UTF8.self) == "moved here")
    }

    @Test
    func refusesARedirectToAFile() async throws {
        let server = try LoopbackHTTPServer { _ in
            .init(status: 302, headers: [("Location", "file:///etc/passwd")], body: [])
        }
        let result = await Fetcher().fetch(server.url("/trap"))
        guard case let .failure(error) = result else {
            Issue.record("a redirect to file:// was followed: \(result)")
            return
        }
        #expect(error.reason == "refused_url")
    }

    @Test
    func stopsARedirectLoop() async throws {
        let server = try LoopbackHTTPServer { request in
            .init(status: 302, headers: [("Location", request.target == "/a" ? "/b" : "/a")], body: [])
        }
        let result = await Fetcher(options: FetchOptions(maxRedirects: 3)).fetch(server.url("/a"))
        guard case let .failure(error) = result else {
            Issue.record("a redirect loop ended in a response: \(result)")
            return
        }
        #expect(error.reason == "redirects")
        #expect(server.requests.count <= 4)
    }

    @Test
    func abortsABodyOverTheSizeCap() async throws {
        let server = try LoopbackHTTPServer { _ in
            // No Content-Length ahead of time would be worse; here the cap must hold even mid-stream.
            .init(status: 200, headers: [("Content-Type", "text/html")], body: [UInt8](repeating: 0x61, count: 200_000))
        }
        let result = await Fetcher(options: FetchOptions(maxBytes: 50_000)).fetch(server.url("/big"))
        #expect(result == .failure(.tooLarge(limit: 50_000)))
    }

    @Test
    func timesOutASlowServer() async throws {
        let server = try LoopbackHTTPServer { _ in
            var response = LoopbackHTTPServer.Response.text("late")
            response.delayMilliseconds = 3_000
            return response
        }
        // The server would answer "late" with 200 after 3 s: a timeout result proves the cut came first
        // (wall-clock checks here would only measure how busy the test machine is).
        let result = await Fetcher(options: FetchOptions(timeoutSeconds: 0.5)).fetch(server.url("/slow"))
        #expect(result == .failure(.timedOut))
    }

    @Test
    func reportsAConnectionClosedMidBody() async throws {
        let server = try LoopbackHTTPServer { _ in
            var response = LoopbackHTTPServer.Response.text(String(repeating: "x", count: 10_000))
            response.closeAfterBodyBytes = 100
            return response
        }
        let result = await Fetcher().fetch(server.url("/cut"))
        guard case .failure = result else {
            Issue.record("a truncated body was taken as complete")
            return
        }
    }

    @Test
    func keepsTransfersWithinTheConcurrencyLimits() async throws {
        let server = try LoopbackHTTPServer { _ in
            var response = LoopbackHTTPServer.Response.text("ok")
            response.delayMilliseconds = 100
            return response
        }
        let fetcher = Fetcher(options: FetchOptions(concurrency: 8, perHostConcurrency: 3))
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                group.addTask { _ = await fetcher.fetch(server.url("/page/\(index)")) }
            }
        }
        #expect(server.requests.count == 12)
        #expect(server.maxConcurrentRequests <= 3)
        #expect(server.maxConcurrentRequests >= 2)
    }

    @Test
    func spacesRequestStartsToOneHost() async throws {
        let server = try LoopbackHTTPServer { _ in .text("ok") }
        let fetcher = Fetcher(options: FetchOptions(concurrency: 8, perHostConcurrency: 4, perHostDelayMs: 150))
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<4 {
                group.addTask { _ = await fetcher.fetch(server.url("/page/\(index)")) }
            }
        }
        let arrivals = server.requests.map(\.arrival).sorted()
        #expect(arrivals.count == 4)
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) {
            // Request starts are 150 ms apart; arrival adds a little jitter either way.
            #expect(later - earlier >= 130_000_000)
        }
    }

    @Test
    func readsFileURLs() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jobmarket-fetch-\(UUID()).html")
        try Data("<h1>local</h1>".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let response = try await Fetcher().fetch(file.absoluteString).get()
        #expect(response.status == 200)
        #expect(response.body == Array("<h1>local</h1>".utf8))
        let missing = await Fetcher().fetch(file.absoluteString + ".missing")
        guard case .failure = missing else {
            Issue.record("a missing file was fetched")
            return
        }
    }

    @Test
    func refusesOtherSchemes() async {
        #expect(await Fetcher().fetch("ftp://127.0.0.1/x") == .failure(.unsupportedURL("ftp://127.0.0.1/x")))
    }
}
