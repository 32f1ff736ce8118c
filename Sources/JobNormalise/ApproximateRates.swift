/// Rough US-dollar values used only to judge plausibility and infer a missing period.
///
/// Reports convert with the dated table in the configuration (`analysis.fx`), never with these.
enum ApproximateRates {
    static let usdPerUnit: [String: Double] = [
        "USD": 1, "EUR": 1.08, "GBP": 1.27, "CAD": 0.73, "AUD": 0.66, "NZD": 0.6, "CHF": 1.13, "JPY": 0.0067,
        "CNY": 0.14, "INR": 0.012, "RUB": 0.011, "UAH": 0.024, "PLN": 0.25, "SEK": 0.095, "NOK": 0.093,
        "DKK": 0.145, "CZK": 0.043, "HUF": 0.0027, "SGD": 0.74, "HKD": 0.128, "BRL": 0.18, "MXN": 0.055,
        "ZAR": 0.055, "KRW": 0.00072, "ILS": 0.27, "AED": 0.27, "TRY": 0.029, "PHP": 0.017, "VND": 0.00004,
        "NGN": 0.00065, "THB": 0.028,
    ]
}
