/// Exact distributions per group from values that arrive grouped and ascending within each group,
/// with each group's count known ahead (from a count query, or by counting first).
public struct SortedGroups<Key: Hashable & Sendable>: Sendable {
    private var accumulators: [Key: OrderStatistics]

    public init(counts: [Key: Int]) {
        accumulators = counts.filter { $0.value > 0 }.mapValues(OrderStatistics.init(count:))
    }

    /// Takes the next value of a group; within a group values must ascend.
    public mutating func add(_ key: Key, _ value: Double) {
        accumulators[key]?.add(value)
    }

    public var distributions: [Key: Distribution] {
        accumulators.compactMapValues(\.distribution)
    }

    /// The distributions of unsorted values held in memory: sorts each group, then adds.
    public static func of(_ values: [Key: [Double]]) -> [Key: Distribution] {
        var groups = SortedGroups(counts: values.mapValues(\.count))
        for (key, list) in values {
            for value in list.sorted() { groups.add(key, value) }
        }
        return groups.distributions
    }
}

/// A small seeded generator (SplitMix64), so samples and bootstrap intervals repeat exactly.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed from a text, the same on every machine (FNV-1a).
    public static func seed(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// Keeps a uniform random sample of at most `limit` values from a stream (reservoir sampling,
/// Algorithm R) with a seed fixed per group, so the same input always gives the same sample.
public struct Reservoir: Sendable {
    public let limit: Int
    public private(set) var values: [Double] = []
    private var seen = 0
    private var generator: SeededGenerator

    public init(limit: Int, seed: UInt64) {
        self.limit = limit
        generator = SeededGenerator(seed: seed)
    }

    public mutating func add(_ value: Double) {
        seen += 1
        if values.count < limit {
            values.append(value)
        } else {
            let slot = Int(generator.next() % UInt64(seen))
            if slot < limit { values[slot] = value }
        }
    }
}
