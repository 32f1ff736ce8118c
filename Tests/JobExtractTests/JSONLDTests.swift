import Foundation
import JobExtract
import Testing

struct JSONLDTests {
    /// The titles of the JobPostings a script holds, or nil when it was skipped.
    func titles(_ script: String) -> [String]? {
        guard case let .success(value) = JSONLD.parse(script) else { return nil }
        return JSONLD.jobPostings(in: value).map { $0["title"] as? String ?? "?" }
    }

    @Test
    func findsAJobPostingAtTopLevel() {
        #expect(titles(#"{"@context": "https://schema.org", "@type": "JobPosting", "title": "Data Scientist"}"#)
            == ["Data Scientist"])
    }

    @Test
    func findsAJobPostingInsideAGraph() {
        let script = """
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "name": "Acme Careers"},
              {"@type": "Organization", "name": "Acme", "title": "not a job"},
              {"@type": "JobPosting", "title": "ML Engineer"}
            ]}
            """
        #expect(titles(script) == ["ML Engineer"])
    }

    @Test
    func findsAJobPostingInsideATopLevelArray() {
        let script = """
            [{"@type": "BreadcrumbList", "itemListElement": []},
             {"@type": ["JobPosting"], "title": "Data Engineer"}]
            """
        #expect(titles(script) == ["Data Engineer"])
    }

    @Test
    func acceptsAFullTypeURL() {
        #expect(titles(#"{"@type": "http://schema.org/JobPosting", "title": "Analyst"}"#) == ["Analyst"])
    }

    @Test
    func repairsATrailingSemicolon() {
        #expect(titles(#"{"@type": "JobPosting", "title": "Data Scientist"};"#) == ["Data Scientist"])
    }

    @Test
    func repairsARawNewlineInsideAString() throws {
        let script = "{\"@type\": \"JobPosting\", \"title\": \"Data Scientist\", \"description\": \"Line one\nLine two\"}"
        guard case let .success(value) = JSONLD.parse(script) else {
            Issue.record("the script was skipped")
            return
        }
        let posting = try #require(JSONLD.jobPostings(in: value).first)
        #expect(posting["description"] as? String == "Line one\nLine two")
    }

    @Test
    func repairsTrailingCommasAndComments() {
        #expect(titles(#"<!-- {"@type": "JobPosting", "title": "Analyst", "skills": ["SQL",],} -->"#) == ["Analyst"])
    }

    @Test(arguments: [
        #"{"@type": "JobPosting", "title": "Data Scientist", "#,
        #"{"@type": "JobPosting" "title": "Data Scientist"}"#,
        #"{'@type': 'JobPosting', 'title': 'Data Scientist'}"#,
        "undefined",
        "   ",
    ])
    func skipsHopelessJSONWithAReason(_ script: String) {
        guard case let .failure(skip) = JSONLD.parse(script) else {
            Issue.record("hopeless JSON was accepted: \(script)")
            return
        }
        #expect(!skip.reason.isEmpty)
    }
}
