import JobModel
import JobStore
import Testing

/// The report scans: one plain row per posting, whatever order, with the salary figures the
/// reports use (estimates left out, open ranges at their bound) and the skills as stored.
struct ReportSourceTests {
    static func posting(
        _ fingerprint: String, level: Level?, min: Double?, max: Double?, estimate: Bool = false, skills: [String],
        canonicalTitle: String? = "Data Scientist"
    ) -> Posting {
        Posting(
            url: "https://jobs.example/\(fingerprint)", title: "Sr. Data Scientist", canonicalTitle: canonicalTitle,
            level: level, industry: .finance,
            salary: Salary(
                stated: StatedPay(min: min, max: max, currency: "USD", period: .year), annualMinUSD: min,
                annualMaxUSD: max, source: .jsonld, isEstimate: estimate),
            skills: skills, fingerprint: fingerprint)
    }

    @Test(arguments: Backend.allCases)
    func scansEveryPostingWithItsReportFigures(_ backend: Backend) throws {
        let temporary = try TemporaryStore(backend)
        let store = temporary.store
        let postings = [
            Self.posting("a", level: .senior, min: 100_000, max: 151_000, skills: ["Python", "SQL"]),
            Self.posting("b", level: nil, min: nil, max: 90_000, skills: [], canonicalTitle: nil),
            Self.posting("c", level: .mid, min: 80_000, max: nil, skills: [#"C "quoted" \ name"#, "Straße", "SQL"]),
            Self.posting("d", level: .mid, min: 70_000, max: 75_000, estimate: true, skills: ["Go"]),
        ]
        let run = try store.beginRun(at: "2026-11-01T08:00:00Z", configHash: nil)
        _ = try store.upsert(postings.map { ($0, "acme") }, run: run, at: "2026-11-01T08:00:00Z")
        try store.finishRun(run, at: "2026-11-01T09:00:00Z", status: "ok", counts: RunCounts())

        var rows: [ReportPosting] = []
        var runs: [ReportRun] = []
        var lives: [ReportPostingRuns] = []
        try store.withReportReader { reader in
            try reader.scanPostings(.open) { rows.append($0) }
            runs = try reader.finishedRuns(limit: 90)
            try reader.scanPostingRuns(through: run) { lives.append($0) }
        }
        let byTitleAndLevel = Dictionary(uniqueKeysWithValues: rows.map { ("\($0.level ?? "-")/\($0.skills)", $0) })
        #expect(rows.count == 4)
        #expect(
            byTitleAndLevel["senior/[\"Python\", \"SQL\"]"]
                == ReportPosting(
                    level: "senior", industry: "finance", title: "Data Scientist", midpoint: 125_500, rangeMin: 100_000,
                    rangeMax: 151_000, skills: ["Python", "SQL"]))
        #expect(
            byTitleAndLevel["-/[]"]
                == ReportPosting(
                    level: nil, industry: "finance", title: "Sr. Data Scientist", midpoint: 90_000, rangeMin: nil,
                    rangeMax: 90_000, skills: []))
        #expect(byTitleAndLevel[#"mid/["C \"quoted\" \\ name", "Straße", "SQL"]"#]?.midpoint == 80_000)
        let estimate = try #require(rows.first { $0.skills == ["Go"] })
        #expect(estimate.midpoint == nil && estimate.rangeMin == nil && estimate.rangeMax == nil)
        #expect(runs == [ReportRun(id: run, day: "2026-11-01")])
        #expect(lives.count == 4)
        #expect(lives.allSatisfy { $0.firstRun == run && $0.closedRun == nil })
    }
}
