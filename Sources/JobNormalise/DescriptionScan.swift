/// The skills of a posting's title and description, and the description's phrases
/// (``Normaliser/descriptionTables``), found in one walk over their bytes: what
/// ``SkillMatcher/skills(title:description:)`` and ``Normaliser/phrases(in:)`` find, each in a walk
/// of its own.
///
/// The walk visits every position either scan visits; a skill is looked for only from the end of
/// the last one found, as the skill scan goes on from there, and a phrase only in the description.
struct DescriptionScan: Sendable {
    let matcher: SkillMatcher
    private let phrases: PhraseTables
    /// Where a term may start: the matcher's folded terms, its exact terms, the phrases.
    private let starts: TermStarts

    init(matcher: SkillMatcher, phrases: PhraseTables) {
        self.matcher = matcher
        self.phrases = phrases
        starts = TermStarts(matcher.folded, folding: true, matcher.exact, folding: false, phrases.trie, folding: true)
    }

    func scan(title: String, description: String) -> (skills: [String], phrases: Normaliser.DescriptionPhrases) {
        let bytes = SkillMatcher.bytes(title: title, description: description)
        // The skill scan reads Chinese, Japanese and Korean characters as spaces, the phrases
        // as they are: such text takes the two walks.
        if bytes.withUnsafeBufferPointer(UTF8Scan.hasScalarFromU3000) {
            return (matcher.skills(inBytes: bytes), Normaliser.phrases(in: description))
        }
        let offset = title.utf8.count + 1
        var found: [SkillMatcher.Match] = []
        var described = Normaliser.DescriptionPhrases()
        matcher.withScanners { folded, exact in
            phrases.trie.withScanner { phraseTrie in
                bytes.withUnsafeBufferPointer { bytes in
                    let description = UnsafeBufferPointer(rebasing: bytes[offset...])
                    starts.withFinder(over: bytes) { starts in
                        var from = 0
                        var skillsFrom = 0
                        while true {
                            let (start, wordEnd, tries) = starts.next(from: from)
                            guard start < bytes.count else { break }
                            if start >= skillsFrom, tries & (TermStarts.first | TermStarts.second) != 0,
                                let match = SkillMatcher.match(at: start, tries: tries, in: bytes, folded: folded, exact: exact)
                            {
                                found.append(match)
                                skillsFrom = match.end
                            }
                            if start >= offset, tries & TermStarts.third != 0 {
                                PhraseScanner.matches(phraseTrie, at: start - offset, in: description) { id, start, end in
                                    phrases.report(id, start, end) { described.record(table: $0, index: $1, start: $2, end: $3) }
                                }
                            }
                            from = max(start + 1, wordEnd)
                        }
                    }
                }
            }
        }
        return (matcher.names(of: found, in: bytes), described)
    }
}
