import JobModel

/// What a fetch of a page left to remember: its validators, body hash and posting.
public struct PageRecord: Sendable, Equatable {
    public var url: String
    public var status: Int
    public var etag: String?
    public var lastModified: String?
    public var bodyHash: String?
    /// The posting the page holds, once it has been stored.
    public var fingerprint: String?

    public init(
        url: String, status: Int, etag: String? = nil, lastModified: String? = nil, bodyHash: String? = nil,
        fingerprint: String? = nil
    ) {
        self.url = url
        self.status = status
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.fingerprint = fingerprint
    }
}

/// One fetch for the ledger.
public struct FetchRecord: Sendable, Equatable {
    /// `listing`, `posting` or `robots`.
    public var kind: String
    public var url: String
    public var status: Int?
    public var bytes: Int
    public var milliseconds: Int
    public var retries: Int
    /// `stored`, `unchanged`, `failed:<reason>`, `skipped:robots`, `listing`.
    public var outcome: String

    public init(kind: String, url: String, status: Int?, bytes: Int, milliseconds: Int, retries: Int, outcome: String) {
        self.kind = kind
        self.url = url
        self.status = status
        self.bytes = bytes
        self.milliseconds = milliseconds
        self.retries = retries
        self.outcome = outcome
    }
}

/// Work of a run written in one transaction: either all of it is stored or none.
public struct RunBatch: Sendable {
    public var postings: [(posting: Posting, source: String)] = []
    /// Postings seen unchanged (304 or the same body): only their last_seen moves.
    public var unchanged: [String] = []
    public var pages: [PageRecord] = []
    public var fetches: [FetchRecord] = []

    public init() {}

    public var isEmpty: Bool { postings.isEmpty && unchanged.isEmpty && pages.isEmpty && fetches.isEmpty }
    public var count: Int { postings.count + unchanged.count + fetches.count }
}
