import Foundation

/// Works out a page's character encoding the way a browser would, in order of authority.
public enum Charset {
    /// The encoding name to hand to the parser.
    ///
    /// Order: a byte-order mark, the HTTP `Content-Type` charset, a `<meta charset>` or
    /// `http-equiv` declaration in the first 2 KB, then UTF-8 when the bytes are valid UTF-8,
    /// else windows-1252 (what browsers assume for undeclared Western pages).
    /// - Parameters:
    ///   - bytes: the page as received.
    ///   - contentType: the HTTP `Content-Type` header, if any.
    public static func detect(_ bytes: some Collection<UInt8>, contentType: String? = nil) -> String {
        let head = Array(bytes.prefix(4))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if head.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if head.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        if let contentType, let declared = charsetParameter(in: contentType) { return canonical(declared) }
        if let declared = metaCharset(in: Array(bytes.prefix(2048))) { return canonical(declared) }
        return isValidUTF8(bytes) ? "UTF-8" : "windows-1252"
    }

    /// The `charset=` value of a header or meta content string.
    static func charsetParameter(in text: String) -> String? {
        let lower = text.lowercased()
        guard let range = lower.range(of: "charset=") else { return nil }
        let value = lower[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        let name = value.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    /// Finds `charset=NAME` inside a `<meta` tag in the first bytes of a page, from the bytes
    /// (the declaration is ASCII by rule), names compared without regard to ASCII case.
    static func metaCharset(in bytes: [UInt8]) -> String? {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        func matches(_ word: StaticString, at index: Int, before end: Int) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= end else { return false }
            for offset in 0..<count where lower(bytes[index + offset]) != word.utf8Start[offset] { return false }
            return true
        }
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x3C, matches("<meta", at: index, before: bytes.count) else {
                index += 1
                continue
            }
            let tagStart = index + 5
            let tagEnd = bytes[tagStart...].firstIndex(of: 0x3E) ?? bytes.count
            var position = tagStart
            while position < tagEnd {
                if matches("charset=", at: position, before: tagEnd) {
                    var start = position + 8
                    while start < tagEnd, bytes[start] == 0x22 || bytes[start] == 0x27 || bytes[start] == 0x20 { start += 1 }
                    var end = start
                    while end < tagEnd {
                        let byte = lower(bytes[end])
                        guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
                        else { break }
                        end += 1
                    }
                    // The first charset= of the tag decides, as in `charsetParameter(in:)`.
                    if end > start { return String(decoding: bytes[start..<end].map(lower), as: UTF8.self) }
                    break
                }
                position += 1
            }
            index = tagEnd
        }
        return nil
    }

    /// Maps labels that libxml2's iconv does not know, or that browsers treat as supersets.
    static func canonical(_ name: String) -> String {
        switch name.lowercased() {
        case "utf8", "utf-8": "UTF-8"
        // Browsers read Latin-1 labels as windows-1252 (WHATWG Encoding), which has € and curly quotes.
        case "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "cp1252", "windows-1252": "windows-1252"
        case "gb2312", "gbk", "x-gbk": "GBK"
        default: name
        }
    }

    /// True when the bytes are well-formed UTF-8.
    public static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.withContiguousStorageIfAvailable(Transcoder.isWellFormedUTF8)
            ?? Array(bytes).withUnsafeBufferPointer(Transcoder.isWellFormedUTF8)
    }
}
