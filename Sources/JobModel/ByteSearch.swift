#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Searches over raw bytes: libc's `memchr` and `memcmp`, and an eight-bytes-at-a-time ASCII test.
public enum ByteSearch {
    /// True when no byte is 0x80 or above.
    @inlinable
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstNonASCII(in: bytes, from: 0) == bytes.count
    }

    /// The first position at or after `from` of a byte 0x80 or above, or `bytes.count`: 32 bytes
    /// at a time while they are ASCII, then 8, then one.
    @inlinable
    public static func firstNonASCII(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var index = from
        let count = bytes.count
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            let high: UInt64 = 0x8080_8080_8080_8080
            while index + 32 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    | base.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                    | base.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                    | base.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
                if word & high != 0 { break }
                index += 32
            }
            while index + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & high
                if word != 0 { return index + UInt64(littleEndian: word).trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < count && bytes[index] < 0x80 { index += 1 }
        return index
    }

    /// The first position at or after `from` where `needle`'s bytes occur in `haystack`: `memchr`
    /// finds each candidate first byte, `memcmp` checks the rest.
    public static func firstIndex(
        of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int
    ) -> Int? {
        guard let needleBase = needle.baseAddress, !needle.isEmpty else { return from }
        guard let base = haystack.baseAddress else { return nil }
        let last = haystack.count - needle.count
        var start = from
        while start <= last {
            guard let found = memchr(base + start, Int32(needleBase.pointee), last - start + 1) else { return nil }
            let position = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if needle.count == 1 || memcmp(base + position + 1, needleBase + 1, needle.count - 1) == 0 { return position }
            start = position + 1
        }
        return nil
    }

    /// The first position at or after `from` of a byte (`memchr`).
    public static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress, from < bytes.count,
            let found = memchr(base + from, Int32(byte), bytes.count - from)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
