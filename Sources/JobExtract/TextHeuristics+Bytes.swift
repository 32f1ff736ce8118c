import Foundation
import JobHTML
import JobModel

/// Byte-level answers to the text tests of ``TextHeuristics``, each the same as the String or
/// Foundation call it stands for; where the bytes cannot tell, they ask that call.
extension TextHeuristics {
    /// True when the UTF-8 holds U+037E, U+1FEF or U+212A, the scalars whose canonical
    /// decomposition is ASCII.
    static func hasASCIISingleton(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for singleton in asciiSingletons {
            let found = singleton.withUnsafeBufferPointer { ByteSearch.firstIndex(of: $0, in: bytes, from: 0) != nil }
            if found { return true }
        }
        return false
    }

    static let asciiSingletons: [[UInt8]] = [[0xCD, 0xBE], [0xE1, 0xBF, 0xAF], [0xE2, 0x84, 0xAA]]

    /// ASCII needles looked for together in one pass, each as ``Lines/contains(_:_:ignoringCase:)``
    /// finds it: at each byte only the needles that start with it are compared.
    /// True when the needle's bytes after its first stand at `start + 1` on in the haystack (ASCII
    /// letters of the haystack lowercased first when `ignoringCase`); the caller has matched the
    /// first byte and checked that the needle fits.
    @inline(__always)
    static func restMatches<Bytes: RandomAccessCollection<UInt8>>(
        _ needle: [UInt8], in haystack: Bytes, at start: Int, ignoringCase: Bool
    ) -> Bool where Bytes.Index == Int {
        var offset = 1
        while offset < needle.count {
            var next = haystack[start + offset]
            if ignoringCase && next >= 0x41 && next <= 0x5A { next += 0x20 }
            if next != needle[offset] { return false }
            offset += 1
        }
        return true
    }

    struct ByteNeedles: Sendable {
        /// Per first byte (lowercase): the needles that start with it.
        private let byFirst: [[[UInt8]]]
        /// Per byte: true when a needle starts with it (checked before `byFirst` is touched).
        private let starts: [Bool]

        /// - Parameters:
        ///   - needles: lowercase when they will be looked for ignoring case; only the ASCII ones
        ///     are kept (the others are looked for in the text as a `String`).
        init(_ needles: [String]) {
            var byFirst = [[[UInt8]]](repeating: [], count: 256)
            for needle in needles where !needle.isEmpty && needle.utf8.allSatisfy({ $0 < 0x80 }) { byFirst[Int(needle.utf8.first!)].append(Array(needle.utf8)) }
            self.byFirst = byFirst
            starts = byFirst.map { !$0.isEmpty }
        }

        /// True when one of the needles occurs in the bytes, ASCII letters of the bytes lowercased
        /// first when `ignoringCase`.
        func found(in bytes: UnsafeBufferPointer<UInt8>, ignoringCase: Bool) -> Bool {
            starts.withUnsafeBufferPointer { starts in
                var start = 0
                let count = bytes.count
                while start < count {
                    var byte = bytes[start]
                    if ignoringCase && byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                    if starts[Int(byte)] {
                        let candidates = byFirst[Int(byte)]
                        for needle in candidates where needle.count <= count - start {
                            if TextHeuristics.restMatches(needle, in: bytes, at: start, ignoringCase: ignoringCase) {
                                return true
                            }
                        }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// ``splitParts(_:)`` of ASCII text, from its bytes; nil for other text.
    ///
    /// In ASCII text Foundation's `components(separatedBy:)` splits where the separator's bytes
    /// are, left to right, and finds no separator that is not ASCII; `.whitespaces` there are
    /// space and tab.
    static func asciiParts(_ text: String, separators: [String]) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            guard ByteSearch.isASCII(bytes) else { return nil }
            var parts: [Range<Int>] = [0..<bytes.count]
            for separator in separators where separator.utf8.allSatisfy({ $0 < 0x80 }) {
                var separator = separator
                separator.withUTF8 { separator in
                    var split: [Range<Int>] = []
                    for part in parts {
                        var start = part.lowerBound
                        while let found = ByteSearch.firstIndex(of: separator, in: UnsafeBufferPointer(rebasing: bytes[..<part.upperBound]), from: start) {
                            split.append(start..<found)
                            start = found + separator.count
                        }
                        split.append(start..<part.upperBound)
                    }
                    parts = split
                }
            }
            return parts.compactMap { part in
                var lower = part.lowerBound
                var upper = part.upperBound
                while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
                while upper > lower && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09) { upper -= 1 }
                return lower < upper ? String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self) : nil
            }
        }
    }

    /// The ASCII labels of a list, as ``mayBeLabel(_:_:_:)`` compares them.
    struct LabelBytes: Sendable {
        /// Bit `n` set when a label is `n` bytes long.
        var lengths: UInt64 = 0
        /// Bit `byte` set when a label starts with that byte.
        var firstBytes: (UInt64, UInt64) = (0, 0)
        var labels: [[UInt8]] = []
        /// False when a label holds a scalar that decomposes to ASCII: ASCII text may equal it
        /// without the same bytes, so every text goes the String way.
        var byBytes = true

        init(_ labels: [String]) {
            for label in labels {
                var label = label
                if label.withUTF8(TextHeuristics.hasASCIISingleton) { byBytes = false }
            }
            for label in labels where !label.isEmpty && label.utf8.count < 64 && label.utf8.allSatisfy({ $0 < 0x80 }) {
                let bytes = Array(label.utf8)
                self.labels.append(bytes)
                lengths |= 1 << UInt64(bytes.count)
                if bytes[0] < 64 { firstBytes.0 |= 1 << UInt64(bytes[0]) } else { firstBytes.1 |= 1 << UInt64(bytes[0] - 64) }
            }
        }

        @inline(__always)
        func mayStart(with byte: UInt8) -> Bool {
            byte < 64 ? firstBytes.0 & (1 << UInt64(byte)) != 0 : firstBytes.1 & (1 << UInt64(byte & 63)) != 0
        }
    }

    /// False when the element's own text is surely none of `labels` as ``labelledElement(_:_:_:_:)``
    /// reads it (lowercased, one trailing colon and the whitespace before it dropped), or is
    /// empty or 30 bytes or longer; true when it may be one, and for text that is not ASCII.
    ///
    /// ASCII text is read from the bytes: lowercasing and collapsing whitespace there give what
    /// the String calls give, and no String is made.
    static func mayBeLabel(_ page: StreamedPage, _ element: PageElement, _ labels: LabelBytes) -> Bool {
        let run = page.ownTextBytes(of: element)
        if run.isEmpty { return false }
        return run.withUnsafeBufferPointer { run in
            // The first byte that is not whitespace (there is one): a label's first, or not ASCII.
            var start = 0
            while run[start] == 0x20 || (run[start] >= 0x09 && run[start] <= 0x0D) { start += 1 }
            let first = run[start]
            // Only a first Character that is that one ASCII byte is read here.
            if first >= 0x80 || !labels.byBytes || start + 1 < run.count && run[start + 1] >= 0x80 { return true }
            if !labels.mayStart(with: first >= 0x41 && first <= 0x5A ? first + 0x20 : first) { return false }
            guard ByteSearch.isASCII(run) else {
                // Its ASCII bytes that are not whitespace stay in the collapsed text: 30 of them is too long.
                var kept = 0
                for byte in run where byte < 0x80 && byte != 0x20 && !(byte >= 0x09 && byte <= 0x0D) { kept += 1 }
                return kept < 30
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { label in
                // Whitespace collapsed and trimmed, as `ownText(of:under:)`; 30 bytes or more is no label.
                var count = 0
                var pendingSpace = false
                for byte in run[start...] {
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = true
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
                if label[count - 1] == 0x3A { count -= 1 }
                while count > 0 && (label[count - 1] == 0x20 || label[count - 1] == 0x09) { count -= 1 }
                guard count < 64, labels.lengths & (1 << UInt64(count)) != 0 else { return false }
                let candidate = UnsafeBufferPointer(rebasing: label[0..<count])
                return labels.labels.contains { $0.count == count && $0.elementsEqual(candidate) }
            }
        }
    }
}

extension TextHeuristics.Lines {
    /// True when the line holds an ASCII digit.
    func hasDigit(_ line: Int) -> Bool {
        let range = ranges[line]
        return bytes.withUnsafeBufferPointer { bytes in
            var index = range.lowerBound
            while index < range.upperBound {
                if bytes[index] &- 0x30 < 10 { return true }
                index += 1
            }
            return false
        }
    }

    /// Whether the line holds one of the needles byte for byte, as ``asciiContains(_:_:ignoringCase:)``
    /// of each would find it.
    func containsAny(_ line: Int, _ needles: TextHeuristics.ByteNeedles, ignoringCase: Bool) -> Bool {
        let range = ranges[line]
        return bytes.withUnsafeBufferPointer { bytes in
            needles.found(in: UnsafeBufferPointer(rebasing: bytes[range]), ignoringCase: ignoringCase)
        }
    }
}
