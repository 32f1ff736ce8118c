import JobAnalyze
import JobModel

/// Turns analysis rows into CSV tables; the column lists here are the documented contract.
public enum ReportTables {
    /// The salary-band columns: DESIGN.md's first twelve, then range minimums and maximums.
    public static let bandColumns = [
        "level", "industry", "postings", "with_salary", "p10", "p25", "median", "p75", "p90", "mean", "currency",
        "suppressed", "min", "max", "range_min_p10", "range_min_p25", "range_min_median", "range_min_p75",
        "range_min_p90", "range_max_p10", "range_max_p25", "range_max_median", "range_max_p75", "range_max_p90",
    ]

    public static func bands(_ bands: [SalaryBand], currency: String) -> CSVTable {
        var table = CSVTable(header: bandColumns)
        func percentiles(_ d: Distribution?) -> [CSVCell] {
            [.money(d?.p10), .money(d?.p25), .money(d?.median), .money(d?.p75), .money(d?.p90)]
        }
        for band in bands {
            let d = band.midpoints
            table.append(
                [.text(band.level), .text(band.industry), .integer(band.postings), .integer(band.withSalary)]
                    + percentiles(d) + [.money(d?.mean), .text(currency), .bool(band.suppressed), .money(d?.min), .money(d?.max)]
                    + percentiles(band.rangeMins) + percentiles(band.rangeMaxs))
        }
        return table
    }

    public static func skills(_ rows: [SkillShare], groupColumn: String) -> CSVTable {
        var table = CSVTable(header: [
            groupColumn, "skill", "category", "postings", "group_postings", "share", "with_salary", "median_salary",
        ])
        for row in rows {
            table.append([
                .text(row.group), .text(row.skill), .text(row.category ?? ""), .integer(row.postings),
                .integer(row.groupPostings), .number(row.share, decimals: 4), .integer(row.withSalary),
                .money(row.medianSalary),
            ])
        }
        return table
    }

    public static func titles(_ rows: [TitleSummary]) -> CSVTable {
        var table = CSVTable(header: ["canonical_title", "level", "postings", "with_salary", "median"])
        for row in rows {
            table.append([
                .text(row.canonicalTitle), .text(row.level), .integer(row.postings), .integer(row.withSalary),
                .money(row.median),
            ])
        }
        return table
    }

    public static func premiums(_ rows: [IndustryPremium]) -> CSVTable {
        var table = CSVTable(header: [
            "level", "industry", "with_salary", "median", "all_industries_median", "premium_pct", "premium_ci_low",
            "premium_ci_high", "suppressed",
        ])
        for row in rows {
            // Suppressed rows keep their counts but show no figure, as in every other view.
            let shown = !row.suppressed
            table.append([
                .text(row.level), .text(row.industry), .integer(row.withSalary), .money(shown ? row.median : nil),
                .money(shown ? row.allIndustriesMedian : nil), .number(shown ? row.premiumPercent : nil, decimals: 1),
                .number(shown ? row.premiumLow : nil, decimals: 1), .number(shown ? row.premiumHigh : nil, decimals: 1),
                .bool(row.suppressed),
            ])
        }
        return table
    }

    public static func referenceBands(_ rows: [ReferenceBand]) -> CSVTable {
        var table = CSVTable(header: [
            "level", "published_low", "published_high", "with_salary", "p25", "median", "p75", "position",
        ])
        for row in rows {
            table.append([
                .text(row.level), .money(row.publishedLow), .money(row.publishedHigh), .integer(row.withSalary),
                .money(row.p25), .money(row.median), .money(row.p75), .text(row.position),
            ])
        }
        return table
    }

    public static func trend(_ rows: [TrendRow]) -> CSVTable {
        var table = CSVTable(header: [
            "run_date", "run", "level", "industry", "new", "open", "closed", "with_salary", "median",
        ])
        for row in rows {
            table.append([
                .text(row.day), .integer(Int(row.run)), .text(row.level), .text(row.industry), .integer(row.new),
                .integer(row.open), .integer(row.closed), .integer(row.withSalary), .money(row.median),
            ])
        }
        return table
    }
}
