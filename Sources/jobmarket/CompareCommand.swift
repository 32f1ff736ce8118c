import JobStore
import JobReport
import ArgumentParser
import Foundation
import JobAnalyze
import JobModel
import JobPipeline

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Print salary bands side by side, by industry or by level.")

    enum Dimension: String, ExpressibleByArgument, CaseIterable {
        case industry
        case level
    }

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "industry or level.")
    var by: Dimension = .industry

    @Option(name: .long, help: "Only postings of this level.")
    var level: Level?

    @Option(name: .long, help: "Only postings of this industry.")
    var industry: Industry?

    @OptionGroup var selection: SelectionOptions

    func run() async throws {
        await withExitStatus {
            let config = try common.loadConfig()
            var postings = try openExisting(config.database).postings(selection.selection(default: .open)).map(\.posting)
            if let level { postings = postings.filter { $0.level == level } }
            if let industry { postings = postings.filter { $0.industry == industry } }
            let analysis = MarketAnalysis(postings: postings, minSample: config.analysis.minSample)
            let bands = by == .industry ? analysis.bandsByIndustry() : analysis.bandsByLevel()
            print(BandTable.render(bands, by: by.rawValue))
            return .ok
        }
    }
}

extension Level: ExpressibleByArgument {}
extension Industry: ExpressibleByArgument {}
