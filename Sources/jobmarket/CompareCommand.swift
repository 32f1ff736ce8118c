import ArgumentParser
import Foundation
import JobAnalyze
import JobModel
import JobPipeline
import JobReport
import JobStore

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Print salary bands side by side, by industry, level or skill.",
        discussion: """
            Example: finance against technology for senior postings that name Python:
              jobmarket compare --by industry --level senior --skill Python
            """)

    enum Dimension: String, ExpressibleByArgument, CaseIterable {
        case industry
        case level
        case skill
    }

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "industry, level or skill.")
    var by: Dimension = .industry

    @Option(name: .long, help: "Only postings of this level.")
    var level: Level?

    @Option(name: .long, help: "Only postings of this industry.")
    var industry: Industry?

    @Option(name: .long, help: "Only postings that name this skill (its canonical name, e.g. PyTorch).")
    var skill: String?

    @Option(name: .long, help: "With --by skill: how many of the most mentioned skills to show.")
    var top = 25

    @Option(name: .long, help: "Also write the table as CSV to this file.")
    var csv: String?

    @OptionGroup var selection: SelectionOptions

    func run() async throws {
        await withExitStatus {
            let config = try common.loadConfig()
            var postings = try openExisting(config.database).postings(selection.selection(default: .open)).map(\.posting)
            if let level { postings = postings.filter { $0.level == level } }
            if let industry { postings = postings.filter { $0.industry == industry } }
            if let skill { postings = postings.filter { $0.skills.contains { $0.caseInsensitiveCompare(skill) == .orderedSame } } }
            let minSample = config.analysis.minSample
            let analysis = MarketAnalysis(postings: postings, minSample: minSample)
            let overall = analysis.bandsByLevel().last
            var rows: [(label: String, band: SalaryBand)]
            switch by {
            case .industry: rows = analysis.bandsByIndustry().map { ($0.industry, $0) }
            case .level: rows = analysis.bandsByLevel().map { ($0.level, $0) }
            case .skill:
                let mentions = Dictionary(grouping: postings.flatMap { posting in Set(posting.skills).map { ($0, posting) } }, by: \.0)
                rows = mentions.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
                    .prefix(top)
                    .compactMap { skill, pairs in
                        MarketAnalysis(postings: pairs.map(\.1), minSample: minSample).bandsByLevel().last.map { (skill, $0) }
                    }
                if let overall { rows.append((GroupLabel.all, overall)) }
            }
            print(BandTable.render(rows, dimension: by.rawValue, reference: overall?.midpoints?.median))
            if let csv {
                var bands = rows.map(\.band)
                if by == .skill {
                    // The CSV keeps the band columns: with --by skill, the skill stands in the level column.
                    bands = zip(rows, bands).map { row, band in
                        var band = band
                        band.level = row.label
                        return band
                    }
                }
                let table = ReportTables.bands(bands, currency: config.analysis.currency)
                try Data(table.rendered().utf8).write(to: URL(fileURLWithPath: csv), options: .atomic)
            }
            return .ok
        }
    }
}

extension Level: ExpressibleByArgument {}
extension Industry: ExpressibleByArgument {}
