/// A trie over bytes: the phrase tables of the skill matcher and the phrase scanner.
///
/// Scanning asks it for a step at nearly every word of a page's text, so a step is an array read:
/// the root's children, and those of any node with many, sit in a 256-entry table; every other
/// node's few children in a short linked list of edges. A node's fields, and an edge's, sit
/// together, so a step touches few cache lines. No hashing.
struct ByteTrie: Sendable {
    private struct Node {
        /// Its first edge, or -1.
        var firstEdge: Int32 = -1
        /// The offset of its 256-entry table in `tables`, or -1.
        var table: Int32 = -1
        /// The value of the phrase ending here, or -1.
        var value: Int32 = -1
        var childCount: Int32 = 0
    }

    private struct Edge {
        var target: Int32
        var next: Int32
        var byte: UInt8
    }

    /// A node with more children than this gets a table.
    private static let listLimit = 4
    private var rootChildren = [Int32](repeating: -1, count: 256)
    private var nodes = [Node()]
    private var edges: [Edge] = []
    private var tables: [Int32] = []
    /// Bit `first << 8 | second` is set when a phrase of two bytes or more starts with those two.
    private var pairs = [UInt64](repeating: 0, count: 1024)
    /// Bit `byte` is set when a phrase is that one byte.
    private var singles = [UInt64](repeating: 0, count: 4)

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
            let added = Int32(nodes.count)
            nodes.append(Node())
            if node == Self.root {
                rootChildren[Int(byte)] = added
            } else {
                edges.append(Edge(target: added, next: nodes[node].firstEdge, byte: byte))
                nodes[node].firstEdge = Int32(edges.count - 1)
                nodes[node].childCount += 1
                if nodes[node].table >= 0 {
                    tables[Int(nodes[node].table) + Int(byte)] = added
                } else if nodes[node].childCount > Self.listLimit {
                    // Many children: a table from now on (the edges stay, for insertions' lookups).
                    let offset = tables.count
                    tables.append(contentsOf: repeatElement(-1, count: 256))
                    var edge = Int(nodes[node].firstEdge)
                    while edge >= 0 {
                        tables[offset + Int(edges[edge].byte)] = edges[edge].target
                        edge = Int(edges[edge].next)
                    }
                    nodes[node].table = Int32(offset)
                }
            }
            node = Int(added)
        }
        if nodes[node].value < 0 { nodes[node].value = Int32(value) }
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
        let record = nodes[node]
        if record.table >= 0 {
            let child = tables[Int(record.table) + Int(byte)]
            return child < 0 ? nil : Int(child)
        }
        var edge = Int(record.firstEdge)
        while edge >= 0 {
            let step = edges[edge]
            if step.byte == byte { return Int(step.target) }
            edge = Int(step.next)
        }
        return nil
    }

    /// The value of the phrase that ends at `node`, if one does.
    @inline(__always)
    func value(at node: Int) -> Int? {
        let value = nodes[node].value
        return value >= 0 ? Int(value) : nil
    }
}
