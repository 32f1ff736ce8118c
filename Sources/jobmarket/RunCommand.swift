import ArgumentParser
import Foundation
import JobPipeline
import JobStorePostgres

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "The nightly job: fetch, extract, store, then write every report.")

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "Folder for the CSV reports; overrides the config's `reports`.")
    var reports: String?

    @Option(name: .long, help: "Worker processes to start (a postgres:// database only; default 1).")
    var workers: Int?

    @Option(name: .long, help: "Seconds a worker's claim on a URL lasts before another worker may take it over.")
    var lease = 120.0

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers takes a number of at least 1") }
        if lease < 1 { throw ValidationError("--lease takes at least 1 second") }
    }

    func run() async throws {
        await withExitStatus {
            let config = try common.loadConfig()
            let logger = common.makeLogger()
            var pipeline = Pipeline(config: config, databasePath: config.database, reportsDirectory: reports, logger: logger)
            if let workers, workers > 1, !PostgresStore.isURL(config.database) {
                throw CommandFailure(
                    message: "--workers needs a postgres:// database; \(config.database) is a SQLite file, which one process writes",
                    status: .usage)
            }
            pipeline.workers = workers ?? 1
            pipeline.leaseSeconds = lease
            pipeline.workerCommand = WorkerCommand.command(config: config, verbose: common.verbose)
            let progress = ProgressLine()
            if progress.isTerminal { pipeline.onProgress = { progress.show($0) } }
            let summary = try await pipeline.run()
            progress.finish()
            print(Self.describe(summary, database: pipeline.databasePath, reports: pipeline.reportsDirectory.path))
            return summary.failures.isEmpty ? .ok : .someFailed
        }
    }

    static func describe(_ summary: RunSummary, database: String, reports: String) -> String {
        var lines = [
            "run \(summary.runID) in " + String(format: "%.1f s", summary.seconds) + ": \(summary.listingPages) listing pages, "
                + "\(summary.postingPages) posting pages fetched, \(summary.unchanged) unchanged (304 or same page), "
                + "\(summary.skippedByRobots) skipped by robots.txt",
            "postings: \(summary.postingsSeen) seen, \(summary.postingsNew) new, \(summary.postingsUpdated) updated; "
                + "\(summary.storedPostings) stored in \(database)",
        ]
        if summary.failures.isEmpty {
            lines.append("failed: none")
        } else {
            let reasons = summary.failuresByReason.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            lines.append("failed: \(summary.failures.count) (\(reasons))")
            for failure in summary.failures.prefix(20) {
                lines.append("  \(failure.reason)  \(failure.url)")
            }
            if summary.failures.count > 20 { lines.append("  … and \(summary.failures.count - 20) more") }
        }
        lines.append("reports: \(summary.reports.count) files in \(reports)")
        return lines.joined(separator: "\n")
    }
}
