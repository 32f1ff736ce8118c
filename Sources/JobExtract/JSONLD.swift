import Foundation

/// Finds schema.org JobPosting objects in JSON-LD script text.
public enum JSONLD {
    /// Why a JSON-LD block was skipped.
    public struct Skip: Error, Sendable, Equatable {
        public var reason: String
    }

    /// Parses one script's text, repairing what is unambiguous: HTML comments or CDATA around it,
    /// a trailing ";", raw control characters inside strings, trailing commas.
    /// - Returns: the parsed JSON, or why it was skipped.
    public static func parse(_ script: String) -> Result<Any, Skip> {
        var text = script.trimmingCharacters(in: .whitespacesAndNewlines)
        for (prefix, suffix) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")] {
            if text.hasPrefix(prefix) && text.hasSuffix(suffix) {
                text = String(text.dropFirst(prefix.count).dropLast(suffix.count))
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        while text.hasSuffix(";") { text.removeLast() }
        guard !text.isEmpty else { return .failure(Skip(reason: "empty script")) }
        if let value = decode(text) { return .success(value) }
        let repaired = removeTrailingCommas(escapeControlCharacters(text))
        if let value = decode(repaired) { return .success(value) }
        // Several objects one after another: wrap them in an array.
        let objects = splitConcatenated(repaired)
        if !objects.isEmpty, let value = decode("[" + objects.joined(separator: ",") + "]") { return .success(value) }
        return .failure(Skip(reason: "invalid JSON that could not be repaired unambiguously"))
    }

    private static func decode(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Every JobPosting object, wherever it sits: top level, `@graph`, arrays, nested properties.
    public static func jobPostings(in value: Any) -> [[String: Any]] {
        var found: [[String: Any]] = []
        var stack: [Any] = [value]
        while let current = stack.popLast() {
            if let array = current as? [Any] {
                stack.append(contentsOf: array.reversed())
            } else if let object = current as? [String: Any] {
                if isType(object, "JobPosting") {
                    found.append(object)
                } else {
                    // Look inside @graph, mainEntity and any other nested value, in order.
                    let keys = object.keys.sorted()
                    for key in keys.reversed() where key != "@context" {
                        if let nested = object[key], nested is [Any] || nested is [String: Any] {
                            stack.append(nested)
                        }
                    }
                }
            }
        }
        return found
    }

    /// True when the object's `@type` (a string or an array of them) names `type`.
    public static func isType(_ object: [String: Any], _ type: String) -> Bool {
        let declared = object["@type"] ?? object["type"]
        if let name = declared as? String { return name == type || name.hasSuffix("/" + type) }
        if let names = declared as? [Any] { return names.contains { ($0 as? String) == type } }
        return false
    }

    /// Replaces raw control characters inside string literals with their escapes.
    static func escapeControlCharacters(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var inString = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if inString {
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    inString = false
                } else if scalar.value < 0x20 {
                    output += scalar == "\n" ? "\\n" : scalar == "\t" ? "\\t" : " "
                    continue
                }
            } else if scalar == "\"" {
                inString = true
            }
            output.unicodeScalars.append(scalar)
        }
        return output
    }

    /// Drops commas that directly precede a closing brace or bracket, outside strings.
    static func removeTrailingCommas(_ text: String) -> String {
        var output: [Unicode.Scalar] = []
        var inString = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
            } else if scalar == "}" || scalar == "]" {
                var index = output.count - 1
                while index >= 0 && output[index].properties.isWhitespace { index -= 1 }
                if index >= 0 && output[index] == "," { output.remove(at: index) }
            }
            output.append(scalar)
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: output)
        return result
    }

    /// Splits `{…}{…}` or `{…}\n{…}` into its top-level objects.
    static func splitConcatenated(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var inString = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if depth == 0 && (scalar == "," || scalar.properties.isWhitespace) && !inString { continue }
            current.unicodeScalars.append(scalar)
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            switch scalar {
            case "\"": inString = true
            case "{", "[": depth += 1
            case "}", "]":
                depth -= 1
                if depth == 0 {
                    parts.append(current)
                    current = ""
                }
            default: break
            }
        }
        return parts
    }
}
