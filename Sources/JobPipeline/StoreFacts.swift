import JobAnalyze
import JobModel
import JobStore

/// Folds the stored postings into report facts from plain scans of a report source, read as many
/// times as the exact percentiles need (two or three), so memory grows with the number of groups,
/// not with the number of postings.
enum StoreFacts {
    static func load(_ source: any ReportSource, _ selection: PostingStore.Selection) throws -> MarketFacts {
        try source.withReportReader { reader in
            var postings = PostingFold()
            repeat {
                try reader.scanPostings(selection) { row in
                    postings.add(
                        level: row.level, industry: row.industry, title: row.title, midpoint: row.midpoint,
                        rangeMin: row.rangeMin, rangeMax: row.rangeMax)
                }
            } while postings.finishPass()
            var skills = SkillFold()
            repeat {
                try reader.scanPostingSkills(selection) { row in
                    skills.add(skill: row.skill, level: row.level, industry: row.industry, midpoint: row.midpoint)
                }
            } while skills.finishPass()
            var facts = postings.facts
            facts.skills = skills.facts
            return facts
        }
    }
}
