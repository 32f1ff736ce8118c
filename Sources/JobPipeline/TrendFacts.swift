import JobAnalyze
import JobStore

/// The trend report's rows from the run ledger and the postings' first and closing runs.
enum TrendFacts {
    /// Runs covered by the trend report: the latest that ended normally.
    static let runLimit = 90

    static func load(_ source: any ReportSource, minSample: Int) throws -> [TrendRow] {
        try source.withReportReader { reader in
            let runs = try reader.finishedRuns(limit: runLimit)
            guard let last = runs.last else { return [] }
            var trend = TrendFold(runs: runs.map { ($0.id, $0.day) }, minSample: minSample)
            repeat {
                try reader.scanPostingRuns(through: last.id) { row in
                    trend.add(
                        firstRun: row.firstRun, closedRun: row.closedRun, level: row.level, industry: row.industry,
                        midpoint: row.midpoint)
                }
            } while trend.finishPass()
            return trend.rows
        }
    }
}
