/// Industry sector of an employer; each maps to a NAICS sector code.
public enum Industry: String, Sendable, Codable, CaseIterable, Comparable {
    case technology
    case finance
    case healthcare
    case retail
    case manufacturing
    case education
    case government
    case energy
    case media
    case transportation
    case consulting
    case telecommunications
    case realEstate = "real-estate"
    case hospitality

    /// The two-digit NAICS 2022 sector this industry stands for.
    public var naicsSector: String {
        switch self {
        case .technology: "51"  // Information (software publishers, data processing)
        case .finance: "52"
        case .healthcare: "62"
        case .retail: "44-45"
        case .manufacturing: "31-33"
        case .education: "61"
        case .government: "92"
        case .energy: "22"
        case .media: "51"
        case .transportation: "48-49"
        case .consulting: "54"
        case .telecommunications: "51"
        case .realEstate: "53"
        case .hospitality: "72"
        }
    }

    public static func < (lhs: Industry, rhs: Industry) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
