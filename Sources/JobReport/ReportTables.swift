import JobAnalyze

/// Turns analysis rows into CSV tables; the column lists here are the documented contract.
public enum ReportTables {
    public static let bandColumns = [
        "level", "industry", "postings", "with_salary", "p10", "p25", "median", "p75", "p90", "mean", "min", "max",
        "median_range_min", "median_range_max", "currency", "suppressed",
    ]

    public static func bands(_ bands: [SalaryBand], currency: String) -> CSVTable {
        var table = CSVTable(header: bandColumns)
        for band in bands {
            let d = band.midpoints
            table.append([
                .text(band.level), .text(band.industry), .integer(band.postings), .integer(band.withSalary),
                .money(d?.p10), .money(d?.p25), .money(d?.median), .money(d?.p75), .money(d?.p90), .money(d?.mean),
                .money(d?.min), .money(d?.max), .money(band.medianRangeMin), .money(band.medianRangeMax),
                .text(currency), .bool(band.suppressed),
            ])
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
            "level", "industry", "with_salary", "median", "all_industries_median", "premium_pct", "suppressed",
        ])
        for row in rows {
            table.append([
                .text(row.level), .text(row.industry), .integer(row.withSalary), .money(row.median),
                .money(row.allIndustriesMedian), .number(row.premiumPercent, decimals: 1), .bool(row.suppressed),
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
}
