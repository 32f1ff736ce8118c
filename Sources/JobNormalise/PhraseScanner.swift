/// Finds which of a fixed set of phrases occur in a text, in one pass over its bytes.
///
/// Phrases match case-insensitively (ASCII) on word boundaries; Foundation's `contains`
/// bridges the whole text for every phrase, which costs more than the page's parse.
struct PhraseScanner: Sendable {
    private var trie = ByteTrie()
    private var byteClasses: [UInt8] = []

    /// - Parameters:
    ///   - phrases: lowercase phrases; the result reports them by index.
    init(_ phrases: [String]) {
        for (index, phrase) in phrases.enumerated() { trie.insert(phrase.utf8.map(SkillMatcher.lower), value: index) }
        trie.packBreadthFirst()
        byteClasses = Self.byteClasses(trie)
    }

    /// Indexes of the phrases present in `text`.
    func present(in text: String) -> Set<Int> {
        var found = Set<Int>()
        scan(text) { index, _, _ in found.insert(index) }
        return found
    }

    /// Calls `body` with each phrase occurrence: its index and its byte range in the UTF-8 of `text`.
    func scan(_ text: String, _ body: (Int, Int, Int) -> Void) {
        var text = text
        text.withUTF8 { scan($0, body) }
    }

    /// The same over UTF-8 bytes, lowercasing ASCII letters as it reads them.
    func scan(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int) -> Void) {
        Self.walk(trie, byteClasses, utf8, body)
    }

    static let wordClass: UInt8 = 1
    static let startClass: UInt8 = 2

    /// Per byte: `wordClass` for a word byte; for the others, `startClass` when a phrase of `trie`
    /// may start with it (ASCII letters lowercased). A byte with neither starts nothing.
    static func byteClasses(_ trie: ByteTrie) -> [UInt8] {
        trie.withScanner { trie in
            (0...255).map { (value: Int) -> UInt8 in
                let byte = UInt8(value)
                if SkillMatcher.isWordByte(byte) { return wordClass }
                return trie.mayStart(with: SkillMatcher.lower(byte)) ? startClass : 0
            }
        }
    }

    /// Every phrase of `trie` that starts and ends on a word boundary: its value and byte range.
    static func walk(
        _ trie: ByteTrie, _ byteClasses: [UInt8], _ utf8: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int) -> Void
    ) {
        trie.withScanner { trie in
            byteClasses.withUnsafeBufferPointer { classes in
                SkillMatcher.lowerTable.withUnsafeBufferPointer { lower in
                    // Every position visited is a phrase start (the text's start, a byte after a non-word
                    // byte, or a non-word byte); the rest of a word is skipped, as no phrase starts inside one.
                    var start = 0
                    let count = utf8.count
                    while start < count {
                        let first = utf8[start]
                        let byteClass = classes[Int(first)]
                        // At a word, its end is found first: a phrase can only start there when its first
                        // word is this word. Between words, a byte no phrase starts with is passed at once.
                        var wordEnd = start
                        let mayStartHere: Bool
                        if byteClass == wordClass {
                            wordEnd += 1
                            while wordEnd < count && classes[Int(utf8[wordEnd])] == wordClass { wordEnd += 1 }
                            let lowerFirst = lower[Int(first)]
                            mayStartHere = trie.mayStartWord(
                                ByteTrie.wordBit(
                                    length: wordEnd - start, first: lowerFirst,
                                    second: wordEnd - start > 1 ? lower[Int(utf8[start + 1])] : lowerFirst,
                                    last: lower[Int(utf8[wordEnd - 1])]))
                        } else {
                            mayStartHere = byteClass == startClass
                        }
                        if mayStartHere && trie.mayStart(
                            lower[Int(first)], start + 1 < count ? lower[Int(utf8[start + 1])] : nil,
                            start + 2 < count ? lower[Int(utf8[start + 2])] : nil)
                        {
                            var node = ByteTrie.root
                            var position = start
                            while position < count, let next = trie.next(node, lower[Int(utf8[position])]) {
                                node = next
                                position += 1
                                if let index = trie.value(at: node),
                                    position == count || classes[Int(utf8[position])] != wordClass
                                        || classes[Int(utf8[position - 1])] != wordClass
                                {
                                    body(index, start, position)
                                }
                            }
                        }
                        start = max(start + 1, wordEnd)
                    }
                }
            }
        }
    }
}

/// Several phrase tables found in one pass over a text, as a ``PhraseScanner`` per table would
/// find them: each table reports its phrases by their index in it.
struct PhraseTables: Sendable {
    private var trie = ByteTrie()
    private var byteClasses: [UInt8] = []
    /// Per distinct phrase: the tables that list it, and its index in each (the first one).
    private var entries: [[(table: Int, index: Int)]] = []

    /// - Parameters:
    ///   - tables: lists of lowercase phrases.
    init(_ tables: [[String]]) {
        var ids: [[UInt8]: Int] = [:]
        for (table, phrases) in tables.enumerated() {
            for (index, phrase) in phrases.enumerated() {
                let bytes = phrase.utf8.map(SkillMatcher.lower)
                let id: Int
                if let known = ids[bytes] {
                    id = known
                } else {
                    id = entries.count
                    ids[bytes] = id
                    entries.append([])
                    trie.insert(bytes, value: id)
                }
                if !entries[id].contains(where: { $0.table == table }) { entries[id].append((table, index)) }
            }
        }
        trie.packBreadthFirst()
        byteClasses = PhraseScanner.byteClasses(trie)
    }

    /// Calls `body` with each occurrence: the table, the phrase's index in it, and its byte range.
    func scan(_ text: String, _ body: (Int, Int, Int, Int) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            PhraseScanner.walk(trie, byteClasses, utf8) { id, start, end in
                for entry in entries[id] { body(entry.table, entry.index, start, end) }
            }
        }
    }
}
