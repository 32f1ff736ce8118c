import Foundation
import JobAnalyze
import JobExtract
import JobFetch
import JobModel
import JobNormalise
import JobReport
import JobStore
import JobStorePostgres
import Logging

/// What a run did, for the closing summary and the exit status.
public struct RunSummary: Sendable {
    public var runID: Int64 = 0
    public var listingPages = 0
    /// Posting pages fetched and extracted.
    public var postingPages = 0
    /// Posting pages not re-extracted: 304 Not Modified, or the same body as last time.
    public var unchanged = 0
    public var skippedByRobots = 0
    public var postingsSeen = 0
    public var postingsNew = 0
    public var postingsUpdated = 0
    public var storedPostings = 0
    public var failures: [PageFailure] = []
    public var reports: [URL] = []
    public var seconds = 0.0

    /// The counts the run ledger keeps.
    var ledgerCounts: RunCounts {
        var counts = RunCounts()
        counts.pagesFetched = listingPages + postingPages + unchanged
        counts.pagesFailed = failures.count
        counts.postingsSeen = postingsSeen
        counts.postingsNew = postingsNew
        counts.postingsUpdated = postingsUpdated
        return counts
    }

    /// Failures counted by reason, most frequent first.
    public var failuresByReason: [(String, Int)] {
        Dictionary(grouping: failures, by: \.reason).map { ($0.key, $0.value.count) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }
}

/// How far a run is, for a progress line.
public struct RunProgress: Sendable {
    public var source: String
    public var found: Int
    public var done: Int
    public var failed: Int
    public var seconds: Double
}

/// The nightly job: fetch every source, extract, normalise, store, then write the reports.
public struct Pipeline: Sendable {
    public let config: Config
    public let databasePath: String
    public let reportsDirectory: URL
    public let logger: Logger
    /// Called after each posting page; the command shows it as a progress line.
    public var onProgress: (@Sendable (RunProgress) -> Void)?

    public init(config: Config, databasePath: String? = nil, reportsDirectory: String? = nil, logger: Logger) {
        self.config = config
        self.databasePath = databasePath ?? config.database
        self.reportsDirectory = URL(fileURLWithPath: reportsDirectory ?? config.reports)
        self.logger = logger
    }

    /// Work items written per transaction.
    static let batchSize = 100

    /// Worker processes a run on PostgreSQL starts (`run --workers N`); without a `workerCommand`
    /// the run works in this process.
    public var workers = 1
    /// How long a worker's claim on a URL lasts before another worker may take it.
    public var leaseSeconds = 120.0
    /// The command that starts a worker process: the executable and the arguments before the
    /// worker's own (`--run`, `--name`, `--lease`).
    public var workerCommand: [String] = []

    public func run() async throws -> RunSummary {
        let (store, lock) = try Storage.openLocked(databasePath)
        defer { withExtendedLifetime(lock) {} }
        if let postgres = store as? PostgresStore { return try await runOnFrontier(postgres) }
        return try await runHere(store)
    }

    /// The run in this process alone.
    private func runHere(_ store: any PostingStorage) async throws -> RunSummary {
        let started = Date()
        var summary = RunSummary()
        summary.runID = try store.beginRun(at: Timestamp.now(), configHash: config.hash)
        let fetcher = Fetcher(
            options: FetchOptions(
                userAgent: config.fetch.userAgent, concurrency: config.fetch.concurrency,
                perHostConcurrency: config.fetch.perHostConcurrency, perHostDelayMs: config.fetch.perHostDelayMs,
                timeoutSeconds: config.fetch.timeoutSeconds, maxBytes: config.fetch.maxPageBytes))
        let polite = PoliteFetcher(
            fetcher: fetcher,
            robots: RobotsCache(fetcher: fetcher, userAgent: config.fetch.userAgent, enabled: config.fetch.respectRobots),
            policy: RetryPolicy(retries: config.fetch.retries))
        let normaliser = Normaliser(
            matcher: SkillMatcher(taxonomy: SkillTaxonomy.bundled.adding(config.extraSkills)),
            rates: config.analysis.rates)
        // Sources whose listing pages were all read, and postings whose page failed for a reason
        // that does not show them gone: what closing may and may not conclude from this run.
        var completeSources: [String] = []
        var unsure: [String] = []
        func finish(_ status: String) throws {
            try store.finishRun(
                summary.runID, at: Timestamp.now(), status: status, counts: summary.ledgerCounts,
                completeSources: completeSources,
                unsure: unsure, closeAfterRuns: config.closeAfterRuns)
        }
        var finished = false
        defer {
            // A run that stops on an error closes nothing and says so in the ledger.
            if !finished {
                do { try finish("failed") } catch {
                    logger.error("cannot record the end of the run", metadata: ["error": "\(error)"])
                }
            }
        }

        var seenPostings = Set<String>()
        var seenURLs = Set<String>()
        var batch = RunBatch()
        func flush() throws {
            guard !batch.isEmpty else { return }
            let (new, updated, _) = try store.commit(batch, run: summary.runID, at: Timestamp.now())
            summary.postingsNew += new
            summary.postingsUpdated += updated
            batch = RunBatch()
        }

        for source in config.sources {
            let crawler = Crawler(fetcher: polite, logger: logger)
            let startURLs = source.startURLs.compactMap { Self.absolute($0, configFile: config.file) }
            let listing = await crawler.crawl(source, startURLs: startURLs)
            summary.listingPages += listing.pagesFetched
            summary.failures += listing.failures
            summary.skippedByRobots += listing.skippedByRobots.count
            batch.fetches += listing.fetches
            if listing.failures.isEmpty && listing.skippedByRobots.isEmpty { completeSources.append(source.name) }
            // A URL linked from two sources is fetched once per run.
            let urls = listing.postingURLs.filter { seenURLs.insert($0).inserted }
            logger.info(
                "crawled listings",
                metadata: ["source": "\(source.name)", "postings.found": "\(urls.count)",
                    "pages.count": "\(listing.pagesFetched)"])
            let work = PostingWork(
                fetcher: polite, store: store, extractor: PostingExtractor(fields: source.fields), normaliser: normaliser,
                defaults: PostingDefaults(source: source.name, company: source.company, industry: source.industry, country: source.country),
                logger: logger)
            var done = 0
            var failed = 0
            try await withThrowingTaskGroup(of: PostingWork.Outcome.self) { group in
                var pending = urls[...]
                func startNext() {
                    guard let url = pending.popFirst() else { return }
                    group.addTask { await work.process(url) }
                }
                // Enough tasks to keep every transfer slot busy, few enough to keep memory flat.
                for _ in 0..<max(2, config.fetch.concurrency * 2) { startNext() }
                while let outcome = try await group.next() {
                    startNext()
                    done += 1
                    switch outcome {
                    case let .stored(posting, page, fetch):
                        summary.postingPages += 1
                        batch.fetches.append(fetch)
                        batch.pages.append(page)
                        // The same posting under two URLs is stored once.
                        if seenPostings.insert(posting.fingerprint).inserted { batch.postings.append((posting, source.name)) }
                    case let .unchanged(fingerprint, page, fetch):
                        summary.unchanged += 1
                        batch.fetches.append(fetch)
                        batch.pages.append(page)
                        if seenPostings.insert(fingerprint).inserted { batch.unchanged.append(fingerprint) }
                    case let .skipped(url):
                        summary.skippedByRobots += 1
                        batch.fetches.append(
                            FetchRecord(kind: "posting", url: url, status: nil, bytes: 0, milliseconds: 0, retries: 0, outcome: "skipped:robots"))
                    case let .failed(failure, fetch, known):
                        failed += 1
                        if let known, !["http_404", "http_410", "no_posting"].contains(failure.reason) { unsure.append(known) }
                        summary.failures.append(failure)
                        batch.fetches.append(fetch)
                        logger.warning(
                            "page skipped",
                            metadata: ["url": "\(failure.url)", "reason": "\(failure.reason)", "detail": "\(failure.detail)"])
                    }
                    if batch.count >= Self.batchSize { try flush() }
                    onProgress?(
                        RunProgress(source: source.name, found: urls.count, done: done, failed: failed, seconds: Date().timeIntervalSince(started)))
                }
            }
            try flush()
        }
        batch.fetches += await polite.robots.drainFetched().map {
            FetchRecord(kind: "robots", url: $0.url, status: $0.status, bytes: $0.bytes, milliseconds: $0.milliseconds, retries: 0, outcome: "robots")
        }
        try flush()
        summary.postingsSeen = seenPostings.count
        try finish(summary.failures.isEmpty ? "ok" : "partial")
        finished = true

        summary.storedPostings = try store.postingCount()
        summary.reports = try Reporting.write(store: store, config: config, to: reportsDirectory)
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// An absolute URL for a start URL; a relative path is taken relative to the config file's folder.
    static func absolute(_ url: String, configFile: String?) -> String? {
        if let components = URLComponents(string: url), components.scheme != nil { return url }
        let base = configFile.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return URL(fileURLWithPath: url, relativeTo: base).standardizedFileURL.absoluteString
    }
}

/// Writes the reports from what the database holds.
public enum Reporting {
    /// The report facts of the selected postings, folded from the store's report scans.
    public static func facts(store: any ReportSource, selection: PostingStore.Selection = .open) throws -> MarketFacts {
        try StoreFacts.load(store, selection)
    }

    /// Writes every report over the selected postings (by default those still open).
    public static func write(
        store: any ReportSource, config: Config, to directory: URL, selection: PostingStore.Selection = .open
    ) throws -> [URL] {
        let taxonomy = SkillTaxonomy.bundled.adding(config.extraSkills)
        let categories = Dictionary(taxonomy.skills.map { ($0.name, $0.category) }, uniquingKeysWith: { first, _ in first })
        let analysis = MarketAnalysis(facts: try StoreFacts.load(store, selection), minSample: config.analysis.minSample)
        let trend = try TrendFacts.load(store, minSample: config.analysis.minSample)
        return try ReportWriter(directory: directory, currency: config.analysis.currency)
            .write(analysis, skillCategories: categories, trend: trend, generatedAt: Timestamp.now())
    }
}
