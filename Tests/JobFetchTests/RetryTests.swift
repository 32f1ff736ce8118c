import Foundation
import JobFetch
import JobTestSupport
import Synchronization
import Testing

/// Retries, Retry-After, cut-offs and content encodings against a real loopback server.
struct RetryTests {
    /// A quick policy for tests: the same rules, shorter waits.
    let policy = RetryPolicy(retries: 3, baseDelay: 0.05, maximumDelay: 5)

    /// A handler that answers the n-th request (from 0) with `responses[n]`, and the last one after.
    static func sequence(_ responses: [LoopbackHTTPServer.Response]) -> LoopbackHTTPServer.Handler {
        let counter = Mutex(0)
        return { _ in
            let index = counter.withLock { value in
                defer { value += 1 }
                return value
            }
            return responses[min(index, responses.count - 1)]
        }
    }

    @Test
    func retriesA503ThenSucceeds() async throws {
        let server = try LoopbackHTTPServer(handler: Self.sequence([.text("busy", status: 503), .text("<h1>ok</h1>")]))
        let outcome = await Fetcher().fetch(server.url("/job"), retrying: policy)
        #expect(try outcome.result.get().status == 200)
        #expect(outcome.retries == 1)
        #expect(server.requests.count == 2)
    }

    @Test(arguments: ["1", "date"])
    func honoursRetryAfter(_ form: String) async throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        // An HTTP date has whole seconds: two seconds ahead waits at least one.
        let value = form == "date" ? formatter.string(from: Date().addingTimeInterval(2)) : form
        var tooMany = LoopbackHTTPServer.Response.text("slow down", status: 429)
        tooMany.headers.append(("Retry-After", value))
        let server = try LoopbackHTTPServer(handler: Self.sequence([tooMany, .text("<h1>ok</h1>")]))
        let outcome = await Fetcher().fetch(server.url("/job"), retrying: policy)
        #expect(try outcome.result.get().status == 200)
        let arrivals = server.requests.map(\.arrival)
        try #require(arrivals.count == 2)
        #expect(arrivals[1] - arrivals[0] >= 950_000_000)
    }

    @Test
    func neverRetriesOtherClientErrors() async throws {
        let server = try LoopbackHTTPServer(handler: Self.sequence([.text("gone", status: 410), .text("ok")]))
        let outcome = await Fetcher().fetch(server.url("/job"), retrying: policy)
        #expect(try outcome.result.get().status == 410)
        #expect(outcome.retries == 0)
        #expect(server.requests.count == 1)
    }

    @Test
    func givesUpAfterTheConfiguredRetries() async throws {
        let server = try LoopbackHTTPServer(handler: Self.sequence([.text("down", status: 500)]))
        let outcome = await Fetcher().fetch(server.url("/job"), retrying: policy)
        #expect(try outcome.result.get().status == 500)
        #expect(outcome.retries == 3)
        #expect(server.requests.count == 4)
    }

    @Test
    func retriesAConnectionResetMidBody() async throws {
        var cut = LoopbackHTTPServer.Response.text(String(repeating: "x", count: 20_000))
        cut.closeAfterBodyBytes = 500
        let server = try LoopbackHTTPServer(handler: Self.sequence([cut, .text("<h1>whole</h1>")]))
        let outcome = await Fetcher().fetch(server.url("/job"), retrying: policy)
        #expect(String(decoding: try outcome.result.get().body, as: UTF8.self) == "<h1>whole</h1>")
        #expect(outcome.retries == 1)
    }

    @Test
    func cutsOffAServerThatDrips() async throws {
        var drip = LoopbackHTTPServer.Response.text(String(repeating: "x", count: 400))
        drip.dripChunk = 1
        drip.dripIntervalMilliseconds = 200
        let response = drip
        let server = try LoopbackHTTPServer(handler: { _ in response })
        let options = FetchOptions(timeoutSeconds: 30, lowSpeedBytesPerSecond: 50, lowSpeedSeconds: 1)
        let started = Date()
        let result = await Fetcher(options: options).fetch(server.url("/drip"))
        #expect(result == .failure(.slow))
        // The whole drip would take 80 s.
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test(arguments: ["gzip", "br"])
    func decodesCompressedBodies(_ encoding: String) async throws {
        let page = "<html><body><h1>Café – €70.000</h1>" + String(repeating: "<p>Python and SQL</p>", count: 200) + "</body></html>"
        let compressed = try Self.compress(Array(page.utf8), with: encoding == "gzip" ? ["gzip", "-c"] : ["brotli", "-c"])
        #expect(compressed.count < page.utf8.count / 4)
        let server = try LoopbackHTTPServer { request in
            LoopbackHTTPServer.Response(
                status: 200, headers: [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", encoding)],
                body: compressed)
        }
        let response = try await Fetcher().fetch(server.url("/zipped")).get()
        #expect(response.body == Array(page.utf8))
        let accepted = server.requests.first?.headers["accept-encoding"] ?? ""
        #expect(accepted.contains("gzip") && accepted.contains("br"))
    }

    static func compress(_ bytes: [UInt8], with command: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    @Test
    func readsRetryAfterInBothForms() {
        // 1_800_000_000 is Fri, 15 Jan 2027 08:00:00 GMT.
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryPolicy.retryAfter("120", now: now) == 120)
        #expect(RetryPolicy.retryAfter("Fri, 15 Jan 2027 08:01:30 GMT", now: now) == 90)
        #expect(RetryPolicy.retryAfter("Fri, 15 Jan 2027 07:00:00 GMT", now: now) == 0)
        #expect(RetryPolicy.retryAfter("soon", now: now) == nil)
        #expect(RetryPolicy.retryAfter(nil) == nil)
    }

    @Test
    func growsTheBackoffExponentiallyWithinItsCap() {
        let policy = RetryPolicy(retries: 5, baseDelay: 0.5, maximumDelay: 10)
        #expect(policy.delay(attempt: 0, retryAfter: nil, random: 1) == 0.5)
        #expect(policy.delay(attempt: 3, retryAfter: nil, random: 1) == 4)
        #expect(policy.delay(attempt: 6, retryAfter: nil, random: 1) == 10)
        #expect(policy.delay(attempt: 0, retryAfter: 7, random: 1) == 7)
        #expect(policy.delay(attempt: 1, retryAfter: nil, random: 0.5) == 0.5)
    }
}
