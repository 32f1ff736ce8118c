import Foundation
import JobModel
import JobNormalise

/// The settings of `jobmarket.yml`. Keys may grow; the documented names and meanings stay.
public struct Config: Sendable {
    public struct Fetch: Sendable, Equatable {
        public var userAgent = "jobmarket/1.0 (+https://example.org/contact)"
        public var concurrency = 16
        public var perHostConcurrency = 2
        public var perHostDelayMs = 500
        public var timeoutSeconds = 30.0
        public var retries = 3
        public var maxPageBytes = 5_000_000
        public var respectRobots = true

        public init() {}
    }

    public struct Source: Sendable, Equatable {
        public var name: String
        public var company: String?
        public var industry: Industry?
        public var country: String?
        public var startURLs: [String]
        public var postingLinks: String
        public var nextPage: String?
        public var maxPages = 50
        /// XPath overrides by field name.
        public var fields: [String: String] = [:]
        /// Hosts besides the start URLs' that posting links may lead to.
        public var allowedHosts: [String] = []

        public init(name: String, startURLs: [String], postingLinks: String) {
            self.name = name
            self.startURLs = startURLs
            self.postingLinks = postingLinks
        }
    }

    public struct Analysis: Sendable, Equatable {
        public var minSample = 5
        public var currency = "USD"
        public var rates = CurrencyRates.bundled

        public init() {}
    }

    /// A file path (SQLite) or a `postgres://` URL.
    public var database = "jobmarket.sqlite"
    /// Folder the CSV reports are written to.
    public var reports = "reports"
    public var fetch = Fetch()
    public var sources: [Source] = []
    public var analysis = Analysis()
    /// A posting missed by this many complete runs in a row is marked closed.
    public var closeAfterRuns = 2
    /// Skills added to the bundled taxonomy.
    public var extraSkills: [Skill] = []
    /// The file the configuration was read from, if any.
    public var file: String?

    public init() {}
}

extension Config {
    /// A fingerprint of the settings that shape a run, kept in the run ledger.
    public var hash: String {
        let sourcesText = sources.map { source in
            [source.name, source.company ?? "", source.industry?.rawValue ?? "", source.country ?? "",
                source.startURLs.joined(separator: " "), source.postingLinks, source.nextPage ?? "", String(source.maxPages),
                source.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")]
                .joined(separator: "|")
        }
        return Fingerprint.of(
            [database, reports, String(analysis.minSample), analysis.currency, String(closeAfterRuns)] + sourcesText
                + extraSkills.map(\.name))
    }
}
