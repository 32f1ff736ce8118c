import JobModel
import JobNormalise
import Testing

struct IndustryClassifierTests {
    @Test(arguments: [
        ("Financial Services", Industry.finance),
        ("Investment Banking", .finance),
        ("Hospital & Health Care", .healthcare),
        ("Computer Software", .technology),
        ("Retail", .retail),
        ("real-estate", .realEstate),
        ("Oil & Energy", .energy),
        ("Hospitality", .hospitality),
        ("Hospitality & Tourism", .hospitality),
    ])
    func mapsLabelsToTheVocabulary(_ label: String, _ industry: Industry) {
        #expect(IndustryClassifier.industry(from: label) == industry)
    }

    @Test(arguments: ["", "Dairy", "Mining & Metals", "Fundraising"])
    func leavesUnknownLabelsUnclassified(_ label: String) {
        #expect(IndustryClassifier.industry(from: label) == nil)
    }

    @Test
    func leavesAMissingLabelUnclassified() {
        #expect(IndustryClassifier.industry(from: nil) == nil)
    }
}

struct CompanyIndustryTests {
    @Test(arguments: [
        ("Acme Bank", Industry.finance), ("Nordlicht Versicherung AG", .finance), ("National Bank of Utah", .finance),
        ("Rheinwerk Logistik GmbH", .transportation), ("Office for Regional Statistics", .government),
        ("Helix Health", .healthcare), ("Basketfield Grocers", .retail), ("Stadtwerke Südhafen GmbH", .energy),
        ("深圳星河智能科技有限公司", .technology), ("Thornquist Software", .technology),
    ])
    func readsTheIndustryOfACompanysName(_ name: String, _ industry: Industry) {
        #expect(IndustryClassifier.industry(fromCompany: name) == industry)
    }

    @Test(arguments: ["Veridane", "Marrowfield", "株式会社"])
    func leavesANameWithoutCuesUnclassified(_ name: String) {
        #expect(IndustryClassifier.industry(fromCompany: name) == nil)
    }
}
