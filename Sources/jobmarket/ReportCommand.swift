import ArgumentParser
import Foundation
import JobPipeline
import JobStore
import JobStorePostgres

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Rewrite the CSV reports from the database.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Folder for the CSV reports; overrides the config's `reports`.")
    var reports: String?

    @OptionGroup var selection: SelectionOptions

    func run() async throws {
        await withExitStatus {
            let config = try common.loadConfig()
            let store = try openExisting(config.database)
            let directory = URL(fileURLWithPath: reports ?? config.reports)
            let written = try Reporting.write(store: store, config: config, to: directory, selection: selection.selection(default: .open))
            print("reports: \(written.count) files in \(directory.path)")
            return .ok
        }
    }
}

/// Opens a database that must already exist (report, export, compare never create one).
func openExisting(_ path: String) throws -> any PostingStorage {
    guard PostgresStore.isURL(path) || FileManager.default.fileExists(atPath: path) else {
        throw CommandFailure(message: "no database at \(path); run `jobmarket run` first", status: .usage)
    }
    do {
        return try Storage.open(path)
    } catch {
        throw CommandFailure(message: error.description, status: .usage)
    }
}

/// `--since DATE` / `--all`: which stored postings a command covers.
struct SelectionOptions: ParsableArguments {
    @Option(name: .long, help: "Postings last seen on or after this day (YYYY-MM-DD), open or closed.")
    var since: String?

    @Flag(name: .long, help: "Every posting ever stored, open or closed.")
    var all = false

    func validate() throws {
        if let since {
            let parts = since.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
                throw ValidationError("--since takes a day as YYYY-MM-DD, not '\(since)'")
            }
            if all { throw ValidationError("give either --since or --all, not both") }
        }
    }

    func selection(default fallback: PostingStore.Selection) -> PostingStore.Selection {
        if all { return .all }
        if let since { return .seenSince(since) }
        return fallback
    }
}
