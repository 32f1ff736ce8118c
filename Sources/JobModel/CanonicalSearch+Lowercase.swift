extension CanonicalSearch {
    /// The UTF-8 of `String(decoding: bytes, as: UTF8.self).lowercased()` when every scalar is
    /// wide; nil otherwise.
    ///
    /// `lowercased()` maps each scalar on its own (its full lowercase mapping); a wide scalar's
    /// lowercase is one wide scalar of the same UTF-8 length, and only ASCII, Latin-1, Latin
    /// Extended-A, Cyrillic and fullwidth capitals change.
    public static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: bytes.count)
        let complete = output.withUnsafeMutableBufferPointer { output -> Bool in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    output[index] = byte &- 0x41 < 26 ? byte + 0x20 : byte
                    index += 1
                    continue
                }
                let (value, length) = scalar(at: index, in: bytes)
                guard kind(value).contains(.wide) else { return false }
                let lower = lowercase(value)
                if length == 2 {
                    output[index] = 0xC0 | UInt8(lower >> 6)
                    output[index + 1] = 0x80 | UInt8(lower & 0x3F)
                } else {
                    output[index] = 0xE0 | UInt8(lower >> 12)
                    output[index + 1] = 0x80 | UInt8((lower >> 6) & 0x3F)
                    output[index + 2] = 0x80 | UInt8(lower & 0x3F)
                }
                index += length
            }
            return true
        }
        return complete ? output : nil
    }

    /// The lowercase of a wide scalar that is not ASCII.
    @inline(__always)
    static func lowercase(_ value: UInt32) -> UInt32 {
        switch value {
        // Latin-1 capitals, but ×.
        case 0xC0...0xD6, 0xD8...0xDE: value + 0x20
        // Latin Extended-A: pairs of capital and small letter, the capital first.
        case 0x100...0x12F, 0x132...0x137, 0x14A...0x177: value | 1
        case 0x139...0x148, 0x179...0x17E: value & 1 == 1 ? value + 1 : value
        case 0x178: 0xFF
        // Cyrillic capitals.
        case 0x400...0x40F: value + 0x50
        case 0x410...0x42F: value + 0x20
        case 0x490: 0x491
        // Fullwidth Latin capitals.
        case 0xFF21...0xFF3A: value + 0x20
        default: value
        }
    }
}
