import Foundation
import JobExtract
import JobFetch
import JobModel
import JobNormalise
import JobStore
import JobStorePostgres
import Logging

/// One worker of a run on PostgreSQL: claims URLs from the shared frontier, fetches them,
/// extracts, normalises and stores, and writes each round's work with what became of its URLs
/// in one transaction. Any number of workers, on any number of machines, may work on one run.
public struct Worker: Sendable {
    public let config: Config
    public let store: PostgresStore
    public let run: Int64
    /// Unique among the run's workers: host, process and number.
    public let name: String
    public let logger: Logger
    /// How long a claimed URL stays this worker's; a dead worker's URLs return after it.
    public var leaseSeconds: Double

    public init(config: Config, store: PostgresStore, run: Int64, name: String, logger: Logger, leaseSeconds: Double = 120) {
        self.config = config
        self.store = store
        self.run = run
        self.name = name
        self.logger = logger
        self.leaseSeconds = leaseSeconds
    }

    /// Every worker enqueues new origins the same way.
    static func policy(_ config: Config) -> OriginPolicy {
        OriginPolicy(delayMs: config.fetch.perHostDelayMs, readsRobots: config.fetch.respectRobots)
    }

    /// What one claimed URL gave.
    private struct ClaimWork: Sendable {
        var completion: Completion
        var fetch: FetchRecord?
        var found: [FrontierEntry] = []
        var robots: RobotsReading?
        var posting: (posting: Posting, source: String)?
        var unchanged: String?
        var page: PageRecord?
        var counts = WorkerCounts()
    }

    /// Works until the run's frontier is drained, or the run is no longer running.
    /// - Returns: this worker's counts.
    public func work() async throws -> WorkerCounts {
        // The frontier spaces requests per origin across workers, and retries go back to it.
        let fetcher = Fetcher(
            options: FetchOptions(
                userAgent: config.fetch.userAgent, concurrency: config.fetch.concurrency,
                perHostConcurrency: config.fetch.perHostConcurrency, perHostDelayMs: 0,
                timeoutSeconds: config.fetch.timeoutSeconds, maxBytes: config.fetch.maxPageBytes))
        let robots = RobotsCache(fetcher: fetcher, userAgent: config.fetch.userAgent, enabled: config.fetch.respectRobots)
        let polite = PoliteFetcher(fetcher: fetcher, robots: robots, policy: RetryPolicy(retries: 0))
        let normaliser = Normaliser(
            matcher: SkillMatcher(taxonomy: SkillTaxonomy.bundled.adding(config.extraSkills)), rates: config.analysis.rates)
        var sources: [String: (source: Config.Source, work: PostingWork, hosts: Set<String>)] = [:]
        for source in config.sources {
            let startURLs = source.startURLs.compactMap { Pipeline.absolute($0, configFile: config.file) }
            let work = PostingWork(
                fetcher: polite, store: store, extractor: PostingExtractor(fields: source.fields), normaliser: normaliser,
                defaults: PostingDefaults(source: source.name, company: source.company, industry: source.industry, country: source.country),
                logger: logger)
            sources[source.name] = (source, work, ListingPage.allowedHosts(source, startURLs: startURLs))
        }
        try store.registerWorker(name, run: run, at: Timestamp.now())
        var total = WorkerCounts()
        var idle = 0
        // A round's work is written while the next round fetches; at most one write is pending.
        var writing: Task<WorkerCounts, any Error>?
        func finishWriting() async throws {
            if let pending = writing { total = total + (try await pending.value) }
            writing = nil
        }
        while true {
            let claims = try store.claim(
                run: run, worker: name, limit: max(1, config.fetch.concurrency), leaseSeconds: leaseSeconds,
                perOriginConcurrency: max(1, config.fetch.perHostConcurrency))
            if claims.isEmpty {
                // The pending write may hold URLs it found, and this worker's leases.
                if writing != nil {
                    try await finishWriting()
                    continue
                }
                let state = try store.frontierState(run: run)
                let status = try store.runStatus(run)
                if state.isDrained || status != "running" { break }
                // Waiting for a slot, a robots.txt, or another worker's lease.
                idle += 1
                try await Task.sleep(for: .milliseconds(min(200, 10 * idle)))
                continue
            }
            idle = 0
            for claim in claims where claim.entry.kind != .robots {
                if let status = claim.robotsStatus {
                    let rules = status == 0 ? .allowAll : RobotsCache.rules(
                        status: status < 0 ? nil : status, body: Array((claim.robotsText ?? "").utf8), userAgent: config.fetch.userAgent)
                    await robots.adopt(rules, origin: claim.entry.origin)
                }
            }
            let known = sources
            let results = await withTaskGroup(of: ClaimWork.self) { group in
                for claim in claims {
                    group.addTask {
                        let result = await process(claim, fetcher: fetcher, polite: polite, sources: known)
                        if claim.delayMs > 0 {
                            do { try store.releaseOrigin(claim.entry.origin, run: run) } catch {
                                // The hold ends with the lease anyway.
                                logger.warning("cannot release an origin", metadata: ["origin": "\(claim.entry.origin)", "error": "\(error)"])
                            }
                        }
                        return result
                    }
                }
                var results: [ClaimWork] = []
                for await result in group { results.append(result) }
                return results
            }
            var batch = RunBatch()
            var counts = WorkerCounts()
            for result in results {
                counts = counts + result.counts
                if let fetch = result.fetch { batch.fetches.append(fetch) }
                if let page = result.page { batch.pages.append(page) }
                if let posting = result.posting { batch.postings.append(posting) }
                if let fingerprint = result.unchanged { batch.unchanged.append(fingerprint) }
            }
            try await finishWriting()
            let (policy, round, batchToWrite) = (Self.policy(config), counts, batch)
            writing = Task { [store, run, name] in
                let stored = try store.complete(
                    run: run, worker: name, batch: batchToWrite, found: results.flatMap(\.found), policy: policy,
                    completions: results.map(\.completion), robots: results.compactMap(\.robots), counts: round,
                    at: Timestamp.now())
                var written = round
                written.postingsNew = stored.new
                written.postingsUpdated = stored.updated
                return written
            }
        }
        try await finishWriting()
        return total
    }

    private func process(
        _ claim: Claim, fetcher: Fetcher, polite: PoliteFetcher,
        sources: [String: (source: Config.Source, work: PostingWork, hosts: Set<String>)]
    ) async -> ClaimWork {
        let url = claim.entry.url
        switch claim.entry.kind {
        case .robots:
            let started = Date()
            let answer = await fetcher.fetch(url)
            let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
            let response = try? answer.get()
            let status = response?.status ?? -1
            let body = response?.body ?? []
            let rules = RobotsCache.rules(status: response?.status, body: body, userAgent: config.fetch.userAgent)
            return ClaimWork(
                completion: Completion(id: claim.id, state: .done, outcome: "robots"),
                fetch: FetchRecord(
                    kind: "robots", url: url, status: response?.status, bytes: body.count, milliseconds: milliseconds,
                    retries: 0, outcome: "robots"),
                robots: RobotsReading(
                    origin: claim.entry.origin, status: status, text: String(decoding: body, as: UTF8.self),
                    delayMs: rules.crawlDelay.map { Int(min($0, 60) * 1000) }))
        case .listing:
            guard let (source, _, hosts) = sources[claim.entry.source] else {
                return ClaimWork(completion: Completion(id: claim.id, state: .failed, outcome: "failed:unknown_source"))
            }
            let fetched: FetchOutcome
            switch await polite.get(url) {
            case .disallowed:
                return skippedByRobots(claim, url: url, kind: "listing")
            case let .fetched(outcome): fetched = outcome
            }
            switch fetched.usable() {
            case let .failure(problem):
                return failed(claim, reason: problem.reason, record: fetched.record(kind: "listing", url: url, outcome: "failed:" + problem.reason), known: nil)
            case let .success(response):
                var result = ClaimWork(
                    completion: Completion(id: claim.id, state: .done, outcome: "listing"),
                    fetch: fetched.record(kind: "listing", url: url, outcome: "listing"))
                result.counts.listingPages = 1
                switch ListingPage.read(response, source: source, allowedHosts: hosts, logger: logger) {
                case let .failure(failure):
                    result.completion = Completion(id: claim.id, state: .failed, outcome: "failed:" + failure.reason)
                    result.counts.failed = 1
                case let .success(page):
                    result.found = page.postings.map {
                        FrontierEntry(url: $0, origin: LinkResolver.origin(of: $0), source: source.name, kind: .posting)
                    }
                    if let next = page.next, claim.entry.page < source.maxPages {
                        result.found.append(
                            FrontierEntry(
                                url: next, origin: LinkResolver.origin(of: next), source: source.name, kind: .listing,
                                page: claim.entry.page + 1))
                    }
                }
                return result
            }
        case .posting:
            guard let (source, work, _) = sources[claim.entry.source] else {
                return ClaimWork(completion: Completion(id: claim.id, state: .failed, outcome: "failed:unknown_source"))
            }
            switch await work.process(url) {
            case let .stored(posting, page, fetch):
                var result = ClaimWork(completion: Completion(id: claim.id, state: .done, outcome: "stored"), fetch: fetch)
                result.posting = (posting, source.name)
                result.page = page
                result.counts.postingPages = 1
                return result
            case let .unchanged(fingerprint, page, fetch):
                var result = ClaimWork(completion: Completion(id: claim.id, state: .done, outcome: "unchanged"), fetch: fetch)
                result.unchanged = fingerprint
                result.page = page
                result.counts.unchanged = 1
                return result
            case .skipped:
                return skippedByRobots(claim, url: url, kind: "posting")
            case let .failed(failure, fetch, known):
                logger.warning("page skipped", metadata: ["url": "\(url)", "reason": "\(failure.reason)", "detail": "\(failure.detail)"])
                return failed(claim, reason: failure.reason, record: fetch, known: known)
            }
        }
    }

    /// A page robots.txt disallows: skipped, with a fetch record that says so.
    private func skippedByRobots(_ claim: Claim, url: String, kind: String) -> ClaimWork {
        var result = ClaimWork(
            completion: Completion(id: claim.id, state: .skipped, outcome: "skipped:robots"),
            fetch: FetchRecord(kind: kind, url: url, status: nil, bytes: 0, milliseconds: 0, retries: 0, outcome: "skipped:robots"))
        result.counts.skipped = 1
        return result
    }

    /// A failed page: back to the queue after a backoff when the fault may pass and tries are
    /// left, else failed for good.
    private func failed(_ claim: Claim, reason: String, record: FetchRecord, known: String?) -> ClaimWork {
        let status = Int(reason.dropFirst(5)) ?? 0
        let transient = ["timeout", "too_slow", "connect", "connection_lost"].contains(reason)
            || (reason.hasPrefix("http_") && RetryPolicy.isRetryable(status: status))
        let policy = RetryPolicy(retries: config.fetch.retries)
        if transient && claim.attempt <= policy.retries {
            return ClaimWork(
                completion: Completion(
                    id: claim.id, state: .retry, outcome: "failed:" + reason, known: known,
                    retryAfter: policy.delay(attempt: claim.attempt - 1, retryAfter: nil)),
                fetch: record)
        }
        var result = ClaimWork(completion: Completion(id: claim.id, state: .failed, outcome: "failed:" + reason, known: known), fetch: record)
        result.counts.failed = 1
        return result
    }
}
