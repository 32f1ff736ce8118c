import JobModel
import JobNormalise
import Testing

struct NormaliserTests {
    let normaliser = Normaliser()

    @Test(arguments: [
        StructuredPay(min: 0, max: 0, currency: "USD", unitText: "YEAR"),
        StructuredPay(value: 0, currency: "USD", unitText: "YEAR"),
        StructuredPay(min: 0, max: 0),
    ])
    func treatsAZeroPlaceholderAsNoSalary(_ pay: StructuredPay) {
        let posting = normaliser.normalise(rawPosting(pay: pay), url: nil)
        #expect(posting.salary == nil)
    }

    @Test
    func annualisesHourlyStructuredPay() throws {
        let pay = StructuredPay(min: 50, max: 60, currency: "USD", unitText: "HOUR")
        let salary = try #require(normaliser.normalise(rawPosting(pay: pay), url: nil).salary)
        #expect(salary.stated == StatedPay(min: 50, max: 60, currency: "USD", period: .hour))
        #expect(salary.annualMinUSD == 104_000)
        #expect(salary.annualMaxUSD == 124_800)
        #expect(salary.source == .jsonld)
        #expect(salary.isEstimate == false)
    }

    @Test
    func convertsWithTheConfiguredRates() throws {
        let rates = CurrencyRates(asOf: "2026-01-01", usdPerUnit: ["USD": 1, "EUR": 1.10, "GBP": 1.25])
        let normaliser = Normaliser(rates: rates)
        let euros = StructuredPay(min: 70_000, max: 85_000, currency: "EUR", unitText: "YEAR")
        let eur = try #require(normaliser.normalise(rawPosting(pay: euros), url: nil).salary)
        #expect(eur.stated.currency == "EUR")
        #expect(eur.annualMinUSD == 77_000)
        #expect(eur.annualMaxUSD == 93_500)

        let gbp = try #require(normaliser.normalise(rawPosting(salaryText: "£45,000 per annum"), url: nil).salary)
        #expect(gbp.stated == StatedPay(min: 45_000, max: 45_000, currency: "GBP", period: .year))
        #expect(gbp.annualMinUSD == 56_250)
        #expect(gbp.source == .text)
    }

    @Test
    func leavesUSDUnsetForACurrencyWithoutARate() throws {
        let rates = CurrencyRates(asOf: "2026-01-01", usdPerUnit: ["USD": 1])
        let pay = StructuredPay(min: 70_000, max: 85_000, currency: "EUR", unitText: "YEAR")
        let salary = try #require(Normaliser(rates: rates).normalise(rawPosting(pay: pay), url: nil).salary)
        #expect(salary.stated.currency == "EUR")
        #expect(salary.annualMinUSD == nil)
        #expect(salary.annualMaxUSD == nil)
    }

    @Test
    func readsABareDollarOnAnAustralianPostingAsAUD() throws {
        let text = try #require(
            normaliser.normalise(rawPosting(salaryText: "Salary: $120,000 - $140,000 per year", country: "AU"), url: nil).salary)
        #expect(text.stated.currency == "AUD")
        #expect(text.annualMinUSD == 78_000)

        let fromDefaults = try #require(
            normaliser.normalise(
                rawPosting(salaryText: "$120,000 - $140,000 per year"), url: nil,
                defaults: PostingDefaults(country: "AU")
            ).salary)
        #expect(fromDefaults.stated.currency == "AUD")

        let structured = StructuredPay(min: 120_000, max: 140_000, currency: "$", unitText: "YEAR")
        let json = try #require(normaliser.normalise(rawPosting(pay: structured, country: "AU"), url: nil).salary)
        #expect(json.stated.currency == "AUD")
    }

    @Test
    func readsABareDollarElsewhereAsUSD() throws {
        let salary = try #require(normaliser.normalise(rawPosting(salaryText: "$120,000 - $140,000 per year"), url: nil).salary)
        #expect(salary.stated.currency == "USD")
        #expect(salary.annualMinUSD == 120_000)
    }

    @Test(arguments: [
        ("Data Scientist", "Requires 7+ years of experience in ML.", Level.senior),
        ("Data Scientist", "3-5 years of experience with Python.", .mid),
        ("Data Analyst", "0-1 years of experience; new graduates welcome.", .entry),
        ("Data Scientist", "You love data.", .mid),
        ("Senior Data Scientist", "2 years of experience.", .senior),
        ("Junior Data Analyst", "5+ years of experience preferred.", .entry),
        ("Staff Data Engineer", "1 year of experience.", .lead),
    ])
    func decidesLevelByExperienceOnlyWhenTheTitleHasNone(_ title: String, _ description: String, _ level: Level) {
        #expect(normaliser.normalise(rawPosting(title: title, description: description), url: nil).level == level)
    }

    @Test
    func givesTheSameFingerprintForTheSameIdentifierOnTwoURLs() {
        let posting = rawPosting(title: "Data Scientist", company: "Acme", identifier: "REQ-48213")
        let first = normaliser.normalise(posting, url: "https://acme.example/jobs/48213")
        let second = normaliser.normalise(posting, url: "https://acme.example/jobs/48213?utm_source=board")
        #expect(first.fingerprint == second.fingerprint)

        var retitled = posting
        retitled.title = "Senior Data Scientist"
        #expect(normaliser.normalise(retitled, url: nil).fingerprint == first.fingerprint)

        let other = rawPosting(title: "Data Scientist", company: "Acme", identifier: "REQ-48214")
        #expect(normaliser.normalise(other, url: nil).fingerprint != first.fingerprint)
    }

    @Test
    func givesTheSameFingerprintForTheSameContentWithoutAnIdentifier() {
        let posting = rawPosting(title: "Data Scientist", description: "Predict churn.", company: "Acme")
        let first = normaliser.normalise(posting, url: "https://a.example/1")
        let second = normaliser.normalise(posting, url: "https://b.example/2")
        #expect(first.fingerprint == second.fingerprint)
        let changed = rawPosting(title: "Data Scientist", description: "Detect fraud.", company: "Acme")
        #expect(normaliser.normalise(changed, url: nil).fingerprint != first.fingerprint)
    }

    @Test
    func fingerprintsAreStableHexAndSeparateTheParts() {
        let value = Fingerprint.of(["id", "acme", "req-1"])
        #expect(value == Fingerprint.of(["id", "acme", "req-1"]))
        #expect(value.count == 32)
        #expect(value.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(Fingerprint.of(["ab", "c"]) != Fingerprint.of(["a", "bc"]))
    }

    @Test
    func fillsTitleSkillsAndDefaults() {
        let posting = normaliser.normalise(
            rawPosting(title: "Sr. ML Engineer (Remote)", description: "Python, PyTorch and k8s. MSc preferred."),
            url: "https://x.example/1",
            defaults: PostingDefaults(source: "x", company: "Initech", industry: .finance))
        #expect(posting.canonicalTitle == "Machine Learning Engineer")
        #expect(posting.role == "machine-learning-engineer")
        #expect(posting.level == .senior)
        #expect(posting.company == "Initech")
        #expect(posting.industry == .finance)
        #expect(posting.remote == true)
        #expect(posting.skills == ["Python", "PyTorch", "Kubernetes"])
        #expect(posting.education == ["master"])
        #expect(posting.url == "https://x.example/1")
        #expect(posting.extractedFrom == "jsonld")
    }
}
