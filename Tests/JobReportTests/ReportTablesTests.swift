import Foundation
import JobAnalyze
import JobModel
import JobReport
import JobTestSupport
import Testing

private func posting(_ level: Level, _ industry: Industry, _ pay: Double, skills: [String] = []) -> Posting {
    Posting(
        title: "Data Scientist", canonicalTitle: "Data Scientist", level: level, industry: industry,
        salary: Salary(
            stated: StatedPay(min: pay, max: pay, currency: "USD", period: .year), annualMinUSD: pay,
            annualMaxUSD: pay, source: .jsonld),
        skills: skills, fingerprint: "\(level)-\(industry)-\(pay)")
}

/// Senior finance pays below the senior median, so its premium is negative.
let marketPostings: [Posting] = [
    posting(.senior, .finance, 100_000, skills: ["SQL"]), posting(.senior, .finance, 120_000),
    posting(.senior, .technology, 160_000, skills: ["Python"]), posting(.senior, .technology, 180_000),
    posting(.mid, .finance, 90_000, skills: ["SQL", "Python"]),
]
let market = MarketAnalysis(postings: marketPostings, minSample: 1)

struct ReportTablesTests {
    @Test
    func keepsTheDocumentedColumnOrder() {
        #expect(ReportTables.bandColumns == [
            // DESIGN.md's columns first, in its order.
            "level", "industry", "postings", "with_salary", "p10", "p25", "median", "p75", "p90", "mean", "currency",
            "suppressed", "min", "max", "range_min_p10", "range_min_p25", "range_min_median", "range_min_p75",
            "range_min_p90", "range_max_p10", "range_max_p25", "range_max_median", "range_max_p75", "range_max_p90",
        ])
        #expect(ReportTables.bands(market.bandsByLevel(), currency: "USD").header == ReportTables.bandColumns)
        #expect(ReportTables.skills(market.skills(byLevel: true), groupColumn: "level").header == [
            "level", "skill", "category", "postings", "group_postings", "share", "with_salary", "median_salary",
        ])
        #expect(ReportTables.skills(market.skills(byLevel: false), groupColumn: "industry").header.first == "industry")
        #expect(ReportTables.titles(market.titles()).header == [
            "canonical_title", "level", "postings", "with_salary", "median",
        ])
        #expect(ReportTables.premiums(market.industryPremiums()).header == [
            "level", "industry", "with_salary", "median", "all_industries_median", "premium_pct", "premium_ci_low",
            "premium_ci_high", "suppressed",
        ])
        #expect(ReportTables.referenceBands(market.referenceBands()).header == [
            "level", "published_low", "published_high", "with_salary", "p25", "median", "p75", "position",
        ])
    }

    @Test
    func writesANegativePremiumAsANumber() throws {
        let table = ReportTables.premiums(market.industryPremiums())
        let records = try RFC4180Reader.records(table.rendered())
        let row = try #require(records.first { $0[0] == "senior" && $0[1] == "finance" })
        // Median 110k against 140k: (110 − 140) / 140 × 100 = −21.43 %, to one decimal; then the
        // bootstrap interval, which must contain it.
        #expect(Array(row[0...5]) == ["senior", "finance", "2", "110000", "140000", "-21.4"])
        let low = try #require(Double(row[6]))
        let high = try #require(Double(row[7]))
        #expect(low <= -21.4 && -21.4 <= high)
        #expect(row[8] == "false")
    }

    @Test
    func writesBandsWithCurrencyAndFlags() throws {
        let records = try RFC4180Reader.records(ReportTables.bands(market.bandsByLevel(), currency: "EUR").rendered())
        #expect(records.count == 4)
        #expect(records[1][0] == "mid")
        #expect(records[3][0] == "all")
        #expect(records.dropFirst().allSatisfy { $0[10] == "EUR" && $0[11] == "false" })
        let senior = try #require(records.first { $0[0] == "senior" })
        #expect(senior[2] == "4")
        #expect(senior[6] == "140000")
        #expect(senior[9] == "140000")
    }

    @Test
    func leavesSuppressedFiguresEmpty() throws {
        let sparse = MarketAnalysis(postings: marketPostings, minSample: 5)
        let records = try RFC4180Reader.records(ReportTables.bands(sparse.bandsByLevel(), currency: "USD").rendered())
        let senior = try #require(records.first { $0[0] == "senior" })
        #expect(senior[3] == "4")
        #expect(senior[4...9].allSatisfy { $0.isEmpty })
        #expect(senior[12...].allSatisfy { $0.isEmpty })
        #expect(senior[11] == "true")
        let all = try #require(records.last)
        #expect(all[0] == "all")
        #expect(all[11] == "false")
    }
}

struct ReportWriterTests {
    static let files = [
        "salary_by_level_industry.csv", "salary_by_level.csv", "salary_by_industry.csv", "skills_by_level.csv",
        "skills_by_industry.csv", "titles.csv", "industry_comparison.csv", "trend.csv", "reference_bands.csv",
    ]

    @Test
    func writesEveryReport() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jobreport-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("reports/2026-11")
        let writer = ReportWriter(directory: directory)

        let trend = [
            TrendRow(day: "2026-11-01", run: 1, level: "all", industry: "all", new: 5, open: 5, closed: 0, withSalary: 5, median: 120_000)
        ]
        let written = try writer.write(market, skillCategories: ["SQL": "language"], trend: trend)
        #expect(written.map(\.lastPathComponent) == Self.files)
        let listed = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        // Beside the CSV files: a chart per level and overall, skills by premium, and the index page.
        let charts = ["salary_by_industry_all.svg", "salary_by_industry_mid.svg", "salary_by_industry_senior.svg",
            "salary_by_level.svg", "skills_by_premium.svg"]
        #expect(listed == (Self.files + charts + ["index.html"]).sorted())
        let index = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        for name in Self.files { #expect(index.contains("href=\"\(name)\""), "index.html links \(name)") }

        let tables = Dictionary(uniqueKeysWithValues: writer.tables(for: market, skillCategories: [:], trend: trend))
        for url in written {
            let text = try String(contentsOf: url, encoding: .utf8)
            let records = try RFC4180Reader.records(text)
            let header = try #require(tables[url.lastPathComponent]?.header)
            #expect(records.first == header, "\(url.lastPathComponent)")
            #expect(records.count > 1, "\(url.lastPathComponent) has no rows")
        }
        let skills = try RFC4180Reader.records(String(contentsOf: directory.appendingPathComponent("skills_by_level.csv"), encoding: .utf8))
        #expect(skills.contains { $0[1] == "SQL" && $0[2] == "language" })
    }

    @Test
    func replacesReportsOnASecondWrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jobreport-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = ReportWriter(directory: directory, currency: "USD")
        try writer.write(MarketAnalysis(postings: [posting(.mid, .retail, 1)], minSample: 1))
        try writer.write(market)
        let text = try String(contentsOf: directory.appendingPathComponent("salary_by_industry.csv"), encoding: .utf8)
        #expect(!text.contains("retail"))
        #expect(try RFC4180Reader.records(text).count == 4)
    }
}
