import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests: real sockets, one thread per connection,
/// every request recorded with its arrival time, and responses that can misbehave on purpose.
///
/// It listens on an ephemeral port of the loopback interface only and stops when `stop()` is
/// called or it is deinitialised.
public final class LoopbackHTTPServer: Sendable {
    /// A request as the server received it.
    public struct Request: Sendable {
        public var method: String
        /// The path with its query, as sent.
        public var target: String
        /// Header names lowercased.
        public var headers: [String: String]
        /// Monotonic nanoseconds at arrival.
        public var arrival: UInt64
        /// Connections open when it arrived, this one included.
        public var openConnections: Int
    }

    /// What to send back.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Wait this long before answering.
        public var delayMilliseconds = 0
        /// Send the body this many bytes at a time with `dripIntervalMilliseconds` between them.
        public var dripChunk: Int?
        public var dripIntervalMilliseconds = 0
        /// Close the connection after sending this many body bytes (a reset mid-body).
        public var closeAfterBodyBytes: Int?

        public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public static func text(_ text: String, status: Int = 200, type: String = "text/html; charset=utf-8") -> Response {
            Response(status: status, headers: [("Content-Type", type)], body: Array(text.utf8))
        }
    }

    public typealias Handler = @Sendable (Request) -> Response

    private struct State {
        var requests: [Request] = []
        var open = 0
        var maxOpen = 0
        var inFlight = 0
        var maxInFlight = 0
        var stopped = false
    }

    public let port: Int
    private let listener: Int32
    private let handler: Handler
    private let state = Mutex(State())

    public init(handler: @escaping Handler) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            _ = $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit {
        stop()
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)" + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// Every request received so far, in arrival order.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// The most connections that were open at once (a closing connection may still count).
    public var maxOpenConnections: Int { state.withLock { $0.maxOpen } }

    /// The most requests being answered at once: from arrival until the response starts to be
    /// sent, during which the client cannot have reused that transfer slot.
    public var maxConcurrentRequests: Int { state.withLock { $0.maxInFlight } }

    public func stop() {
        let wasRunning = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        if wasRunning {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if state.withLock({ $0.stopped }) { return }
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        let open = state.withLock { state in
            state.open += 1
            state.maxOpen = max(state.maxOpen, state.open)
            return state.open
        }
        defer {
            state.withLock { $0.open -= 1 }
            close(client)
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let head = readHead(client) else { return }
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let request = Request(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
            arrival: DispatchTime.now().uptimeNanoseconds, openConnections: open)
        state.withLock { state in
            state.requests.append(request)
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
        }
        let response = handler(request)
        if response.delayMilliseconds > 0 { usleep(useconds_t(response.delayMilliseconds * 1000)) }
        state.withLock { $0.inFlight -= 1 }
        var headText = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        var hasLength = false
        for (name, value) in response.headers {
            headText += "\(name): \(value)\r\n"
            if name.lowercased() == "content-length" { hasLength = true }
        }
        if !hasLength { headText += "Content-Length: \(response.body.count)\r\n" }
        headText += "Connection: close\r\n\r\n"
        guard send(client, Array(headText.utf8)) else { return }
        guard request.method != "HEAD" else { return }
        var body = response.body[...]
        if let limit = response.closeAfterBodyBytes { body = body.prefix(limit) }
        if let chunk = response.dripChunk {
            while !body.isEmpty {
                guard send(client, Array(body.prefix(chunk))) else { return }
                body = body.dropFirst(chunk)
                usleep(useconds_t(response.dripIntervalMilliseconds * 1000))
            }
        } else {
            _ = send(client, Array(body))
        }
    }

    private func readHead(_ client: Int32) -> String? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while data.count < 65536 {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[0..<count])
            if let end = Self.headEnd(data) { return String(decoding: data[0..<end], as: UTF8.self) }
        }
        return nil
    }

    private static func headEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for index in 0...(data.count - 4) where data[index] == 13 && data[index + 1] == 10 && data[index + 2] == 13 && data[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func send(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    /// Serves the files under `directory`; unknown paths get 404.
    public static func files(in directory: URL) -> Handler {
        { request in
            let path = String(request.target.split(separator: "?", maxSplits: 1)[0])
            let decoded = path.removingPercentEncoding ?? path
            guard !decoded.contains("..") else { return .text("forbidden", status: 403) }
            let file = directory.appendingPathComponent(String(decoded.dropFirst()))
            guard let data = FileManager.default.contents(atPath: file.path) else {
                return .text("not found", status: 404)
            }
            // No charset: the page's own declaration (or its bytes) must decide, as on many real sites.
            return Response(status: 200, headers: [("Content-Type", "text/html")], body: Array(data))
        }
    }
}
