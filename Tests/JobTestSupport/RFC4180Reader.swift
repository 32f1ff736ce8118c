
/// A strict RFC 4180 reader, written for the tests: every record ends with CRLF, quotes appear only
/// around whole fields (doubled inside), and every record has as many fields as the first.
public enum RFC4180Reader {
    public enum Failure: Error, Equatable {
        case quoteInsideUnquotedField(record: Int)
        case textAfterClosingQuote(record: Int)
        case bareLineBreak(record: Int)
        case unterminatedQuote
        case missingFinalCRLF
        case raggedRecord(record: Int, fields: Int, expected: Int)
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    public static func records(_ text: String) throws(Failure) -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var state = State.fieldStart
        var index = 0

        func endRecord() throws(Failure) {
            fields.append(String(field))
            if let expected = records.first?.count, fields.count != expected {
                throw .raggedRecord(record: records.count, fields: fields.count, expected: expected)
            }
            records.append(fields)
            fields = []
            field = String.UnicodeScalarView()
            state = .fieldStart
        }
        func isCRLF(_ at: Int) -> Bool {
            scalars[at] == "\r" && at + 1 < scalars.count && scalars[at + 1] == "\n"
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch state {
            case .fieldStart, .unquoted:
                if scalar == "\"" {
                    guard state == .fieldStart else { throw .quoteInsideUnquotedField(record: records.count) }
                    state = .quoted
                } else if scalar == "," {
                    fields.append(String(field))
                    field = String.UnicodeScalarView()
                    state = .fieldStart
                } else if isCRLF(index) {
                    try endRecord()
                    index += 1
                } else if scalar == "\r" || scalar == "\n" {
                    throw .bareLineBreak(record: records.count)
                } else {
                    field.append(scalar)
                    state = .unquoted
                }
            case .quoted:
                if scalar == "\"" { state = .quoteInQuoted } else { field.append(scalar) }
            case .quoteInQuoted:
                if scalar == "\"" {
                    field.append(scalar)
                    state = .quoted
                } else if scalar == "," {
                    fields.append(String(field))
                    field = String.UnicodeScalarView()
                    state = .fieldStart
                } else if isCRLF(index) {
                    try endRecord()
                    index += 1
                } else {
                    throw .textAfterClosingQuote(record: records.count)
                }
            }
            index += 1
        }
        if state == .quoted { throw .unterminatedQuote }
        if state != .fieldStart || !fields.isEmpty || !field.isEmpty { throw .missingFinalCRLF }
        return records
    }

    /// Records after the header as dictionaries keyed by the header's names.
    public static func rows(_ text: String) throws(Failure) -> [[String: String]] {
        let all = try records(text)
        guard let header = all.first else { return [] }
        return all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
