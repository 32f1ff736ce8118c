import ArgumentParser
import Foundation
import JobPipeline
import JobStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Rewrite the CSV reports from the database.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Folder for the CSV reports; overrides the config's `reports`.")
    var reports: String?

    func run() async throws {
        await withExitStatus {
            let config = try common.loadConfig()
            let store = try openExisting(config.database)
            let directory = URL(fileURLWithPath: reports ?? config.reports)
            let written = try Reporting.write(store: store, config: config, to: directory)
            print("reports: \(written.count) files in \(directory.path)")
            return .ok
        }
    }
}

/// Opens a database that must already exist (report, export, compare never create one).
func openExisting(_ path: String) throws -> PostingStore {
    guard FileManager.default.fileExists(atPath: path) else {
        throw CommandFailure(message: "no database at \(path); run `jobmarket run` first", status: .usage)
    }
    do {
        return try PostingStore(path: path)
    } catch {
        throw CommandFailure(message: error.description, status: .usage)
    }
}
