import Foundation
import JobAnalyze
import JobExtract
import JobFetch
import JobModel
import JobNormalise
import JobReport
import JobStore
import Logging

/// What a run did, for the closing summary and the exit status.
public struct RunSummary: Sendable {
    public var runID: Int64 = 0
    public var listingPages = 0
    public var postingPages = 0
    public var postingsSeen = 0
    public var postingsNew = 0
    public var postingsUpdated = 0
    public var storedPostings = 0
    public var failures: [PageFailure] = []
    public var reports: [URL] = []
    public var seconds = 0.0

    /// Failures counted by reason, most frequent first.
    public var failuresByReason: [(String, Int)] {
        Dictionary(grouping: failures, by: \.reason).map { ($0.key, $0.value.count) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }
}

/// The nightly job: fetch every source, extract, normalise, store, then write the reports.
public struct Pipeline: Sendable {
    public let config: Config
    public let databasePath: String
    public let reportsDirectory: URL
    public let logger: Logger

    public init(config: Config, databasePath: String? = nil, reportsDirectory: String? = nil, logger: Logger) {
        self.config = config
        self.databasePath = databasePath ?? config.database
        self.reportsDirectory = URL(fileURLWithPath: reportsDirectory ?? config.reports)
        self.logger = logger
    }

    /// Postings upserted per transaction.
    static let batchSize = 100

    public func run() async throws -> RunSummary {
        let started = Date()
        let lock = try RunLock(databasePath: databasePath)
        defer { withExtendedLifetime(lock) {} }
        let store = try PostingStore(path: databasePath)
        var summary = RunSummary()
        summary.runID = try store.beginRun(at: Timestamp.now(), configHash: nil)
        let fetcher = Fetcher(
            options: FetchOptions(
                userAgent: config.fetch.userAgent, concurrency: config.fetch.concurrency,
                perHostConcurrency: config.fetch.perHostConcurrency, perHostDelayMs: config.fetch.perHostDelayMs,
                timeoutSeconds: config.fetch.timeoutSeconds, maxBytes: config.fetch.maxPageBytes))
        let normaliser = Normaliser(
            matcher: SkillMatcher(taxonomy: SkillTaxonomy.bundled.adding(config.extraSkills)),
            rates: config.analysis.rates)
        var runStatus = "failed"
        defer {
            var counts = RunCounts()
            counts.pagesFetched = summary.listingPages + summary.postingPages
            counts.pagesFailed = summary.failures.count
            counts.postingsSeen = summary.postingsSeen
            counts.postingsNew = summary.postingsNew
            counts.postingsUpdated = summary.postingsUpdated
            try? store.finishRun(summary.runID, at: Timestamp.now(), status: runStatus, counts: counts)
        }

        var seen = Set<String>()
        for source in config.sources {
            let crawler = Crawler(fetcher: fetcher, logger: logger)
            let startURLs = source.startURLs.compactMap { Self.absolute($0, configFile: config.file) }
            let listing = await crawler.crawl(source, startURLs: startURLs)
            summary.listingPages += listing.pagesFetched
            summary.failures += listing.failures
            logger.info(
                "crawled listings",
                metadata: ["source": "\(source.name)", "postings.found": "\(listing.postingURLs.count)",
                    "pages.count": "\(listing.pagesFetched)"])
            let defaults = PostingDefaults(
                source: source.name, company: source.company, industry: source.industry, country: source.country)
            let extractor = PostingExtractor(fields: source.fields)
            var batch: [(posting: Posting, source: String)] = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                let (new, updated) = try store.upsert(batch, run: summary.runID, at: Timestamp.now())
                summary.postingsNew += new
                summary.postingsUpdated += updated
                batch.removeAll()
            }
            try await withThrowingTaskGroup(of: PageOutcome.self) { group in
                var pending = listing.postingURLs[...]
                let window = max(2, config.fetch.concurrency * 2)
                func startNext() {
                    guard let url = pending.popFirst() else { return }
                    group.addTask {
                        await Self.process(url, fetcher: fetcher, extractor: extractor, normaliser: normaliser, defaults: defaults, logger: logger)
                    }
                }
                for _ in 0..<window { startNext() }
                while let outcome = try await group.next() {
                    startNext()
                    switch outcome {
                    case let .posting(posting):
                        summary.postingPages += 1
                        // The same posting under two URLs is stored once.
                        guard seen.insert(posting.fingerprint).inserted else { continue }
                        batch.append((posting, source.name))
                        if batch.count >= Self.batchSize { try flush() }
                    case let .failed(failure, fetched):
                        if fetched { summary.postingPages += 1 }
                        summary.failures.append(failure)
                        logger.warning(
                            "page skipped", metadata: ["url": "\(failure.url)", "reason": "\(failure.reason)", "detail": "\(failure.detail)"])
                    }
                }
            }
            try flush()
        }
        summary.postingsSeen = seen.count
        runStatus = summary.failures.isEmpty ? "ok" : "partial"

        summary.storedPostings = try store.postingCount()
        summary.reports = try Reporting.write(store: store, config: config, to: reportsDirectory)
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    enum PageOutcome: Sendable {
        case posting(Posting)
        case failed(PageFailure, fetched: Bool)
    }

    static func process(
        _ url: String, fetcher: Fetcher, extractor: PostingExtractor, normaliser: Normaliser,
        defaults: PostingDefaults, logger: Logger
    ) async -> PageOutcome {
        let response: FetchResponse
        switch await fetcher.fetch(url) {
        case let .success(fetched) where fetched.isSuccess:
            response = fetched
        case let .success(fetched):
            return .failed(PageFailure(url: url, reason: "http_\(fetched.status)", detail: "posting page"), fetched: false)
        case let .failure(error):
            return .failed(PageFailure(url: url, reason: error.reason, detail: error.description), fetched: false)
        }
        do {
            let (raw, skipped) = try extractor.extract(bytes: response.body, url: response.finalURL, contentType: response.contentType)
            for reason in skipped {
                logger.info("JSON-LD block skipped", metadata: ["url": "\(url)", "reason": "\(reason)"])
            }
            return .posting(normaliser.normalise(raw, url: url, defaults: defaults))
        } catch {
            let reason = error == .noPosting ? "no_posting" : "unparsable"
            return .failed(PageFailure(url: url, reason: reason, detail: error.description), fetched: true)
        }
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
    public static func write(store: PostingStore, config: Config, to directory: URL) throws -> [URL] {
        let postings = try store.postings().map(\.posting)
        let taxonomy = SkillTaxonomy.bundled.adding(config.extraSkills)
        let categories = Dictionary(taxonomy.skills.map { ($0.name, $0.category) }, uniquingKeysWith: { first, _ in first })
        let analysis = MarketAnalysis(postings: postings, minSample: config.analysis.minSample)
        return try ReportWriter(directory: directory, currency: config.analysis.currency).write(analysis, skillCategories: categories)
    }
}
