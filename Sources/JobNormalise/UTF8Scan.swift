/// Byte searches over UTF-8 that read eight bytes at a time.
enum UTF8Scan {
    /// The index of the first byte at or after `start` that is 0xE0 or more (the lead byte of a
    /// scalar from U+0800 up), or `bytes.count`: text in Latin scripts has few, and most texts none.
    @inline(__always)
    static func firstLeadOfThreeOrMore(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let count = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // Bit 7 of each byte whose top three bits are set (bits 6 and 5 moved up to bit 7).
                let high = word & (word &<< 1) & (word &<< 2) & 0x8080_8080_8080_8080
                if high != 0 { return index + (UInt64(littleEndian: high).trailingZeroBitCount >> 3) }
                index += 8
            }
        }
        while index < count && bytes[index] < 0xE0 { index += 1 }
        return index
    }

    /// True when the bytes hold a scalar from U+3000 up (lead byte 0xE3 or more): where the
    /// Chinese, Japanese and Korean characters start.
    static func hasScalarFromU3000(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = firstLeadOfThreeOrMore(bytes, from: 0)
        while index < bytes.count {
            if bytes[index] >= 0xE3 { return true }
            index = firstLeadOfThreeOrMore(bytes, from: index + 1)
        }
        return false
    }
}
