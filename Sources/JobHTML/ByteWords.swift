/// Eight bytes read as one integer: the tests the byte scans of this module skip plain text with,
/// and the UTF-8 they write.
enum ByteWords {
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The high bit of each byte of `value` that is zero, and no other bit.
    @inline(__always)
    static func zeroBytes(_ value: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((value & low7) &+ low7) | value | low7)
    }

    /// The high bit of each byte of `word` equal to `byte`.
    @inline(__always)
    static func bytes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        zeroBytes(word ^ (ones &* UInt64(byte)))
    }

    /// The high bit of each byte of `word` below 0x20 (a C0 control, tab and line breaks included).
    @inline(__always)
    static func controls(_ word: UInt64) -> UInt64 {
        zeroBytes(word & (ones &* 0xE0))
    }

    /// Appends a code point's UTF-8.
    static func appendUTF8(_ value: UInt32, to output: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            output.append(UInt8(value))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (value >> 6)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (value >> 12)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (value >> 18)))
            output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
