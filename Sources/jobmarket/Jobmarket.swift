import ArgumentParser
import Foundation
import JobPipeline
import Logging

/// The `jobmarket` command: a thin layer over the `JobPipeline` library.
@main
struct Jobmarket: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobmarket",
        abstract: "Fetch job boards, extract and normalise postings, and report salary bands.",
        discussion: """
            Exit status: 0 all well; 1 finished, but some pages failed; 2 bad usage or config;
            3 another run holds the database.
            """,
        subcommands: [
            RunCommand.self, WorkerCommand.self, ExtractCommand.self, SalaryCommand.self, ReportCommand.self, ExportCommand.self,
            CompareCommand.self, FetchCommand.self, RunsCommand.self, VacuumCommand.self, EvalCommand.self,
        ])

    /// Parses and runs a command, mapping usage errors to exit status 2 as documented.
    static func main() async {
        BatchMemory.keepFreedMemory()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure || code.rawValue == 64 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
