import JobModel
import JobNormalise
import Testing

/// Pay, places and skills as boards outside the US write them.
struct RegionalPayRulesTests {
    func posting(location: String? = nil, salary: String, description: String = "") -> Posting {
        normalisedPosting(title: "Data Engineer", location: location, salary: salary, description: description)
    }

    @Test
    func readsABareDollarByTheProvinceOrStateOfTheLocation() {
        #expect(posting(location: "Mississauga, ON", salary: "$95,000 - $115,000 a year").salary?.stated.currency == "CAD")
        #expect(posting(location: "Montréal (Québec)", salary: "72 000 $ à 86 000 $ par année").salary?.stated.currency == "CAD")
        #expect(posting(location: "Parramatta, NSW", salary: "$78 - $88 per hour + super").salary?.stated.currency == "AUD")
        #expect(posting(location: "Seattle, WA", salary: "$120,000 - $150,000").salary?.stated.currency == "USD")
        // A range the page says is American stays in US dollars.
        #expect(posting(location: "Toronto, ON", salary: "The US base salary range is $160,000 - $200,000").salary?.stated.currency == "USD")
    }

    @Test
    func readsChineseRangesInThousandsAsMonthlyYuan() throws {
        let description = "负责社交电商平台订单、支付等核心服务的设计与开发，使用Java和Spring Boot开发微服务。"
        let k = try #require(posting(salary: "数据仓库工程师 25-40k", description: description).salary?.stated)
        #expect(k == StatedPay(min: 25_000, max: 40_000, currency: "CNY", period: .month))
        let wan = try #require(posting(salary: "2-3万·13薪", description: description).salary?.stated)
        #expect(wan == StatedPay(min: 20_000, max: 30_000, currency: "CNY", period: .month))
        let daily = try #require(posting(salary: "200-300元/天", description: description).salary?.stated)
        #expect(daily.period == .day)
        // Elsewhere a range with no currency is not pay.
        #expect(posting(salary: "25-40k", description: "We ship software.").salary == nil)
    }

    @Test
    func refusesAmountsInBillions() {
        #expect(SalaryParser.parse("we process £2bn a month") == nil)
    }

    @Test
    func joinsTheSpacedPartsOfAJapaneseAddress() {
        #expect(posting(location: "東京都 港区", salary: "").location == "東京都港区")
        #expect(posting(location: "Tokyo, 港区", salary: "").location == "Tokyo, 港区")
    }

    @Test
    func findsSkillsBetweenJapaneseAndChineseCharacters() {
        let matcher = SkillMatcher()
        #expect(matcher.skills(in: "TerraformによるIaC化、DockerとKubernetesの運用") == ["Terraform", "Infrastructure as code", "Docker", "Kubernetes"])
        #expect(matcher.skills(in: "熟悉Kafka等消息队列，了解Docker") == ["Kafka", "Docker"])
    }

    @Test
    func namesIndustriesInOtherLanguages() {
        #expect(IndustryClassifier.industry(fromCompany: "Dijkhuis Vastgoed") == .realEstate)
        #expect(IndustryClassifier.industry(fromCompany: "Alpenfunk Telekom AG") == .telecommunications)
        #expect(IndustryClassifier.industry(fromCompany: "ООО «Уральская Торговая Сеть»") == .retail)
        #expect(IndustryClassifier.industry(fromCompany: "Prairiewind Renewables") == .energy)
        #expect(IndustryClassifier.industry(fromCompany: "Harbourline Ferries") == .transportation)
        #expect(IndustryClassifier.industry(from: "物流/仓储") == .transportation)
        #expect(IndustryClassifier.industry(from: "互联网") == .technology)
    }
}

extension RegionalPayRulesTests {
    @Test
    func readsTheStateOfALocationWithoutACommaAndAWithdrawnRoubleCode() {
        #expect(posting(location: "Brisbane QLD 4000", salary: "$150,000 - $170,000").salary?.stated.currency == "AUD")
        let pay = StructuredPay(min: 150_000, currency: "RUR", unitText: "MONTH")
        #expect(normalisedPosting(title: "Data Scientist", pay: pay).salary?.stated.currency == "RUB")
    }
}

extension RegionalPayRulesTests {
    @Test
    func readsTheIndustryOfAJapaneseOrChineseCompanyFromWhatItSaysOfItself() {
        #expect(IndustryClassifier.industry(fromCJKAbout: "当社は北海道で光回線とモバイル通信サービスを提供する通信事業者です。") == .telecommunications)
        #expect(IndustryClassifier.industry(fromCJKAbout: "我们是一家区域物流公司。") == .transportation)
        // A sentence about the work, not the company, says nothing.
        #expect(IndustryClassifier.industry(fromCJKAbout: "物流データを分析します。") == nil)
    }
}
