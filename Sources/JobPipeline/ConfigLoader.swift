import Foundation
import JobModel
import JobNormalise
import Yams

/// Reads `jobmarket.yml` strictly: an unknown key, a wrong type or an unknown level or industry
/// is an error naming the file, line and key, never silently ignored.
public enum ConfigLoader {
    public static func load(path: String) throws(ConfigError) -> Config {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> Config {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(file: file, message: "not valid YAML: \(error)")
        } catch {
            throw ConfigError(file: file, message: "not valid YAML: \(error)")
        }
        var config = Config()
        config.file = file
        guard let root else { return config }
        let reader = NodeReader(file: file)
        let top = try reader.mapping(root, at: "", allowed: ["database", "reports", "fetch", "sources", "analysis", "skills", "close_after_runs"])
        if let node = top["database"] { config.database = try reader.string(node, at: "database") }
        if let node = top["reports"] { config.reports = try reader.string(node, at: "reports") }
        if let node = top["fetch"] { config.fetch = try fetch(node, reader) }
        if let node = top["close_after_runs"] { config.closeAfterRuns = try reader.int(node, at: "close_after_runs", min: 1) }
        if let node = top["sources"] {
            config.sources = try reader.sequence(node, at: "sources").enumerated().map { index, item throws(ConfigError) in
                try source(item, at: "sources[\(index)]", reader)
            }
            let names = config.sources.map(\.name)
            if let duplicate = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
                throw ConfigError(file: file, line: reader.line(node), key: "sources", message: "two sources are named '\(duplicate)'")
            }
        }
        if let node = top["analysis"] { config.analysis = try analysis(node, reader) }
        if let node = top["skills"] {
            config.extraSkills = try reader.sequence(node, at: "skills").enumerated().map { index, item throws(ConfigError) in
                let path = "skills[\(index)]"
                let fields = try reader.mapping(item, at: path, allowed: ["name", "category", "aliases", "ambiguous"])
                guard let name = fields["name"] else { throw reader.error(item, path, "a skill needs a name") }
                return Skill(
                    name: try reader.string(name, at: path + ".name"),
                    category: try fields["category"].map { node throws(ConfigError) in try reader.string(node, at: path + ".category") } ?? "other",
                    aliases: try fields["aliases"].map { node throws(ConfigError) in try reader.strings(node, at: path + ".aliases") } ?? [],
                    ambiguous: try fields["ambiguous"].map { node throws(ConfigError) in try reader.bool(node, at: path + ".ambiguous") } ?? false)
            }
        }
        return config
    }

    private static func fetch(_ node: Node, _ reader: NodeReader) throws(ConfigError) -> Config.Fetch {
        let fields = try reader.mapping(
            node, at: "fetch",
            allowed: ["user_agent", "concurrency", "per_host_concurrency", "per_host_delay_ms", "timeout_s", "retries",
                "max_page_bytes", "respect_robots"])
        var fetch = Config.Fetch()
        if let value = fields["user_agent"] { fetch.userAgent = try reader.string(value, at: "fetch.user_agent") }
        if let value = fields["concurrency"] { fetch.concurrency = try reader.int(value, at: "fetch.concurrency", min: 1) }
        if let value = fields["per_host_concurrency"] {
            fetch.perHostConcurrency = try reader.int(value, at: "fetch.per_host_concurrency", min: 1)
        }
        if let value = fields["per_host_delay_ms"] {
            fetch.perHostDelayMs = try reader.int(value, at: "fetch.per_host_delay_ms", min: 0)
        }
        if let value = fields["timeout_s"] { fetch.timeoutSeconds = try reader.double(value, at: "fetch.timeout_s", min: 0.1) }
        if let value = fields["retries"] { fetch.retries = try reader.int(value, at: "fetch.retries", min: 0) }
        if let value = fields["max_page_bytes"] {
            fetch.maxPageBytes = try reader.int(value, at: "fetch.max_page_bytes", min: 1024)
        }
        if let value = fields["respect_robots"] { fetch.respectRobots = try reader.bool(value, at: "fetch.respect_robots") }
        return fetch
    }

    private static func source(_ node: Node, at path: String, _ reader: NodeReader) throws(ConfigError) -> Config.Source {
        let fields = try reader.mapping(
            node, at: path,
            allowed: ["name", "company", "industry", "country", "start_urls", "posting_links", "next_page", "max_pages",
                "fields", "allowed_hosts"])
        guard let name = fields["name"] else { throw reader.error(node, path, "a source needs a name") }
        guard let starts = fields["start_urls"] else { throw reader.error(node, path, "a source needs start_urls") }
        guard let links = fields["posting_links"] else { throw reader.error(node, path, "a source needs posting_links (an XPath)") }
        var source = Config.Source(
            name: try reader.string(name, at: path + ".name"), startURLs: try reader.strings(starts, at: path + ".start_urls"),
            postingLinks: try reader.string(links, at: path + ".posting_links"))
        if let value = fields["company"] { source.company = try reader.string(value, at: path + ".company") }
        if let value = fields["industry"] {
            let label = try reader.string(value, at: path + ".industry")
            guard let industry = Industry(rawValue: label) else {
                throw reader.error(
                    value, path + ".industry",
                    "unknown industry '\(label)'; use one of \(Industry.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            source.industry = industry
        }
        if let value = fields["country"] { source.country = try reader.string(value, at: path + ".country") }
        if let value = fields["next_page"] { source.nextPage = try reader.string(value, at: path + ".next_page") }
        if let value = fields["max_pages"] { source.maxPages = try reader.int(value, at: path + ".max_pages", min: 1) }
        if let value = fields["allowed_hosts"] { source.allowedHosts = try reader.strings(value, at: path + ".allowed_hosts") }
        if let value = fields["fields"] {
            let known: Set<String> = ["title", "company", "location", "industry", "salary", "description", "date_posted"]
            for (key, expression) in try reader.mapping(value, at: path + ".fields", allowed: known) {
                source.fields[key] = try reader.string(expression, at: path + ".fields." + key)
            }
        }
        return source
    }

    private static func analysis(_ node: Node, _ reader: NodeReader) throws(ConfigError) -> Config.Analysis {
        let fields = try reader.mapping(node, at: "analysis", allowed: ["min_sample", "currency", "fx"])
        var analysis = Config.Analysis()
        if let value = fields["min_sample"] { analysis.minSample = try reader.int(value, at: "analysis.min_sample", min: 1) }
        if let value = fields["currency"] {
            analysis.currency = try reader.string(value, at: "analysis.currency").uppercased()
            guard analysis.currency == "USD" else {
                throw reader.error(value, "analysis.currency", "only USD reports are supported so far")
            }
        }
        if let value = fields["fx"] {
            guard case let .mapping(mapping) = value else { throw reader.error(value, "analysis.fx", "expected a mapping") }
            var overrides: [String: Double] = [:]
            var asOf: String?
            for (key, rate) in mapping {
                let code = key.string ?? ""
                if code == "as_of" {
                    asOf = try reader.string(rate, at: "analysis.fx.as_of")
                } else {
                    guard code.count == 3, code.allSatisfy(\.isLetter) else {
                        throw reader.error(key, "analysis.fx", "'\(code)' is not an ISO 4217 currency code")
                    }
                    overrides[code.uppercased()] = try reader.double(rate, at: "analysis.fx." + code, min: 0.0000001)
                }
            }
            analysis.rates = CurrencyRates.bundled.overriding(overrides, asOf: asOf)
        }
        return analysis
    }
}

/// Typed access to YAML nodes with errors that point at the line.
struct NodeReader {
    let file: String

    func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    func error(_ node: Node, _ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line(node), key: key.isEmpty ? nil : key, message: message)
    }

    func mapping(_ node: Node, at path: String, allowed: Set<String>) throws(ConfigError) -> [String: Node] {
        guard case let .mapping(mapping) = node else { throw error(node, path, "expected a mapping") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                let full = path.isEmpty ? name : path + "." + name
                throw error(key, full, "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            result[name] = value
        }
        return result
    }

    func sequence(_ node: Node, at path: String) throws(ConfigError) -> [Node] {
        guard case let .sequence(sequence) = node else { throw error(node, path, "expected a list") }
        return Array(sequence)
    }

    func string(_ node: Node, at path: String) throws(ConfigError) -> String {
        guard case let .scalar(scalar) = node else { throw error(node, path, "expected a string") }
        return scalar.string
    }

    func strings(_ node: Node, at path: String) throws(ConfigError) -> [String] {
        if case .scalar = node { return [try string(node, at: path)] }
        var values: [String] = []
        for (index, item) in try sequence(node, at: path).enumerated() {
            values.append(try string(item, at: "\(path)[\(index)]"))
        }
        return values
    }

    func int(_ node: Node, at path: String, min: Int) throws(ConfigError) -> Int {
        guard let value = Int(try string(node, at: path)) else { throw error(node, path, "expected a whole number") }
        guard value >= min else { throw error(node, path, "must be at least \(min)") }
        return value
    }

    func double(_ node: Node, at path: String, min: Double) throws(ConfigError) -> Double {
        guard let value = Double(try string(node, at: path)) else { throw error(node, path, "expected a number") }
        guard value >= min else { throw error(node, path, "must be at least \(min)") }
        return value
    }

    func bool(_ node: Node, at path: String) throws(ConfigError) -> Bool {
        switch try string(node, at: path).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, path, "expected true or false")
        }
    }
}
