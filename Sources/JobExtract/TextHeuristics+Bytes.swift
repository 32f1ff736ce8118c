import Foundation
import JobHTML

/// Byte-level answers to the text tests of ``TextHeuristics``, each the same as the String or
/// Foundation call it stands for; where the bytes cannot tell, they ask that call.
extension TextHeuristics {
    /// Foundation's `haystack.contains(needle)` (canonical equivalence, as NSString searches).
    ///
    /// Foundation finds a needle wherever the haystack holds a canonically equivalent run. Only
    /// three non-ASCII scalars decompose to ASCII (U+037E ";", U+1FEF "`", U+212A "K"), so an
    /// ASCII needle is found exactly where its bytes are unless the haystack holds one of them;
    /// a non-ASCII needle is never found in ASCII text. A run of the needle's bytes that starts
    /// and ends with ASCII characters next to ASCII characters (or the text's ends) is a match
    /// whatever the rest of the text holds. Anything else goes to Foundation.
    static func foundationContains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        let answer: Bool? = needle.withUTF8 { needle in
            guard let first = needle.first, let last = needle.last else { return nil }
            let needleIsASCII = isASCII(needle)
            if !needleIsASCII && hasASCIISingleton(needle) { return nil }
            return haystack.withUTF8 { haystack in
                let haystackIsASCII = isASCII(haystack)
                if haystackIsASCII && !needleIsASCII { return false }
                var from = 0
                var unsure = false
                while let start = firstIndex(of: needle, in: haystack, from: from) {
                    if haystackIsASCII { return true }
                    let end = start + needle.count
                    if first < 0x80, last < 0x80, start == 0 || haystack[start - 1] < 0x80,
                        end == haystack.count || haystack[end] < 0x80
                    {
                        return true
                    }
                    // A run next to other characters: Foundation decides, unless a later run is clear.
                    unsure = true
                    from = start + 1
                }
                if haystackIsASCII { return false }
                if unsure { return nil }
                return needleIsASCII && !hasASCIISingleton(haystack) ? false : nil
            }
        }
        return answer ?? haystack.contains(needle)
    }

    /// True when no byte is 0x80 or above.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        // Eight bytes at a time while there are eight.
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while index + 8 <= count {
                if base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                    return false
                }
                index += 8
            }
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// True when the UTF-8 holds U+037E, U+1FEF or U+212A, the scalars whose canonical
    /// decomposition is ASCII.
    static func hasASCIISingleton(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            let byte = bytes[index]
            if byte == 0xCD && bytes[index + 1] == 0xBE { return true }
            if index + 2 < bytes.count {
                if byte == 0xE1 && bytes[index + 1] == 0xBF && bytes[index + 2] == 0xAF { return true }
                if byte == 0xE2 && bytes[index + 1] == 0x84 && bytes[index + 2] == 0xAA { return true }
            }
            index += 1
        }
        return false
    }

    /// The first position at or after `from` where `needle`'s bytes occur in `haystack`.
    static func firstIndex(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int
    ) -> Int? {
        guard let first = needle.first else { return from }
        guard haystack.count >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var start = from
        while start <= last {
            if haystack[start] == first {
                var offset = 1
                while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return start }
            }
            start += 1
        }
        return nil
    }

    /// False when the element's own text is surely none of `labels` as ``labelledElement(_:_:_:)``
    /// reads it (lowercased, one trailing colon and the whitespace before it dropped), or is
    /// empty or 30 bytes or longer; true when it may be one, and for text that is not ASCII.
    ///
    /// ASCII text is read from the bytes: lowercasing and collapsing whitespace there give what
    /// the String calls give, and no String is made.
    static func mayBeLabel(_ page: StreamedPage, _ element: PageElement, _ labels: [String]) -> Bool {
        let run = page.ownTextBytes(of: element)
        if run.isEmpty { return false }
        return run.withUnsafeBufferPointer { run in
            guard isASCII(run) else { return true }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { label in
                // Whitespace collapsed and trimmed, as `ownText(of:under:)`; 30 bytes or more is no label.
                var count = 0
                var pendingSpace = false
                for byte in run {
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = count > 0
                        continue
                    }
                    if pendingSpace {
                        if count >= 29 { return false }
                        label[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    if count >= 29 { return false }
                    label[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    count += 1
                }
                if count == 0 { return false }
                if label[count - 1] == 0x3A { count -= 1 }
                while count > 0 && (label[count - 1] == 0x20 || label[count - 1] == 0x09) { count -= 1 }
                let candidate = UnsafeBufferPointer(rebasing: label[0..<count])
                return labels.contains { $0.utf8.count == count && $0.utf8.elementsEqual(candidate) }
            }
        }
    }
}
