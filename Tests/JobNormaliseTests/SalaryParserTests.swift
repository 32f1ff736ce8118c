import JobModel
import JobNormalise
import Testing

/// One row of the salary table: the text and what a careful reader takes from it.
struct SalaryCase: CustomTestStringConvertible, Sendable {
    init(text: String, min: Double?, max: Double?, currency: String, period: PayPeriod, context: SalaryParser.Context = .init()) {
        self.text = text
        self.min = min
        self.max = max
        self.currency = currency
        self.period = period
        self.context = context
    }

    let text: String
    let min: Double?
    let max: Double?
    let currency: String
    let period: PayPeriod
    var context: SalaryParser.Context

    var testDescription: String { text }

    /// Parses the text and expects exactly the row's figures.
    func check() throws {
        let parsed = try #require(SalaryParser.parse(text, context: context))
        #expect(parsed.stated.min == min)
        #expect(parsed.stated.max == max)
        #expect(parsed.stated.currency == currency)
        #expect(parsed.stated.period == period)
    }
}

private func pay(
    _ text: String, _ min: Double?, _ max: Double?, _ currency: String, _ period: PayPeriod,
    context: SalaryParser.Context = .init()
) -> SalaryCase {
    SalaryCase(text: text, min: min, max: max, currency: currency, period: period, context: context)
}

struct SalaryParserTests {
    static let statedPay: [SalaryCase] = [
        pay("$120,000 - $150,000 a year", 120_000, 150_000, "USD", .year),
        pay("$118,000.00/yr - $142,000.00/yr", 118_000, 142_000, "USD", .year),
        pay("$40/hr - $55/hr", 40, 55, "USD", .hour),
        pay("The salary range for this role is $150,000 - $185,000 per year, plus equity.", 150_000, 185_000, "USD", .year),
        pay("$120K–$150K", 120_000, 150_000, "USD", .year),
        pay("$120K - $150K per year", 120_000, 150_000, "USD", .year),
        pay("$120k — $150k", 120_000, 150_000, "USD", .year),
        pay("$120k to $150k annually", 120_000, 150_000, "USD", .year),
        pay("$120-150K", 120_000, 150_000, "USD", .year),
        pay("$120K/yr", 120_000, 120_000, "USD", .year),
        pay("$100K - $500K", 100_000, 500_000, "USD", .year),
        pay("$53,300 - $215,750", 53_300, 215_750, "USD", .year),
        pay("$55/hr", 55, 55, "USD", .hour),
        pay("$55 / hour", 55, 55, "USD", .hour),
        pay("$22.38 an hour", 22.38, 22.38, "USD", .hour),
        pay("$27.85 - $41.77 an hour", 27.85, 41.77, "USD", .hour),
        pay("$48.50 per hour", 48.5, 48.5, "USD", .hour),
        pay("Hourly: $30 - $45", 30, 45, "USD", .hour),
        pay("$400 per day", 400, 400, "USD", .day),
        pay("$2,000 weekly", 2_000, 2_000, "USD", .week),
        pay("$9,500/month", 9_500, 9_500, "USD", .month),
        pay("$9,500/mo", 9_500, 9_500, "USD", .month),
        pay("£45,000 per annum", 45_000, 45_000, "GBP", .year),
        pay("£40,000 - £85,000 per annum", 40_000, 85_000, "GBP", .year),
        pay("£40k - £50k pa", 40_000, 50_000, "GBP", .year),
        pay("£45,000 p.a.", 45_000, 45_000, "GBP", .year),
        pay("£550 per day", 550, 550, "GBP", .day),
        pay("€70.000 – €85.000", 70_000, 85_000, "EUR", .year),
        pay("€3,700 - €4,200 per month", 3_700, 4_200, "EUR", .month),
        pay("€4,200 per month", 4_200, 4_200, "EUR", .month),
        pay("Salary between €4,450 and €6,000 per month", 4_450, 6_000, "EUR", .month),
        pay("40 k€ - 50 k€", 40_000, 50_000, "EUR", .year),
        pay("65.000 € brutto/Jahr", 65_000, 65_000, "EUR", .year),
        pay("EUR 70,000 - 85,000", 70_000, 85_000, "EUR", .year),
        pay("70,000 - 85,000 EUR per year", 70_000, 85_000, "EUR", .year),
        pay("USD 120,000", 120_000, 120_000, "USD", .year),
        pay("120 000 USD", 120_000, 120_000, "USD", .year),
        pay("US$140,000", 140_000, 140_000, "USD", .year),
        pay("CA$90,000 - CA$110,000", 90_000, 110_000, "CAD", .year),
        pay("A$130k", 130_000, 130_000, "AUD", .year),
        pay("CHF 120'000", 120_000, 120_000, "CHF", .year),
        pay("月給 283,333円", 283_333, 283_333, "JPY", .month),
        pay("年収 400万円", 4_000_000, 4_000_000, "JPY", .year),
        pay("年収 400万円～600万円", 4_000_000, 6_000_000, "JPY", .year),
        pay("от 150 000 руб.", 150_000, nil, "RUB", .month),
        pay("от 150 000 до 200 000 руб.", 150_000, 200_000, "RUB", .month),
        pay("до $3500", nil, 3_500, "USD", .month),
        pay("₹5L - ₹8L", 500_000, 800_000, "INR", .year),
        pay("12 LPA", 1_200_000, 1_200_000, "INR", .year),
        pay("Up to $140,000 per year", nil, 140_000, "USD", .year),
        pay("From $95,000 a year", 95_000, nil, "USD", .year),
        pay("Starting at $28/hr", 28, nil, "USD", .hour),
        pay("$90K+", 90_000, nil, "USD", .year),
        pay("$150,000 - $120,000", 120_000, 150_000, "USD", .year),
        pay("$74,596 - $96,978 per year", 74_596, 96_978, "USD", .year),
        pay("Pay: $1,234.56 per week", 1_234.56, 1_234.56, "USD", .week),
        pay("€ 55.000,00 - € 65.000,00", 55_000, 65_000, "EUR", .year),
        pay("Salary: $120,000 - $150,000 plus a $10,000 signing bonus", 120_000, 150_000, "USD", .year),
        pay("$130k", 130_000, 130_000, "AUD", .year, context: .forCountry("AU")),
        pay("$95,000 - $105,000", 95_000, 105_000, "CAD", .year, context: .forCountry("CA")),
        pay("¥8000/月", 8_000, 8_000, "CNY", .month, context: .forCountry("CN")),
        pay("55 per hour", 55, 55, "USD", .hour, context: .init(requireCurrency: false)),
    ]

    @Test(arguments: statedPay)
    func readsStatedPay(_ row: SalaryCase) throws {
        try row.check()
    }

    static let notPay: [String] = [
        "Competitive", "Competitive salary", "DOE", "Not specified", "Attractive remuneration",
        "We offer a 401(k) match", "We raised a $10M Series B", "3-5 years of experience",
        "Call +1 (555) 123-4567", "Posted 2026-11-02", "New York, NY 10001", "$1B revenue",
        "A $5,000 referral bonus", "$0.0 - $0.0", "We manage $2 billion in assets", "Plan B",
        "$0.50 per hour",  // under $1,500 a year: implausible
        "$950,000 per hour",
        "A signing bonus of $10,000 plus equity", "We raised $40M plus a credit line",
    ]

    @Test(arguments: notPay)
    func refusesWhatIsNotPay(_ text: String) {
        #expect(SalaryParser.parse(text) == nil)
    }

    @Test
    func annualisesWithTheDocumentedHours() throws {
        let hourly = try #require(SalaryParser.parse("$55/hr"))
        #expect(hourly.stated.annualMin == 114_400)
        let monthly = try #require(SalaryParser.parse("€4,200 per month"))
        #expect(monthly.stated.annualMax == 50_400)
        let daily = try #require(SalaryParser.parse("$400 per day"))
        #expect(daily.stated.annualMin == 104_000)
        let weekly = try #require(SalaryParser.parse("$2,000 weekly"))
        #expect(weekly.stated.annualMin == 104_000)
    }

    @Test
    func flagsAnInferredPeriod() throws {
        #expect(try #require(SalaryParser.parse("$120K–$150K")).periodInferred)
        #expect(try !#require(SalaryParser.parse("$120K–$150K a year")).periodInferred)
    }
}
