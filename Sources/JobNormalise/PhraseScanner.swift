/// Finds which of a fixed set of phrases occur in a text, in one pass over its bytes.
///
/// Phrases match case-insensitively (ASCII) on word boundaries; Foundation's `contains`
/// bridges the whole text for every phrase, which costs more than the page's parse.
struct PhraseScanner: Sendable {
    private var trie = ByteTrie()
    private var starts: TermStarts

    /// - Parameters:
    ///   - phrases: lowercase phrases; the result reports them by index.
    init(_ phrases: [String]) {
        for (index, phrase) in phrases.enumerated() { trie.insert(phrase.utf8.map(SkillMatcher.lower), value: index) }
        trie.packBreadthFirst()
        starts = TermStarts(trie, folding: true)
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
        Self.walk(trie, starts, utf8, body)
    }

    /// Every phrase of `trie` that starts and ends on a word boundary: its value and byte range.
    static func walk(
        _ trie: ByteTrie, _ starts: TermStarts, _ utf8: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int) -> Void
    ) {
        trie.withScanner { trie in
            starts.withFinder(over: utf8) { starts in
                // Every position visited is a phrase start (the text's start, a byte after a non-word
                // byte, or a non-word byte); the rest of a word is skipped, as no phrase starts inside one.
                var from = 0
                let count = utf8.count
                while true {
                    // The next word or byte where a phrase may start; at a word, its end too.
                    let (start, wordEnd, _) = starts.next(from: from)
                    guard start < count else { break }
                    matches(trie, at: start, in: utf8, body)
                    from = max(start + 1, wordEnd)
                }
            }
        }
    }
}

extension PhraseScanner {
    /// Calls `body` with every phrase of `trie` at `start` that ends on a word boundary.
    @inline(__always)
    static func matches(
        _ trie: ByteTrie.Scanner, at start: Int, in utf8: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int) -> Void
    ) {
        let count = utf8.count
        guard
            trie.mayStart(
                SkillMatcher.lower(utf8[start]), start + 1 < count ? SkillMatcher.lower(utf8[start + 1]) : nil,
                start + 2 < count ? SkillMatcher.lower(utf8[start + 2]) : nil)
        else { return }
        var node = ByteTrie.root
        var position = start
        while position < count, let next = trie.next(node, SkillMatcher.lower(utf8[position])) {
            node = next
            position += 1
            if let index = trie.value(at: node),
                position == count || !SkillMatcher.isWordByte(utf8[position])
                    || !SkillMatcher.isWordByte(utf8[position - 1])
            {
                body(index, start, position)
            }
        }
    }
}

/// Several phrase tables found in one pass over a text, as a ``PhraseScanner`` per table would
/// find them: each table reports its phrases by their index in it.
struct PhraseTables: Sendable {
    private(set) var trie = ByteTrie()
    private var starts: TermStarts
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
        starts = TermStarts(trie, folding: true)
    }

    /// Calls `body` with each occurrence: the table, the phrase's index in it, and its byte range.
    func scan(_ text: String, _ body: (Int, Int, Int, Int) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            PhraseScanner.walk(trie, starts, utf8) { id, start, end in report(id, start, end, body) }
        }
    }

    /// Calls `body` with each table that lists phrase `id` (a value of `trie`), as ``scan(_:_:)`` does.
    @inline(__always)
    func report(_ id: Int, _ start: Int, _ end: Int, _ body: (Int, Int, Int, Int) -> Void) {
        for entry in entries[id] { body(entry.table, entry.index, start, end) }
    }
}
