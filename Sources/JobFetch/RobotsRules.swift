/// The rules of one robots.txt for one user agent (RFC 9309).
///
/// Parsing keeps only the group (or merged groups) that applies to the crawler, with every `Allow` and
/// `Disallow` pattern precompiled into literal segments split on `*`, so `allows(_:)` is a few byte
/// comparisons per rule and no regular expression is involved.
public struct RobotsRules: Sendable, Equatable {
    /// Everything allowed (robots.txt missing: 4xx).
    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)

    /// Everything disallowed (robots.txt unreachable or 5xx: RFC 9309 §2.3.1.4).
    public static let disallowAll = RobotsRules(parsing: "User-agent: *\nDisallow: /", userAgent: "*")

    /// The bytes parsed at most; RFC 9309 §2.5 asks for at least 500 kibibytes.
    static let parsingLimit = 500 * 1024

    /// The rules of the chosen group(s), longest pattern first and `Allow` before `Disallow` on equal length,
    /// so the first rule that matches decides.
    private let rules: [RobotsRule]

    /// The Crawl-delay of the chosen group, in seconds, if any.
    public let crawlDelay: Double?

    private init(rules: [RobotsRule], crawlDelay: Double?) {
        self.rules = rules.sorted { lhs, rhs in
            lhs.length != rhs.length ? lhs.length > rhs.length : (lhs.allows && !rhs.allows)
        }
        self.crawlDelay = crawlDelay
    }

    /// Parses robots.txt text and keeps the group that applies to `userAgent` (the product token, e.g.
    /// "jobmarket" from "jobmarket/1.0 (+https://…)").
    ///
    /// - Parameters:
    ///   - text: The body of robots.txt. Only the first 500 KiB are read; the line cut by that limit is dropped.
    ///   - userAgent: The crawler's `User-Agent` header or bare product token.
    public init(parsing text: String, userAgent: String) {
        let ownToken = Self.productToken(of: userAgent.utf8)
        var own = GroupCollector()
        var star = GroupCollector()
        // Whether the current group names the crawler / `*`.
        var groupIsOwn = false
        var groupIsStar = false
        // True while reading consecutive User-agent lines; the first rule line after them closes the list.
        var readingAgents = false

        for line in Self.lines(of: text) {
            guard let (field, value) = Self.fieldAndValue(of: line) else { continue }
            switch field {
            case .userAgent:
                if !readingAgents {
                    groupIsOwn = false
                    groupIsStar = false
                    readingAgents = true
                }
                let token = Self.productToken(of: value)
                if token == Array("*".utf8) {
                    groupIsStar = true
                    star.found = true
                } else if !token.isEmpty, token == ownToken {
                    groupIsOwn = true
                    own.found = true
                }
            case .allow, .disallow:
                readingAgents = false
                guard let rule = RobotsRule(allows: field == .allow, pattern: value) else { continue }
                if groupIsOwn { own.rules.append(rule) }
                if groupIsStar { star.rules.append(rule) }
            case .crawlDelay:
                readingAgents = false
                guard let delay = Self.crawlDelay(from: value) else { continue }
                if groupIsOwn { own.addDelay(delay) }
                if groupIsStar { star.addDelay(delay) }
            }
        }
        let chosen = own.found ? own : star
        self.init(rules: chosen.rules, crawlDelay: chosen.crawlDelay)
    }

    /// True when `path` (path plus query, e.g. "/jobs?page=2"; "" means "/") may be fetched.
    ///
    /// - Parameters:
    ///   - path: The path and query of the URL; a fragment, if present, is ignored.
    public func allows(_ path: String) -> Bool {
        var raw = Array(path.utf8)
        if let hash = raw.firstIndex(of: UInt8(ascii: "#")) { raw.removeSubrange(hash...) }
        if raw.first != UInt8(ascii: "/") { raw.insert(UInt8(ascii: "/"), at: 0) }
        // RFC 9309 §2.2.2: "/robots.txt" is implicitly allowed.
        let beforeQuery = raw.prefix { $0 != UInt8(ascii: "?") }
        if beforeQuery.elementsEqual("/robots.txt".utf8) { return true }

        let normalised = Self.normalisePercentEncoding(raw)
        for rule in rules where rule.matches(normalised) {
            return rule.allows
        }
        return true
    }
}

// MARK: - Parsing

extension RobotsRules {
    /// The robots.txt fields this parser understands; `Sitemap` and unknown fields are skipped.
    private enum Field {
        case userAgent, allow, disallow, crawlDelay
    }

    /// The rules and Crawl-delay gathered from every group that names one agent.
    private struct GroupCollector {
        var found = false
        var rules: [RobotsRule] = []
        var crawlDelay: Double?

        /// Keeps the largest delay when merged groups disagree: the polite reading.
        mutating func addDelay(_ delay: Double) {
            crawlDelay = max(crawlDelay ?? delay, delay)
        }
    }

    /// The lines of the first 500 KiB of `text`, without BOM and line ends; CRLF, CR and LF all end a line.
    private static func lines(of text: String) -> [ArraySlice<UInt8>] {
        var bytes = Array(text.utf8.prefix(parsingLimit + 1))
        if bytes.count > parsingLimit {
            bytes.removeSubrange(parsingLimit...)
            // Drop the line the limit cut in two: a shortened `Allow` could allow more than the site meant.
            if let lastEnd = bytes.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                bytes.removeSubrange((lastEnd + 1)...)
            } else {
                bytes.removeAll()
            }
        }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var lines: [ArraySlice<UInt8>] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(bytes[start..<index])
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// The field and trimmed value of one line, or nil for blank, comment-only, colon-less and unknown lines.
    private static func fieldAndValue(of line: ArraySlice<UInt8>) -> (Field, ArraySlice<UInt8>)? {
        let content = line.prefix { $0 != UInt8(ascii: "#") }
        guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = trimmed(content[..<colon]).map { $0 | (isASCIILetter($0) ? 0x20 : 0) }
        let value = trimmed(content[(colon + 1)...])
        switch String(decoding: name, as: UTF8.self) {
        // "useragent" and "user agent" are common misspellings that Google also accepts.
        case "user-agent", "useragent", "user agent": return (.userAgent, value)
        case "allow": return (.allow, value)
        case "disallow": return (.disallow, value)
        case "crawl-delay": return (.crawlDelay, value)
        default: return nil
        }
    }

    /// The lowercased product token: the text before the first "/", blank or "(" ("jobmarket" from
    /// "jobmarket/1.0 (+https://…)").
    private static func productToken<Bytes: Collection<UInt8>>(of userAgent: Bytes) -> [UInt8] {
        let token = trimmed(ArraySlice(userAgent)).prefix {
            $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "(") && !isBlank($0)
        }
        return token.map { $0 | (isASCIILetter($0) ? 0x20 : 0) }
    }

    /// A non-negative decimal number of seconds ("10", "0.5", ".5"); nil for signs, exponents, "inf" and the like.
    private static func crawlDelay(from value: ArraySlice<UInt8>) -> Double? {
        var digits = 0
        var dots = 0
        for byte in value {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
            } else if byte == UInt8(ascii: ".") {
                dots += 1
            } else {
                return nil
            }
        }
        guard digits > 0, dots <= 1, let delay = Double(String(decoding: value, as: UTF8.self)), delay.isFinite
        else { return nil }
        return delay
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
            let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return [] }
        return bytes[first...last]
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }

    /// Brings a path or pattern to the form RFC 9309 §2.2.2 compares.
    ///
    /// `%XX` of an unreserved character (letters, digits, `-._~`) is decoded, any other `%XX` gets uppercase
    /// hex, and raw octets outside printable US-ASCII (UTF-8, controls, space) are percent-encoded. Reserved
    /// characters are compared as written: "/a%2Fb" and "/a/b" stay different. A `%` not followed by two hex
    /// digits is kept literally.
    fileprivate static func normalisePercentEncoding(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    output.append(decoded)
                } else {
                    output += [UInt8(ascii: "%"), hex[Int(high)], hex[Int(low)]]
                }
                index += 3
                continue
            }
            if byte <= 0x20 || byte >= 0x7F {
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "~")
    }
}

// MARK: - Matching

/// One `Allow` or `Disallow` line, compiled into the literal segments between its `*` wildcards.
private struct RobotsRule: Sendable, Equatable {
    let allows: Bool
    /// Octets of the normalised pattern, wildcards included: the longest matching rule wins.
    let length: Int
    /// The literals around each `*`; one segment when the pattern has no wildcard.
    private let segments: [[UInt8]]
    /// A trailing `$`: the path must end where the pattern ends.
    private let anchored: Bool

    /// Compiles a pattern; nil for an empty one, which matches nothing (an empty Disallow allows everything).
    init?<Bytes: Collection<UInt8>>(allows: Bool, pattern raw: Bytes) {
        guard !raw.isEmpty else { return nil }
        var pattern = Array(raw)
        // RFC 9309 patterns start with "/"; "private/" clearly means "/private/", and "*.pdf" is common.
        if pattern[0] != UInt8(ascii: "/") && pattern[0] != UInt8(ascii: "*") {
            pattern.insert(UInt8(ascii: "/"), at: 0)
        }
        pattern = RobotsRules.normalisePercentEncoding(pattern)
        self.allows = allows
        self.length = pattern.count
        // Only a final `$` anchors; elsewhere it is a literal character.
        anchored = pattern.last == UInt8(ascii: "$")
        if anchored { pattern.removeLast() }
        segments = pattern.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// True when the rule covers the whole start of `path` (normalised bytes, starting with "/").
    func matches(_ path: [UInt8]) -> Bool {
        guard let first = segments.first, path.starts(with: first) else { return false }
        if segments.count == 1 { return !anchored || path.count == first.count }
        var position = first.count
        for segment in segments[1..<(segments.count - 1)] where !segment.isEmpty {
            guard let found = Self.find(segment, in: path, from: position) else { return false }
            position = found + segment.count
        }
        let last = segments[segments.count - 1]
        if anchored {
            // The earliest placement of every middle segment leaves the most room for the suffix.
            return path.count - position >= last.count && path.suffix(last.count).elementsEqual(last)
        }
        return last.isEmpty || Self.find(last, in: path, from: position) != nil
    }

    /// The first index at or after `start` where `needle` occurs in `haystack`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count - start else { return nil }
        var candidate = start
        let lastStart = haystack.count - needle.count
        while candidate <= lastStart {
            if haystack[candidate] == needle[0] {
                var offset = 1
                while offset < needle.count && haystack[candidate + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return candidate }
            }
            candidate += 1
        }
        return nil
    }
}
