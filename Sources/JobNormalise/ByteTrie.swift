/// A trie over bytes: the phrase tables of the skill matcher and the phrase scanner.
///
/// Scanning asks it for a step at nearly every word of a page's text, so a step is an array read:
/// the root's children, and those of any node with many, sit in a 256-entry table; every other
/// node keeps its few children (at most `listLimit`) inside its own record, their bytes packed in
/// one integer, so a step reads one record and follows no chain of edges. A step hashes nothing;
/// only the start filters below do.
struct ByteTrie: Sendable {
    fileprivate struct Node {
        /// The bytes of its first `childCount` children, the first in the lowest byte.
        var childBytes: UInt32 = 0
        /// The offset of its 256-entry table in `tables`, or -1.
        var table: Int32 = -1
        /// The value of the phrase ending here, or -1.
        var value: Int32 = -1
        var childCount: Int32 = 0
        /// Its children, in the order of `childBytes` (while it has no table).
        var children: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    }

    /// A node with more children than this gets a table.
    private static let listLimit = 4
    private var rootChildren = [Int32](repeating: -1, count: 256)
    private var nodes = [Node()]
    /// The 256-entry tables, after one unused entry (so the array is never empty).
    private var tables: [Int32] = [-1]
    /// Bit sets that tell, from a text's first bytes, whether a phrase may start there:
    /// at `singlesOffset`, bit `byte` is set when a phrase is that one byte; at `pairsOffset`,
    /// bit `first << 8 | second` when a phrase of two bytes or more starts with those two; at
    /// `doublesOffset`, the same when a phrase is those two bytes; at `triplesOffset`, bit
    /// `tripleHash(first, second, third)` when a phrase of three bytes or more starts with those
    /// three (other triples can share a bit: a set bit only means "maybe").
    /// At `wordsOffset`, bit `wordBit(…)` is set for the first word of every phrase that starts
    /// with a word byte (see ``SkillMatcher/isWordByte(_:)``), its ASCII letters lowercased: a
    /// phrase can only match at a word whose bytes are all of its first word (it ends on a word
    /// boundary), so a scan that finds each word's end as it skips it walks only from words that
    /// may start one.
    private var filter = [UInt64](repeating: 0, count: 4 + 3 * 1024 + 256)
    private static let singlesOffset = 0
    private static let pairsOffset = 4
    private static let doublesOffset = 4 + 1024
    private static let triplesOffset = 4 + 2048
    private static let wordsOffset = 4 + 3072

    /// The number of word bits, ``wordBit(_:from:to:)`` being below it.
    static let wordBitCount = 1 << 14

    /// The root node, where every walk starts.
    static let root = 0

    /// Adds a phrase; the first value given for a phrase is kept.
    mutating func insert(_ bytes: [UInt8], value: Int) {
        if bytes.count == 1 { Self.set(&filter, Self.singlesOffset, Int(bytes[0])) }
        if bytes.count >= 2 {
            let pair = Int(bytes[0]) << 8 | Int(bytes[1])
            Self.set(&filter, Self.pairsOffset, pair)
            if bytes.count == 2 { Self.set(&filter, Self.doublesOffset, pair) }
        }
        if bytes.count >= 3 { Self.set(&filter, Self.triplesOffset, Self.tripleHash(bytes[0], bytes[1], bytes[2])) }
        if let first = bytes.first, SkillMatcher.isWordByte(first) {
            var end = 1
            while end < bytes.count && SkillMatcher.isWordByte(bytes[end]) { end += 1 }
            Self.set(&filter, Self.wordsOffset, Self.wordBit(bytes, from: 0, to: end))
        }
        var node = Self.root
        for byte in bytes {
            if let next = withScanner({ $0.next(node, byte) }) {
                node = next
                continue
            }
            let added = Int32(nodes.count)
            nodes.append(Node())
            if node == Self.root {
                rootChildren[Int(byte)] = added
            } else if nodes[node].table >= 0 {
                tables[Int(nodes[node].table) + Int(byte)] = added
                nodes[node].childCount += 1
            } else if Int(nodes[node].childCount) < Self.listLimit {
                let slot = Int(nodes[node].childCount)
                nodes[node].childBytes |= UInt32(byte) << UInt32(8 * slot)
                switch slot {
                case 0: nodes[node].children.0 = added
                case 1: nodes[node].children.1 = added
                case 2: nodes[node].children.2 = added
                default: nodes[node].children.3 = added
                }
                nodes[node].childCount += 1
            } else {
                // Many children: a table from now on.
                let offset = tables.count
                tables.append(contentsOf: repeatElement(-1, count: 256))
                let record = nodes[node]
                let listed = [record.children.0, record.children.1, record.children.2, record.children.3]
                for slot in 0..<Int(record.childCount) {
                    tables[offset + Int(UInt8(truncatingIfNeeded: record.childBytes >> UInt32(8 * slot)))] = listed[slot]
                }
                tables[offset + Int(byte)] = added
                nodes[node].table = Int32(offset)
                nodes[node].childCount += 1
            }
            node = Int(added)
        }
        if nodes[node].value < 0 { nodes[node].value = Int32(value) }
    }

    /// Renumbers the nodes in breadth-first order, so the first steps of every walk, which scans
    /// take most often, read a few neighbouring records. Call after the last insertion; the
    /// phrases and their values stay as they were.
    mutating func packBreadthFirst() {
        var order: [Int] = [Self.root]
        var newID = [Int32](repeating: -1, count: nodes.count)
        newID[Self.root] = Int32(Self.root)
        var head = 0
        while head < order.count {
            let node = order[head]
            head += 1
            for child in children(of: node) where newID[child] < 0 {
                newID[child] = Int32(order.count)
                order.append(child)
            }
        }
        let renumber = { (id: Int32) -> Int32 in id < 0 ? id : newID[Int(id)] }
        var packed: [Node] = []
        packed.reserveCapacity(order.count)
        for node in order {
            var record = nodes[node]
            if record.table < 0 {
                record.children = (
                    renumber(record.children.0), renumber(record.children.1), renumber(record.children.2),
                    renumber(record.children.3)
                )
            }
            packed.append(record)
        }
        nodes = packed
        rootChildren = rootChildren.map(renumber)
        tables = tables.map(renumber)
    }

    /// The children of a node, in byte order for a table and in insertion order for a list.
    private func children(of node: Int) -> [Int] {
        let record = nodes[node]
        let ids: [Int32] =
            if node == Self.root {
                rootChildren
            } else if record.table >= 0 {
                Array(tables[Int(record.table)..<Int(record.table) + 256])
            } else {
                Array([record.children.0, record.children.1, record.children.2, record.children.3].prefix(Int(record.childCount)))
            }
        return ids.filter { $0 >= 0 }.map { Int($0) }
    }

    private static func set(_ bits: inout [UInt64], _ offset: Int, _ bit: Int) {
        bits[offset + bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// A bit index (0..<65536) for a phrase's first three bytes.
    @inline(__always)
    static func tripleHash(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        let key = UInt32(first) << 16 | UInt32(second) << 8 | UInt32(third)
        return Int((key &* 0x9E37_79B1) >> 16)
    }

    /// The bit (0..<16384, a set that stays in the nearest cache) of the word `bytes[start..<end]`: its length, first, second and last
    /// bytes, ASCII letters lowercased. Reading those needs no pass over the word's other bytes.
    @inline(__always)
    static func wordBit<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, from start: Int, to end: Int) -> Int
    where Bytes.Index == Int {
        let first = SkillMatcher.lower(bytes[start])
        let second = end - start > 1 ? SkillMatcher.lower(bytes[start + 1]) : first
        return wordBit(length: end - start, first: first, second: second, last: SkillMatcher.lower(bytes[end - 1]))
    }

    /// ``wordBit(_:from:to:)`` from a word's length and its first, second and last bytes, already
    /// lowercased (for a word of one byte, `second` is `first`).
    @inline(__always)
    static func wordBit(length: Int, first: UInt8, second: UInt8, last: UInt8) -> Int {
        let key = UInt32(truncatingIfNeeded: min(length, 255)) << 24 | UInt32(first) << 16 | UInt32(second) << 8
            | UInt32(last)
        return Int((key &* 0x9E37_79B1) >> 18)
    }

    /// Runs `body` with a view of the trie that steps without bounds checks or reference counting:
    /// what a scan uses at every word of a text.
    @inline(__always)
    func withScanner<Result>(_ body: (Scanner) throws -> Result) rethrows -> Result {
        try rootChildren.withUnsafeBufferPointer { rootChildren in
            try nodes.withUnsafeBufferPointer { nodes in
                try tables.withUnsafeBufferPointer { tables in
                    try filter.withUnsafeBufferPointer { filter in
                        try body(
                            Scanner(
                                rootChildren: rootChildren.baseAddress!, nodes: nodes.baseAddress!,
                                tables: tables.baseAddress!, filter: filter.baseAddress!))
                    }
                }
            }
        }
    }

    /// Steps through a ``ByteTrie``; valid only inside ``ByteTrie/withScanner(_:)``.
    struct Scanner {
        fileprivate let rootChildren: UnsafePointer<Int32>
        fileprivate let nodes: UnsafePointer<Node>
        fileprivate let tables: UnsafePointer<Int32>
        fileprivate let filter: UnsafePointer<UInt64>

        @inline(__always)
        private func isSet(_ offset: Int, _ bit: Int) -> Bool {
            filter[offset + bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }

        /// False when no phrase can start with the bytes given (nil past the end of the text): a
        /// walk from there would find nothing, so a scan skips it with a few bit tests.
        @inline(__always)
        func mayStart(_ first: UInt8, _ second: UInt8?, _ third: UInt8?) -> Bool {
            if isSet(ByteTrie.singlesOffset, Int(first)) { return true }
            guard let second else { return false }
            let pair = Int(first) << 8 | Int(second)
            guard isSet(ByteTrie.pairsOffset, pair) else { return false }
            if isSet(ByteTrie.doublesOffset, pair) { return true }
            guard let third else { return false }
            return isSet(ByteTrie.triplesOffset, ByteTrie.tripleHash(first, second, third))
        }

        /// False when no phrase starts with `byte`: one read of the root's table, cheaper than
        /// ``mayStart(_:_:_:)``, for the bytes between words, where most positions start nothing.
        @inline(__always)
        func mayStart(with byte: UInt8) -> Bool {
            rootChildren[Int(byte)] >= 0
        }

        /// False when no phrase's first word is the word whose ``ByteTrie/wordBit(_:from:to:)`` is `bit`.
        @inline(__always)
        func mayStartWord(_ bit: Int) -> Bool {
            isSet(ByteTrie.wordsOffset, bit)
        }

        /// The node reached from `node` by `byte`, if any.
        @inline(__always)
        func next(_ node: Int, _ byte: UInt8) -> Int? {
            if node == ByteTrie.root {
                let child = rootChildren[Int(byte)]
                return child < 0 ? nil : Int(child)
            }
            let record = nodes[node]
            if record.table >= 0 {
                let child = tables[Int(record.table) + Int(byte)]
                return child < 0 ? nil : Int(child)
            }
            let count = record.childCount
            let packed = record.childBytes
            if count > 0 && UInt8(truncatingIfNeeded: packed) == byte { return Int(record.children.0) }
            if count > 1 && UInt8(truncatingIfNeeded: packed >> 8) == byte { return Int(record.children.1) }
            if count > 2 && UInt8(truncatingIfNeeded: packed >> 16) == byte { return Int(record.children.2) }
            if count > 3 && UInt8(truncatingIfNeeded: packed >> 24) == byte { return Int(record.children.3) }
            return nil
        }

        /// The value of the phrase that ends at `node`, if one does.
        @inline(__always)
        func value(at node: Int) -> Int? {
            let value = nodes[node].value
            return value >= 0 ? Int(value) : nil
        }
    }
}
