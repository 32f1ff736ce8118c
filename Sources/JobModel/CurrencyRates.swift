/// A dated table of US-dollar values of one unit of each currency.
public struct CurrencyRates: Sendable, Equatable, Codable {
    /// The day the rates were read, `YYYY-MM-DD`.
    public var asOf: String
    /// USD per one unit of the currency, by ISO 4217 code.
    public var usdPerUnit: [String: Double]

    public init(asOf: String, usdPerUnit: [String: Double]) {
        self.asOf = asOf
        self.usdPerUnit = usdPerUnit
    }

    /// The rates jobmarket ships with; a config's `analysis.fx` overrides any of them.
    public static let bundled = CurrencyRates(
        asOf: "2026-11-01",
        usdPerUnit: [
            "USD": 1, "EUR": 1.08, "GBP": 1.27, "CAD": 0.72, "AUD": 0.65, "NZD": 0.59, "CHF": 1.13, "JPY": 0.0066,
            "CNY": 0.14, "INR": 0.0119, "RUB": 0.0108, "UAH": 0.024, "PLN": 0.25, "SEK": 0.094, "NOK": 0.091,
            "DKK": 0.145, "CZK": 0.043, "HUF": 0.0027, "SGD": 0.75, "HKD": 0.128, "BRL": 0.18, "MXN": 0.054,
            "ZAR": 0.055, "KRW": 0.00072, "ILS": 0.27, "AED": 0.2723, "TRY": 0.029,
        ])

    /// These rates with `overrides` taking precedence, dated by `asOf` when given.
    public func overriding(_ overrides: [String: Double], asOf newDate: String?) -> CurrencyRates {
        CurrencyRates(asOf: newDate ?? asOf, usdPerUnit: usdPerUnit.merging(overrides) { _, new in new })
    }

    /// An amount in US dollars, or nil when the currency is not in the table.
    public func usd(_ amount: Double, from currency: String) -> Double? {
        usdPerUnit[currency.uppercased()].map { ($0 * amount * 100).rounded() / 100 }
    }
}
