/// Pay as the page states it: amounts in the page's currency and period.
public struct StatedPay: Sendable, Equatable, Codable {
    /// Lower bound as written; nil for "up to X".
    public var min: Double?
    /// Upper bound as written; nil for "from X" and "X+".
    public var max: Double?
    /// ISO 4217 code.
    public var currency: String
    public var period: PayPeriod

    public init(min: Double?, max: Double?, currency: String, period: PayPeriod) {
        self.min = min
        self.max = max
        self.currency = currency
        self.period = period
    }

    /// Lower bound over a working year.
    public var annualMin: Double? { min.map { $0 * period.perYear } }
    /// Upper bound over a working year.
    public var annualMax: Double? { max.map { $0 * period.perYear } }
}

/// Where a salary was read from.
public enum SalarySource: String, Sendable, Codable {
    case jsonld
    case microdata
    case selector
    case text
}

/// A posting's pay: the stated amounts, annualised, and converted to USD.
public struct Salary: Sendable, Equatable, Codable {
    public var stated: StatedPay
    public var annualMinUSD: Double?
    public var annualMaxUSD: Double?
    public var source: SalarySource
    /// True when the figure is the board's own estimate, not the employer's pay.
    public var isEstimate: Bool

    public init(
        stated: StatedPay, annualMinUSD: Double?, annualMaxUSD: Double?, source: SalarySource, isEstimate: Bool = false
    ) {
        self.stated = stated
        self.annualMinUSD = annualMinUSD
        self.annualMaxUSD = annualMaxUSD
        self.source = source
        self.isEstimate = isEstimate
    }

    /// The annual USD point a distribution uses: the midpoint of a closed range, or the one stated bound.
    public var annualMidpointUSD: Double? {
        switch (annualMinUSD, annualMaxUSD) {
        case let (lo?, hi?): (lo + hi) / 2
        case let (lo?, nil): lo
        case let (nil, hi?): hi
        case (nil, nil): nil
        }
    }
}
