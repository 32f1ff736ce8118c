import JobNormalise
import Testing

struct URLJobIDTests {
    @Test(arguments: [
        ("https://www.indeed.example/viewjob?jk=3f2a1b9c8d7e6f50&from=serp", "3f2a1b9c8d7e6f50"),
        ("https://boards.greenhouse.example/acme/jobs/4567890", "4567890"),
        ("https://boards.greenhouse.example/acme/jobs/4567890?gh_src=abc", "4567890"),
        ("https://acme.example/careers?gh_jid=4567890", "4567890"),
        ("https://www.linkedin.example/jobs/search/?currentJobId=3912345678&keywords=ml", "3912345678"),
        ("https://jobs.lever.example/acme/8c9d2f1e-3b4a-4c5d-9e8f-0a1b2c3d4e5f", "8c9d2f1e-3b4a-4c5d-9e8f-0a1b2c3d4e5f"),
        ("https://careers.acme.example/jobs/123456-senior-data-scientist", "123456"),
    ])
    func readsTheBoardsOwnID(_ url: String, _ id: String) {
        #expect(URLJobID.of(url) == id)
    }

    @Test(arguments: [
        "https://careers.acme.example/jobs/senior-data-scientist.html",
        "https://careers.acme.example/jobs/123",
        "file:///srv/site/postings/ml-engineer.html",
    ])
    func findsNoIDWhereThereIsNone(_ url: String) {
        #expect(URLJobID.of(url) == nil)
    }
}
