import JobModel
import JobNormalise
import Testing

/// Industry from what a posting says about its employer, and locations as people write them.
struct IndustryAndLocationRulesTests {
    func posting(company: String? = nil, location: String? = nil, description: String = "") -> Posting {
        normalisedPosting(title: "Data Scientist", company: company, location: location, description: description)
    }

    @Test
    func readsTheIndustryFromSentencesAboutTheCompany() {
        #expect(posting(company: "Pulsewright", description: "Pulsewright provides remote cardiac monitoring to 600 hospitals.").industry == .healthcare)
        #expect(posting(company: "Quarrystone", description: "Quarrystone builds inspection software for mines.").industry == .technology)
        // A software maker is technology whoever its customers are.
        #expect(posting(company: "Tidewell", description: "Tidewell builds billing and financing software for solar installers.").industry == .technology)
        #expect(posting(company: "Harrowgate", description: "Harrowgate moves 40,000 truckloads a month.").industry == .transportation)
        // A maker of products for a sector is not in that sector.
        #expect(posting(company: "Marrowfield", description: "Marrowfield builds document automation for insurers.").industry == .technology)
        #expect(posting(company: "Halcyra", description: "Halcyra is building an assistant for insurance adjusters.").industry == .technology)
        // Sentences about someone else say nothing about the employer.
        #expect(posting(company: "Quillon", description: "Our clients include hospitals.").industry == nil)
    }

    @Test
    func readsGovernmentFromAGeneralSchedulePayGrade() {
        #expect(posting(company: "Crop Reporting Service", description: "Pay scale & grade\nGS 12").industry == .government)
        #expect(posting(company: "Crop Reporting Service", description: "Grade: GS-13 to GS-14").industry == .government)
        #expect(posting(company: "Gsmith", description: "We use GS1 barcodes and GSX200 scanners.").industry == nil)
    }

    @Test
    func readsIndustryWordsOfMoreCompanyNames() {
        #expect(IndustryClassifier.industry(fromCompany: "Solace Diagnostics") == .healthcare)
        #expect(IndustryClassifier.industry(fromCompany: "Zeeland Zorggroep") == .healthcare)
        #expect(IndustryClassifier.industry(fromCompany: "Atlantique Mutuelle") == .finance)
        #expect(IndustryClassifier.industry(fromCompany: "Сибирский Энергосбыт") == .energy)
        // Computer services firms are professional services (NAICS 54), with consulting.
        #expect(IndustryClassifier.industry(fromCompany: "Harbison Data Services") == .consulting)
        #expect(IndustryClassifier.industry(fromCompany: "Kestrel Financial Services") == .finance)
    }

    @Test(arguments: [
        ("Remote in Columbus, OH 43215", "Columbus, OH"),
        ("Brisbane QLD", "Brisbane, QLD"),
        ("上海市徐汇区漕溪北路88号 邮编200030", "上海"),
        ("福岡県福岡市中央区天神2-2-2", "福岡県福岡市中央区"),
        ("大阪府大阪市北区梅田1-1-1", "大阪府大阪市北区"),
        ("London (hybrid)", "London"),
        ("Paris 9e", "Paris"),
        ("Manchester M1", "Manchester"),
        ("London EC2A 4NE", "London"),
        ("Denver, CO 80202", "Denver, CO"),
        ("深圳市南山区科技园南区 邮编518057", "深圳"),
    ])
    func cleansLocations(_ written: String, _ clean: String) {
        #expect(posting(location: written).location == clean)
    }

    @Test(arguments: ["Remote (US)", "100% télétravail", "Berlin / Homeoffice", "Москва (удалённо)", "東京都（リモート可）", "远程"])
    func marksRemoteWorkInTheLocation(_ location: String) {
        #expect(posting(location: location).remote == true)
    }
}
