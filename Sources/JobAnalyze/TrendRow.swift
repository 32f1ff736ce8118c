/// One group's state after one run, for the trend report.
public struct TrendRow: Sendable, Equatable {
    /// The day the run started.
    public var day: String
    public var run: Int64
    public var level: String
    public var industry: String
    /// Postings first seen in this run.
    public var new: Int
    /// Postings open after this run.
    public var open: Int
    /// Postings this run closed.
    public var closed: Int
    public var withSalary: Int
    /// Median annual USD midpoint of the open postings; nil below `min_sample`.
    public var median: Double?

    public init(
        day: String, run: Int64, level: String, industry: String, new: Int, open: Int, closed: Int, withSalary: Int,
        median: Double?
    ) {
        self.day = day
        self.run = run
        self.level = level
        self.industry = industry
        self.new = new
        self.open = open
        self.closed = closed
        self.withSalary = withSalary
        self.median = median
    }
}

/// The key of a trend group: a run and a level × industry group.
public struct TrendKey: Hashable, Sendable {
    public var run: Int64
    public var group: GroupKey

    public init(run: Int64, group: GroupKey) {
        self.run = run
        self.group = group
    }
}
