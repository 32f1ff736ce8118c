import Foundation
import JobFetch

/// robots.txt per host, fetched once per run and shared by every task.
///
/// A 4xx robots.txt allows everything; a 5xx or an unreachable one disallows the whole host for
/// this run (RFC 9309 §2.3.1). A Crawl-delay raises the fetcher's gap between requests to the host.
actor RobotsCache {
    private let fetcher: Fetcher
    private let userAgent: String
    private let enabled: Bool
    private var rules: [String: Task<RobotsRules, Never>] = [:]
    /// robots.txt fetches made, for the ledger.
    private(set) var fetched: [(url: String, status: Int?, bytes: Int, milliseconds: Int)] = []

    init(fetcher: Fetcher, userAgent: String, enabled: Bool) {
        self.fetcher = fetcher
        self.userAgent = userAgent
        self.enabled = enabled
    }

    /// True when robots.txt lets the crawler fetch `url`; file URLs are always allowed.
    func allows(_ url: String) async -> Bool {
        guard enabled, let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host?.lowercased()
        else { return true }
        let origin = LinkResolver.origin(of: url)
        let task: Task<RobotsRules, Never>
        if let existing = rules[origin] {
            task = existing
        } else {
            task = Task { await self.load(origin: origin, host: host) }
            rules[origin] = task
        }
        let path = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        return await task.value.allows(path)
    }

    private func load(origin: String, host: String) async -> RobotsRules {
        let url = origin + "/robots.txt"
        let started = Date()
        let result = await fetcher.fetch(url)
        let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        let parsed: RobotsRules
        switch result {
        case let .success(response):
            fetched.append((url, response.status, response.body.count, milliseconds))
            parsed = Self.rules(status: response.status, body: response.body, userAgent: userAgent)
        case .failure:
            fetched.append((url, nil, 0, milliseconds))
            parsed = .disallowAll
        }
        if let delay = parsed.crawlDelay, delay > 0 {
            fetcher.setMinimumDelay(forHost: host, milliseconds: Int(min(delay, 60) * 1000))
        }
        return parsed
    }

    /// The rules a robots.txt answer gives: a 2xx is read, a 4xx allows everything, anything
    /// else (a 5xx, no answer: status nil) disallows the whole host.
    static func rules(status: Int?, body: [UInt8], userAgent: String) -> RobotsRules {
        switch status {
        case (200..<300)?: RobotsRules(parsing: String(decoding: body, as: UTF8.self), userAgent: userAgent)
        case (400..<500)?: .allowAll
        default: .disallowAll
        }
    }

    /// Uses rules another worker read, instead of fetching robots.txt again.
    func adopt(_ rules: RobotsRules, origin: String) {
        guard self.rules[origin] == nil else { return }
        self.rules[origin] = Task { rules }
    }

    func drainFetched() -> [(url: String, status: Int?, bytes: Int, milliseconds: Int)] {
        defer { fetched.removeAll() }
        return fetched
    }
}
