import JobAnalyze
import JobModel
import JobStore

/// Folds the stored postings into report facts from plain scans of a report source, read as many
/// times as the exact percentiles need (a few: three for a million postings), so memory grows with
/// the number of groups, not with the number of postings.
enum StoreFacts {
    static func load(_ source: any ReportSource, _ selection: PostingStore.Selection) throws -> MarketFacts {
        try source.withReportReader { reader in
            var postings = PostingFold()
            repeat {
                try reader.scanPostings(selection) { row in
                    postings.add(
                        level: row.level, industry: row.industry, title: row.title, midpoint: row.midpoint,
                        rangeMin: row.rangeMin, rangeMax: row.rangeMax, skills: row.skills)
                }
            } while postings.finishPass()
            return postings.facts
        }
    }
}
