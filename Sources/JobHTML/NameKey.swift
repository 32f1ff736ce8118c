/// A lowercase name packed into two integers (bytes little-endian; a pair of hashes for a name over
/// 16 bytes), so names compare and look up without making a String.
struct NameKey: Equatable, Sendable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var count: Int = 0

    init(low: UInt64, high: UInt64, count: Int) {
        self.low = low
        self.high = high
        self.count = count
    }

    init(_ name: String) {
        let bytes = Array(name.utf8)
        self = bytes.withUnsafeBufferPointer { Self.make($0) }
    }

    /// The key of a NUL-terminated name, as libxml2 passes it.
    init(_ name: UnsafePointer<UInt8>) {
        var count = 0
        while name[count] != 0 { count += 1 }
        self = Self.make(UnsafeBufferPointer(start: name, count: count))
    }

    /// The key of lowercase bytes.
    static func make(_ name: UnsafeBufferPointer<UInt8>) -> NameKey {
        var key = NameKey(low: 0, high: 0, count: name.count)
        if name.count <= 16 {
            for index in 0..<name.count { key.add(name[index], at: index) }
        } else {
            key.hash(name)
        }
        return key
    }

    @inline(__always)
    mutating func add(_ byte: UInt8, at index: Int) {
        if index < 8 {
            low |= UInt64(byte) << (8 * UInt64(index))
        } else {
            high |= UInt64(byte) << (8 * UInt64(index - 8))
        }
    }

    /// For names over 16 bytes: FNV-1a, twice with different seeds.
    mutating func hash(_ name: UnsafeBufferPointer<UInt8>) {
        low = 0xcbf2_9ce4_8422_2325
        high = 0x8422_2325_cbf2_9ce4
        for byte in name {
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 1
        }
    }

    @inline(__always) var slot: Int {
        Int(truncatingIfNeeded: ((low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)) >> 56)
    }
}

/// A fixed table from name keys to values: 256 slots, open addressing.
struct KeyTable<Value: Sendable>: Sendable {
    private var keys: [NameKey?] = Array(repeating: nil, count: 256)
    private var values: [Value?] = Array(repeating: nil, count: 256)

    init(_ entries: [(NameKey, Value)]) {
        precondition(entries.count < 200)
        for (key, value) in entries {
            var slot = key.slot
            while let existing = keys[slot], existing != key { slot = (slot + 1) & 255 }
            keys[slot] = key
            values[slot] = value
        }
    }

    @inline(__always)
    subscript(key: NameKey) -> Value? {
        var slot = key.slot
        while let existing = keys[slot] {
            if existing == key { return values[slot] }
            slot = (slot + 1) & 255
        }
        return nil
    }
}

