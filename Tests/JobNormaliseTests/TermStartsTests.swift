import JobAnalyze
import Testing

@testable import JobNormalise

/// The finder reads 64 bytes at a time into bit masks; these tests hold it to the plain definition
/// of where a term may start, walked a byte at a time, on texts that cross its blocks every way.
struct TermStartsTests {
    /// Terms like the taxonomy's (".NET", "C++", "Apache Spark", case-sensitive "Go" and "R"), and
    /// phrase tables whose terms start with many bytes that are not a word's.
    static let tables: [(ByteTrie, Bool, ByteTrie?, Bool)] = [
        (trie(["python", "sql", ".net", "c++", "apache spark", "node.js", "é", "中文"]), true, trie(["Go", "R", "C"]), false),
        (trie(["(remote)", "#hashtag", "+plus", "-dash", "data", "year", "x"]), true, nil, false),
        (trie(["bachelor", "master's", "phd"]), true, nil, false),
    ]

    static func trie(_ terms: [String]) -> ByteTrie {
        var trie = ByteTrie()
        for (index, term) in terms.enumerated() { trie.insert(Array(term.utf8), value: index) }
        trie.packBreadthFirst()
        return trie
    }

    /// The next start as a byte-at-a-time walk finds it: the tries whose word filter holds the
    /// word at a word byte, the tries with a term starting with any other byte.
    static func reference(
        _ bytes: [UInt8], from start: Int, _ table: (ByteTrie, Bool, ByteTrie?, Bool)
    ) -> (index: Int, wordEnd: Int, tries: UInt8) {
        let tries = [(table.0, table.1, TermStarts.first), (table.2, table.3, TermStarts.second)]
        var index = start
        while index < bytes.count {
            var found: UInt8 = 0
            if SkillMatcher.isWordByte(bytes[index]) {
                var end = index + 1
                while end < bytes.count && SkillMatcher.isWordByte(bytes[end]) { end += 1 }
                let bit = ByteTrie.wordBit(bytes, from: index, to: end)
                for (trie, _, flag) in tries where trie?.withScanner({ $0.mayStartWord(bit) }) == true { found |= flag }
                if found != 0 { return (index, end, found) }
                index = end
            } else {
                for (trie, folds, flag) in tries {
                    let byte = folds ? SkillMatcher.lower(bytes[index]) : bytes[index]
                    if trie?.withScanner({ $0.mayStart(with: byte) }) == true { found |= flag }
                }
                if found != 0 { return (index, index, found) }
                index += 1
            }
        }
        return (bytes.count, bytes.count, 0)
    }

    /// A text of words (some longer than a block), spaces, punctuation, control bytes and
    /// multi-byte characters, of any length around the block size.
    static func text(_ generator: inout SeededGenerator) -> [UInt8] {
        let pieces: [[UInt8]] = [
            Array("python".utf8), Array("Go".utf8), Array("R".utf8), Array(".NET".utf8), Array("C++".utf8),
            Array("data".utf8), Array("(remote)".utf8), Array("#hashtag".utf8), Array("year".utf8), Array("x".utf8),
            Array("é".utf8), Array("中文".utf8), [0x20], [0x20], [0x20], [0x0A], [0x2E], [0x2C], [0x2D], [0x2B], [0x23],
            [0x28], [0x29], [0x5F], [0x00], [0x10], [0x19], [0x1A], [0x7F], [0x40], [0x5B], [0x60], [0x7B], [0x2F], [0x3A],
        ]
        let length = Int.random(in: 0...300, using: &generator)
        var bytes: [UInt8] = []
        while bytes.count < length {
            if Int.random(in: 0..<6, using: &generator) == 0 {
                // A run of word bytes, up to three blocks long.
                let run = Int.random(in: 1...(Bool.random(using: &generator) ? 12 : 200), using: &generator)
                let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_".utf8)
                for _ in 0..<run { bytes.append(alphabet.randomElement(using: &generator)!) }
            } else {
                bytes += pieces.randomElement(using: &generator)!
            }
        }
        return bytes
    }

    @Test func findsTheStartsAByteAtATimeWalkFinds() {
        var generator = SeededGenerator(seed: 64)
        var visited = 0
        for round in 0..<3_000 {
            let bytes = Self.text(&generator)
            let table = Self.tables[round % Self.tables.count]
            let starts = TermStarts(table.0, folding: table.1, table.2, folding: table.3)
            var expected: [(Int, Int, UInt8)] = []
            var found: [(Int, Int, UInt8)] = []
            bytes.withUnsafeBufferPointer { buffer in
                starts.withFinder(over: buffer) { finder in
                    var from = 0
                    while true {
                        let want = Self.reference(bytes, from: from, table)
                        let got = finder.next(from: from)
                        expected.append(want)
                        found.append(got)
                        guard want.index < bytes.count, got == want else { break }
                        // As a scan goes on: past the word or byte, or, like a match, to a later
                        // position after a byte that is not a word's.
                        from = max(want.index + 1, want.wordEnd)
                        if Int.random(in: 0..<4, using: &generator) == 0, from < bytes.count {
                            var jump = min(bytes.count, from + Int.random(in: 0...90, using: &generator))
                            while jump < bytes.count && SkillMatcher.isWordByte(bytes[jump]) { jump += 1 }
                            from = jump
                        }
                    }
                }
            }
            visited += expected.count
            #expect(found.elementsEqual(expected, by: ==), "text \(bytes)")
        }
        #expect(visited > 5_000)
    }

    /// Texts of block-size lengths, with a start in the last byte or none at all.
    @Test(arguments: [0, 1, 63, 64, 65, 127, 128, 129, 200])
    func findsTheLastStartOrTheEnd(_ length: Int) {
        let table = Self.tables[1]
        let starts = TermStarts(table.0, folding: table.1)
        for last: UInt8 in [0x20, 0x28, 0x61] {
            let bytes = [UInt8](repeating: 0x20, count: max(0, length - 1)) + (length > 0 ? [last] : [])
            let found = bytes.withUnsafeBufferPointer { buffer in starts.withFinder(over: buffer) { $0.next(from: 0) } }
            #expect(found == Self.reference(bytes, from: 0, table))
            #expect(found.index == (last == 0x28 && length > 0 ? length - 1 : length) || last == 0x61)
        }
    }
}

/// The one walk over a title and description finds what the skill scan and the phrase scan find
/// on their own.
struct DescriptionScanTests {
    @Test func findsWhatTheTwoScansFind() {
        let matcher = SkillMatcher()
        let scan = DescriptionScan(matcher: matcher, phrases: Normaliser.descriptionTables)
        let pieces = [
            "Python", "SQL", "Go", "go to market", "R", "Spark", "Apache Spark", ".NET", "C++", "machine learning",
            "5+ years", "3-5 yrs", "year", "bachelor's degree", "Master of Science", "PhD", "AWS Certified",
            "Google Professional Machine Learning Engineer", "bank", "hospital", "retail", "fintech", "Julia Smith",
            "日本語", "データ", "Python开发", "é", "\n", ", ", ". ", " ", " ", " ", "-", "(", ")", "/",
        ]
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<1_500 {
            func text(_ count: Int) -> String {
                (0..<Int.random(in: 0...count, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined(separator: Bool.random(using: &generator) ? " " : "")
            }
            let title = text(4)
            let description = text(60)
            let (skills, phrases) = scan.scan(title: title, description: description)
            let alone = Normaliser.phrases(in: description)
            #expect(skills == matcher.skills(title: title, description: description), "\(title) | \(description)")
            #expect(phrases.years.map(\.start) == alone.years.map(\.start))
            #expect(phrases.years.map(\.end) == alone.years.map(\.end))
            #expect(phrases.degrees == alone.degrees)
            #expect(phrases.certifications == alone.certifications)
            #expect(phrases.industryCues == alone.industryCues)
        }
    }
}
