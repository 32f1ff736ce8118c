/// Where a term of one or two ``ByteTrie``s may start in a text: the positions a scan walks from.
///
/// A scan visits the text's start, every byte that is not a word's and every byte after one (no
/// term starts inside a word). At a word, a term may start only when the word's
/// ``ByteTrie/wordBit(_:from:to:)`` is set in the trie's word filter; at another byte, only when
/// the trie's root has a child for it. These tables answer both with one read, so the scan passes
/// the words and bytes that start nothing in a loop of its own.
struct TermStarts: Sendable {
    /// The trie bits of ``next(in:from:)``: the first trie, and the second.
    static let first: UInt8 = 2
    static let second: UInt8 = 4
    private static let word: UInt8 = 1

    /// Per byte: `word` for a word byte (see ``SkillMatcher/isWordByte(_:)``); for the others, the
    /// bits of the tries that have a term starting with it.
    private var byteClasses: [UInt8]
    /// Per word bit: the bits of the tries whose word filter has it.
    private var wordClasses: [UInt8]

    /// - Parameters:
    ///   - first: the first trie, and whether its terms are lowercase and match case-insensitively.
    ///   - second: the second trie, if any, likewise.
    init(_ first: ByteTrie, folding firstFolds: Bool, _ second: ByteTrie? = nil, folding secondFolds: Bool = false) {
        var byteClasses = [UInt8](repeating: 0, count: 256)
        var wordClasses = [UInt8](repeating: 0, count: ByteTrie.wordBitCount)
        for (trie, folds, bit) in [(first, firstFolds, Self.first), (second, secondFolds, Self.second)] {
            trie?.withScanner { trie in
                for value in 0...255 {
                    let byte = UInt8(value)
                    if SkillMatcher.isWordByte(byte) {
                        byteClasses[value] = Self.word
                    } else if trie.mayStart(with: folds ? SkillMatcher.lower(byte) : byte) {
                        byteClasses[value] |= bit
                    }
                }
                for wordBit in 0..<ByteTrie.wordBitCount where trie.mayStartWord(wordBit) { wordClasses[wordBit] |= bit }
            }
        }
        self.byteClasses = byteClasses
        self.wordClasses = wordClasses
    }

    /// Runs `body` with a view that finds the next start without bounds checks or reference counting.
    @inline(__always)
    func withFinder<Result>(_ body: (Finder) throws -> Result) rethrows -> Result {
        try byteClasses.withUnsafeBufferPointer { byteClasses in
            try wordClasses.withUnsafeBufferPointer { wordClasses in
                try SkillMatcher.lowerTable.withUnsafeBufferPointer { lower in
                    try body(
                        Finder(
                            byteClasses: byteClasses.baseAddress!, wordClasses: wordClasses.baseAddress!,
                            lower: lower.baseAddress!))
                }
            }
        }
    }

    /// Valid only inside ``TermStarts/withFinder(_:)``.
    struct Finder {
        fileprivate let byteClasses: UnsafePointer<UInt8>
        fileprivate let wordClasses: UnsafePointer<UInt8>
        fileprivate let lower: UnsafePointer<UInt8>

        /// The first position from `start` (a position a scan visits) where a term may start, the
        /// end of the word there (the position itself at a byte that is not a word's), and the bits
        /// of the tries that may have one; `bytes.count` when no position is left. Not inlined: on
        /// its own, the loop keeps every pointer it reads in a register.
        @inline(never)
        func next(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (index: Int, wordEnd: Int, tries: UInt8) {
            let count = bytes.count
            var index = start
            while index < count {
                let byte = bytes[index]
                let byteClass = byteClasses[Int(byte)]
                if byteClass == TermStarts.word {
                    var end = index + 1
                    while end < count && byteClasses[Int(bytes[end])] == TermStarts.word { end += 1 }
                    let first = lower[Int(byte)]
                    let bit = ByteTrie.wordBit(
                        length: end - index, first: first, second: end - index > 1 ? lower[Int(bytes[index + 1])] : first,
                        last: lower[Int(bytes[end - 1])])
                    let tries = wordClasses[bit]
                    if tries != 0 { return (index, end, tries) }
                    index = end
                } else {
                    if byteClass != 0 { return (index, index, byteClass) }
                    index += 1
                }
            }
            return (count, count, 0)
        }
    }
}
