import JobExtract
import JobModel
import Testing

/// The rules that find a posting's company, location and industry when no structured data names them.
struct CompanyLocationRulesTests {
    func html(title: String = "Jobs", head: String = "", body: String) -> [UInt8] {
        Array("<!doctype html><html><head><title>\(title)</title>\(head)</head><body>\(body)</body></html>".utf8)
    }

    @Test
    func readsAGreenhouseAtCompanyByline() throws {
        let (raw, _) = try extract(html(
            title: "Job Application for Data Analyst at Fernhollow Clinics",
            body: "<div id=\"header\"><h1 class=\"app-title\">Data Analyst</h1><span class=\"company-name\">at Fernhollow Clinics</span><div class=\"location\">Boston, MA</div></div><p>We analyse clinics.</p>"))
        #expect(raw.company == "Fernhollow Clinics")
        #expect(raw.location == "Boston, MA")
    }

    @Test
    func readsTheTitleAndCompanyOfALeverPage() throws {
        let (raw, _) = try extract(html(
            title: "Brackenby - Data Engineer", head: "<meta property=\"og:title\" content=\"Brackenby - Data Engineer\">",
            body: "<div class=\"posting-headline\"><h2>Data Engineer</h2><div class=\"posting-categories\"><div class=\"sort-by-time posting-category location\">Denver, CO</div></div></div><p>About us.</p>"))
        #expect(raw.title == "Data Engineer")
        #expect(raw.company == "Brackenby")
        #expect(raw.location == "Denver, CO")
    }

    @Test
    func readsAnAshbyTitleAtCompany() throws {
        let (raw, _) = try extract(html(
            title: "Senior Backend Engineer @ Gullwing", body: "<h1>Senior Backend Engineer</h1><p>We build things.</p>"))
        #expect(raw.company == "Gullwing")
    }

    @Test
    func skipsContractAndPlaceInTitleTagParts() throws {
        let (raw, _) = try extract(html(
            title: "Lead Data Engineer - Contract - Ravensmoor Consulting - JobBoard",
            body: "<h1>Lead Data Engineer</h1><p>Work with data.</p>"))
        #expect(raw.company == "Ravensmoor Consulting")
        let (french, _) = try extract(html(
            title: "Data Engineer H/F - Nantes - EmploisBoard",
            body: "<h1>Data Engineer H/F</h1><p>Entreprise : Kerlann Assurances</p><p>Lieu : Nantes (44)</p>"))
        #expect(french.company == "Kerlann Assurances")
        #expect(french.location == "Nantes (44)")
    }

    @Test
    func takesTheCompanyAfterACareerWordOfTheTitleTag() throws {
        let (raw, _) = try extract(html(
            title: "データエンジニア | 採用情報 | ひかり商事株式会社", body: "<h1>データエンジニア</h1><p>仕事内容</p>"))
        #expect(raw.company == "ひかり商事株式会社")
    }

    @Test
    func readsLabelsInOtherLanguages() throws {
        let (german, _) = try extract(html(body: "<h1>Data Scientist (m/w/d)</h1><dl><dt>Unternehmen</dt><dd>Moselwerk AG</dd><dt>Standort</dt><dd>Trier</dd></dl>"))
        #expect(german.company == "Moselwerk AG")
        #expect(german.location == "Trier")
        let (japanese, _) = try extract(html(body: "<h1>データエンジニア</h1><table><tr><th>会社名</th><td>あおば運輸株式会社</td></tr><tr><th>勤務地</th><td>宮城県仙台市青葉区</td></tr></table>"))
        #expect(japanese.company == "あおば運輸株式会社")
        #expect(japanese.location == "宮城県仙台市青葉区")
        let (chinese, _) = try extract(html(body: "<h1>数据分析师</h1><ul><li><span>公司名称：</span><span>杭州青松零售有限公司</span></li><li><span>工作地点：</span><span>杭州</span></li></ul>"))
        #expect(chinese.company == "杭州青松零售有限公司")
        #expect(chinese.location == "杭州")
        let (russian, _) = try extract(html(body: "<h1>ML-инженер</h1><p><span>Местоположение:</span> Томск</p><p><span>Компания:</span> Томские Сети</p>"))
        #expect(russian.location == "Томск")
        #expect(russian.company == "Томские Сети")
    }

    @Test
    func dropsALabelThatTheValueRepeats() throws {
        let (raw, _) = try extract(html(body: "<h1>算法工程师</h1><div class=\"job-location\">工作地址上海市徐汇区漕溪北路88号</div>"))
        #expect(raw.location == "上海市徐汇区漕溪北路88号")
    }

    @Test
    func prefersTheCompanyNameToItsContainerAndSkipsTheLocationHint() throws {
        let pane = """
            <h1>data analyst jobs in Denver, CO</h1><ul><li><span class="companyName">Other Co</span></li></ul>
            <div id="jobsearch-ViewjobPaneWrapper"><h2>BI Analyst</h2>
            <div data-testid="jobsearch-CompanyInfoContainer"><div data-testid="inlineHeader-companyName"><a>Stonebridge Goods</a></div>
            <span>3.8 out of 5 stars</span><div data-testid="inlineHeader-companyLocation">Denver, CO 80202</div></div>
            <div><p>Build dashboards for our stores and our shoppers every week.</p></div></div>
            """
        let (raw, _) = try extract(html(body: pane))
        #expect(raw.company == "Stonebridge Goods")
        #expect(raw.location == "Denver, CO 80202")
    }

    @Test
    func takesTheNearestEmployerAboveTheTitleWithoutItsRating() throws {
        let body = """
            <ul><li><div class="JobCard_employer">Card Company<span>3.1</span></div></li></ul>
            <header><div class="EmployerProfile_employerInfo"><h4>Wrenfield Bank</h4><span>4.1</span></div>
            <h1>Data Scientist</h1><div data-test="location">Charlotte, NC</div></header><p>Credit models.</p>
            """
        let (raw, _) = try extract(html(body: body))
        #expect(raw.company == "Wrenfield Bank")
    }

    @Test
    func readsABylineOfCompanyAndPlace() throws {
        let (raw, _) = try extract(html(body: "<h1>Backend Engineer</h1><div class=\"meta\">Larchmere · Berlin, Germany · 2 days ago</div><p>Go.</p>"))
        #expect(raw.company == "Larchmere")
        #expect(raw.location == "Berlin, Germany")
        let (mode, _) = try extract(html(body: "<h1>ML Engineer</h1><a>Kitewing</a><div><span>San Diego • In office</span></div><p>Models.</p>"))
        #expect(mode.company == "Kitewing")
        #expect(mode.location == "San Diego")
    }

    @Test
    func readsTheIndustryAfterTheCompanySizeAndUnderALabel() throws {
        let (raw, _) = try extract(html(body: "<h1>Staff Data Scientist</h1><ul><li>1,001-5,000 employees · Software Development</li></ul>"))
        #expect(raw.industry == "Software Development")
        let (labelled, _) = try extract(html(body: "<h1>Data Engineer</h1><ul><li><h3>Industries</h3><span>Truck Transportation</span></li></ul>"))
        #expect(labelled.industry == "Truck Transportation")
    }

    @Test
    func rejectsFundingFactsAsACompany() throws {
        let body = "<h1>Founding Engineer</h1><div class=\"companyFacts\"><h3>Funding</h3><p>$120M Series C</p></div><p>Build.</p>"
        let (raw, _) = try extract(html(body: body))
        #expect(raw.company == nil)
    }

    @Test
    func readsALabelAloneInATableCell() throws {
        let body = "<table><tr><td><h1>Sr. Java Developer</h1></td></tr><tr><td><b>Company</b></td><td>Corrigan Data Services</td></tr><tr><td><b>Location</b></td><td>Hoboken, NJ 07030</td></tr></table>"
        let (raw, _) = try extract(html(body: body))
        #expect(raw.company == "Corrigan Data Services")
        #expect(raw.location == "Hoboken, NJ 07030")
    }

    @Test
    func readsTheCompanyAfterATitleThatHoldsASeparator() throws {
        let (raw, _) = try extract(html(
            title: "Sr. Java Developer - Spring Boot - Corrigan Data - TechBoard",
            body: "<h1>Sr. Java Developer - Spring Boot</h1><p>Java.</p>"))
        #expect(raw.company == "Corrigan Data")
    }

    @Test
    func writesAJapaneseJSONLDAddressPrefectureFirst() throws {
        let script = """
            {"@type": "JobPosting", "title": "MLエンジニア", "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
             "addressLocality": "渋谷区", "addressRegion": "東京都", "addressCountry": "JP"}}}
            """
        let (raw, _) = try extract(page(jsonld: [script], body: "<p>x</p>"))
        #expect(raw.location == "東京都渋谷区, JP")
    }

    @Test
    func readsPayFromTheStructuredDescriptionOfAnEmptyPage() throws {
        let script = """
            {"@type": "JobPosting", "title": "Senior Analytics Engineer", "hiringOrganization": {"name": "Larchfield Grocers"},
             "description": "<p>Model store data with dbt.</p><p>Pay range: $120,000 - $150,000 annually.</p>"}
            """
        let (raw, _) = try extract(page(jsonld: [script], body: "<div id=\"root\"></div>"))
        #expect(raw.salaryText?.contains("$120,000 - $150,000") == true)
    }

    @Test
    func readsCompanyAndPlaceOfATitleTagWithBeiAndIn() throws {
        let (raw, _) = try extract(html(
            title: "Senior Data Engineer (m/w/d) bei Weserkai Logistik GmbH in Bremen | JobBoard",
            body: "<h1>Senior Data Engineer (m/w/d)</h1><p>Python.</p>"))
        #expect(raw.company == "Weserkai Logistik GmbH")
        #expect(raw.location == "Bremen")
    }

    @Test
    func refusesAPronounAfterACareerPrefix() throws {
        let (raw, _) = try extract(html(
            title: "Data Scientist - Lavora con noi", body: "<h1>Data Scientist</h1><ul><li>Azienda: Langhe Assicurazioni S.p.A.</li></ul>"))
        #expect(raw.company == "Langhe Assicurazioni S.p.A.")
    }

    @Test
    func takesATitleTagNameThatThePostingNames() throws {
        let body = "<h1>Data Analyst</h1><p>Birchley Learning makes maths courses for schools.</p>"
        let (named, _) = try extract(html(title: "Data Analyst - Birchley Learning", body: body))
        #expect(named.company == "Birchley Learning")
        // A board's name is not in the posting's text.
        let (board, _) = try extract(html(title: "Data Analyst - Jobbly", body: body))
        #expect(board.company == nil)
    }

    @Test
    func takesTheFirstTextOfACompanyHeaderAboveTheTitle() throws {
        let body = "<header class=\"company-header\"><a>Fjordkraft Energi</a><nav><a>Jobs</a><a>People</a></nav></header><main><h1>Backend Developer</h1><p>Kotlin.</p></main>"
        let (raw, _) = try extract(html(body: body))
        #expect(raw.company == "Fjordkraft Energi")
    }

    @Test
    func takesNoNavigationLinkAfterTheTitleForTheCompany() throws {
        let (raw, _) = try extract(html(body: "<h1>Data Engineer</h1><a href=\"/jobs\">Back to all jobs</a><p>Pipelines.</p>"))
        #expect(raw.company == nil)
    }
}
