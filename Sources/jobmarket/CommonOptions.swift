import ArgumentParser
import Foundation
import JobPipeline
import JobStore
import Logging

/// `--config` and `--db`, taken by every command.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: ./jobmarket.yml if present, else the bundled demo).")
    var config: String?

    @Option(name: .long, help: "Database path; overrides the config's `database`.")
    var db: String?

    @Flag(name: .shortAndLong, help: "Log every page, not only problems.")
    var verbose = false

    /// The configuration to use, or exit status 2 with the reason.
    func loadConfig() throws -> Config {
        let path: String
        if let config {
            path = config
        } else if FileManager.default.fileExists(atPath: "jobmarket.yml") {
            path = "jobmarket.yml"
        } else if let demo = DemoSite.configPath() {
            path = demo
        } else {
            throw CommandFailure(message: "no jobmarket.yml here and the bundled demo was not found", status: .usage)
        }
        do {
            var loaded = try ConfigLoader.load(path: path)
            if let db { loaded.database = db }
            return loaded
        } catch {
            throw CommandFailure(message: "invalid configuration: \(error.description)", status: .usage)
        }
    }

    func makeLogger() -> Logger {
        Log.bootstrap(verbose: verbose)
        return Logger(label: "jobmarket")
    }
}

/// The documented exit statuses.
enum ExitStatus: Int32 {
    case ok = 0
    case someFailed = 1
    case usage = 2
    case locked = 3
}

/// An error that ends the command with a message on stderr and a documented exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var status: ExitStatus

    var description: String { message }
}

extension CommandFailure {
    /// Prints the message and exits with the status.
    func exit() -> Never {
        FileHandle.standardError.write(Data("jobmarket: \(message)\n".utf8))
        Foundation.exit(status.rawValue)
    }
}

/// Runs a command body, turning known failures into their exit status.
func withExitStatus(_ body: () async throws -> ExitStatus) async -> Never {
    do {
        let status = try await body()
        Foundation.exit(status.rawValue)
    } catch let failure as CommandFailure {
        failure.exit()
    } catch let failure as RunLock.Failure {
        if case .held = failure {
            CommandFailure(message: failure.description, status: .locked).exit()
        }
        CommandFailure(message: failure.description, status: .usage).exit()
    } catch let failure as StoreError {
        // A database that cannot be opened is bad input, like a bad config: nothing was written.
        if case .cannotOpen = failure { CommandFailure(message: failure.description, status: .usage).exit() }
        CommandFailure(message: failure.description, status: .someFailed).exit()
    } catch {
        CommandFailure(message: "\(error)", status: .someFailed).exit()
    }
}

/// Logging goes to stderr; stdout carries only command output. Each process runs one command,
/// so `bootstrap` is called once (swift-log traps on a second call).
enum Log {
    static func bootstrap(verbose: Bool) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .debug : .notice
            return handler
        }
    }
}
