/// Exact order statistics (the k-th smallest value) of many groups of values that arrive unsorted,
/// in any order, over a few passes of the same stream. Memory grows with the number of groups and
/// of ranks asked for, not with the number of values.
///
/// Every double maps to a 64-bit key whose unsigned order is the numeric order (the IEEE-754 bit
/// pattern with the sign handled). Pass 1 counts each group's values in fixed buckets of that key
/// (`rootBuckets` per group, 16 or 4 to an octave from $1,024 up, the two ends catching the rest)
/// and finds the bucket holding each asked rank. Each later pass either collects the values of
/// such a bucket, to sort them and read the ranks exactly, or, when collecting would exceed the
/// memory budget, counts the bucket again in 256 finer buckets. A bucket holding a single key needs
/// no more passes: its value is known. After a few passes every rank is resolved.
///
/// Use: `add` every value of pass 1; `ask` each group's ranks; `finishPass()`; while it returns
/// true, `add` every value again (same values, any order) and call `finishPass()`.
public struct RankFinder: Sendable {
    /// Values collected at most at once, over all groups, in one pass (8 bytes each).
    public static let collectBudget = 1 << 18

    private let rootBuckets: Int
    private let rootShift: UInt64
    private let rootBase: Int
    private var pass = 1
    /// Per group: values counted, smallest and largest key.
    private var counts: [Int] = []
    private var minKeys: [UInt64] = []
    private var maxKeys: [UInt64] = []
    /// Per group, `rootBuckets` entries: counts in pass 1, then codes (see `Code`).
    private var roots: [Int32] = []
    private var nodes: [Node] = []
    private var bins: [Bin] = []
    private var countingNodes: [Int] = []
    private var fillingBins: [Int] = []
    /// Asked ranks per group (ascending) and their values once resolved.
    private var asked: [Int: (start: Int, count: Int)] = [:]
    private var askedRanks: [Int] = []
    private var results: [Double] = []

    private struct Node: Sendable {
        var low: UInt64
        var high: UInt64
        var shift: UInt64
        var slots: [Int32]
        var counting = true
        /// Asked ranks inside this node: (index into `results`, rank among the node's values).
        var requests: [(result: Int, rank: Int)]
    }

    private struct Bin: Sendable {
        var values: [Double]
        var requests: [(result: Int, rank: Int)]
        /// Where its code sits: a root entry (node = -1) or a node's slot.
        var node: Int
        var slot: Int
    }

    /// A slot's code after its counts were read: nothing asked there, a bin, or a finer node.
    private enum Code {
        static let ignore: Int32 = -1
        static let nodeFlag: Int32 = 1 << 30
    }

    /// `rootBuckets`: 256 (16 buckets to an octave) for groups asked for many ranks, 64 (4 to an
    /// octave) for groups asked only for a median.
    public init(rootBuckets: Int) {
        precondition(rootBuckets == 256 || rootBuckets == 64)
        self.rootBuckets = rootBuckets
        rootShift = rootBuckets == 256 ? 48 : 50
        rootBase = Int(Self.key(1024) >> rootShift) - 1
    }

    /// The order-preserving key of a value (-0 counts as 0).
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = (value + 0.0).bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    @inline(__always)
    private func rootSlot(_ key: UInt64) -> Int {
        min(max(Int(key >> rootShift) - rootBase, 0), rootBuckets - 1)
    }

    /// The keys a root slot covers.
    private func rootRange(_ slot: Int) -> (UInt64, UInt64) {
        let low: UInt64 = slot == 0 ? 0 : UInt64(rootBase + slot) << rootShift
        let high: UInt64 = slot == rootBuckets - 1 ? .max : (UInt64(rootBase + slot + 1) << rootShift) - 1
        return (low, high)
    }

    /// Groups seen so far (ids are 0 ..< groupCount).
    public var groupCount: Int { counts.count }

    private mutating func grow(to group: Int) {
        guard group >= counts.count else { return }
        let added = group + 1 - counts.count
        counts.append(contentsOf: repeatElement(0, count: added))
        minKeys.append(contentsOf: repeatElement(.max, count: added))
        maxKeys.append(contentsOf: repeatElement(0, count: added))
        roots.append(contentsOf: repeatElement(pass == 1 ? 0 : Code.ignore, count: added * rootBuckets))
    }

    /// Takes one value of a group (ids are small integers the caller chooses).
    @inline(__always)
    public mutating func add(_ group: Int, _ value: Double) {
        let key = Self.key(value)
        if pass == 1 {
            if group >= counts.count { grow(to: group) }
            counts[group] += 1
            if key < minKeys[group] { minKeys[group] = key }
            if key > maxKeys[group] { maxKeys[group] = key }
            roots[group * rootBuckets + rootSlot(key)] += 1
            return
        }
        guard group < counts.count else { return }
        var code = roots[group * rootBuckets + rootSlot(key)]
        while code != Code.ignore {
            if code < Code.nodeFlag {
                bins[Int(code)].values.append(Self.value(key))
                return
            }
            let index = Int(code - Code.nodeFlag)
            let slot = Int((key &- nodes[index].low) >> nodes[index].shift)
            if nodes[index].counting {
                nodes[index].slots[slot] += 1
                return
            }
            code = nodes[index].slots[slot]
        }
    }

    /// Values the group had in pass 1.
    public func count(_ group: Int) -> Int { group < counts.count ? counts[group] : 0 }
    public func minimum(_ group: Int) -> Double? { count(group) > 0 ? Self.value(minKeys[group]) : nil }
    public func maximum(_ group: Int) -> Double? { count(group) > 0 ? Self.value(maxKeys[group]) : nil }

    /// Asks for the values at `ranks` (0-based, ascending, distinct, below the group's count), after pass 1.
    public mutating func ask(_ group: Int, ranks: [Int]) {
        precondition(pass == 1 && asked[group] == nil)
        guard !ranks.isEmpty else { return }
        precondition(ranks.last! < count(group) && zip(ranks, ranks.dropFirst()).allSatisfy { $0 < $1 })
        asked[group] = (askedRanks.count, ranks.count)
        askedRanks += ranks
        results += repeatElement(.nan, count: ranks.count)
    }

    /// The value at an asked rank, once `finishPass()` returned false.
    public func value(_ group: Int, rank: Int) -> Double {
        let (start, count) = asked[group]!
        var low = start
        var high = start + count
        while low < high {
            let middle = (low + high) / 2
            if askedRanks[middle] < rank { low = middle + 1 } else { high = middle }
        }
        precondition(low < start + count && askedRanks[low] == rank, "rank not asked")
        return results[low]
    }

    /// A bucket that holds asked ranks and more than one key: collected or counted finer next pass.
    private struct Candidate {
        var low: UInt64
        var high: UInt64
        var count: Int
        var requests: [(result: Int, rank: Int)]
        var node: Int
        var slot: Int
    }

    /// Ends a pass; true when another pass over the same values is needed.
    public mutating func finishPass() -> Bool {
        var candidates: [Candidate] = []
        if pass == 1 {
            for group in 0..<counts.count {
                let base = group * rootBuckets
                let slotCounts = roots[base..<base + rootBuckets].map(Int.init)
                var requests: [(result: Int, rank: Int)] = []
                if let (start, count) = asked[group] {
                    requests = (start..<start + count).map { ($0, askedRanks[$0]) }
                }
                for index in base..<base + rootBuckets { roots[index] = Code.ignore }
                locate(slotCounts, requests, node: -1, group: group, range: rootRange, into: &candidates)
            }
        } else {
            for index in fillingBins {
                var values = bins[index].values
                values.sort()
                for request in bins[index].requests { results[request.result] = values[request.rank] }
                bins[index].values = []
                setCode(Code.ignore, node: bins[index].node, slot: bins[index].slot, group: -1)
            }
            fillingBins = []
            for index in countingNodes {
                nodes[index].counting = false
                let slotCounts = nodes[index].slots.map(Int.init)
                for slot in nodes[index].slots.indices { nodes[index].slots[slot] = Code.ignore }
                let node = nodes[index]
                locate(
                    slotCounts, node.requests, node: index, group: -1,
                    range: { slot in
                        let low = node.low + (UInt64(slot) << node.shift)
                        let span = (UInt64(1) << node.shift) - 1
                        return (low, node.high - low < span ? node.high : low + span)
                    }, into: &candidates)
                nodes[index].requests = []
            }
            countingNodes = []
        }
        pass += 1
        // Collect the smallest buckets within the budget; count the rest finer.
        candidates.sort { $0.count < $1.count }
        var budget = Self.collectBudget
        for candidate in candidates {
            let code: Int32
            if candidate.count <= budget {
                budget -= candidate.count
                code = Int32(bins.count)
                var values: [Double] = []
                values.reserveCapacity(candidate.count)
                bins.append(Bin(values: values, requests: candidate.requests, node: candidate.node, slot: candidate.slot))
                fillingBins.append(bins.count - 1)
            } else {
                let width = candidate.high - candidate.low
                let shift = UInt64(max(0, (64 - width.leadingZeroBitCount) - 8))
                let slots = Int(width >> shift) + 1
                code = Code.nodeFlag + Int32(nodes.count)
                nodes.append(
                    Node(
                        low: candidate.low, high: candidate.high, shift: shift, slots: Array(repeating: 0, count: slots),
                        requests: candidate.requests))
                countingNodes.append(nodes.count - 1)
            }
            setCode(code, node: candidate.node, slot: candidate.slot, group: candidate.node < 0 ? candidate.slot / rootBuckets : -1)
        }
        return !(fillingBins.isEmpty && countingNodes.isEmpty)
    }

    /// `slot` is an index into `roots` when `node` is -1, else a slot of that node.
    private mutating func setCode(_ code: Int32, node: Int, slot: Int, group: Int) {
        if node < 0 { roots[slot] = code } else { nodes[node].slots[slot] = code }
    }

    /// Finds the slot of each request from the slot counts; resolves single-key slots at once and
    /// turns the others into candidates.
    private mutating func locate(
        _ slotCounts: [Int], _ requests: [(result: Int, rank: Int)], node: Int, group: Int,
        range: (Int) -> (UInt64, UInt64), into candidates: inout [Candidate]
    ) {
        guard !requests.isEmpty else { return }
        var next = 0
        var before = 0
        for (slot, count) in slotCounts.enumerated() where count > 0 {
            var inside: [(result: Int, rank: Int)] = []
            while next < requests.count, requests[next].rank < before + count {
                inside.append((requests[next].result, requests[next].rank - before))
                next += 1
            }
            if !inside.isEmpty {
                let (low, high) = range(slot)
                if low == high {
                    for request in inside { results[request.result] = Self.value(low) }
                } else {
                    candidates.append(
                        Candidate(
                            low: low, high: high, count: count, requests: inside, node: node,
                            slot: node < 0 ? group * rootBuckets + slot : slot))
                }
            }
            before += count
            if next == requests.count { break }
        }
        precondition(next == requests.count, "the values changed between passes")
    }
}
