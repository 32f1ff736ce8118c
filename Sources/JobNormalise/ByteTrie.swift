/// A trie over bytes: the phrase tables of the skill matcher and the phrase scanner.
///
/// Scanning asks it for a step at nearly every byte of a page's text, so a step is an array read:
/// the root's children sit in a 256-entry table (most walks end there), and every other node's
/// few children in a short linked list of edges. No hashing.
struct ByteTrie: Sendable {
    private var rootChildren = [Int32](repeating: -1, count: 256)
    /// Per node: its first edge, or -1.
    private var firstEdge: [Int32] = [-1]
    /// Per node: the value of the phrase ending there, or -1.
    private var values: [Int32] = [-1]
    private var edgeBytes: [UInt8] = []
    private var edgeTargets: [Int32] = []
    private var edgeNext: [Int32] = []

    /// The root node, where every walk starts.
    static let root = 0

    /// Adds a phrase; the first value given for a phrase is kept.
    mutating func insert(_ bytes: [UInt8], value: Int) {
        var node = Self.root
        for byte in bytes {
            if let next = next(node, byte) {
                node = next
                continue
            }
            let added = Int32(values.count)
            values.append(-1)
            firstEdge.append(-1)
            if node == Self.root {
                rootChildren[Int(byte)] = added
            } else {
                edgeBytes.append(byte)
                edgeTargets.append(added)
                edgeNext.append(firstEdge[node])
                firstEdge[node] = Int32(edgeBytes.count - 1)
            }
            node = Int(added)
        }
        if values[node] < 0 { values[node] = Int32(value) }
    }

    /// The node reached from `node` by `byte`, if any.
    @inline(__always)
    func next(_ node: Int, _ byte: UInt8) -> Int? {
        if node == Self.root {
            let child = rootChildren[Int(byte)]
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
