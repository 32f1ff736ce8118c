import JobAnalyze
import JobModel
import JobStore
import Foundation
let traceStart = Date()
func trace(_ s: String) { if ProcessInfo.processInfo.environment["JM_TRACE"] != nil { let st = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""; let m = st.split(separator: "\n").filter { $0.hasPrefix("VmHWM") || $0.hasPrefix("VmRSS") }.joined(separator: " "); FileHandle.standardError.write(Data("\(String(format: "%.2f", Date().timeIntervalSince(traceStart))) \(s) \(m)\n".utf8)) } }

/// Folds the stored postings into report facts from plain scans of a report source, read as many
/// times as the exact percentiles need (two or three), so memory grows with the number of groups,
/// not with the number of postings.
enum StoreFacts {
    static func load(_ source: any ReportSource, _ selection: PostingStore.Selection) throws -> MarketFacts {
        trace("start")
        return try source.withReportReader { reader in
            var postings = PostingFold()
            repeat {
                try reader.scanPostings(selection) { row in
                    postings.add(
                        level: row.level, industry: row.industry, title: row.title, midpoint: row.midpoint,
                        rangeMin: row.rangeMin, rangeMax: row.rangeMax, skills: row.skills)
                }
                trace("postings pass")
            } while postings.finishPass()
            return postings.facts
        }
    }
}
