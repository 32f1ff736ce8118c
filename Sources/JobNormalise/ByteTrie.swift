/// A trie over bytes: the phrase tables of the skill matcher and the phrase scanner.
///
/// Scanning asks it for a step at nearly every byte of a page's text, so a step is an array read:
/// the root's children, and those of any node with many, sit in a 256-entry table; every other
/// node's few children in a short linked list of edges. No hashing.
struct ByteTrie: Sendable {
    /// A node with more children than this gets a table.
    private static let listLimit = 4
    private var rootChildren = [Int32](repeating: -1, count: 256)
    /// Per node: its first edge, or -1.
    private var firstEdge: [Int32] = [-1]
    /// Per node: its number of children.
    private var childCount: [Int32] = [0]
    /// Per node: the offset of its 256-entry table in `tables`, or -1.
    private var table: [Int32] = [-1]
    private var tables: [Int32] = []
    /// Per node: the value of the phrase ending there, or -1.
    private var values: [Int32] = [-1]
    /// Bit `first << 8 | second` is set when a phrase of two bytes or more starts with those two.
    private var pairs = [UInt64](repeating: 0, count: 1024)
    /// Bit `byte` is set when a phrase is that one byte.
    private var singles = [UInt64](repeating: 0, count: 4)
    private var edgeBytes: [UInt8] = []
    private var edgeTargets: [Int32] = []
    private var edgeNext: [Int32] = []

    /// The root node, where every walk starts.
    static let root = 0

    /// Adds a phrase; the first value given for a phrase is kept.
    mutating func insert(_ bytes: [UInt8], value: Int) {
        if bytes.count == 1 { singles[Int(bytes[0]) >> 6] |= 1 << UInt64(bytes[0] & 63) }
        if bytes.count >= 2 {
            let pair = Int(bytes[0]) << 8 | Int(bytes[1])
            pairs[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        var node = Self.root
        for byte in bytes {
            if let next = next(node, byte) {
                node = next
                continue
            }
            let added = Int32(values.count)
            values.append(-1)
            firstEdge.append(-1)
            childCount.append(0)
            table.append(-1)
            if node == Self.root {
                rootChildren[Int(byte)] = added
            } else {
                edgeBytes.append(byte)
                edgeTargets.append(added)
                edgeNext.append(firstEdge[node])
                firstEdge[node] = Int32(edgeBytes.count - 1)
                childCount[node] += 1
                if table[node] >= 0 {
                    tables[Int(table[node]) + Int(byte)] = added
                } else if childCount[node] > Self.listLimit {
                    // Many children: a table from now on (the edges stay, for insertions' lookups).
                    let offset = tables.count
                    tables.append(contentsOf: repeatElement(-1, count: 256))
                    var edge = Int(firstEdge[node])
                    while edge >= 0 {
                        tables[offset + Int(edgeBytes[edge])] = edgeTargets[edge]
                        edge = Int(edgeNext[edge])
                    }
                    table[node] = Int32(offset)
                }
            }
            node = Int(added)
        }
        if values[node] < 0 { values[node] = Int32(value) }
    }

    /// False when no phrase can start with `first` followed by `second` (nil at the end of the
    /// text): a walk from there would find nothing, so a scan skips it with one bit test.
    @inline(__always)
    func mayStart(_ first: UInt8, _ second: UInt8?) -> Bool {
        if singles[Int(first) >> 6] & (1 << UInt64(first & 63)) != 0 { return true }
        guard let second else { return false }
        let pair = Int(first) << 8 | Int(second)
        return pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }

    /// The node reached from `node` by `byte`, if any.
    @inline(__always)
    func next(_ node: Int, _ byte: UInt8) -> Int? {
        if node == Self.root {
            let child = rootChildren[Int(byte)]
            return child < 0 ? nil : Int(child)
        }
        let offset = table[node]
        if offset >= 0 {
            let child = tables[Int(offset) + Int(byte)]
            return child < 0 ? nil : Int(child)
        }
        var edge = Int(firstEdge[node])
        while edge >= 0 {
            if edgeBytes[edge] == byte { return Int(edgeTargets[edge]) }
            edge = Int(edgeNext[edge])
        }
        return nil
    }

    /// The value of the phrase that ends at `node`, if one does.
    @inline(__always)
    func value(at node: Int) -> Int? {
        values[node] >= 0 ? Int(values[node]) : nil
    }
}
