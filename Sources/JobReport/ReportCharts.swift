import JobAnalyze

/// The charts and the index page drawn from an analysis: box plots of salary bands per level
/// and per industry, and skills by premium.
public enum ReportCharts {
    /// Skills shown in the premium chart: the most mentioned ones with enough salaries.
    public static let premiumSkillCount = 20

    static func box(_ band: SalaryBand, label: String) -> SVGChart.Box {
        let d = band.midpoints
        return SVGChart.Box(
            label: label, n: band.withSalary, p10: d?.p10, p25: d?.p25, median: d?.median, p75: d?.p75, p90: d?.p90,
            suppressed: band.suppressed)
    }

    /// SVG files by name: salary by level, salary by industry for every level, skills by premium.
    public static func charts(for analysis: MarketAnalysis, currency: String) -> [(String, String)] {
        var charts: [(String, String)] = [
            (
                "salary_by_level.svg",
                SVGChart.boxPlots(
                    title: "Annual salary by level (\(currency))",
                    boxes: analysis.bandsByLevel().map { box($0, label: $0.level) }, currency: currency)
            ),
        ]
        let bands = analysis.bandsByLevelAndIndustry()
        for level in analysis.bandsByLevel().map(\.level) {
            let boxes = bands.filter { $0.level == level }.map { box($0, label: $0.industry) }
            charts.append(
                (
                    "salary_by_industry_\(level).svg",
                    SVGChart.boxPlots(
                        title: level == GroupLabel.all
                            ? "Annual salary by industry, all levels (\(currency))"
                            : "Annual salary by industry, \(level) level (\(currency))",
                        boxes: boxes, currency: currency)
                ))
        }
        charts.append(("skills_by_premium.svg", SVGChart.premiumBars(title: "Skills: median pay against the median of all postings", bars: skillPremiums(analysis))))
        return charts
    }

    /// The most mentioned skills whose median is shown, with their premium over the overall median.
    static func skillPremiums(_ analysis: MarketAnalysis) -> [SVGChart.Bar] {
        guard let overall = analysis.bandsByLevel().last?.midpoints?.median, overall > 0 else { return [] }
        return analysis.skills(byLevel: true).filter { $0.group == GroupLabel.all && $0.medianSalary != nil }
            .prefix(premiumSkillCount)
            .map { SVGChart.Bar(label: $0.skill, n: $0.withSalary, premiumPercent: ($0.medianSalary! - overall) / overall * 100) }
            .sorted { $0.premiumPercent > $1.premiumPercent }
    }

    /// The static `index.html`: the charts with the key tables, and a link to every CSV file.
    public static func indexPage(
        analysis: MarketAnalysis, tables: [(String, CSVTable)], charts: [(String, String)], generatedAt: String
    ) -> String {
        let table = Dictionary(tables, uniquingKeysWith: { first, _ in first })
        let chart = Dictionary(charts, uniquingKeysWith: { first, _ in first })
        var sections = [
            ReportIndexPage.Section(
                heading: "Salary by level", svg: chart["salary_by_level.svg"], table: table["salary_by_level.csv"],
                note: "Annual USD midpoints; groups with fewer than min_sample salaries are suppressed."),
            ReportIndexPage.Section(
                heading: "Salary by industry, all levels", svg: chart["salary_by_industry_all.svg"],
                table: table["salary_by_industry.csv"]),
        ]
        for (name, svg) in charts where name.hasPrefix("salary_by_industry_") && name != "salary_by_industry_all.svg" {
            let level = name.dropFirst("salary_by_industry_".count).dropLast(".svg".count)
            sections.append(ReportIndexPage.Section(heading: "Salary by industry, \(level) level", svg: svg))
        }
        sections.append(
            ReportIndexPage.Section(
                heading: "Industry premium against all industries", table: table["industry_comparison.csv"],
                note: "premium_pct with its 95% bootstrap interval (1,000 resamples, fixed seed)."))
        sections.append(
            ReportIndexPage.Section(
                heading: "Skills by premium", svg: chart["skills_by_premium.svg"], table: table["skills_by_level.csv"],
                note: "The most mentioned skills whose median is shown, against the median of all postings."))
        sections.append(ReportIndexPage.Section(heading: "Against the published bands", table: table["reference_bands.csv"]))
        let postings = analysis.bandsByLevel().last?.postings ?? 0
        return ReportIndexPage.html(sections: sections, csvFiles: tables.map(\.0), generatedAt: generatedAt, postings: postings)
    }
}
