import JobModel
import JobNormalise
import Testing

/// More of the pay forms real boards print, beyond the core table in SalaryParserTests.
struct SalaryFormsTests {
    static let forms: [SalaryCase] = [
        // Range separators.
        SalaryCase(text: "$90,000 – $110,000", min: 90_000, max: 110_000, currency: "USD", period: .year),
        SalaryCase(text: "$90,000—$110,000 per year", min: 90_000, max: 110_000, currency: "USD", period: .year),
        SalaryCase(text: "$90,000 to $110,000 per year", min: 90_000, max: 110_000, currency: "USD", period: .year),
        SalaryCase(text: "$90k-$110k/yr", min: 90_000, max: 110_000, currency: "USD", period: .year),
        SalaryCase(text: "90K - 110K USD", min: 90_000, max: 110_000, currency: "USD", period: .year),
        SalaryCase(text: "USD 90K to 110K annually", min: 90_000, max: 110_000, currency: "USD", period: .year),
        // Suffixes and separators.
        SalaryCase(text: "$1.2M - $1.5M", min: 1_200_000, max: 1_500_000, currency: "USD", period: .year),
        SalaryCase(text: "$95.5K", min: 95_500, max: 95_500, currency: "USD", period: .year),
        SalaryCase(text: "€ 65 000 – 75 000 per year", min: 65_000, max: 75_000, currency: "EUR", period: .year),
        SalaryCase(text: "CHF 110'000 - 130'000", min: 110_000, max: 130_000, currency: "CHF", period: .year),
        SalaryCase(text: "65.000,00 € brutto/Jahr", min: 65_000, max: 65_000, currency: "EUR", period: .year),
        SalaryCase(text: "£32,500.50 per annum", min: 32_500.5, max: 32_500.5, currency: "GBP", period: .year),
        SalaryCase(text: "$1,234,567 per year", min: 1_234_567, max: 1_234_567, currency: "USD", period: .year),
        // Currencies before and after.
        SalaryCase(text: "120000 USD per year", min: 120_000, max: 120_000, currency: "USD", period: .year),
        SalaryCase(text: "EUR 55,000", min: 55_000, max: 55_000, currency: "EUR", period: .year),
        SalaryCase(text: "55,000 EUR", min: 55_000, max: 55_000, currency: "EUR", period: .year),
        SalaryCase(text: "GBP 60,000 - 70,000", min: 60_000, max: 70_000, currency: "GBP", period: .year),
        SalaryCase(text: "60,000 - 70,000 GBP pa", min: 60_000, max: 70_000, currency: "GBP", period: .year),
        SalaryCase(text: "C$85,000", min: 85_000, max: 85_000, currency: "CAD", period: .year),
        SalaryCase(text: "CAD 85,000 - 95,000", min: 85_000, max: 95_000, currency: "CAD", period: .year),
        SalaryCase(text: "AU$140k", min: 140_000, max: 140_000, currency: "AUD", period: .year),
        SalaryCase(text: "AUD 140,000 - 160,000", min: 140_000, max: 160_000, currency: "AUD", period: .year),
        SalaryCase(text: "₹12,00,000 - ₹18,00,000", min: 1_200_000, max: 1_800_000, currency: "INR", period: .year),
        SalaryCase(text: "INR 15 LPA", min: 1_500_000, max: 1_500_000, currency: "INR", period: .year),
        SalaryCase(text: "₹25 Lakh", min: 2_500_000, max: 2_500_000, currency: "INR", period: .year),
        SalaryCase(text: "¥6,000,000 per year", min: 6_000_000, max: 6_000_000, currency: "JPY", period: .year),
        SalaryCase(text: "SGD 8,000 per month", min: 8_000, max: 8_000, currency: "SGD", period: .month),
        SalaryCase(text: "PLN 20 000 miesięcznie", min: 20_000, max: 20_000, currency: "PLN", period: .month),
        SalaryCase(text: "120 000 ₽ в месяц", min: 120_000, max: 120_000, currency: "RUB", period: .month),
        SalaryCase(text: "до 200 000 руб.", min: nil, max: 200_000, currency: "RUB", period: .month),
        SalaryCase(text: "від 60 000 грн", min: 60_000, max: nil, currency: "UAH", period: .month),
        // Periods.
        SalaryCase(text: "$45 per hour", min: 45, max: 45, currency: "USD", period: .hour),
        SalaryCase(text: "$45/hour", min: 45, max: 45, currency: "USD", period: .hour),
        SalaryCase(text: "$45 hourly", min: 45, max: 45, currency: "USD", period: .hour),
        SalaryCase(text: "$45 an hour", min: 45, max: 45, currency: "USD", period: .hour),
        SalaryCase(text: "£18.50 ph", min: 18.5, max: 18.5, currency: "GBP", period: .hour),
        SalaryCase(text: "€35 pro Stunde", min: 35, max: 35, currency: "EUR", period: .hour),
        SalaryCase(text: "$600 per day", min: 600, max: 600, currency: "USD", period: .day),
        SalaryCase(text: "£450 a day", min: 450, max: 450, currency: "GBP", period: .day),
        SalaryCase(text: "€500 par jour", min: 500, max: 500, currency: "EUR", period: .day),
        SalaryCase(text: "$1,800 per week", min: 1_800, max: 1_800, currency: "USD", period: .week),
        SalaryCase(text: "$1,800/week", min: 1_800, max: 1_800, currency: "USD", period: .week),
        SalaryCase(text: "$8,000 monthly", min: 8_000, max: 8_000, currency: "USD", period: .month),
        SalaryCase(text: "$8,000 a month", min: 8_000, max: 8_000, currency: "USD", period: .month),
        SalaryCase(text: "€3.500 brutto pro Monat", min: 3_500, max: 3_500, currency: "EUR", period: .month),
        SalaryCase(text: "3 500 € par mois", min: 3_500, max: 3_500, currency: "EUR", period: .month),
        SalaryCase(text: "€2.000 al mese", min: 2_000, max: 2_000, currency: "EUR", period: .month),
        SalaryCase(text: "£50,000 yearly", min: 50_000, max: 50_000, currency: "GBP", period: .year),
        SalaryCase(text: "$140,000 annually", min: 140_000, max: 140_000, currency: "USD", period: .year),
        SalaryCase(text: "55 000 € par an", min: 55_000, max: 55_000, currency: "EUR", period: .year),
        SalaryCase(text: "€60.000 per jaar", min: 60_000, max: 60_000, currency: "EUR", period: .year),
        SalaryCase(text: "RAL 40.000 €", min: 40_000, max: 40_000, currency: "EUR", period: .year),
        SalaryCase(text: "年薪 30万元", min: 300_000, max: 300_000, currency: "CNY", period: .year),
        SalaryCase(text: "時給 1,500円", min: 1_500, max: 1_500, currency: "JPY", period: .hour),
        // Open ranges.
        SalaryCase(text: "up to £65,000", min: nil, max: 65_000, currency: "GBP", period: .year),
        SalaryCase(text: "Up to $75/hr", min: nil, max: 75, currency: "USD", period: .hour),
        SalaryCase(text: "from €50,000 per year", min: 50_000, max: nil, currency: "EUR", period: .year),
        SalaryCase(text: "Starting at $25 an hour", min: 25, max: nil, currency: "USD", period: .hour),
        SalaryCase(text: "Starting from $60,000", min: 60_000, max: nil, currency: "USD", period: .year),
        SalaryCase(text: "At least $100k", min: 100_000, max: nil, currency: "USD", period: .year),
        SalaryCase(text: "$150K+ base", min: 150_000, max: nil, currency: "USD", period: .year),
        SalaryCase(text: "ab 70.000 € brutto/Jahr", min: 70_000, max: nil, currency: "EUR", period: .year),
        SalaryCase(text: "à partir de 45 000 € par an", min: 45_000, max: nil, currency: "EUR", period: .year),
        SalaryCase(text: "bis zu 90.000 €", min: nil, max: 90_000, currency: "EUR", period: .year),
        // In sentences.
        SalaryCase(text: "The base salary range for this role is $150,000 to $180,000.", min: 150_000, max: 180_000, currency: "USD", period: .year),
        SalaryCase(text: "Compensation: $65 - $80 per hour, depending on experience", min: 65, max: 80, currency: "USD", period: .hour),
        SalaryCase(text: "Pay range: $27.85 - $41.77 an hour", min: 27.85, max: 41.77, currency: "USD", period: .hour),
        SalaryCase(text: "Salary: £40k-£50k + benefits", min: 40_000, max: 50_000, currency: "GBP", period: .year),
        SalaryCase(text: "We raised a $40M Series B. Salary: $130,000 - $160,000", min: 130_000, max: 160_000, currency: "USD", period: .year),
        SalaryCase(text: "Bonus of $10,000. Base pay $120,000 per year.", min: 120_000, max: 120_000, currency: "USD", period: .year),
        SalaryCase(text: "GS-13: $74,596 - $96,978 per year", min: 74_596, max: 96_978, currency: "USD", period: .year),
        SalaryCase(text: "Gehalt: 60.000 - 75.000 EUR", min: 60_000, max: 75_000, currency: "EUR", period: .year),
        SalaryCase(text: "Salaire : 55 000 € - 65 000 € par an", min: 55_000, max: 65_000, currency: "EUR", period: .year),
        SalaryCase(text: "Retribuzione: 35.000 - 42.000 € lordi annui", min: 35_000, max: 42_000, currency: "EUR", period: .year),
        SalaryCase(text: "Зарплата от 150 000 до 250 000 ₽", min: 150_000, max: 250_000, currency: "RUB", period: .month),
        SalaryCase(text: "年収 600万円～900万円", min: 6_000_000, max: 9_000_000, currency: "JPY", period: .year),
        SalaryCase(text: "月给 15000-25000 元", min: 15_000, max: 25_000, currency: "CNY", period: .month),
    ]

    @Test(arguments: forms)
    func readsTheForm(_ row: SalaryCase) throws {
        try row.check()
    }

    static let notPay: [String] = [
        "We raised $120M in Series C funding", "$5M ARR", "401k with 4% match", "Annual revenue of $2B",
        "Sign-on bonus: $15,000", "$5,000 referral bonus for every hire", "Equity: $50,000 in RSUs",
        "5+ years of experience", "Founded in 2015", "Call us at 555-123-4567", "Zip code 94105",
        "Salary: Competitive", "DOE", "Pay: Not specified", "Tuition reimbursement up to $5,250",
        "$0 - $0", "Relocation budget $10,000",
    ]

    @Test(arguments: notPay)
    func refusesTheNonPay(_ text: String) {
        #expect(SalaryParser.parse(text) == nil)
    }
}
