import Foundation

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
    /// full pipe can never block it.
    public static func run(_ arguments: [String], in directory: URL, timeout: Double = 120) throws -> Result {
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
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
