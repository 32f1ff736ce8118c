import JobAnalyze
import JobModel
import Testing

/// A posting with an annual USD salary; nil bounds leave the range open on that side.
private func posting(
    _ level: Level?, _ industry: Industry?, _ min: Double?, _ max: Double?, estimate: Bool = false,
    skills: [String] = [], title: String = "Data Scientist"
) -> Posting {
    let salary: Salary? =
        min == nil && max == nil
        ? nil
        : Salary(
            stated: StatedPay(min: min, max: max, currency: "USD", period: .year), annualMinUSD: min,
            annualMaxUSD: max, source: .jsonld, isEstimate: estimate)
    return Posting(
        title: title, canonicalTitle: title, level: level, industry: industry, salary: salary, skills: skills,
        fingerprint: "\(level?.rawValue ?? "-")|\(industry?.rawValue ?? "-")|\(min ?? 0)|\(max ?? 0)|\(title)")
}

private func point(_ level: Level?, _ industry: Industry?, _ value: Double) -> Posting {
    posting(level, industry, value, value)
}

struct MarketAnalysisTests {
    /// Senior: finance 100k/120k/140k (median 120k), technology 150k/160k/170k (median 160k),
    /// all industries median (140k + 150k) / 2 = 145k. Mid: finance 90k/100k/110k.
    static let market: [Posting] = [
        point(.senior, .finance, 100_000), point(.senior, .finance, 120_000), point(.senior, .finance, 140_000),
        point(.senior, .technology, 150_000), point(.senior, .technology, 160_000),
        point(.senior, .technology, 170_000),
        point(.mid, .finance, 90_000), point(.mid, .finance, 100_000), point(.mid, .finance, 110_000),
    ]

    @Test
    func suppressesFiguresBelowTheMinimumSampleButKeepsCounts() throws {
        let postings = [
            point(.senior, .finance, 100_000), point(.senior, .finance, 120_000), posting(.senior, .finance, nil, nil),
        ]
        let band = try #require(MarketAnalysis(postings: postings, minSample: 3).bandsByLevel().first)
        #expect(band.level == "senior")
        #expect(band.postings == 3)
        #expect(band.withSalary == 2)
        #expect(band.suppressed)
        #expect(band.midpoints == nil)
        #expect(band.rangeMins?.median == nil)
        #expect(band.rangeMaxs?.median == nil)

        let shown = try #require(MarketAnalysis(postings: postings, minSample: 2).bandsByLevel().first)
        #expect(!shown.suppressed)
        #expect(shown.midpoints?.median == 110_000)
    }

    @Test
    func addsAllMarginsForLevelAndIndustry() throws {
        let bands = MarketAnalysis(postings: Self.market, minSample: 3).bandsByLevelAndIndustry()
        let keys = bands.map { "\($0.level)/\($0.industry)" }
        // Vocabulary order (technology before finance), each level's margin after it, the grand total last.
        #expect(keys == [
            "mid/finance", "mid/all", "senior/technology", "senior/finance", "senior/all", "all/technology",
            "all/finance", "all/all",
        ])
        func band(_ key: String) -> SalaryBand? { bands.first { "\($0.level)/\($0.industry)" == key } }
        #expect(band("senior/all")?.postings == 6)
        #expect(band("senior/all")?.midpoints?.median == 145_000)
        #expect(band("all/finance")?.postings == 6)
        #expect(band("all/finance")?.midpoints?.median == 105_000)
        #expect(band("all/all")?.postings == 9)
        #expect(band("all/all")?.midpoints?.median == 120_000)
        #expect(band("all/all")?.midpoints?.min == 90_000)
        #expect(band("all/all")?.midpoints?.max == 170_000)

        let byIndustry = MarketAnalysis(postings: Self.market, minSample: 3).bandsByIndustry()
        #expect(byIndustry.map(\.industry) == ["technology", "finance", "all"])
        #expect(byIndustry.allSatisfy { $0.level == "all" })
    }

    @Test
    func labelsMissingLevelsAndIndustriesUnknown() {
        let postings = [point(nil, nil, 100_000), point(.entry, .retail, 80_000)]
        let bands = MarketAnalysis(postings: postings, minSample: 1).bandsByLevel()
        #expect(bands.map(\.level) == ["entry", "unknown", "all"])
    }

    @Test
    func computesTheIndustryPremiumAgainstAllIndustries() throws {
        let rows = MarketAnalysis(postings: Self.market, minSample: 3).industryPremiums()
        let finance = try #require(rows.first { $0.level == "senior" && $0.industry == "finance" })
        #expect(finance.median == 120_000)
        #expect(finance.allIndustriesMedian == 145_000)
        let financePremium = try #require(finance.premiumPercent)
        #expect(abs(financePremium - (120_000 - 145_000) / 145_000 * 100) < 1e-9)
        #expect(abs(financePremium - -17.241_379_310_3) < 1e-6)
        #expect(!finance.suppressed)

        let technology = try #require(rows.first { $0.level == "senior" && $0.industry == "technology" })
        #expect(abs((technology.premiumPercent ?? 0) - 10.344_827_586_2) < 1e-6)

        // Mid has one industry: its premium over itself is zero.
        let mid = try #require(rows.first { $0.level == "mid" && $0.industry == "finance" })
        #expect(mid.premiumPercent == 0)
    }

    @Test
    func leavesOutThePremiumOfASuppressedGroup() throws {
        let postings = Self.market + [point(.senior, .retail, 500_000)]
        let rows = MarketAnalysis(postings: postings, minSample: 3).industryPremiums()
        let retail = try #require(rows.first { $0.level == "senior" && $0.industry == "retail" })
        #expect(retail.withSalary == 1)
        #expect(retail.suppressed)
        #expect(retail.median == nil)
        #expect(retail.premiumPercent == nil)
    }

    @Test
    func countsOpenRangesAtTheirStatedBound() throws {
        let postings = [
            posting(.mid, .finance, 100_000, nil), posting(.mid, .finance, nil, 150_000),
            posting(.mid, .finance, 120_000, 140_000),
        ]
        let band = try #require(MarketAnalysis(postings: postings, minSample: 1).bandsByLevel().first)
        #expect(band.withSalary == 3)
        #expect(band.midpoints?.min == 100_000)
        #expect(band.midpoints?.median == 130_000)
        #expect(band.midpoints?.max == 150_000)
        #expect(band.rangeMins?.median == 110_000)
        #expect(band.rangeMaxs?.median == 145_000)
    }

    @Test
    func leavesOutSiteEstimates() throws {
        let postings = Self.market + [posting(.senior, .finance, 900_000, 1_100_000, estimate: true)]
        let analysis = MarketAnalysis(postings: postings, minSample: 3)
        let senior = try #require(analysis.bandsByLevel().first { $0.level == "senior" })
        #expect(senior.postings == 7)
        #expect(senior.withSalary == 6)
        #expect(senior.midpoints?.max == 170_000)
        #expect(senior.midpoints?.median == 145_000)
        let premium = try #require(analysis.industryPremiums().first { $0.level == "senior" && $0.industry == "finance" })
        #expect(premium.median == 120_000)
    }

    @Test
    func sharesSkillsWithinEachGroup() throws {
        let postings = [
            posting(.senior, .finance, 100_000, 100_000, skills: ["Python", "SQL"]),
            posting(.senior, .finance, 120_000, 120_000, skills: ["Python", "Python"]),
            posting(.mid, .finance, 90_000, 90_000, skills: ["SQL"]),
            posting(.mid, .finance, 80_000, 80_000, skills: []),
        ]
        let rows = MarketAnalysis(postings: postings, minSample: 2).skills(byLevel: true, categories: ["SQL": "language"])
        let seniorPython = try #require(rows.first { $0.group == "senior" && $0.skill == "Python" })
        #expect(seniorPython.postings == 2)
        #expect(seniorPython.share == 1)
        #expect(seniorPython.medianSalary == 110_000)
        let midSQL = try #require(rows.first { $0.group == "mid" && $0.skill == "SQL" })
        #expect(midSQL.share == 0.5)
        #expect(midSQL.category == "language")
        #expect(midSQL.medianSalary == nil)
        let allSQL = try #require(rows.first { $0.group == "all" && $0.skill == "SQL" })
        #expect(allSQL.postings == 2)
        #expect(allSQL.groupPostings == 4)
    }

    @Test
    func placesEachLevelAgainstThePublishedBand() throws {
        let postings = [
            point(.entry, .retail, 70_000), point(.mid, .retail, 160_000), point(.senior, .retail, 180_000),
            point(.lead, .retail, 260_000), point(.lead, .retail, 280_000),
        ]
        let rows = MarketAnalysis(postings: postings, minSample: 1).referenceBands()
        #expect(rows.map(\.level) == ["entry", "mid", "senior"])
        #expect(rows.map(\.position) == ["below", "above", "inside"])
        #expect(rows[2].withSalary == 3)
        #expect(rows[2].median == 260_000)

        let few = MarketAnalysis(postings: postings, minSample: 2).referenceBands()
        #expect(few[0].position == "")
        #expect(few[0].median == nil)
    }

    @Test
    func ordersTitlesByCount() {
        let postings = [
            posting(.senior, .finance, 100_000, nil, title: "Data Engineer"),
            posting(.mid, .finance, 90_000, nil, title: "Analyst"),
            posting(.senior, .finance, 120_000, nil, title: "Data Engineer"),
        ]
        let titles = MarketAnalysis(postings: postings, minSample: 1).titles()
        #expect(titles.map(\.canonicalTitle) == ["Data Engineer", "Analyst"])
        #expect(titles.map(\.postings) == [2, 1])
        #expect(titles.first?.median == 110_000)
    }
}
