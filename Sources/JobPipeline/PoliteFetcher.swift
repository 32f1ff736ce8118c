import Foundation
import JobFetch
import JobStore

/// The fetcher as the crawl uses it: robots.txt first, then the fetch with retries.
struct PoliteFetcher: Sendable {
    let fetcher: Fetcher
    let robots: RobotsCache
    let policy: RetryPolicy

    enum Outcome: Sendable {
        case disallowed
        case fetched(FetchOutcome)
    }

    func get(_ url: String, headers: [String: String] = [:]) async -> Outcome {
        guard await robots.allows(url) else { return .disallowed }
        return .fetched(await fetcher.fetch(url, headers: headers, retrying: policy))
    }
}

extension FetchOutcome {
    /// A ledger row for this fetch.
    func record(kind: String, url: String, outcome: String) -> FetchRecord {
        let response = try? result.get()
        return FetchRecord(
            kind: kind, url: url, status: response?.status, bytes: response?.body.count ?? 0, milliseconds: milliseconds,
            retries: retries, outcome: outcome)
    }

    /// Why the fetch gave no usable page, or nil when it did (2xx, or 304 when `notModifiedIsFine`).
    func failureReason(notModifiedIsFine: Bool = false) -> (reason: String, detail: String)? {
        switch result {
        case let .success(response) where response.isSuccess: return nil
        case let .success(response) where response.status == 304 && notModifiedIsFine: return nil
        case let .success(response): return ("http_\(response.status)", "HTTP \(response.status) after \(retries) retries")
        case let .failure(error): return (error.reason, error.description + (retries > 0 ? " after \(retries) retries" : ""))
        }
    }
}
