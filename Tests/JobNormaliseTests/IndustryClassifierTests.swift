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
