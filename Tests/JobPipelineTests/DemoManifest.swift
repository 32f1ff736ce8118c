import Foundation
import JobTestSupport

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

/// A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records; anything else fails.
enum StrictCSV {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var characters = Array(text)[...]
        var quoted = false
        var fieldStarted = false
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        field.append("\"")
                    } else {
                        quoted = false
                        guard let next = characters.first, next == "," || next == "\r\n" else {
                            throw Malformed(description: "text after a closing quote")
                        }
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                guard !fieldStarted && field.isEmpty else { throw Malformed(description: "a quote inside an unquoted field") }
                quoted = true
                fieldStarted = true
            case ",":
                record.append(field)
                field = ""
                fieldStarted = false
            case "\r\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldStarted = false
            case "\n", "\r":
                throw Malformed(description: "a bare line break outside quotes")
            default:
                field.append(character)
                fieldStarted = true
            }
        }
        guard !quoted else { throw Malformed(description: "an unterminated quote") }
        guard record.isEmpty && field.isEmpty else { throw Malformed(description: "the last record has no CRLF") }
        let width = records.first?.count ?? 0
        guard records.allSatisfy({ $0.count == width }) else { throw Malformed(description: "records of unequal width") }
        return records
    }

    /// Records as dictionaries keyed by the header row.
    static func rows(_ text: String) throws -> [[String: String]] {
        let records = try read(text)
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
