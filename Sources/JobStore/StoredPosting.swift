import JobModel

/// A posting as the database keeps it: the normalised posting with its history.
public struct StoredPosting: Sendable, Equatable {
    public var posting: Posting
    public var source: String
    /// When a run first and last saw it, ISO 8601 UTC.
    public var firstSeen: String
    public var lastSeen: String
    public var closedAt: String?

    public init(posting: Posting, source: String, firstSeen: String, lastSeen: String, closedAt: String? = nil) {
        self.posting = posting
        self.source = source
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.closedAt = closedAt
    }
}

/// What one run did, for the ledger.
public struct RunCounts: Sendable, Equatable {
    public var pagesFetched = 0
    public var pagesFailed = 0
    public var postingsSeen = 0
    public var postingsNew = 0
    public var postingsUpdated = 0

    public init() {}
}
