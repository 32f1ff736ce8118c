/// Finds which of a fixed set of phrases occur in a text, in one pass over its bytes.
///
/// Phrases match case-insensitively (ASCII) on word boundaries; Foundation's `contains`
/// bridges the whole text for every phrase, which costs more than the page's parse.
struct PhraseScanner: Sendable {
    private var trie = ByteTrie()

    /// - Parameters:
    ///   - phrases: lowercase phrases; the result reports them by index.
    init(_ phrases: [String]) {
        for (index, phrase) in phrases.enumerated() { trie.insert(phrase.utf8.map(SkillMatcher.lower), value: index) }
    }

    /// Indexes of the phrases present in `text`.
    func present(in text: String) -> Set<Int> {
        var found = Set<Int>()
        scan(text) { index, _, _ in found.insert(index) }
        return found
    }

    /// Calls `body` with each phrase occurrence: its index and its byte range in the UTF-8 of `text`.
    func scan(_ text: String, _ body: (Int, Int, Int) -> Void) {
        let utf8 = text.utf8.map(SkillMatcher.lower)
        var start = 0
        while start < utf8.count {
            if start == 0 || !SkillMatcher.isWordByte(utf8[start - 1]) || !SkillMatcher.isWordByte(utf8[start]) {
                var node = ByteTrie.root
                var position = start
                while position < utf8.count, let next = trie.next(node, utf8[position]) {
                    node = next
                    position += 1
                    if let index = trie.value(at: node),
                        position == utf8.count || !SkillMatcher.isWordByte(utf8[position])
                            || !SkillMatcher.isWordByte(utf8[position - 1])
                    {
                        body(index, start, position)
                    }
                }
            }
            start += 1
        }
    }
}
