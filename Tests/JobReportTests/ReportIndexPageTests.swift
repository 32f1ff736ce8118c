import Foundation
import JobReport
import Testing

/// A report page built from figures shaped like the demo's reports, as `jobmarket report` would pass them.
private enum SamplePage {
    static let levels: [(label: String, postings: Int, n: Int, figures: [Double]?)] = [
        ("intern", 6, 6, [55_840, 58_800, 67_600, 83_720, 94_120]),
        ("entry", 11, 10, [54_322.8, 69_875, 93_750, 103_750, 114_460]),
        ("mid", 17, 17, [83_500, 114_000, 127_500, 140_000, 147_000]),
        ("senior", 20, 20, [142_240, 159_375, 171_250, 183_750, 195_500]),
        ("lead", 8, 5, [215_000, 222_500, 235_000, 240_000, 264_000]),
        ("executive", 7, 2, nil),
        ("all", 69, 60, [67_890, 98_750, 140_000, 177_500, 211_250]),
    ]

    static let premiums: [(industry: String, n: Int, median: Double, premium: Double)] = [
        ("technology", 18, 163_750, 17), ("finance", 18, 125_462.5, -10.4), ("healthcare", 7, 127_500, -8.9),
        ("retail", 9, 140_000, 0), ("manufacturing", 8, 123_750, -11.6),
    ]

    static let csvFiles = [
        "salary_by_level_industry.csv", "salary_by_level.csv", "salary_by_industry.csv", "skills_by_level.csv",
        "skills_by_industry.csv", "titles.csv", "industry_comparison.csv", "reference_bands.csv",
    ]

    static var boxes: [SVGChart.Box] {
        levels.map { level in
            guard let f = level.figures else { return SVGChart.Box(label: level.label, n: level.n, suppressed: true) }
            return SVGChart.Box(
                label: level.label,
                n: level.n,
                p10: f[0],
                p25: f[1],
                median: f[2],
                p75: f[3],
                p90: f[4]
            )
        }
    }

    static var levelTable: CSVTable {
        var table = CSVTable(header: [
            "level", "industry", "postings", "with_salary", "p10", "p25", "median", "p75", "p90", "mean", "min", "max",
            "median_range_min", "median_range_max", "currency", "suppressed",
        ])
        for level in levels {
            let f = level.figures
            let figures: [CSVCell] = [0, 1, 2, 3, 4].map { .money(f?[$0]) }
            let extremes: [CSVCell] = [
                .money(f.map { ($0[1] + $0[3]) / 2 }), .money(f.map { $0[0] * 0.96 }), .money(f.map { $0[4] * 1.07 }),
            ]
            let ranges: [CSVCell] = [.money(f.map { $0[2] * 0.92 }), .money(f.map { $0[2] * 1.08 })]
            let tail: [CSVCell] = [.text("USD"), .bool(f == nil)]
            table.append(
                [.text(level.label), .text("all"), .integer(level.postings), .integer(level.n)] + figures + extremes
                    + ranges + tail
            )
        }
        return table
    }

    static var premiumTable: CSVTable {
        var table = CSVTable(header: [
            "level", "industry", "with_salary", "median", "all_industries_median", "premium_pct", "suppressed",
        ])
        for row in premiums {
            table.append([
                .text("all"), .text(row.industry), .integer(row.n), .money(row.median), .money(140_000),
                .number(row.premium, decimals: 1), .bool(false),
            ])
        }
        table.append([.text("all"), .text("energy"), .integer(2), .empty, .money(140_000), .empty, .bool(true)])
        return table
    }

    /// Long enough to be folded.
    static var skillsTable: CSVTable {
        var table = CSVTable(header: ["level", "skill", "category", "postings", "group_postings", "share"])
        let skills = ["Python", "SQL", "AWS", "Spark", "Kubernetes", "Tableau", "dbt", "Airflow", "PyTorch", "Go"]
        for (index, skill)
            in (skills + skills.map { $0 + " (advanced)" } + skills.map { $0 + " 2" }
            + skills.map { $0 + " 3" } + skills.map { $0 + " 4" }).enumerated()
        {
            let postings = 50 - index
            table.append([
                .text("all"), .text(skill), .text("tooling"), .integer(postings), .integer(1_069),
                .number(Double(postings) / 1_069, decimals: 4),
            ])
        }
        return table
    }

    static var sections: [ReportIndexPage.Section] {
        [
            .init(
                heading: "Salary by level",
                svg: SVGChart.boxPlots(title: "Annual salary by level (USD)", boxes: boxes, currency: "USD"),
                table: levelTable,
                note: "Annual USD midpoints; groups with fewer than min_sample (5) salaries are suppressed."
            ),
            .init(
                heading: "Industry premium, all levels",
                svg: SVGChart.premiumBars(
                    title: "Industry median against the all-industries median",
                    bars: premiums.map { .init(label: $0.industry, n: $0.n, premiumPercent: $0.premium) }
                ),
                table: premiumTable,
                note: nil
            ),
            .init(heading: "Skills by level", svg: nil, table: skillsTable, note: "Most mentioned first."),
        ]
    }

    static var html: String {
        ReportIndexPage.html(
            sections: sections,
            csvFiles: csvFiles,
            generatedAt: "2026-11-02 03:00 UTC",
            postings: 1_069
        )
    }
}

struct ReportIndexPageTests {
    @Test
    func producesWellFormedMarkup() throws {
        let page = try ParsedMarkup(SamplePage.html)
        #expect(page.root.name == "html")
        #expect(page.elements("title").first?.text == "jobmarket salary report")
        #expect(
            page.elements("h2").map(\.text).prefix(3) == [
                "Salary by level", "Industry premium, all levels", "Skills by level",
            ]
        )
        #expect(SamplePage.html.hasPrefix("<!DOCTYPE html>\n"))
    }

    @Test
    func linksEveryCSVFileByRelativeName() throws {
        let files = SamplePage.csvFiles + ["my report.csv", "R&D <Lab>.csv", "javascript:alert(1).csv"]
        let html = ReportIndexPage.html(sections: [], csvFiles: files, generatedAt: "now", postings: 0)
        let page = try ParsedMarkup(html)
        let links = page.elements("ul", class: "files").flatMap { $0.all.filter { $0.name == "a" } }
        #expect(links.map(\.text) == files)
        #expect(
            links.map { $0.attributes["href"] } == SamplePage.csvFiles + [
                "my%20report.csv", "R&D%20%3CLab%3E.csv", "./javascript:alert(1).csv",
            ]
        )
    }

    @Test
    func inlinesEveryChart() throws {
        let html = SamplePage.html
        let charts = SamplePage.sections.compactMap(\.svg)
        #expect(charts.count == 2)
        for svg in charts {
            let inline = svg.replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(inline != svg)
            #expect(html.contains(inline.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let page = try ParsedMarkup(html)
        #expect(page.elements("svg").count == 2)
        #expect(page.elements("figure", class: "chart").count == 2)
        #expect(!html.contains("<img") && !html.contains("<object") && !html.contains("<iframe"))
    }

    @Test
    func makesNoNetworkReferences() {
        let html = SamplePage.html
        for needle in ["http://", "https://", "<script", "<link", "src=", "url(", "@import", "href=\"//"] {
            #expect(!html.contains(needle), "page contains \(needle)")
        }
    }

    @Test
    func escapesEveryTextItShows() throws {
        let label = "R&D <Lab>"
        var table = CSVTable(header: [label])
        table.append([.text(label)])
        let html = ReportIndexPage.html(
            sections: [.init(heading: label, svg: nil, table: table, note: "\"quoted\" & 'single' \(label)")],
            csvFiles: ["\(label).csv"],
            generatedAt: "<now>",
            postings: 3
        )
        #expect(!html.contains(label))
        #expect(!html.contains("<now>"))
        #expect(html.contains("R&amp;D &lt;Lab&gt;"))
        #expect(html.contains("&quot;quoted&quot; &amp; &#39;single&#39;"))
        let page = try ParsedMarkup(html)
        #expect(page.elements("h2").first?.text == label)
        #expect(page.elements("td").map(\.text) == [label])
        #expect(page.elements("p", class: "meta").first?.text == "Generated <now> from 3 postings.")
    }

    @Test
    func rendersCellsAsReadableText() throws {
        var table = CSVTable(header: ["name", "salary", "share", "count", "flag", "missing"])
        table.append([
            .text("=SUM(A1)"), .money(1_234_567.5), .number(0.1234, decimals: 4), .integer(12_345), .bool(true), .empty,
        ])
        table.append([.text(""), .money(-27.8), .number(nil, decimals: 1), .integer(7), .bool(false), .money(nil)])
        let page = try ParsedMarkup(
            ReportIndexPage.html(
                sections: [.init(heading: "t", table: table)],
                csvFiles: [],
                generatedAt: "now",
                postings: 1
            )
        )
        let rows = page.elements("tr").dropFirst().map { $0.children.map(\.text) }
        #expect(
            rows == [
                ["=SUM(A1)", "1,234,567.5", "0.1234", "12,345", "true", "—"],
                ["—", "-27.8", "—", "7", "false", "—"],
            ]
        )
        // Number columns are right-aligned, header included; empty cells are marked.
        #expect(page.elements("th", class: "num").map(\.text) == ["salary", "share", "count"])
        #expect(page.elements("td", class: "num").count == 6)
        #expect(page.elements("td", class: "empty").count == 4)
    }

    @Test
    func foldsLongTablesAndShowsShortOnes() throws {
        let page = try ParsedMarkup(SamplePage.html)
        let folded = page.elements("details")
        #expect(folded.count == 1)
        #expect(folded.first?.children.first?.text == "Show the table (50 rows)")
        #expect(page.elements("table").count == 3)
    }

    @Test
    func producesIdenticalOutputForTheSameInput() {
        // `SamplePage.html` builds the page anew on each access.
        let first = SamplePage.html
        let second = SamplePage.html
        #expect(first == second)
    }
}
