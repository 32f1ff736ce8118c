/// Finds which of a fixed set of phrases occur in a text, in one pass over its bytes.
///
/// Phrases match case-insensitively (ASCII) on word boundaries; Foundation's `contains`
/// bridges the whole text for every phrase, which costs more than the page's parse.
struct PhraseScanner: Sendable {
    private var children: [[UInt8: Int32]] = [[:]]
    private var terminal: [Int32] = [-1]

    /// - Parameters:
    ///   - phrases: lowercase phrases; the result reports them by index.
    init(_ phrases: [String]) {
        for (index, phrase) in phrases.enumerated() {
            var node = 0
            for byte in phrase.utf8.map(SkillMatcher.lower) {
                if let next = children[node][byte] {
                    node = Int(next)
                } else {
                    children.append([:])
                    terminal.append(-1)
                    children[node][byte] = Int32(children.count - 1)
                    node = children.count - 1
                }
            }
            terminal[node] = Int32(index)
        }
    }

    /// Indexes of the phrases present in `text`.
    func present(in text: String) -> Set<Int> {
        var found = Set<Int>()
        scan(text) { index, _, _ in found.insert(index) }
        return found
    }

    /// Calls `body` with each phrase occurrence: its index and its byte range in the UTF-8 of `text`.
    func scan(_ text: String, _ body: (Int, Int, Int) -> Void) {
        var utf8 = Array(text.utf8)
        for index in utf8.indices { utf8[index] = SkillMatcher.lower(utf8[index]) }
        var start = 0
        while start < utf8.count {
            if start == 0 || !SkillMatcher.isWordByte(utf8[start - 1]) || !SkillMatcher.isWordByte(utf8[start]) {
                var node = 0
                var position = start
                while position < utf8.count, let next = children[node][utf8[position]] {
                    node = Int(next)
                    position += 1
                    if terminal[node] >= 0
                        && (position == utf8.count || !SkillMatcher.isWordByte(utf8[position])
                            || !SkillMatcher.isWordByte(utf8[position - 1]))
                    {
                        body(Int(terminal[node]), start, position)
                    }
                }
            }
            start += 1
        }
    }
}
