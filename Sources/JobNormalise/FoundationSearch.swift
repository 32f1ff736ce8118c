import Foundation

/// Foundation's `contains` (canonical equivalence, as NSString searches), answered from the
/// bytes when both texts are ASCII: there it finds a needle exactly where its bytes are, and a
/// needle with other characters nowhere (only U+037E, U+1FEF and U+212A decompose to ASCII, and
/// such a needle goes to Foundation). Other text goes to Foundation.
enum FoundationSearch {
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        let answer: Bool? = needle.withUTF8 { needle in
            guard !needle.isEmpty else { return nil }
            let needleIsASCII = !needle.contains { $0 >= 0x80 }
            if !needleIsASCII && hasASCIISingleton(needle) { return nil }
            return haystack.withUTF8 { haystack in
                guard !haystack.contains(where: { $0 >= 0x80 }) else { return nil }
                guard needleIsASCII, haystack.count >= needle.count else { return false }
                var start = 0
                while start <= haystack.count - needle.count {
                    if haystack[start] == needle[0] {
                        var offset = 1
                        while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
        return answer ?? haystack.contains(needle)
    }

    /// True when the UTF-8 holds U+037E, U+1FEF or U+212A.
    private static func hasASCIISingleton(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0xCD && bytes[index + 1] == 0xBE { return true }
            if index + 2 < bytes.count && (bytes[index] == 0xE1 && bytes[index + 1] == 0xBF && bytes[index + 2] == 0xAF
                || bytes[index] == 0xE2 && bytes[index + 1] == 0x84 && bytes[index + 2] == 0xAA)
            {
                return true
            }
            index += 1
        }
        return false
    }
}
