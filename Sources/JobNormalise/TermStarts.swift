/// Where a term of up to three ``ByteTrie``s may start in a text: the positions a scan walks from.
///
/// A scan visits the text's start, every byte that is not a word's and every byte after one (no
/// term starts inside a word). At a word, a term may start only when the word's
/// ``ByteTrie/wordBit(_:from:to:)`` is set in the trie's word filter; at another byte, only when
/// the trie's root has a child for it. These tables answer both with one read. A ``Finder`` reads
/// the text 64 bytes at a time into bit masks (see ``WordMask``) and turns only at the words and
/// bytes that may start a term, so the words that start nothing cost no mispredicted branch.
struct TermStarts: Sendable {
    /// The trie bits of ``Finder/next(from:)``: the first trie, the second, and the third.
    static let first: UInt8 = 2
    static let second: UInt8 = 4
    static let third: UInt8 = 8
    fileprivate static let word: UInt8 = 1

    /// Per byte: `word` for a word byte (see ``SkillMatcher/isWordByte(_:)``); for the others, the
    /// bits of the tries that have a term starting with it.
    private var byteClasses: [UInt8]
    /// Per word bit: the bits of the tries whose word filter has it.
    private var wordClasses: [UInt8]
    /// The bytes that are not a word's and may start a term (in the bundled tables, only the
    /// "." of ".NET"): their count, and the first two repeated in each byte of a word.
    private var startByteCount = 0
    private var startPatterns: (UInt64, UInt64) = (0, 0)

    /// - Parameters:
    ///   - first: the first trie, and whether its terms are lowercase and match case-insensitively.
    ///   - second: the second trie, if any, likewise.
    ///   - third: the third trie, if any, likewise.
    init(
        _ first: ByteTrie, folding firstFolds: Bool, _ second: ByteTrie? = nil, folding secondFolds: Bool = false,
        _ third: ByteTrie? = nil, folding thirdFolds: Bool = false
    ) {
        var byteClasses = [UInt8](repeating: 0, count: 256)
        var wordClasses = [UInt8](repeating: 0, count: ByteTrie.wordBitCount)
        let tries = [(first, firstFolds, Self.first), (second, secondFolds, Self.second), (third, thirdFolds, Self.third)]
        for (trie, folds, bit) in tries {
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
        let startBytes = (0...255).filter { byteClasses[$0] & ~Self.word != 0 }.map(UInt64.init)
        startByteCount = startBytes.count
        startPatterns = (
            (startBytes.first ?? 0) &* 0x0101_0101_0101_0101, (startBytes.dropFirst().first ?? 0) &* 0x0101_0101_0101_0101
        )
    }

    /// Runs `body` with a finder over `bytes` that reads them without bounds checks or reference
    /// counting.
    @inline(__always)
    func withFinder<Result>(
        over bytes: UnsafeBufferPointer<UInt8>, _ body: (inout Finder) throws -> Result
    ) rethrows -> Result {
        try byteClasses.withUnsafeBufferPointer { byteClasses in
            try wordClasses.withUnsafeBufferPointer { wordClasses in
                try SkillMatcher.lowerTable.withUnsafeBufferPointer { lower in
                    var finder = Finder(
                        bytes: bytes, byteClasses: byteClasses.baseAddress!, wordClasses: wordClasses.baseAddress!,
                        lower: lower.baseAddress!, startByteCount: startByteCount, startPatterns: startPatterns)
                    return try body(&finder)
                }
            }
        }
    }

    /// Finds the positions of one text where a term may start; valid only inside
    /// ``TermStarts/withFinder(over:_:)``.
    struct Finder {
        private let bytes: UnsafeBufferPointer<UInt8>
        private let byteClasses: UnsafePointer<UInt8>
        private let wordClasses: UnsafePointer<UInt8>
        private let lower: UnsafePointer<UInt8>
        private let startByteCount: Int
        private let startPatterns: (UInt64, UInt64)
        /// The block of 64 bytes read last: where it starts (-1 before the first), its word bytes,
        /// and its candidates (the bytes that start a word, and the start bytes).
        private var blockStart = -1
        private var words: UInt64 = 0
        private var candidates: UInt64 = 0

        fileprivate init(
            bytes: UnsafeBufferPointer<UInt8>, byteClasses: UnsafePointer<UInt8>, wordClasses: UnsafePointer<UInt8>,
            lower: UnsafePointer<UInt8>, startByteCount: Int, startPatterns: (UInt64, UInt64)
        ) {
            self.bytes = bytes
            self.byteClasses = byteClasses
            self.wordClasses = wordClasses
            self.lower = lower
            self.startByteCount = startByteCount
            self.startPatterns = startPatterns
        }

        /// The first position from `start` (a position a scan visits: the text's start, a byte that
        /// is not a word's, or a byte after one) where a term may start, the end of the word there
        /// (the position itself at a byte that is not a word's), and the bits of the tries that may
        /// have one; `bytes.count` when no position is left.
        mutating func next(from start: Int) -> (index: Int, wordEnd: Int, tries: UInt8) {
            let count = bytes.count
            var index = start
            while index < count {
                if index < blockStart || index >= blockStart &+ 64 || blockStart < 0 { read(at: index) }
                let offset = UInt64(truncatingIfNeeded: index &- blockStart)
                // `start` itself counts as a word's start, whatever comes before it.
                var pending = candidates & (~0 &<< offset) | words & (1 &<< offset)
                index = blockStart &+ 64
                while pending != 0 {
                    let bit = UInt64(truncatingIfNeeded: pending.trailingZeroBitCount)
                    let position = blockStart &+ Int(bit)
                    if (words &>> bit) & 1 == 0 {
                        return (position, position, byteClasses[Int(bytes[position])])
                    }
                    // No word starts inside a word: the next candidate lies past this one's end.
                    let rest = ~words &>> bit
                    var end = position &+ rest.trailingZeroBitCount
                    if rest == 0 {
                        end = blockStart &+ 64
                        while end < count && byteClasses[Int(bytes[end])] == TermStarts.word { end &+= 1 }
                    }
                    let first = lower[Int(bytes[position])]
                    let length = end &- position
                    let wordBit = ByteTrie.wordBit(
                        length: length, first: first, second: length > 1 ? lower[Int(bytes[position &+ 1])] : first,
                        last: lower[Int(bytes[end &- 1])])
                    let tries = wordClasses[wordBit]
                    if tries != 0 { return (position, end, tries) }
                    if rest == 0 {
                        // A word that runs past the block: the next block starts after it.
                        index = end
                        break
                    }
                    pending &= pending &- 1
                }
            }
            return (count, count, 0)
        }

        /// Reads the masks of the 64 bytes from `start`.
        private mutating func read(at start: Int) {
            let count = bytes.count
            var words: UInt64 = 0
            var starters: UInt64 = 0
            if start &+ 64 <= count {
                masks(of: bytes.baseAddress! + start, words: &words, starters: &starters)
            } else {
                // The text's last bytes, a byte at a time.
                for index in 0..<(count &- start) {
                    let byteClass = byteClasses[Int(bytes[start &+ index])]
                    if byteClass == TermStarts.word {
                        words |= 1 &<< UInt64(index)
                    } else if byteClass != 0 {
                        starters |= 1 &<< UInt64(index)
                    }
                }
            }
            let valid: UInt64 = count &- start >= 64 ? ~0 : (1 &<< UInt64(count &- start)) &- 1
            blockStart = start
            self.words = words & valid
            candidates = (words & ~(words &<< 1) | starters) & valid
        }

        /// One bit per byte of the 64 at `base`: the word bytes, and the start bytes.
        @inline(__always)
        private func masks(of base: UnsafePointer<UInt8>, words: inout UInt64, starters: inout UInt64) {
            for chunk in 0..<8 {
                let word = WordMask.load(base, 8 &* chunk)
                let shift = UInt64(8 &* chunk)
                words |= WordMask.gather(WordMask.wordBytes(word)) &<< shift
                if startByteCount > 0 {
                    var flags = WordMask.bytes(word, equalTo: startPatterns.0)
                    if startByteCount > 1 { flags |= WordMask.bytes(word, equalTo: startPatterns.1) }
                    starters |= WordMask.gather(flags) &<< shift
                }
            }
            if startByteCount > 2 {
                // More start bytes than the patterns hold: the table, a byte at a time.
                for index in 0..<64 where byteClasses[Int(base[index])] & ~TermStarts.word != 0 {
                    starters |= 1 &<< UInt64(index)
                }
            }
        }
    }
}
