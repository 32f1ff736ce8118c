/// How the fetcher talks to servers.
public struct FetchOptions: Sendable, Equatable {
    public var userAgent: String
    /// Transfers in flight overall.
    public var concurrency: Int
    /// Transfers in flight to one host.
    public var perHostConcurrency: Int
    /// Least gap between two request starts to one host, in milliseconds.
    public var perHostDelayMs: Int
    /// Total time allowed for one transfer, in seconds.
    public var timeoutSeconds: Double
    /// Time allowed to connect, in seconds.
    public var connectTimeoutSeconds: Double
    /// A body larger than this is aborted and reported, never kept truncated.
    public var maxBytes: Int
    /// Redirects followed before giving up; only to http and https.
    public var maxRedirects: Int
    /// A transfer slower than this many bytes per second for `lowSpeedSeconds` is cut off.
    public var lowSpeedBytesPerSecond: Int
    public var lowSpeedSeconds: Int

    public init(
        userAgent: String = "jobmarket/1.0", concurrency: Int = 16, perHostConcurrency: Int = 2,
        perHostDelayMs: Int = 0, timeoutSeconds: Double = 30, connectTimeoutSeconds: Double = 10,
        maxBytes: Int = 5_000_000, maxRedirects: Int = 5, lowSpeedBytesPerSecond: Int = 100, lowSpeedSeconds: Int = 15
    ) {
        self.userAgent = userAgent
        self.concurrency = concurrency
        self.perHostConcurrency = perHostConcurrency
        self.perHostDelayMs = perHostDelayMs
        self.timeoutSeconds = timeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.maxBytes = maxBytes
        self.maxRedirects = maxRedirects
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedSeconds = lowSpeedSeconds
    }
}

/// A completed transfer: whatever the status, the server answered.
public struct FetchResponse: Sendable, Equatable {
    /// The address asked for.
    public var url: String
    /// The address answered, after redirects.
    public var finalURL: String
    /// The HTTP status; 200 for a file read from disk.
    public var status: Int
    /// Response headers of the final response, names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]
    /// Wall time of the transfer in milliseconds.
    public var milliseconds: Int

    public init(
        url: String, finalURL: String, status: Int, headers: [String: String], body: [UInt8], milliseconds: Int
    ) {
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.headers = headers
        self.body = body
        self.milliseconds = milliseconds
    }

    /// The `Content-Type` header.
    public var contentType: String? { headers["content-type"] }
    /// True for a 2xx status.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Why a transfer produced no response.
public enum FetchError: Error, Equatable, Sendable {
    case unsupportedURL(String)
    case tooLarge(limit: Int)
    case timedOut
    /// The server sent less than the low-speed limit for too long.
    case slow
    case transport(code: Int, message: String)
    case shutDown
}

extension FetchError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unsupportedURL(url): "unsupported URL (only http, https and file): \(url)"
        case let .tooLarge(limit): "body larger than \(limit) bytes"
        case .timedOut: "timed out"
        case .slow: "the server sent too slowly"
        case let .transport(code, message): "transfer failed (curl \(code)): \(message)"
        case .shutDown: "fetcher shut down"
        }
    }

    /// A short stable label for summaries: `timeout`, `too_large`, `connect`, ….
    public var reason: String {
        switch self {
        case .unsupportedURL: "unsupported_url"
        case .tooLarge: "too_large"
        case .timedOut: "timeout"
        case .slow: "too_slow"
        case let .transport(code, _):
            switch code {
            case 6, 7: "connect"
            case 47: "redirects"
            case 18, 52, 55, 56: "connection_lost"
            case 1, 3: "refused_url"
            case 37: "file_unreadable"
            default: "transport"
            }
        case .shutDown: "shut_down"
        }
    }
}

extension FetchError {
    /// Faults worth another try: timeouts, connection failures, a connection lost mid-body.
    public var isTransient: Bool {
        switch self {
        case .timedOut, .slow: true
        case let .transport(code, _): [6, 7, 18, 52, 55, 56].contains(code)
        case .unsupportedURL, .tooLarge, .shutDown: false
        }
    }
}
