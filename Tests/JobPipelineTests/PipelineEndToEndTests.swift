import Foundation
import JobModel
import JobPipeline
import JobStore
import JobTestSupport
import Logging
import Testing

/// The whole pipeline over the demo site served by a real HTTP server on 127.0.0.1.
@Suite(.serialized)
struct PipelineEndToEndTests {
    let manifest: DemoManifest
    let server: LoopbackHTTPServer
    let directory: URL

    init() throws {
        manifest = try DemoManifest.load()
        server = try LoopbackHTTPServer(handler: LoopbackHTTPServer.files(in: Fixtures.demo.appendingPathComponent("site")))
        directory = Fixtures.temporaryDirectory()
    }

    func pipeline() throws -> Pipeline {
        try demoPipeline(server: server, directory: directory)
    }

    func report(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: directory.appendingPathComponent("reports/\(name)"), encoding: .utf8)
        return try RFC4180Reader.rows(text)
    }

    @Test
    func ingestsEveryPostingOnceAndAgainWithoutDuplicates() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await pipeline().run()
        #expect(first.failures.isEmpty, "\(first.failures)")
        #expect(first.postingsSeen == manifest.entries.count)
        #expect(first.postingsNew == manifest.entries.count)
        #expect(first.storedPostings == manifest.entries.count)

        // Links with utm_ parameters or #apply fragments lead to one request per posting page.
        let postingRequests = server.requests.map(\.target).filter { $0.contains("/postings/") }
        #expect(postingRequests.count == manifest.entries.count)
        #expect(Set(postingRequests).count == postingRequests.count)
        #expect(!postingRequests.contains { $0.contains("utm_") })

        // Nothing changed: every page comes back with the same body and is not extracted again.
        let second = try await pipeline().run()
        #expect(second.failures.isEmpty)
        #expect(second.postingsNew == 0)
        #expect(second.unchanged == manifest.entries.count)
        #expect(second.postingsSeen == manifest.entries.count)
        #expect(second.storedPostings == manifest.entries.count)
    }

    @Test
    func storesWhatEachPageStates() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await pipeline().run()
        let stored = try PostingStore(path: directory.appendingPathComponent("jobmarket.sqlite").path).postings()
        let byPath = Dictionary(uniqueKeysWithValues: stored.map { ($0.posting.url!.components(separatedBy: "/").suffix(3).joined(separator: "/"), $0.posting) })
        for entry in manifest.entries {
            let key = entry.path.components(separatedBy: "/").suffix(3).joined(separator: "/")
            let posting = try #require(byPath[key], "no stored posting for \(entry.path)")
            #expect(posting.title == entry.title, "\(entry.path)")
            #expect(posting.level?.rawValue == entry.level, "\(entry.path)")
            #expect(posting.industry?.rawValue == entry.industry, "\(entry.path)")
            #expect(posting.company == entry.company, "\(entry.path)")
            #expect(posting.salary?.stated.min == entry.salary?.min, "\(entry.path)")
            #expect(posting.salary?.stated.max == entry.salary?.max, "\(entry.path)")
            #expect(posting.salary?.stated.currency == entry.salary?.currency, "\(entry.path)")
            #expect(posting.salary?.stated.period.rawValue == entry.salary?.period, "\(entry.path)")
        }
    }

    @Test
    func reportsBandsComputedIndependentlyFromTheManifest() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await pipeline().run()
        let rows = try report("salary_by_level_industry.csv")

        // Hand-worked: senior technology postings pay 170000, 177500, 177500, 187500, 195000, 200000
        // (annual USD midpoints), so the median is (177500 + 187500) / 2 and p25 is 177500.
        let seniorTechnology = try #require(rows.first { $0["level"] == "senior" && $0["industry"] == "technology" })
        #expect(seniorTechnology["median"] == "182500")
        #expect(seniorTechnology["p25"] == "177500")
        #expect(seniorTechnology["with_salary"] == "6")
        #expect(seniorTechnology["suppressed"] == "false")

        let levels = ["intern", "entry", "mid", "senior", "lead", "executive"]
        let industries = ["technology", "finance", "healthcare", "retail", "manufacturing"]
        var checkedGroups = 0
        for level in levels + ["all"] {
            for industry in industries + ["all"] {
                let group = manifest.entries.filter {
                    (level == "all" || $0.level == level) && (industry == "all" || $0.industry == industry)
                }
                let row = rows.first { $0["level"] == level && $0["industry"] == industry }
                guard !group.isEmpty else {
                    #expect(row == nil, "a row for an empty group \(level)/\(industry)")
                    continue
                }
                let found = try #require(row, "no row for \(level)/\(industry)")
                let salaries = group.compactMap(\.salary).map(DemoManifest.annualMidpointUSD)
                #expect(found["postings"] == String(group.count), "\(level)/\(industry)")
                #expect(found["with_salary"] == String(salaries.count), "\(level)/\(industry)")
                if salaries.count < 5 {
                    #expect(found["suppressed"] == "true")
                    #expect(found["median"] == "")
                    continue
                }
                #expect(found["suppressed"] == "false")
                for (column, p) in [("p10", 0.1), ("p25", 0.25), ("median", 0.5), ("p75", 0.75), ("p90", 0.9)] {
                    let value = try #require(Double(found[column] ?? ""), "\(column) of \(level)/\(industry)")
                    #expect(abs(value - DemoManifest.percentileInc(salaries, p)) < 0.011, "\(column) of \(level)/\(industry)")
                }
                let mean = salaries.reduce(0, +) / Double(salaries.count)
                #expect(abs(Double(found["mean"] ?? "")! - mean) < 0.011, "mean of \(level)/\(industry)")
                checkedGroups += 1
            }
        }
        #expect(checkedGroups >= 10)
        // Rows for at least four levels and all five industries.
        #expect(Set(rows.map { $0["level"]! }).intersection(levels).count >= 4)
        #expect(Set(rows.map { $0["industry"]! }).isSuperset(of: industries))
    }

    @Test
    func writesEveryDocumentedReport() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = try await pipeline().run()
        let names = Set(summary.reports.map(\.lastPathComponent))
        #expect(names == [
            "salary_by_level_industry.csv", "salary_by_level.csv", "salary_by_industry.csv", "skills_by_level.csv",
            "skills_by_industry.csv", "titles.csv", "industry_comparison.csv", "trend.csv", "reference_bands.csv",
        ])
        let skills = try report("skills_by_industry.csv")
        let pythonInFinance = try #require(skills.first { $0["industry"] == "finance" && $0["skill"] == "Python" })
        let financePostings = manifest.entries.filter { $0.industry == "finance" }.count
        #expect(pythonInFinance["group_postings"] == String(financePostings))
        #expect(!skills.contains { $0["skill"] == "Go" && $0["industry"] != "all" && $0["postings"] == "0" })

        let comparison = try report("industry_comparison.csv")
        let seniorFinance = try #require(comparison.first { $0["level"] == "senior" && $0["industry"] == "finance" })
        let seniorAll = manifest.entries.filter { $0.level == "senior" }.compactMap(\.salary).map(DemoManifest.annualMidpointUSD)
        let seniorFinanceSalaries = manifest.entries.filter { $0.level == "senior" && $0.industry == "finance" }
            .compactMap(\.salary).map(DemoManifest.annualMidpointUSD)
        let expectedPremium = (DemoManifest.percentileInc(seniorFinanceSalaries, 0.5) - DemoManifest.percentileInc(seniorAll, 0.5))
            / DemoManifest.percentileInc(seniorAll, 0.5) * 100
        #expect(abs(Double(seniorFinance["premium_pct"] ?? "")! - expectedPremium) < 0.051)
    }

    @Test
    func reportsAFailedPageAndKeepsTheRest() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var pipeline = try pipeline()
        var config = pipeline.config
        config.sources[0].startURLs.append(server.url("/no-such-board/jobs.html"))
        pipeline = Pipeline(
            config: config, databasePath: pipeline.databasePath, reportsDirectory: pipeline.reportsDirectory.path,
            logger: pipeline.logger)
        let summary = try await pipeline.run()
        #expect(summary.failures.map(\.reason) == ["http_404"])
        #expect(summary.storedPostings == manifest.entries.count)
    }
}
