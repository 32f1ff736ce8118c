import JobHTML
import Testing

struct MicrodataItemTests {
    static let page = utf8(
        """
        <html><body>
        <div itemscope itemtype="https://schema.org/JobPosting">
          <h1 itemprop="title">Data Engineer</h1>
          <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
            <span itemprop="name">Acme Bank</span>
            <a itemprop="sameAs" href="https://acme.example">site</a>
          </div>
          <div itemprop="baseSalary" itemscope itemtype="https://schema.org/MonetaryAmount">
            <meta itemprop="currency" content="USD">
            <div itemprop="value" itemscope itemtype="https://schema.org/QuantitativeValue">
              <meta itemprop="minValue" content="120000">
              <meta itemprop="maxValue" content="150000">
              <meta itemprop="unitText" content="YEAR">
            </div>
          </div>
          <time itemprop="datePosted" datetime="2026-10-01">1 Oct</time>
          <p itemprop="description">Build  pipelines.</p>
        </div>
        <div itemscope itemtype="https://schema.org/BreadcrumbList"><span itemprop="name">Jobs</span></div>
        </body></html>
        """)

    @Test
    func readsNestedItemsAtTheRightLevel() throws {
        let items = try HTMLDocument(bytes: Self.page).microdataItems()
        #expect(items.map(\.typeName) == ["JobPosting", "BreadcrumbList"])
        let job = try #require(items.first)
        #expect(job.properties.map(\.name) == ["title", "hiringOrganization", "baseSalary", "datePosted", "description"])
        #expect(job.text("title") == "Data Engineer")
        #expect(job.text("datePosted") == "2026-10-01")
        #expect(job.text("description") == "Build pipelines.")
        // The organization's name belongs to the organization, not to the posting.
        #expect(job.text("name") == nil)

        let company = try #require(job.item("hiringOrganization"))
        #expect(company.typeName == "Organization")
        #expect(company.text("name") == "Acme Bank")
        #expect(company.text("sameAs") == "https://acme.example")
        #expect(job.text("hiringOrganization") == "Acme Bank")

        let salary = try #require(job.item("baseSalary"))
        #expect(salary.typeName == "MonetaryAmount")
        #expect(salary.text("currency") == "USD")
        #expect(salary.text("minValue") == nil)
        let value = try #require(salary.item("value"))
        #expect(value.typeName == "QuantitativeValue")
        #expect(value.text("minValue") == "120000")
        #expect(value.text("maxValue") == "150000")
        #expect(value.text("unitText") == "YEAR")
    }

    @Test
    func returnsNoItemsForAPageWithoutMicrodata() throws {
        #expect(try HTMLDocument(bytes: utf8("<html><body><h1>Jobs</h1></body></html>")).microdataItems().isEmpty)
    }

    @Test
    func readsAProsePropertyALinePerBlock() throws {
        let page = utf8(
            """
            <html><body><div itemscope itemtype="https://schema.org/JobPosting">
            <h1 itemprop="title">ML <b>Engineer</b></h1>
            <section itemprop="description"><h2>Job Description</h2><ul><li>Train models with PyTorch</li><li>Deploy with C++</li></ul></section>
            </div></body></html>
            """)
        for items in [try HTMLDocument(bytes: page).microdataItems(), try StreamedPage(bytes: page).microdataItems()] {
            let job = try #require(items.first)
            #expect(job.text("description") == "Job Description\nTrain models with PyTorch\nDeploy with C++")
            #expect(job.text("title") == "ML Engineer")
        }
    }
}

