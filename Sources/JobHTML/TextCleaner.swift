/// Small string helpers shared by the HTML queries.
public enum TextCleaner {
    /// Turns every run of whitespace (including non-breaking spaces) into one space and trims the ends.
    public static func collapseWhitespace(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.append(character)
            }
        }
        return output
    }

    /// ``collapseWhitespace(_:)`` of UTF-8 bytes: ASCII text byte by byte, other text through
    /// its Characters (whose whitespace includes U+00A0, U+2009, U+3000, …), with the same result.
    public static func collapseWhitespace(bytes: some Collection<UInt8>) -> String {
        let ascii: String?? = bytes.withContiguousStorageIfAvailable(collapseASCII)
        if let ascii, let ascii { return ascii }
        return collapseWhitespace(String(decoding: bytes, as: UTF8.self))
    }

    /// The collapsed text of ASCII bytes; nil when any byte is not ASCII.
    private static func collapseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for byte in bytes where byte >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            var count = 0
            var pendingSpace = false
            for byte in bytes {
                if isASCIIWhitespace(byte) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        output[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    output[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    /// True when the UTF-8 text has a Character that is not whitespace.
    static func hasNonWhitespace(_ bytes: some Collection<UInt8>) -> Bool {
        var nonASCII = false
        for byte in bytes {
            if byte >= 0x80 {
                nonASCII = true
            } else if !isASCIIWhitespace(byte) {
                return true
            }
        }
        return nonASCII && String(decoding: bytes, as: UTF8.self).contains { !$0.isWhitespace }
    }

    /// Tab, line feed, vertical tab, form feed, carriage return, space: the ASCII whitespace of `Character`.
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
