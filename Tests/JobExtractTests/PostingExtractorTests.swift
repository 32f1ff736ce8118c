import JobExtract
import JobModel
import Testing

/// A page whose head holds the given JSON-LD scripts and whose body is `body`.
func page(jsonld scripts: [String] = [], head: String = "", body: String) -> [UInt8] {
    let tags = scripts.map { "<script type=\"application/ld+json\">\($0)</script>" }.joined()
    return Array("<!doctype html><html><head>\(head)\(tags)</head><body>\(body)</body></html>".utf8)
}

func extract(_ bytes: [UInt8], fields: [String: String] = [:]) throws -> (posting: RawPosting, skipped: [String]) {
    try PostingExtractor(fields: fields).extract(bytes: bytes, url: "https://jobs.example/1")
}

struct PostingExtractorTests {
    static let fullPosting = """
        {"@context": "https://schema.org", "@type": "JobPosting", "title": "Senior Data Scientist",
         "hiringOrganization": {"@type": "Organization", "name": "Acme Bank"},
         "identifier": {"@type": "PropertyValue", "name": "Acme", "value": "REQ-123"},
         "datePosted": "2026-10-01", "employmentType": "FULL_TIME", "industry": "Financial Services",
         "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Austin",
            "addressRegion": "TX", "addressCountry": "US"}},
         "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": 120000, "maxValue": 150000, "unitText": "YEAR"}},
         "description": "Model credit risk."}
        """

    @Test
    func readsAJSONLDPosting() throws {
        let (raw, skipped) = try extract(page(jsonld: [Self.fullPosting], body: "<h1>Careers at Acme</h1>"))
        #expect(skipped.isEmpty)
        #expect(raw.title == "Senior Data Scientist")
        #expect(raw.company == "Acme Bank")
        #expect(raw.identifier == "REQ-123")
        #expect(raw.location == "Austin, TX, US")
        #expect(raw.country == "US")
        #expect(raw.industry == "Financial Services")
        #expect(raw.employmentType == "FULL_TIME")
        #expect(raw.datePosted == "2026-10-01")
        #expect(raw.description == "Model credit risk.")
        #expect(raw.structuredPay == StructuredPay(min: 120_000, max: 150_000, currency: "USD", unitText: "YEAR"))
        #expect(raw.extractedFrom == .jsonld)
    }

    @Test
    func readsASingleValueSalary() throws {
        let script = """
            {"@type": "JobPosting", "title": "Data Analyst", "baseSalary": {"@type": "MonetaryAmount",
             "currency": "GBP", "value": {"@type": "QuantitativeValue", "value": "45000", "unitText": "YEAR"}}}
            """
        let (raw, _) = try extract(page(jsonld: [script], body: "<p>x</p>"))
        #expect(raw.structuredPay == StructuredPay(value: 45_000, currency: "GBP", unitText: "YEAR"))
        #expect(raw.origins["salary"] == .jsonld)
    }

    @Test
    func readsAFlatSalaryValue() throws {
        let script = """
            {"@type": "JobPosting", "title": "Data Analyst",
             "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR", "value": 4200, "unitText": "MONTH"}}
            """
        let (raw, _) = try extract(page(jsonld: [script], body: "<p>x</p>"))
        #expect(raw.structuredPay == StructuredPay(value: 4_200, currency: "EUR", unitText: "MONTH"))
    }

    @Test
    func repairsBrokenJSONLDOnAPage() throws {
        let script = "{\"@type\": \"JobPosting\", \"title\": \"ML Engineer\",\n \"description\": \"Ship models.\nDaily.\"};"
        let (raw, skipped) = try extract(page(jsonld: [script], body: "<h1>Other</h1>"))
        #expect(skipped.isEmpty)
        #expect(raw.title == "ML Engineer")
        #expect(raw.description == "Ship models.\nDaily.")
    }

    @Test
    func skipsHopelessJSONLDAndFallsBackToTheText() throws {
        let script = #"{"@type": "JobPosting", "title": "Data Scientist", "baseSalary": {"#
        let body = "<h1>Data Analyst</h1><p>Salary: $60,000 - $70,000 a year</p><p>Location: Denver, CO</p>"
        let (raw, skipped) = try extract(page(jsonld: [script], body: body))
        #expect(skipped.count == 1)
        #expect(raw.title == "Data Analyst")
        #expect(raw.origins["title"] == .text)
        #expect(raw.salaryText?.hasPrefix("Salary: $60,000 - $70,000 a year") == true)
        #expect(raw.location == "Denver, CO")
    }

    @Test
    func turnsEntitiesAndEscapedHTMLIntoText() throws {
        let script = """
            {"@type": "JobPosting", "title": "Data &amp; Analytics Engineer",
             "hiringOrganization": {"name": "Smith &amp; Sons"},
             "description": "&lt;p&gt;We use &lt;b&gt;Python&lt;/b&gt; &amp;amp; SQL.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Build models&lt;/li&gt;&lt;/ul&gt;"}
            """
        let (raw, _) = try extract(page(jsonld: [script], body: "<p>x</p>"))
        #expect(raw.title == "Data & Analytics Engineer")
        #expect(raw.company == "Smith & Sons")
        let description = try #require(raw.description)
        #expect(description.contains("We use Python & SQL."))
        #expect(description.contains("Build models"))
        #expect(!description.contains("<"))
        #expect(!description.contains("&lt;"))
        #expect(!description.contains("&amp;"))
    }

    @Test
    func readsHTMLDescriptionsAsText() throws {
        let script = #"{"@type": "JobPosting", "title": "Analyst", "description": "<p>Pay: &euro;50.000</p><br><p>Remote</p>"}"#
        let (raw, _) = try extract(page(jsonld: [script], body: "<p>x</p>"))
        // Paragraphs stay on lines of their own.
        #expect(raw.description == "Pay: €50.000\nRemote")
    }

    @Test
    func prefersTheOwnPostingOverSimilarJobsInText() throws {
        let body = """
            <h1>Senior Data Scientist</h1><p>Salary: $120,000 - $150,000 a year</p><p>Location: Austin, TX</p>
            <p>Join our risk team.</p>
            <aside><h2>Similar jobs</h2><ul>
              <li><h3>Data Analyst</h3> Salary: $60,000 - $70,000 a year · Location: Boston, MA</li>
              <li><h3>ML Engineer</h3> $200,000 - $250,000</li></ul></aside>
            """
        let (raw, _) = try extract(page(body: body))
        #expect(raw.title == "Senior Data Scientist")
        #expect(raw.salaryText?.split(separator: "\n").first == "Salary: $120,000 - $150,000 a year")
        #expect(raw.location == "Austin, TX")
    }

    @Test
    func prefersTheOwnPayLineOverASimilarJobThatSaysSalary() throws {
        // Boards print the pay under the title without a label; the similar-jobs cards below say "Salary".
        let body = """
            <h1>Senior Data Scientist</h1><p>$120,000 - $150,000 a year</p><p>Join our risk team.</p>
            <aside><h2>Similar jobs</h2><ul><li>Data Analyst. Salary: $60,000 - $70,000 a year</li></ul></aside>
            """
        let (raw, _) = try extract(page(body: body))
        #expect(raw.salaryText?.split(separator: "\n").first == "$120,000 - $150,000 a year")
    }

    @Test
    func prefersTheOwnJSONLDPostingOverSimilarJobs() throws {
        let own = #"[{"@type": "JobPosting", "title": "Data Engineer"}, {"@type": "JobPosting", "title": "Other", "hiringOrganization": "Other Co"}]"#
        let (raw, _) = try extract(page(jsonld: [own], body: "<h1>x</h1>"))
        #expect(raw.title == "Data Engineer")
        #expect(raw.company == nil)
    }

    @Test
    func ignoresSimilarJobsInALaterScript() throws {
        let own = #"{"@type": "JobPosting", "title": "Data Engineer", "hiringOrganization": {"name": "Acme"}}"#
        let similar = """
            {"@type": "ItemList", "name": "Similar jobs", "itemListElement": [{"@type": "ListItem", "item":
             {"@type": "JobPosting", "title": "Staff Data Engineer", "hiringOrganization": {"name": "Globex"},
              "jobLocation": {"address": {"addressLocality": "Paris", "addressCountry": "FR"}},
              "baseSalary": {"currency": "EUR", "value": {"minValue": 90000, "maxValue": 110000}}}}]}
            """
        let (raw, _) = try extract(page(jsonld: [own, similar], body: "<p>Build data pipelines.</p>"))
        #expect(raw.title == "Data Engineer")
        #expect(raw.company == "Acme")
        #expect(raw.structuredPay == nil)
        #expect(raw.location != "Paris, FR")
        #expect(raw.country != "FR")
    }

    @Test
    func fallsBackToTheOpenGraphTitle() throws {
        let head = #"<meta property="og:title" content="Data Engineer"><title>Jobs | Acme</title>"#
        let (raw, _) = try extract(page(head: head, body: "<p>Build pipelines.</p>"))
        #expect(raw.title == "Data Engineer")
        #expect(raw.origins["title"] == .meta)
    }

    @Test(arguments: [
        ("Data Engineer | Acme Careers", "Data Engineer"),
        ("Senior Data Scientist - Globex Jobs", "Senior Data Scientist"),
        ("ML Engineer", "ML Engineer"),
    ])
    func fallsBackToTheDocumentTitleWithoutTheSiteName(_ title: String, _ expected: String) throws {
        let (raw, _) = try extract(page(head: "<title>\(title)</title>", body: "<p>Build pipelines.</p>"))
        #expect(raw.title == expected)
        #expect(raw.origins["title"] == .meta)
    }

    @Test
    func usesASelectorOverride() throws {
        let body = """
            <h1>Data Engineer</h1><div class="pay">55 per hour</div>
            <p>We raised $40,000,000 in 2025.</p><div id="where">Leeds</div>
            """
        let fields = ["salary": "//*[@class='pay']", "location": "//div[@id='where']"]
        let (raw, _) = try extract(page(body: body), fields: fields)
        #expect(raw.salaryText == "55 per hour")
        #expect(raw.origins["salary"] == .selector)
        #expect(raw.location == "Leeds")
        #expect(raw.origins["location"] == .selector)
    }

    @Test
    func letsStructuredPayWinOverASalarySelector() throws {
        let (raw, _) = try extract(
            page(jsonld: [Self.fullPosting], body: "<div class='pay'>$1 an hour</div>"),
            fields: ["salary": "//*[@class='pay']"])
        #expect(raw.structuredPay?.min == 120_000)
        #expect(raw.salaryText == nil)
        #expect(raw.origins["salary"] == .jsonld)
    }

    @Test(arguments: [
        "<p>Welcome to our blog. We write about things.</p>",
        "<div><span>Nothing</span> <em>here</em></div>",
        "",
    ])
    func throwsWhenNothingIsJobLike(_ body: String) {
        #expect(throws: ExtractError.noPosting) { try extract(page(body: body)) }
    }

    @Test
    func recordsTheOriginOfEachField() throws {
        let script = #"{"@type": "JobPosting", "title": "Data Scientist", "description": "Predict churn."}"#
        let body = """
            <div itemscope itemtype="https://schema.org/JobPosting">
              <span itemprop="title">Ignored Title</span>
              <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
                <span itemprop="name">Initech</span></div>
              <div itemprop="baseSalary" itemscope itemtype="https://schema.org/MonetaryAmount">
                <meta itemprop="currency" content="USD">
                <div itemprop="value" itemscope itemtype="https://schema.org/QuantitativeValue">
                  <meta itemprop="minValue" content="90000"><meta itemprop="maxValue" content="110000">
                  <meta itemprop="unitText" content="YEAR"></div></div>
            </div>
            <p>Location: Remote, US</p>
            """
        let (raw, _) = try extract(page(jsonld: [script], body: body))
        #expect(raw.title == "Data Scientist")
        #expect(raw.company == "Initech")
        #expect(raw.structuredPay == StructuredPay(min: 90_000, max: 110_000, currency: "USD", unitText: "YEAR"))
        #expect(raw.location == "Remote, US")
        #expect(raw.origins == [
            "title": .jsonld, "description": .jsonld, "company": .microdata, "salary": .microdata,
            "location": .text,
        ])
    }
}
