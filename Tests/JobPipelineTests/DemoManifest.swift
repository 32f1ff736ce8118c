import Foundation
import JobPipeline
import JobTestSupport
import Logging

/// The hand-checked manifest of the demo site (`Fixtures/demo/expected.json`).
struct DemoManifest: Decodable {
    struct Entry: Decodable {
        struct Pay: Decodable {
            var min: Double?
            var max: Double?
            var currency: String
            var period: String
        }

        var path: String
        var source: String
        var company: String
        var industry: String
        var title: String
        var level: String
        var salary: Pay?
    }

    var entries: [Entry]

    static func load() throws -> DemoManifest {
        let data = try Data(contentsOf: Fixtures.demo.appendingPathComponent("expected.json"))
        return DemoManifest(entries: try JSONDecoder().decode([Entry].self, from: data))
    }

    /// The annual USD midpoint of a manifest salary, computed here independently of the pipeline:
    /// periods by DESIGN.md (2080 h, 260 d, 52 w, 12 m) and the demo config's rates.
    static func annualMidpointUSD(_ pay: Entry.Pay) -> Double {
        let perYear: [String: Double] = ["hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1]
        let usd: [String: Double] = ["USD": 1, "EUR": 1.08, "GBP": 1.27]
        let factor = perYear[pay.period]! * usd[pay.currency]!
        switch (pay.min, pay.max) {
        case let (lo?, hi?): return (lo * factor + hi * factor) / 2
        case let (lo?, nil): return lo * factor
        case let (nil, hi?): return hi * factor
        default: fatalError("a manifest salary with no amount")
        }
    }

    /// Excel's PERCENTILE.INC, written from its definition (1-based rank k = p(n−1)+1).
    static func percentileInc(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        let k = p * Double(sorted.count - 1) + 1
        let whole = Int(k)
        if whole >= sorted.count { return sorted[sorted.count - 1] }
        return sorted[whole - 1] + (k - Double(whole)) * (sorted[whole] - sorted[whole - 1])
    }
}

/// The demo configuration pointed at a loopback server, with its database and reports in `directory`.
func demoPipeline(server: LoopbackHTTPServer, directory: URL, database: String = "jobmarket.sqlite") throws -> Pipeline {
    var config = try ConfigLoader.load(path: Fixtures.demo.appendingPathComponent("jobmarket.yml").path)
    config.sources = config.sources.map { source in
        var source = source
        source.startURLs = [server.url("/\(source.name)/jobs.html")]
        return source
    }
    return Pipeline(
        config: config,
        databasePath: database.hasPrefix("postgres://") ? database : directory.appendingPathComponent(database).path,
        reportsDirectory: directory.appendingPathComponent("reports").path,
        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
}
