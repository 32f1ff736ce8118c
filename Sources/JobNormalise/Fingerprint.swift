/// A stable 128-bit identity for a posting, the same on every run and every machine.
///
/// Swift's `Hasher` is seeded per process, so this uses two FNV-1a 64 passes with different offsets.
public enum Fingerprint {
    public static func of(_ parts: [String]) -> String {
        of(bytes: Array(parts.joined(separator: "\u{1F}").utf8))
    }

    /// The fingerprint of raw bytes, e.g. a page body, to tell an unchanged page.
    public static func of(bytes: [UInt8]) -> String {
        var hash = Hash()
        for byte in bytes { hash.add(byte) }
        return hash.hex
    }

    /// Both FNV-1a passes in one, fed a byte at a time.
    struct Hash {
        private var first: UInt64 = 0xcbf2_9ce4_8422_2325
        private var second: UInt64 = 0x8422_2325_cbf2_9ce4

        @inline(__always)
        mutating func add(_ byte: UInt8) {
            first = (first ^ UInt64(byte)) &* 0x100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x100_0000_01b3
        }

        var hex: String { Fingerprint.hex(first) + Fingerprint.hex(second) }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
