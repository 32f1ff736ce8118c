import Foundation
import Synchronization

/// Runs the built `jobmarket` executable as a separate process, as a user's script would.
public struct CommandRunner: Sendable {
    /// The `jobmarket` binary beside the test bundle in the build folder.
    public static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The runner may be inside a bundle folder (`….xctest/…`): climb to the build folder.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("jobmarket").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("jobmarket")
    }

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Starts the command and returns the process without waiting (for kill tests).
    public static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs the command to completion, at most `timeout` seconds; output goes through files so a
    /// full pipe can never block it. Awaits the exit without blocking a thread of the shared pool.
    public static func run(_ arguments: [String], in directory: URL, timeout: Double = 120) async throws -> Result {
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("jobmarket-out-\(UUID())")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("jobmarket-err-\(UUID())")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let watchdog = Task {
            try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
            process.terminate()
        }
        try await exit(of: process, starting: true)
        watchdog.cancel()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Waits for a process to end without blocking a thread; starts it first when asked.
    public static func exit(of process: Process, starting: Bool = false) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            // The handler and the already-exited check may both fire: resume once.
            let resumed = Mutex(false)
            let finish = { @Sendable (error: (any Error)?) in
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                guard first else { return }
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
            process.terminationHandler = { _ in finish(nil) }
            if starting {
                do {
                    try process.run()
                } catch {
                    finish(error)
                }
            } else if !process.isRunning {
                finish(nil)
            }
        }
    }
}
