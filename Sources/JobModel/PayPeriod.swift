/// The period a pay amount is stated for.
public enum PayPeriod: String, Sendable, Codable, CaseIterable {
    case hour
    case day
    case week
    case month
    case year

    /// How many of this period make a working year: 2080 hours, 260 days, 52 weeks, 12 months.
    public var perYear: Double {
        switch self {
        case .hour: 2080
        case .day: 260
        case .week: 52
        case .month: 12
        case .year: 1
        }
    }
}
