import Foundation

/// When and how long to wait before fetching again.
///
/// Retries timeouts, connection failures, 408, 429 and 5xx up to `retries` times, never other
/// 4xx. Waits `base · 2^attempt`, scaled by a random factor in 0.5…1.5 (jitter), at most `maximumDelay`,
/// and never less than a `Retry-After` the server sent (in seconds or as an HTTP date).
public struct RetryPolicy: Sendable, Equatable {
    public var retries: Int
    public var baseDelay: Double
    public var maximumDelay: Double

    public init(retries: Int = 3, baseDelay: Double = 0.5, maximumDelay: Double = 60) {
        self.retries = retries
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// True when a response with this status may succeed on another try.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// Seconds to wait before retry number `attempt` (0 for the first retry).
    public func delay(attempt: Int, retryAfter: Double?, random: Double = Double.random(in: 0.5...1.5)) -> Double {
        let backoff = baseDelay * pow(2, Double(attempt)) * random
        return min(maximumDelay, max(backoff, retryAfter ?? 0))
    }

    /// A `Retry-After` header's wait in seconds: a number of seconds or an HTTP date.
    public static func retryAfter(_ header: String?, now: Date = Date()) -> Double? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header) { return max(0, seconds) }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: header) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}

/// The outcome of a fetch with its retries.
public struct FetchOutcome: Sendable {
    public var result: Result<FetchResponse, FetchError>
    /// Retries made (0 when the first try was final).
    public var retries: Int
    /// Wall time over every try and wait, in milliseconds.
    public var milliseconds: Int
}

extension Fetcher {
    /// Fetches a URL, retrying transient faults by `policy`.
    public func fetch(_ url: String, headers: [String: String] = [:], retrying policy: RetryPolicy) async -> FetchOutcome {
        let started = Date()
        var attempt = 0
        while true {
            let result = await fetch(url, headers: headers)
            var retryAfter: Double?
            let transient: Bool
            switch result {
            case let .success(response):
                transient = RetryPolicy.isRetryable(status: response.status)
                retryAfter = RetryPolicy.retryAfter(response.headers["retry-after"])
            case let .failure(error):
                transient = error.isTransient
            }
            let elapsed = Int(Date().timeIntervalSince(started) * 1000)
            guard transient, attempt < policy.retries else {
                return FetchOutcome(result: result, retries: attempt, milliseconds: elapsed)
            }
            let wait = policy.delay(attempt: attempt, retryAfter: retryAfter)
            // A server that asks for more than the longest wait we accept gets no retry.
            if let retryAfter, retryAfter > policy.maximumDelay {
                return FetchOutcome(result: result, retries: attempt, milliseconds: elapsed)
            }
            try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            attempt += 1
        }
    }
}
