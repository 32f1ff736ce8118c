/// A normalised posting: typed, canonical, annualised.
public struct Posting: Sendable, Equatable, Codable {
    public var url: String?
    public var title: String?
    public var canonicalTitle: String?
    public var role: String?
    public var level: Level?
    public var company: String?
    public var industry: Industry?
    public var location: String?
    public var remote: Bool?
    public var employmentType: String?
    public var datePosted: String?
    public var salary: Salary?
    public var skills: [String]
    public var education: [String]
    public var certifications: [String]
    public var extractedFrom: String?
    /// Stable identity of the posting across URLs and runs.
    public var fingerprint: String

    public init(
        url: String? = nil, title: String? = nil, canonicalTitle: String? = nil, role: String? = nil,
        level: Level? = nil, company: String? = nil, industry: Industry? = nil, location: String? = nil,
        remote: Bool? = nil, employmentType: String? = nil, datePosted: String? = nil, salary: Salary? = nil,
        skills: [String] = [], education: [String] = [], certifications: [String] = [],
        extractedFrom: String? = nil, fingerprint: String
    ) {
        self.url = url
        self.title = title
        self.canonicalTitle = canonicalTitle
        self.role = role
        self.level = level
        self.company = company
        self.industry = industry
        self.location = location
        self.remote = remote
        self.employmentType = employmentType
        self.datePosted = datePosted
        self.salary = salary
        self.skills = skills
        self.education = education
        self.certifications = certifications
        self.extractedFrom = extractedFrom
        self.fingerprint = fingerprint
    }
}
