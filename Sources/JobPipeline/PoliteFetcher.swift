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

    /// The page to use (a 2xx, or a 304 when `notModifiedIsFine`), or why there is none.
    func usable(notModifiedIsFine: Bool = false) -> Result<FetchResponse, PageProblem> {
        switch result {
        case let .success(response) where response.isSuccess: return .success(response)
        case let .success(response) where response.status == 304 && notModifiedIsFine: return .success(response)
        case let .success(response):
            return .failure(PageProblem(reason: "http_\(response.status)", detail: "HTTP \(response.status) after \(retries) retries"))
        case let .failure(error):
            return .failure(PageProblem(reason: error.reason, detail: error.description + (retries > 0 ? " after \(retries) retries" : "")))
        }
    }
}

/// Why a fetched page cannot be used: a short reason for summaries and a detail for logs.
struct PageProblem: Error, Sendable {
    var reason: String
    var detail: String
}
