/// Which bytes of a text are word bytes (``SkillMatcher/isWordByte(_:)``) and which equal a given
/// byte, eight at a time: bit 7 of each byte flags it, and ``gather(_:)`` packs the flags into one
/// bit per byte. A scan that walks such masks with `trailingZeroBitCount` turns once per word it
/// must look at, instead of at every word's end, where a byte-at-a-time loop mispredicts its branch.
enum WordMask {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Bit 7 of each byte of `word` that is a word byte: 0x80 or more, an ASCII digit or letter, `_`.
    @inline(__always)
    static func wordBytes(_ word: UInt64) -> UInt64 {
        // Adding 0x80 - lo to a 7-bit value sets its bit 7 exactly when the value is lo or more,
        // and carries into no other byte.
        let low = word & low7
        let digit = (low &+ ones &* (0x80 - 0x30)) & ~(low &+ ones &* (0x80 - 0x3A))
        let folded = low | ones &* 0x20
        let letter = (folded &+ ones &* (0x80 - 0x61)) & ~(folded &+ ones &* (0x80 - 0x7B))
        let underscore = low ^ ones &* 0x5F
        return (word | digit | letter | ~((underscore &+ low7) | underscore)) & high
    }

    /// Bit 7 of each byte of `word` equal to the byte that `pattern` repeats.
    @inline(__always)
    static func bytes(_ word: UInt64, equalTo pattern: UInt64) -> UInt64 {
        let difference = word ^ pattern
        return ~(((difference & low7) &+ low7) | difference | low7)
    }

    /// The eight bit-7 flags of a word gathered into its low byte, the first byte's in bit 0.
    @inline(__always)
    static func gather(_ flags: UInt64) -> UInt64 {
        // Flag k, moved to bit 8k, lands on bit 56 + k of the product and nothing carries into
        // bits 56-63 from the other partial products.
        ((flags &>> 7) &* 0x0102_0408_1020_4080) &>> 56
    }

    /// The eight bytes at `offset`, as a little-endian integer.
    @inline(__always)
    static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
