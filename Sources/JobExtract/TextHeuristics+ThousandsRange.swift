import Foundation
extension TextHeuristics {
    /// True when a line holds a range in thousands or ten-thousands with no currency, as Chinese
    /// boards write monthly pay: "25-40k", "15-25K·14薪", "2-3万". "3-5年" and "100-499人" are not.
    static func hasThousandsRange(_ line: Substring) -> Bool {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard isDigit(scalars[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, isDigit(scalars[end]) || scalars[end] == "." { end += 1 }
            guard end < scalars.count, scalars[end] == "-" || scalars[end] == "~" || scalars[end] == "～" else {
                index = end + 1
                continue
            }
            var second = end + 1
            let digitsStart = second
            while second < scalars.count, isDigit(scalars[second]) || scalars[second] == "." { second += 1 }
            if second > digitsStart, second < scalars.count, "kK万千".unicodeScalars.contains(scalars[second]) {
                return true
            }
            index = max(end + 1, second)
        }
        return false
    }

    /// ``hasThousandsRange(_:)`` for an ASCII line, read from its bytes.
    static func hasThousandsRange(ascii line: ArraySlice<UInt8>) -> Bool {
        @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var index = line.startIndex
        while index < line.endIndex {
            guard isDigit(line[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < line.endIndex, isDigit(line[end]) || line[end] == 0x2E { end += 1 }
            guard end < line.endIndex, line[end] == 0x2D || line[end] == 0x7E else {
                index = end + 1
                continue
            }
            var second = end + 1
            let digitsStart = second
            while second < line.endIndex, isDigit(line[second]) || line[second] == 0x2E { second += 1 }
            if second > digitsStart, second < line.endIndex, line[second] == 0x6B || line[second] == 0x4B { return true }
            index = max(end + 1, second)
        }
        return false
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }
}
