import Foundation
import JobStore
import JobStorePostgres
import Logging

#if canImport(Glibc)
    import Glibc
#endif

extension Pipeline {
    /// The run on PostgreSQL: seeds the shared frontier with the start URLs, starts the worker
    /// processes, waits for them, works off whatever a dead worker left, then closes the run and
    /// writes the reports. Workers on other machines (`jobmarket worker`) may join while it runs.
    func runOnFrontier(_ store: PostgresStore) async throws -> RunSummary {
        let started = Date()
        var summary = RunSummary()
        summary.runID = try store.beginRun(at: Timestamp.now(), configHash: config.hash)
        let run = summary.runID
        var finished = false
        defer {
            // A run that stops on an error closes nothing, says so in the ledger, and its workers stop.
            if !finished {
                do { try store.finishRun(run, at: Timestamp.now(), status: "failed", counts: RunCounts()) } catch {
                    logger.error("cannot record the end of the run", metadata: ["error": "\(error)"])
                }
            }
        }
        var seeds: [FrontierEntry] = []
        for source in config.sources {
            for url in source.startURLs.compactMap({ Self.absolute($0, configFile: config.file) }) {
                seeds.append(FrontierEntry(url: url, origin: LinkResolver.origin(of: url), source: source.name, kind: .listing))
            }
        }
        try store.enqueue(seeds, run: run, policy: Worker.policy(config))
        logger.info("run started", metadata: ["run": "\(run)", "workers": "\(workers)", "urls": "\(seeds.count)"])

        let statuses = try await startWorkers(run: run)
        for (index, status) in statuses.enumerated() where status != 0 {
            logger.warning("worker ended abnormally", metadata: ["worker": "\(index + 1)", "status": "\(status)"])
        }
        // Whatever dead workers left (their leases run out and this process takes the URLs), or
        // all of it when no worker process was asked for.
        if try !store.frontierState(run: run).isDrained {
            if !statuses.isEmpty {
                logger.warning("URLs left in the frontier; working them off here", metadata: ["run": "\(run)"])
            }
            _ = try await Worker(
                config: config, store: store, run: run, name: Self.workerName(0), logger: logger, leaseSeconds: leaseSeconds
            ).work()
        }

        let outcome = try store.outcome(run: run)
        summary.listingPages = outcome.counts.listingPages
        summary.postingPages = outcome.counts.postingPages
        summary.unchanged = outcome.counts.unchanged
        summary.skippedByRobots = outcome.counts.skipped
        summary.postingsNew = outcome.counts.postingsNew
        summary.postingsUpdated = outcome.counts.postingsUpdated
        summary.postingsSeen = try store.postingsSeen(run: run)
        summary.failures = outcome.failures.filter { $0.outcome.hasPrefix("failed:") }.map {
            PageFailure(url: $0.url, reason: String($0.outcome.dropFirst(7)), detail: "\($0.kind) page")
        }
        try store.finishRun(
            run, at: Timestamp.now(), status: summary.failures.isEmpty ? "ok" : "partial", counts: summary.ledgerCounts,
            completeSources: config.sources.map(\.name).filter { !outcome.incompleteSources.contains($0) },
            unsure: outcome.unsure, closeAfterRuns: config.closeAfterRuns)
        finished = true
        // Each run's frontier is kept a while for a look at what became of its URLs.
        try store.pruneFrontier(keepingRuns: Self.frontiersKept)
        summary.storedPostings = try store.postingCount()
        summary.reports = try Reporting.write(store: store, config: config, to: reportsDirectory)
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Runs whose frontier stays in the database after a run.
    static let frontiersKept = 7

    /// A worker name unique across machines: host, process id and number.
    static func workerName(_ number: Int) -> String {
        "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(number)"
    }

    /// Starts the worker processes and waits for all of them.
    /// - Returns: each one's exit status.
    private func startWorkers(run: Int64) async throws -> [Int32] {
        guard workers > 0, let executable = workerCommand.first else { return [] }
        var processes: [Process] = []
        for number in 1...workers {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(workerCommand.dropFirst()) + [
                "--run", String(run), "--name", Self.workerName(number), "--lease", String(leaseSeconds),
            ]
            try process.run()
            processes.append(process)
        }
        var statuses: [Int32] = []
        for process in processes {
            while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
            statuses.append(process.terminationStatus)
        }
        return statuses
    }
}
