/// JSON string literals written by hand, for the places where JSONEncoder is too slow or would
/// reorder keys.
public enum JSONString {
    /// Appends `text` as a quoted JSON string: quotes, backslashes and control characters escaped.
    public static func append(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// A JSON array of strings.
    public static func array(_ items: [String]) -> String {
        var output = "["
        for (index, item) in items.enumerated() {
            if index > 0 { output += "," }
            append(item, to: &output)
        }
        return output + "]"
    }
}
