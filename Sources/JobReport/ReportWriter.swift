import Foundation
import JobAnalyze

/// Writes every CSV report of an analysis into a folder, each file replaced atomically.
public struct ReportWriter: Sendable {
    public let directory: URL
    /// Currency every salary figure is stated in.
    public let currency: String

    public init(directory: URL, currency: String = "USD") {
        self.directory = directory
        self.currency = currency
    }

    /// The reports by file name, in a stable order.
    public func tables(
        for analysis: MarketAnalysis, skillCategories: [String: String], trend: [TrendRow] = []
    ) -> [(String, CSVTable)] {
        [
            ("salary_by_level_industry.csv", ReportTables.bands(analysis.bandsByLevelAndIndustry(), currency: currency)),
            ("salary_by_level.csv", ReportTables.bands(analysis.bandsByLevel(), currency: currency)),
            ("salary_by_industry.csv", ReportTables.bands(analysis.bandsByIndustry(), currency: currency)),
            ("skills_by_level.csv", ReportTables.skills(analysis.skills(byLevel: true, categories: skillCategories), groupColumn: "level")),
            ("skills_by_industry.csv", ReportTables.skills(analysis.skills(byLevel: false, categories: skillCategories), groupColumn: "industry")),
            ("titles.csv", ReportTables.titles(analysis.titles())),
            ("industry_comparison.csv", ReportTables.premiums(analysis.industryPremiums())),
            ("trend.csv", ReportTables.trend(trend)),
            ("reference_bands.csv", ReportTables.referenceBands(analysis.referenceBands())),
        ]
    }

    /// Writes the CSV reports, the SVG charts and `index.html`; returns the CSV paths written.
    @discardableResult
    public func write(
        _ analysis: MarketAnalysis, skillCategories: [String: String] = [:], trend: [TrendRow] = [],
        generatedAt: String = ""
    ) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [URL] = []
        let tables = tables(for: analysis, skillCategories: skillCategories, trend: trend)
        for (name, table) in tables {
            let url = directory.appendingPathComponent(name)
            try Data(table.rendered().utf8).write(to: url, options: .atomic)
            written.append(url)
        }
        let charts = ReportCharts.charts(for: analysis, currency: currency)
        for (name, svg) in charts {
            try Data(svg.utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
        }
        let page = ReportCharts.indexPage(analysis: analysis, tables: tables, charts: charts, generatedAt: generatedAt)
        try Data(page.utf8).write(to: directory.appendingPathComponent("index.html"), options: .atomic)
        return written
    }
}
