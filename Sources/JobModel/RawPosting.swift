/// Where a field of a raw posting was read from.
public enum FieldOrigin: String, Sendable, Codable {
    case jsonld
    case microdata
    case selector
    case meta
    case text
    case config
}

/// Structured pay as found in JSON-LD or microdata, before normalisation.
public struct StructuredPay: Sendable, Equatable, Codable {
    public var min: Double?
    public var max: Double?
    public var value: Double?
    public var currency: String?
    public var unitText: String?

    public init(min: Double? = nil, max: Double? = nil, value: Double? = nil, currency: String? = nil, unitText: String? = nil) {
        self.min = min
        self.max = max
        self.value = value
        self.currency = currency
        self.unitText = unitText
    }
}

/// A posting as found on a page: strings as written, with where each came from.
public struct RawPosting: Sendable, Equatable, Codable {
    public var title: String?
    public var company: String?
    public var industry: String?
    public var location: String?
    public var country: String?
    public var remote: Bool?
    public var employmentType: String?
    public var datePosted: String?
    public var identifier: String?
    public var description: String?
    /// Pay phrase found in the visible text or a selector.
    public var salaryText: String?
    /// Pay from structured data.
    public var structuredPay: StructuredPay?
    /// The board's own estimate (schema.org `estimatedSalary`, "Glassdoor est."): never the employer's pay.
    public var estimatedPay: StructuredPay?
    /// An estimate phrase from the visible text ("$120K - $150K (Glassdoor est.)").
    public var estimateText: String?
    /// Origin of each field that was found, keyed by field name.
    public var origins: [String: FieldOrigin]

    public init() {
        origins = [:]
    }

    /// Where the posting as a whole came from: the origin of its title.
    public var extractedFrom: FieldOrigin? { origins["title"] }
}
