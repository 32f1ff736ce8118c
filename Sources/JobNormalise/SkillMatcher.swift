/// Finds the taxonomy's skills in text with a byte trie: longest match first, on word boundaries.
///
/// Ordinary-word skills ("Go", "R", "Spark") match case-sensitively and count only near another
/// technology on the same line, so "go to market" and "Plan B" never count.
public struct SkillMatcher: Sendable {
    /// The longest term of `trie` starting at `start` that ends on a boundary: (skill, end index).
    @inline(__always)
    static func longestMatch(
        _ trie: ByteTrie.Scanner, in text: UnsafeBufferPointer<UInt8>, from start: Int, lowercase: Bool
    ) -> (Int, Int)? {
        let first = lowercase ? lower(text[start]) : text[start]
        let second: UInt8? = start + 1 < text.count ? (lowercase ? lower(text[start + 1]) : text[start + 1]) : nil
        let third: UInt8? = start + 2 < text.count ? (lowercase ? lower(text[start + 2]) : text[start + 2]) : nil
        guard trie.mayStart(first, second, third) else { return nil }
        var node = ByteTrie.root
        var best: (Int, Int)?
        var index = start
        while index < text.count {
            guard let next = trie.next(node, lowercase ? lower(text[index]) : text[index]) else { break }
            node = next
            index += 1
            if let skill = trie.value(at: node) {
                let endsOnBoundary = index == text.count || !isWordByte(text[index]) || !isWordByte(text[index - 1])
                if endsOnBoundary { best = (skill, index) }
            }
        }
        return best
    }

    private let names: [String]
    private let ambiguous: [Bool]
    private(set) var folded = ByteTrie()
    private(set) var exact = ByteTrie()
    /// Where a term of `folded` (first) or `exact` (second) may start.
    private var starts: TermStarts

    public init(taxonomy: SkillTaxonomy = .bundled) {
        names = taxonomy.skills.map(\.name)
        ambiguous = taxonomy.skills.map(\.ambiguous)
        for (index, skill) in taxonomy.skills.enumerated() {
            if skill.ambiguous {
                exact.insert(Array(skill.name.utf8), value: index)
                for alias in skill.aliases { exact.insert(Array(alias.utf8), value: index) }
                for alias in skill.safeAliases { folded.insert(Self.lowered(alias), value: index) }
            } else {
                for term in [skill.name] + skill.aliases + skill.safeAliases {
                    folded.insert(Self.lowered(term), value: index)
                }
            }
        }
        folded.packBreadthFirst()
        exact.packBreadthFirst()
        starts = TermStarts(folded, folding: true, exact, folding: false)
    }

    /// The canonical names of the skills the text mentions, in order of first mention.
    public func skills(in text: String) -> [String] {
        skills(inBytes: Array(text.utf8))
    }

    /// The skills of a title and a description, as `skills(in:)` of the two joined by a line break,
    /// without making the joined String.
    public func skills(title: String, description: String) -> [String] {
        skills(inBytes: Self.bytes(title: title, description: description))
    }

    /// The UTF-8 of a title and a description joined by a line break: the text the skills of a
    /// posting are looked for in.
    static func bytes(title: String, description: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(title.utf8.count + 1 + description.utf8.count)
        bytes.append(contentsOf: title.utf8)
        bytes.append(0x0A)
        bytes.append(contentsOf: description.utf8)
        return bytes
    }

    func skills(inBytes bytes: [UInt8]) -> [String] {
        let bytes = Self.separatingCJK(bytes)
        var found: [Match] = []
        // Every position visited is a word boundary (a match ends on one); the rest of a word that
        // matched nothing is skipped, as no term starts inside a word.
        withScanners { folded, exact in
            bytes.withUnsafeBufferPointer { bytes in
                starts.withFinder(over: bytes) { starts in
                    var index = 0
                    while true {
                        // The next word or byte where a term may start; at a word, its end too.
                        let (start, wordEnd, tries) = starts.next(from: index)
                        guard start < bytes.count else { break }
                        if let match = Self.match(at: start, tries: tries, in: bytes, folded: folded, exact: exact) {
                            found.append(match)
                            index = match.end
                            continue
                        }
                        // No match: past the word, or past the one byte that is not a word's.
                        index = max(start + 1, wordEnd)
                    }
                }
            }
        }
        return names(of: found, in: bytes)
    }

    /// A term found: its skill, byte range, and whether a case-folded spelling matched it (such a
    /// match needs no context, even for an ambiguous skill: "golang" or "Apache Spark" are never
    /// ordinary words).
    struct Match {
        var skill: Int
        var start: Int
        var end: Int
        var folded: Bool
    }

    /// Runs `body` with scanners of the case-folded and the exact terms.
    @inline(__always)
    func withScanners<Result>(_ body: (ByteTrie.Scanner, ByteTrie.Scanner) throws -> Result) rethrows -> Result {
        try folded.withScanner { folded in try exact.withScanner { exact in try body(folded, exact) } }
    }

    /// The longest term at `start`, a position a scan visits, of the tries that `tries` (the bits
    /// of ``TermStarts``: ``TermStarts/first`` for the folded terms, ``TermStarts/second`` for the
    /// exact ones) says may have one; on a tie, the folded one.
    @inline(__always)
    static func match(
        at start: Int, tries: UInt8, in bytes: UnsafeBufferPointer<UInt8>, folded: ByteTrie.Scanner,
        exact: ByteTrie.Scanner
    ) -> Match? {
        let foldedMatch = tries & TermStarts.first != 0 ? longestMatch(folded, in: bytes, from: start, lowercase: true) : nil
        let exactMatch = tries & TermStarts.second != 0 ? longestMatch(exact, in: bytes, from: start, lowercase: false) : nil
        if let (skill, end) = foldedMatch, exactMatch == nil || end >= exactMatch!.1 {
            return Match(skill: skill, start: start, end: end, folded: true)
        }
        return exactMatch.map { Match(skill: $0.0, start: start, end: $0.1, folded: false) }
    }

    /// The canonical names of the matches' skills, in order of first mention, leaving out the
    /// ordinary-word matches that no technology stands near.
    func names(of found: [Match], in bytes: [UInt8]) -> [String] {
        var seen = Set<Int>()
        var result: [String] = []
        for match in found where !seen.contains(match.skill) {
            if ambiguous[match.skill] && !match.folded && !inTechnologyContext(match, among: found, bytes: bytes) {
                continue
            }
            seen.insert(match.skill)
            result.append(names[match.skill])
        }
        return result
    }

    /// An ordinary-word match counts unless the next word makes it an English phrase ("Go to",
    /// "Rust on") or a hyphenated word ("C-suite"), and then only when an unambiguous skill stands
    /// within 80 bytes on its line, or, for names of three letters or more, when it is capitalised
    /// in mid-sentence and not followed by another capitalised word (a person's name: "Julia Smith").
    private func inTechnologyContext(
        _ match: Match, among found: [Match], bytes: [UInt8]
    ) -> Bool {
        let followingWord = Self.word(after: match.end, in: bytes)
        if Self.phraseWords.contains(followingWord) { return false }
        if match.end < bytes.count, bytes[match.end] == 0x2D { return false }
        let nextIsCapitalised = Self.rawWord(after: match.end, in: bytes).first?.isUppercase ?? false
        if match.end - match.start >= 3 && Self.isMidSentence(match.start, in: bytes) && !nextIsCapitalised {
            return true
        }
        for other in found where !ambiguous[other.skill] {
            let distance = other.start > match.end ? other.start - match.end : match.start - other.end
            guard distance >= 0 && distance <= 80 else { continue }
            let low = min(other.start, match.start)
            let high = max(other.end, match.end)
            if !bytes[low..<high].contains(0x0A) { return true }
        }
        return false
    }

    private static let phraseWords: Set<String> = [
        "to", "ahead", "live", "beyond", "back", "through", "the", "a", "an", "on", "into", "of", "is", "are", "was",
        "your", "our", "we", "you",
    ]

    private static func word(after index: Int, in bytes: [UInt8]) -> String {
        rawWord(after: index, in: bytes).lowercased()
    }

    private static func rawWord(after index: Int, in bytes: [UInt8]) -> String {
        var start = index
        while start < bytes.count && bytes[start] == 0x20 { start += 1 }
        var end = start
        while end < bytes.count && isWordByte(bytes[end]) { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// True when a word at `index` follows another word of its sentence, not a line or sentence start.
    private static func isMidSentence(_ index: Int, in bytes: [UInt8]) -> Bool {
        var position = index - 1
        while position >= 0 && bytes[position] == 0x20 { position -= 1 }
        guard position >= 0, position < index - 1 else { return false }
        let before = bytes[position]
        return isWordByte(before) || before == 0x2C  // a word or a comma
    }

    /// ASCII letters and digits, `_`, and every byte of a non-ASCII character.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return true }
        // Bit `byte % 64` of the mask of its half of ASCII: digits in the first, letters and `_` in the second.
        let mask: UInt64 = byte < 0x40 ? 0x03FF_0000_0000_0000 : 0x07FF_FFFE_87FF_FFFE
        return (mask >> UInt64(byte & 63)) & 1 != 0
    }

    /// ``lower(_:)`` of every byte, for the scan loops.
    static let lowerTable: [UInt8] = (0...255).map { lower(UInt8($0)) }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }

    static func lowered(_ text: String) -> [UInt8] { text.utf8.map(lower) }
}
