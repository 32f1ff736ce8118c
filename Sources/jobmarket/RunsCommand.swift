import ArgumentParser
import Foundation
import JobPipeline
import JobStore

struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the run ledger, newest first.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "How many runs to list.")
    var limit = 20

    func run() async throws {
        await withExitStatus {
            let config = try common.loadConfig()
            let runs = try openExisting(config.database).runs(limit: limit)
            var rows = [["run", "started", "finished", "status", "pages", "failed", "seen", "new", "updated"]]
            for run in runs {
                rows.append([
                    String(run.id), run.startedAt, run.finishedAt ?? "-", run.status, String(run.counts.pagesFetched),
                    String(run.counts.pagesFailed), String(run.counts.postingsSeen), String(run.counts.postingsNew),
                    String(run.counts.postingsUpdated),
                ])
            }
            let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                print(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  "))
            }
            return .ok
        }
    }
}

struct VacuumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum", abstract: "Delete fetch records older than N days and compact the database; postings are kept.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Keep fetch records of the last N days.")
    var keepDays: Int

    func validate() throws {
        if keepDays < 0 { throw ValidationError("--keep-days must be 0 or more") }
    }

    func run() async throws {
        await withExitStatus {
            let config = try common.loadConfig()
            let store = try openExisting(config.database)
            let lock = try Storage.lockRuns(config.database, store: store)
            defer { withExtendedLifetime(lock) {} }
            let deleted = try store.pruneFetches(olderThanDays: keepDays)
            print("vacuum: \(deleted) fetch records older than \(keepDays) days deleted; postings kept")
            return .ok
        }
    }
}
