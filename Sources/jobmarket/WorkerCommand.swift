import ArgumentParser
import Foundation
import JobPipeline
import JobStorePostgres

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Work on the run in progress on a PostgreSQL database, beside other workers on any machine.",
        discussion: """
            Claims URLs from the run's shared frontier until none are left, then exits 0. Start the \
            run itself with `jobmarket run` on one machine; start workers on the others.
            """)

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "The run to join (default: the run in progress).")
    var run: Int64?

    @Option(name: .long, help: "Seconds to wait for a run to start when none is in progress.")
    var wait = 0.0

    @Option(name: .long, help: "This worker's name in the run ledger (default: host-pid-0).")
    var name: String?

    @Option(name: .long, help: "Seconds a claim on a URL lasts before another worker may take it over.")
    var lease = 120.0

    func run() async throws {
        await withExitStatus {
            let config = try common.loadConfig()
            let logger = common.makeLogger()
            guard PostgresStore.isURL(config.database) else {
                throw CommandFailure(message: "workers share a postgres:// database; \(config.database) is not one", status: .usage)
            }
            let store: PostgresStore
            do { store = try PostgresStore(url: config.database) } catch {
                throw CommandFailure(message: "\(error)", status: .usage)
            }
            let deadline = Date().addingTimeInterval(wait)
            var joined = run
            while joined == nil {
                joined = try store.runningRun()
                if joined != nil || Date() >= deadline { break }
                try await Task.sleep(for: .milliseconds(500))
            }
            guard let joined else {
                print("worker: no run in progress on \(store.location)")
                return .ok
            }
            let worker = Worker(
                config: config, store: store, run: joined, name: name ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())-0",
                logger: logger, leaseSeconds: lease)
            let counts = try await worker.work()
            print(
                "worker \(worker.name) on run \(joined): \(counts.listingPages) listing pages, \(counts.postingPages) posting pages, "
                    + "\(counts.unchanged) unchanged, \(counts.failed) failed; \(counts.postingsNew) new postings, "
                    + "\(counts.postingsUpdated) updated")
            return .ok
        }
    }

    /// How `run --workers N` starts a worker: this executable, with the same config and database.
    static func command(config: Config, verbose: Bool) -> [String] {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        var command = [executable, "worker", "--db", config.database]
        if let file = config.file { command += ["--config", file] }
        if verbose { command.append("--verbose") }
        return command
    }
}
