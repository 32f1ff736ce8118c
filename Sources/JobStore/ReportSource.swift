/// One selected posting as the reports read it.
public struct ReportPosting: Sendable, Equatable {
    public var level: String?
    public var industry: String?
    /// The canonical title, else the title as found.
    public var title: String?
    /// Annual USD midpoint: the mean of the annual minimum and maximum, or the one stated; nil
    /// when the posting states no pay or its pay is a job board's estimate.
    public var midpoint: Double?
    /// Annual USD minimum and maximum of the range; nil when not stated or an estimate.
    public var rangeMin: Double?
    public var rangeMax: Double?
    /// The skills the posting names (canonical names; a repeat counts once).
    public var skills: [String]

    public init(
        level: String?, industry: String?, title: String?, midpoint: Double?, rangeMin: Double?, rangeMax: Double?,
        skills: [String]
    ) {
        self.level = level
        self.industry = industry
        self.title = title
        self.midpoint = midpoint
        self.rangeMin = rangeMin
        self.rangeMax = rangeMax
        self.skills = skills
    }
}

/// A run of the ledger that ended normally (`ok` or `partial`).
public struct ReportRun: Sendable, Equatable {
    public var id: Int64
    /// The day it started (UTC), `YYYY-MM-DD`.
    public var day: String

    public init(id: Int64, day: String) {
        self.id = id
        self.day = day
    }
}

/// One stored posting's life in the run ledger, for the trend report (every posting, whatever the selection).
public struct ReportPostingRuns: Sendable, Equatable {
    /// The run that first saw it.
    public var firstRun: Int64
    /// The run that closed it; nil while open.
    public var closedRun: Int64?
    public var level: String?
    public var industry: String?
    /// As `ReportPosting.midpoint` (the current pay).
    public var midpoint: Double?

    public init(firstRun: Int64, closedRun: Int64?, level: String?, industry: String?, midpoint: Double?) {
        self.firstRun = firstRun
        self.closedRun = closedRun
        self.level = level
        self.industry = industry
        self.midpoint = midpoint
    }
}

/// What the reports read from a store: plain scans, rows in any order, with no grouping, sorting
/// or arithmetic beyond each row's own midpoint. Every count, percentile and sample is computed
/// from these rows in `JobAnalyze`, so any backend that yields the same rows (in whatever order)
/// gives byte-identical reports.
public protocol ReportSource {
    /// Runs `body` with a reader whose scans all see one unchanging state of the store (a read
    /// transaction); the reports scan the same rows several times and need them to agree.
    func withReportReader<T>(_ body: (any ReportReader) throws -> T) throws -> T
}

/// The scans of one consistent state of a store. Valid only inside `withReportReader`.
public protocol ReportReader {
    /// Every selected posting, once, in any order.
    func scanPostings(_ selection: PostingStore.Selection, _ body: (ReportPosting) throws -> Void) throws
    /// The latest `limit` runs that ended normally (status `ok` or `partial`), oldest first.
    func finishedRuns(limit: Int) throws -> [ReportRun]
    /// Every stored posting first seen in or before run `lastRun` (open or closed, whatever the
    /// selection), once, in any order.
    func scanPostingRuns(through lastRun: Int64, _ body: (ReportPostingRuns) throws -> Void) throws
}
