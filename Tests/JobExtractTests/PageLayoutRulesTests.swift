import JobExtract
import JobModel
import Testing

/// Rules for board layouts beyond the common ones: search pages without an h1, career sites that
/// name the employer only in title tags or the logo, and pages whose posting is only in `<meta>` tags.
struct PageLayoutRulesTests {
    func html(title: String = "Jobs", head: String = "", body: String) -> [UInt8] {
        Array("<!doctype html><html><head><title>\(title)</title>\(head)</head><body>\(body)</body></html>".utf8)
    }

    func extract(_ bytes: [UInt8]) throws -> RawPosting {
        try PostingExtractor().extract(bytes: bytes).posting
    }

    @Test
    func readsTheOpenPostingOfASearchPageWithoutAnH1() throws {
        let cards = "<ul><li><h2 class=\"jobTitle\">Cloud Engineer</h2><span data-testid=\"company-name\">Trillium Grocers</span><div data-testid=\"text-location\">Toronto, ON</div><div>$88,000 - $102,000 a year</div></li></ul>"
        let pane = "<div class=\"jobsearch-RightPane\"><h2>DevOps Engineer</h2><div data-testid=\"inlineHeader-companyName\"><a>Maplecrest Telecom</a></div><div data-testid=\"inlineHeader-companyLocation\"><div>Mississauga, ON</div></div><div id=\"jobDescriptionText\"><p>Pay: $95,000–$115,000 a year</p><p>Run our Kubernetes clusters and pipelines for forty services.</p></div></div>"
        let raw = try extract(html(title: "Devops Engineer Jobs in Mississauga, ON | Indeed", body: cards + pane))
        #expect(raw.title == "DevOps Engineer")
        #expect(raw.company == "Maplecrest Telecom")
        #expect(raw.location == "Mississauga, ON")
        #expect(raw.salaryText?.hasPrefix("Pay: $95,000") == true)
    }

    @Test
    func readsWorkdayDataAutomationIDsAsHints() throws {
        let raw = try extract(html(body: "<h1>Data Engineer</h1><div data-automation-id=\"locations\"><span>Austin, TX</span></div><div data-automation-id=\"company\"><span>Larkspur Freight</span></div><div><p>We build data pipelines with Python and SQL.</p></div>"))
        #expect(raw.location == "Austin, TX")
        #expect(raw.company == "Larkspur Freight")
    }

    @Test
    func readsDataQaAttributesAsHints() throws {
        let raw = try extract(html(body: "<h1 data-qa=\"vacancy-title\">Аналитик данных</h1><a data-qa=\"vacancy-company-name\"><span>ООО «Уральская Сеть»</span></a><p data-qa=\"vacancy-view-location\">Екатеринбург, улица Малышева, 51</p><div><p>Анализ продаж.</p></div>"))
        #expect(raw.company == "ООО «Уральская Сеть»")
        #expect(raw.location == "Екатеринбург, улица Малышева, 51")
    }

    @Test
    func takesTheEmployerFromCareerTitleTags() throws {
        let og = try extract(html(
            title: "Careers | Prairiewind Renewables", head: "<meta property=\"og:title\" content=\"Careers at Prairiewind Renewables\">",
            body: "<h1>Staff Data Platform Engineer</h1><p>Wind farms.</p>"))
        #expect(og.company == "Prairiewind Renewables")
        let parts = try extract(html(
            title: "Careers | Prairiewind Renewables",
            body: "<h1>Staff Data Platform Engineer</h1><p>Prairiewind Renewables runs wind farms.</p>"))
        #expect(parts.company == "Prairiewind Renewables")
        // A board's own "Jobs | Board" names no employer the posting's text does not name.
        let board = try extract(html(title: "Jobs | Jobrooster", body: "<h1>Data Engineer</h1><p>Pipelines.</p>"))
        #expect(board.company == nil)
        let labelled = try extract(html(
            title: "Vacature: Senior Backend Developer – Dijkhuis Vastgoed – Eindhoven",
            body: "<h1>Senior Backend Developer</h1><p>Huurwoningen.</p>"))
        #expect(labelled.company == "Dijkhuis Vastgoed")
    }

    @Test
    func readsAChineseBoardTitleJoinedWithUnderscores() throws {
        let raw = try extract(html(
            title: "数据仓库工程师_北京京畿物流有限公司招聘_猎聘网",
            body: "<div><span class=\"name\">数据仓库工程师</span><span class=\"salary\">25-40k</span></div><p>负责数据仓库的模型设计与ETL开发。</p>"))
        #expect(raw.title == "数据仓库工程师")
        #expect(raw.company == "北京京畿物流有限公司")
        #expect(raw.salaryText?.contains("25-40k") == true)
    }

    @Test
    func takesTheEmployerFromACareersLogo() throws {
        let raw = try extract(html(
            body: "<div><a href=\"/\"><img alt=\"Saguaro Health System Careers\" src=\"/logo.png\"></a></div><h2>Cloud Security Engineer II</h2><p>Protect patient data.</p>"))
        #expect(raw.company == "Saguaro Health System")
    }

    @Test
    func readsAPostingGivenOnlyInMetaTags() throws {
        let head = "<meta property=\"og:title\" content=\"Cloud Engineer (m/w/d)\"><meta name=\"description\" content=\"Cloud Engineer (m/w/d) bei Alpenfunk Telekom AG in Innsbruck. Kubernetes, AWS. € 58.000 – € 68.000 brutto jährlich.\">"
        let raw = try extract(html(title: "Cloud Engineer (m/w/d) – Alpenfunk Telekom AG – Innsbruck", head: head, body: "<div id=\"app\"></div>"))
        #expect(raw.title == "Cloud Engineer (m/w/d)")
        #expect(raw.company == "Alpenfunk Telekom AG")
        #expect(raw.location == "Innsbruck")
        #expect(raw.salaryText?.contains("€ 58.000 – € 68.000") == true)
    }

    @Test
    func keepsThePlaceOfALabelledFactsLine() throws {
        let raw = try extract(html(body: "<h1>Senior Backend Developer</h1><div><span>Standplaats: Eindhoven</span> · <span>32–40 uur per week</span></div><p>Je bouwt API's.</p>"))
        #expect(raw.location == "Eindhoven")
        let pinned = try extract(html(body: "<h1>Data Engineer</h1><p class=\"job-location\">📍 Des Moines, Iowa</p><p>Pipelines.</p>"))
        #expect(pinned.location == "Des Moines, Iowa")
    }
}

extension PageLayoutRulesTests {
    @Test
    func leavesAPayBadgeOutOfTheTitle() throws {
        let raw = try extract(html(
            title: "Senior Python Developer | Джобрінг",
            body: "<h1><span>Senior Python Developer</span><span class=\"public-salary-item\">до $3500</span></h1><p>Продуктова компанія.</p>"))
        #expect(raw.title == "Senior Python Developer")
    }

    @Test
    func readsAFigureWithTheBoardsNoteBelowItAsAnEstimate() throws {
        let pane = "<h1>Machine Learning Scientist</h1><div>Corvanna Therapeutics</div><div id=\"desc\"><p>Train models.</p></div><section><h2>Base pay range</h2><div>$142K - $198K</div><div>/yr (Glassdoor est.)</div></section>"
        let raw = try extract(html(body: pane))
        #expect(raw.salaryText == nil)
        #expect(raw.estimateText == "$142K - $198K /yr (Glassdoor est.)")
        let indeed = try extract(html(body: "<h1>ML Engineer</h1><h3>Pay</h3><div>$118K - $149K a year</div><div>Estimated by Indeed</div><p>Build models.</p>"))
        #expect(indeed.salaryText == nil)
        #expect(indeed.estimateText == "$118K - $149K a year Estimated by Indeed")
        // A line that only happens to say "estimated" is no such note.
        let stated = try extract(html(body: "<h1>ML Engineer</h1><div>Salary: $118,000 - $149,000 a year</div><div>Estimated start: soon</div><p>Build models.</p>"))
        #expect(stated.salaryText == "Salary: $118,000 - $149,000 a year")
        #expect(stated.estimateText == nil)
    }

    @Test(arguments: ["Salary: Competitive", "Compensation: DOE", "Pay: not specified", "Salary negotiable"])
    func takesNoOtherPostingsPayWhenThePostingStatesNone(_ line: String) throws {
        let body = "<h1>Senior BI Developer</h1><p>\(line)</p><p>Build dashboards.</p><h2>Similar jobs</h2><article><h3>Data Analyst</h3><div>£34,000 per annum</div></article>"
        #expect(try extract(html(body: body)).salaryText == nil)
        // Without such a line the cards' figures stay the last resort.
        let plain = "<h1>Senior BI Developer</h1><p>Build dashboards.</p><h2>Similar jobs</h2><article><h3>Data Analyst</h3><div>£34,000 per annum</div></article>"
        #expect(try extract(html(body: plain)).salaryText == "£34,000 per annum")
    }

    @Test
    func readsATitleTagWhoseLowercaseIsLonger() throws {
        // "İ" lowercases to two scalars, so the lowercased part is longer than the part.
        let raw = try extract(html(title: "İK Uzmanı | Kariyer", body: "<h1>İK Uzmanı</h1><p>İnsan kaynakları.</p>"))
        #expect(raw.title == "İK Uzmanı")
        let at = try extract(html(title: "İK Uzmanı at Kestrel Yapı | Kariyer", body: "<h1>İK Uzmanı</h1><p>Bordro.</p>"))
        #expect(at.company == "Kestrel Yapı")
    }
}

