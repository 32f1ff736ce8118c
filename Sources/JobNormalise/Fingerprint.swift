/// A stable 128-bit identity for a posting, the same on every run and every machine.
///
/// Swift's `Hasher` is seeded per process, so this uses two FNV-1a 64 passes with different offsets.
public enum Fingerprint {
    public static func of(_ parts: [String]) -> String {
        of(bytes: Array(parts.joined(separator: "\u{1F}").utf8))
    }

    /// The fingerprint of raw bytes, e.g. a page body, to tell an unchanged page.
    public static func of(bytes: [UInt8]) -> String {
        // Both passes in one loop over the bytes.
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in bytes {
            first = (first ^ UInt64(byte)) &* 0x100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hex(first) + hex(second)
    }

    static func fnv1a(_ bytes: [UInt8], offset: UInt64) -> UInt64 {
        var hash = offset
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
