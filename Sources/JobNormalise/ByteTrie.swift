/// A trie over bytes: the phrase tables of the skill matcher and the phrase scanner.
struct ByteTrie: Sendable {
    private var children: [[UInt8: Int32]] = [[:]]
    private var values: [Int32] = [-1]

    /// The root node, where every walk starts.
    static let root = 0

    /// Adds a phrase; the first value given for a phrase is kept.
    mutating func insert(_ bytes: [UInt8], value: Int) {
        var node = Self.root
        for byte in bytes {
            if let next = children[node][byte] {
                node = Int(next)
            } else {
                children.append([:])
                values.append(-1)
                children[node][byte] = Int32(children.count - 1)
                node = children.count - 1
            }
        }
        if values[node] < 0 { values[node] = Int32(value) }
    }

    /// The node reached from `node` by `byte`, if any.
    func next(_ node: Int, _ byte: UInt8) -> Int? {
        children[node][byte].map(Int.init)
    }

    /// The value of the phrase that ends at `node`, if one does.
    func value(at node: Int) -> Int? {
        values[node] >= 0 ? Int(values[node]) : nil
    }
}
