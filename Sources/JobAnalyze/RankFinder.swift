/// Exact order statistics (the k-th smallest value) of many groups of values that arrive unsorted,
/// in any order, over a few passes of the same stream. Memory grows with the number of groups and
/// of ranks asked for, not with the number of values.
///
/// Every double maps to a 64-bit key whose unsigned order is the numeric order (the IEEE-754 bit
/// pattern with the sign handled). Pass 1 counts each group's values in fixed buckets of that key
/// (`bucketsPerOctave` from 1,024 up over 16 octaves, the two end buckets catching the rest) and
/// finds the bucket holding each asked rank. Each later pass either collects the values of such a
/// bucket, to sort them and read the ranks exactly, or, when collecting would exceed the memory
/// budget, counts that bucket again in up to 256 finer buckets; what exceeds both budgets waits
/// for a later pass. A bucket holding a single key needs no more passes: its value is known.
/// After a few passes every rank is resolved.
///
/// Use: `add` every value of pass 1 (and `merge` groups into margins); `ask` each group's ranks;
/// `finishPass()`; while it returns true, `add` every value again (the same values to the same
/// groups, margins included, in any order) and call `finishPass()`.
public struct RankFinder: Sendable {
    /// What the next pass may hold: values to collect (8 bytes each) and finer counts (4 bytes each).
    public struct PassBudget: Sendable {
        public var values: Int
        public var slots: Int

        public init(values: Int, slots: Int) {
            self.values = values
            self.slots = slots
        }
    }

    /// Values collected at most in one pass (8 bytes each) when `finishPass()` takes no budget.
    public let collectBudget: Int

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
    /// Finer buckets: each node's entries are `nodeSlots[start ..< start + count]`, counts in the
    /// pass after it was made, codes after that.
    private var nodes: [Node] = []
    private var nodeSlots: [Int32] = []
    private var countingNodes: [Int] = []
    /// Buckets located but left for a later pass by the budget.
    private var deferred: [Candidate] = []
    /// Asked ranks inside a node or a bin: (index into `results`, rank among its values).
    private var requests: [Request] = []
    /// Bins filled in the current pass; their values share one buffer.
    private var bins: [Bin] = []
    private var binValues: [Double] = []
    private var binSlots: [Int] = []
    /// Asked ranks per group (ascending) and their values once resolved.
    private var asked: [Int: (start: Int, count: Int)] = [:]
    private var askedRanks: [Int] = []
    private var results: [Double] = []

    private struct Request: Sendable {
        var result: Int
        var rank: Int
    }

    private struct Node: Sendable {
        var low: UInt64
        var high: UInt64
        var shift: UInt64
        var start: Int
        var count: Int
        var counting = true
        var requests: Range<Int>
    }

    private struct Bin: Sendable {
        var start: Int
        var filled: Int
        var expected: Int
        var requests: Range<Int>
        /// Where its codes sit: indices (in `binSlots`) into `roots` (node -1) or into `nodeSlots`.
        var node: Int
        var slots: Range<Int>
    }

    /// A slot's code after its counts were read: nothing asked there, a bin, or a finer node.
    private enum Code {
        static let ignore: Int32 = -1
        static let nodeFlag: Int32 = 1 << 30
    }

    /// `bucketsPerOctave`: a power of two from 4 to 64; more means fewer values to collect per
    /// asked rank and more memory per group (16 × that many 4-byte counts). `collectBudget`: the
    /// most values collected in one pass; a smaller budget may take a pass more.
    public init(bucketsPerOctave: Int, collectBudget: Int) {
        precondition([4, 8, 16, 32, 64].contains(bucketsPerOctave) && collectBudget > 0)
        self.collectBudget = collectBudget
        rootBuckets = 16 * bucketsPerOctave
        rootShift = UInt64(52 - bucketsPerOctave.trailingZeroBitCount)
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
                let bin = Int(code)
                precondition(bins[bin].filled < bins[bin].expected, "the values changed between passes")
                binValues[bins[bin].start + bins[bin].filled] = Self.value(key)
                bins[bin].filled += 1
                return
            }
            let node = nodes[Int(code - Code.nodeFlag)]
            let slot = node.start + Int((key &- node.low) >> node.shift)
            if node.counting {
                nodeSlots[slot] += 1
                return
            }
            code = nodeSlots[slot]
        }
    }

    /// Adds what group `from` counted in pass 1 to group `into`, as if its values had been added
    /// there too (a margin from the groups it covers). Call it once pass 1 is over, before `ask`.
    public mutating func merge(_ from: Int, into: Int) {
        precondition(pass == 1)
        guard from < counts.count, counts[from] > 0 else { return }
        if into >= counts.count { grow(to: into) }
        counts[into] += counts[from]
        minKeys[into] = min(minKeys[into], minKeys[from])
        maxKeys[into] = max(maxKeys[into], maxKeys[from])
        for slot in 0..<rootBuckets { roots[into * rootBuckets + slot] += roots[from * rootBuckets + slot] }
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
        var requests: Range<Int>
        var node: Int
        var slot: Int
    }

    /// Ends a pass; true when another pass over the same values is needed. The next pass holds
    /// at most `collectBudget` values and 4 × that many finer counts.
    public mutating func finishPass() -> Bool {
        var budget = PassBudget(values: collectBudget, slots: max(256, 4 * collectBudget))
        return finishPass(budget: &budget)
    }

    /// Ends a pass, taking what the next pass will hold from `budget` (which several finders of
    /// one stream may share; the first to finish its pass is served first). What does not fit is
    /// put off to a later pass, so memory stays within the budget however many values there are
    /// (a pass that could afford nothing still counts one bucket finer, so every pass moves).
    public mutating func finishPass(budget: inout PassBudget) -> Bool {
        var candidates: [Candidate] = []
        var located: [Request] = []
        if pass == 1 {
            var slotCounts = [Int](repeating: 0, count: rootBuckets)
            for group in 0..<counts.count {
                let base = group * rootBuckets
                for slot in 0..<rootBuckets {
                    slotCounts[slot] = Int(roots[base + slot])
                    roots[base + slot] = Code.ignore
                }
                guard let (start, count) = asked[group] else { continue }
                let inside = (start..<start + count).map { Request(result: $0, rank: askedRanks[$0]) }
                locate(slotCounts, inside, node: -1, base: base, range: rootRange, into: &candidates, &located)
            }
        } else {
            for bin in bins {
                precondition(bin.filled == bin.expected, "the values changed between passes")
                binValues[bin.start..<bin.start + bin.filled].sort()
                for request in requests[bin.requests] { results[request.result] = binValues[bin.start + request.rank] }
                for slot in binSlots[bin.slots] {
                    if bin.node < 0 { roots[slot] = Code.ignore } else { nodeSlots[slot] = Code.ignore }
                }
            }
            bins = []
            binValues = []
            binSlots = []
            for index in countingNodes {
                nodes[index].counting = false
                let node = nodes[index]
                let slotCounts = nodeSlots[node.start..<node.start + node.count].map(Int.init)
                for slot in node.start..<node.start + node.count { nodeSlots[slot] = Code.ignore }
                locate(
                    slotCounts, Array(requests[node.requests]), node: index, base: node.start,
                    range: { slot in
                        let low = node.low + (UInt64(slot) << node.shift)
                        let span = (UInt64(1) << node.shift) - 1
                        return (low, node.high - low < span ? node.high : low + span)
                    }, into: &candidates, &located)
            }
            countingNodes = []
        }
        // Buckets put off by an earlier pass compete again.
        for var candidate in deferred {
            let start = located.count
            located += requests[candidate.requests]
            candidate.requests = start..<located.count
            candidates.append(candidate)
        }
        deferred = []
        requests = located
        pass += 1
        // Collect the smallest buckets within the budget, count the next ones finer within the
        // budget, and put off the rest to a later pass.
        candidates.sort { $0.count < $1.count }
        var collect: [Candidate] = []
        var refine: [(candidate: Candidate, shift: UInt64, slots: Int)] = []
        for candidate in candidates {
            let width = candidate.high - candidate.low
            // About as many finer buckets as values, at most 256 (8 of the key's bits).
            let bits = min(8, Int.bitWidth - (candidate.count - 1).leadingZeroBitCount)
            let shift = UInt64(max(0, (64 - width.leadingZeroBitCount) - bits))
            let slots = Int(width >> shift) + 1
            if candidate.count <= budget.values {
                budget.values -= candidate.count
                collect.append(candidate)
            } else if slots <= budget.slots {
                budget.slots -= slots
                refine.append((candidate, shift, slots))
            } else {
                deferred.append(candidate)
            }
        }
        // One bin per node (or per group's root) for its buckets collected this pass: the values
        // of its buckets come one bucket after another in key order, so a rank in a later
        // bucket moves up by the counts of the earlier ones.
        collect.sort { ($0.node, $0.slot) < ($1.node, $1.slot) }
        binValues.reserveCapacity(collect.reduce(0) { $0 + $1.count })
        binSlots.reserveCapacity(collect.count)
        var index = 0
        while index < collect.count {
            let first = collect[index]
            var end = index + 1
            var total = first.count
            var requestsEnd = first.requests.upperBound
            while end < collect.count, collect[end].node == first.node,
                first.node >= 0 || collect[end].slot / rootBuckets == first.slot / rootBuckets,
                collect[end].requests.lowerBound == requestsEnd
            {
                for request in collect[end].requests { requests[request].rank += total }
                total += collect[end].count
                requestsEnd = collect[end].requests.upperBound
                end += 1
            }
            let slotsStart = binSlots.count
            for member in collect[index..<end] {
                setCode(Int32(bins.count), member)
                binSlots.append(member.slot)
            }
            bins.append(
                Bin(
                    start: binValues.count, filled: 0, expected: total, requests: first.requests.lowerBound..<requestsEnd,
                    node: first.node, slots: slotsStart..<binSlots.count))
            binValues.append(contentsOf: repeatElement(0, count: total))
            index = end
        }
        // Whatever the budget left, each pass moves: the smallest bucket put off is counted finer.
        if collect.isEmpty, refine.isEmpty, let smallest = deferred.indices.min(by: { deferred[$0].count < deferred[$1].count }) {
            let candidate = deferred.remove(at: smallest)
            let width = candidate.high - candidate.low
            let bits = min(8, Int.bitWidth - (candidate.count - 1).leadingZeroBitCount)
            let shift = UInt64(max(0, (64 - width.leadingZeroBitCount) - bits))
            refine.append((candidate, shift, Int(width >> shift) + 1))
        }
        nodes.reserveCapacity(nodes.count + refine.count)
        nodeSlots.reserveCapacity(nodeSlots.count + refine.reduce(0) { $0 + $1.slots })
        for (candidate, shift, slots) in refine {
            setCode(Code.nodeFlag + Int32(nodes.count), candidate)
            nodes.append(
                Node(
                    low: candidate.low, high: candidate.high, shift: shift, start: nodeSlots.count, count: slots,
                    requests: candidate.requests))
            nodeSlots.append(contentsOf: repeatElement(0, count: slots))
            countingNodes.append(nodes.count - 1)
        }
        return !(bins.isEmpty && countingNodes.isEmpty && deferred.isEmpty)
    }

    private mutating func setCode(_ code: Int32, _ candidate: Candidate) {
        if candidate.node < 0 { roots[candidate.slot] = code } else { nodeSlots[candidate.slot] = code }
    }

    /// Finds the slot of each request from the slot counts; resolves single-key slots at once and
    /// turns the others into candidates, whose requests go to `located`. `base` is where the
    /// slots' codes live (`roots` for node -1, else `nodeSlots`).
    private mutating func locate(
        _ slotCounts: [Int], _ inside: [Request], node: Int, base: Int,
        range: (Int) -> (UInt64, UInt64), into candidates: inout [Candidate], _ located: inout [Request]
    ) {
        guard !inside.isEmpty else { return }
        var next = 0
        var before = 0
        for (slot, count) in slotCounts.enumerated() where count > 0 {
            let first = located.count
            while next < inside.count, inside[next].rank < before + count {
                located.append(Request(result: inside[next].result, rank: inside[next].rank - before))
                next += 1
            }
            if located.count > first {
                let (low, high) = range(slot)
                if low == high {
                    for request in located[first...] { results[request.result] = Self.value(low) }
                    located.removeLast(located.count - first)
                } else {
                    candidates.append(
                        Candidate(low: low, high: high, count: count, requests: first..<located.count, node: node, slot: base + slot))
                }
            }
            before += count
            if next == inside.count { break }
        }
        precondition(next == inside.count, "the values changed between passes")
    }
}
