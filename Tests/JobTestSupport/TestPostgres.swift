import Foundation

/// The throw-away PostgreSQL server `Scripts/with-postgres` starts for the tests, and a fresh
/// database on it per test.
public enum TestPostgres {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "JOBMARKET_TEST_POSTGRES is not set: run the tests with Scripts/test, which starts a PostgreSQL server"
        }
    }

    /// The server's maintenance database URL; the PostgreSQL tests fail, never skip, without it.
    public static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["JOBMARKET_TEST_POSTGRES"], !url.isEmpty else { throw Missing() }
        return url
    }

    /// Creates an empty database and returns its URL.
    public static func createDatabase() throws -> String {
        let server = try serverURL()
        let name = "jm_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try psql(server, "CREATE DATABASE \(name)")
        return server.replacingOccurrences(of: #"/[^/]*$"#, with: "/\(name)", options: .regularExpression)
    }

    /// Drops a database made by `createDatabase`, closing its connections.
    public static func dropDatabase(_ url: String) {
        guard let server = try? serverURL(), let name = url.split(separator: "/").last else { return }
        try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs SQL with psql and returns what it printed (unaligned, tuples only).
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "psql", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: problem])
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
