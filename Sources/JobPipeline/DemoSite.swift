import Foundation

/// Finds the bundled demo: its config and site live in `Fixtures/demo` of the source tree.
public enum DemoSite {
    /// The demo's `jobmarket.yml`: `$JOBMARKET_DEMO`, else `Fixtures/demo` of the source tree
    /// this binary was built from, else of the current directory.
    public static func configPath() -> String? {
        var candidates: [String] = []
        if let override = ProcessInfo.processInfo.environment["JOBMARKET_DEMO"] {
            candidates.append(URL(fileURLWithPath: override).appendingPathComponent("jobmarket.yml").path)
        }
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent("Fixtures/demo/jobmarket.yml").path)
        candidates.append(FileManager.default.currentDirectoryPath + "/Fixtures/demo/jobmarket.yml")
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
