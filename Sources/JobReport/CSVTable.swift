import Foundation

/// One cell of a report: text is quoted and guarded; numbers are written plainly.
public enum CSVCell: Sendable, Equatable {
    case text(String)
    case number(Double?, decimals: Int)
    case integer(Int)
    case bool(Bool)
    case empty

    /// A money or salary figure, to the cent, without trailing zeros.
    public static func money(_ value: Double?) -> CSVCell { .number(value, decimals: 2) }
}

/// A CSV file per RFC 4180: a header row, CRLF line ends, fields quoted when they need it, and
/// text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) made inert.
public struct CSVTable: Sendable {
    public let header: [String]
    public private(set) var rows: [[CSVCell]] = []

    public init(header: [String]) {
        self.header = header
    }

    public mutating func append(_ row: [CSVCell]) {
        precondition(row.count == header.count, "row has \(row.count) cells, header \(header.count)")
        rows.append(row)
    }

    public func rendered() -> String {
        var output = header.map(Self.quote).joined(separator: ",") + "\r\n"
        for row in rows {
            output += row.map(Self.render).joined(separator: ",") + "\r\n"
        }
        return output
    }

    static func render(_ cell: CSVCell) -> String {
        switch cell {
        case let .text(text): quote(guardFormula(text))
        case let .number(value, decimals): value.map { format($0, decimals: decimals) } ?? ""
        case let .integer(value): String(value)
        case let .bool(value): value ? "true" : "false"
        case .empty: ""
        }
    }

    /// Prefixes a text that starts like a formula with an apostrophe (OWASP's CSV injection advice).
    public static func guardFormula(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first) ? "'" + text : text
    }

    /// Quotes a field that holds a comma, a quote or a line break; quotes inside are doubled.
    public static func quote(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var escaped = "\""
        for character in text {
            if character == "\"" { escaped += "\"\"" } else { escaped.append(character) }
        }
        return escaped + "\""
    }

    /// A number rounded half away from zero to `decimals` places, with no trailing zeros and no exponent.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        // Beyond 2^63 the integer path would trap; such figures are not money, but print them.
        guard scaled < 9e18 else { return String(format: "%.0f", value) }
        let digits = String(Int64(scaled))
        let padded = digits.count > decimals ? digits : String(repeating: "0", count: decimals + 1 - digits.count) + digits
        let integerPart = padded.dropLast(decimals)
        var fractionPart = padded.suffix(decimals)
        while fractionPart.last == "0" { fractionPart = fractionPart.dropLast() }
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + integerPart + (fractionPart.isEmpty ? "" : "." + fractionPart)
    }
}
