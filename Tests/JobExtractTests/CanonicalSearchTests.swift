import Foundation
import JobAnalyze
import Testing

@testable import JobExtract
@testable import JobModel
@testable import JobNormalise

/// ``CanonicalSearch`` against Foundation itself: the classes of scalars its argument rests on,
/// checked scalar by scalar, and its answers compared with Foundation's on generated texts for
/// every needle the extraction and normalisation search with.
struct CanonicalSearchTests {
    static let wideScalars: [Unicode.Scalar] = (0...0xFFFF).compactMap { value in
        CanonicalSearch.kind(UInt32(value)).contains(.wide) ? Unicode.Scalar(UInt32(value)) : nil
    }

    static func nfd(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
    }

    @Test
    func wideScalarsDecomposeToAStarterAndMarksAndNoTwoAlike() {
        var failures: [String] = []
        var decompositions: [[UInt32]: UInt32] = [:]
        for scalar in Self.wideScalars {
            let kind = CanonicalSearch.kind(scalar.value)
            let nfd = Self.nfd(scalar)
            let marksOnly = nfd.dropFirst().allSatisfy { $0.properties.canonicalCombiningClass != .notReordered }
            if scalar.properties.canonicalCombiningClass != .notReordered || scalar.properties.isGraphemeExtend
                || nfd.first?.properties.canonicalCombiningClass != .notReordered || !marksOnly
                || kind.contains(.plain) && nfd != [scalar] || kind.contains(.singletonSource)
            {
                failures.append(String(scalar.value, radix: 16))
            }
            let key = nfd.map(\.value)
            if let other = decompositions[key] { failures.append("\(String(other, radix: 16)) ≡ \(String(scalar.value, radix: 16))") }
            decompositions[key] = scalar.value
        }
        #expect(Self.wideScalars.count > 28_000)
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    /// Foundation finds a wide scalar next to others of several blocks, and them next to it: each
    /// stands as its own composed character sequence.
    @Test
    func wideScalarsStandAloneNextToOthers() {
        let partners: [String] = ["x", "\r", "é", "Й", "中", "が", "€", "Ａ"]
        var failures: [String] = []
        for scalar in Self.wideScalars {
            let text = String(scalar)
            var found = (text + text).contains(text)
            for partner in partners {
                found = found && (partner + text + partner).contains(text) && (text + partner + text).contains(partner)
            }
            if !found { failures.append(String(scalar.value, radix: 16)) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    /// Every scalar outside the plain ones and the singleton sources decomposes to something that
    /// is not plain: an all-plain text holds nothing equivalent to it.
    @Test
    func onlySingletonSourcesDecomposeToPlainScalars() {
        var failures: [String] = []
        var checked = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let kind = CanonicalSearch.kind(value)
            if kind.contains(.plain) || kind.contains(.singletonSource) { continue }
            let category = scalar.properties.generalCategory
            if category == .unassigned || category == .privateUse { continue }
            checked += 1
            if Self.nfd(scalar).allSatisfy({ CanonicalSearch.kind($0.value).contains(.plain) }) {
                failures.append(String(value, radix: 16))
            }
        }
        #expect(checked > 100_000)
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    @Test
    func wideScalarsLowercaseToOneWideScalar() {
        var failures: [String] = []
        for scalar in Self.wideScalars {
            let bytes = Array(String(scalar).utf8)
            let lower = bytes.withUnsafeBufferPointer(CanonicalSearch.lowercased)
            let expected = Array(String(scalar).lowercased().utf8)
            let lowerKind = String(decoding: expected, as: UTF8.self).unicodeScalars.map { CanonicalSearch.kind($0.value) }
            if lower != expected || lowerKind != [CanonicalSearch.kind(scalar.value)] {
                failures.append(String(scalar.value, radix: 16))
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    // MARK: Generated texts

    /// Pieces of wide text: ASCII with line breaks, Latin letters precomposed, Cyrillic with й and ё,
    /// signs, CJK and kana with precomposed dakuten, fullwidth forms.
    static let widePieces = [
        "a", "b", "e", "k", "x", "K", "Z", "s", " ", "  ", "\t", "\r", "\n", "\r\n", ",", ".", ":", "-", "/", "$", "(", ")",
        "0", "7", "12", "000", "€", "£", "¥", "–", "—", "“", "”", "·", "•", "₽", "₴", "￥", "円", "元", "\u{202F}", "\u{A0}",
        "‼", "´", ";", "`", "з", "а", "р", "п", "л", "т", "й", "Й", "ё", "Ё", "і", "ї", "Ґ", "Р", "相", "似", "职", "位", "類", "求",
        "人", "給", "年", "収", "薪", "中", "\u{8C48}", "の", "リ", "モ", "ー", "ト", "か", "が", "ガ", "ゞ", "ゝ", "　", "、",
        "〈", "ä", "Ä", "é", "É", "ü", "ß", "ñ", "Å", "ı", "Ÿ", "ÿ", "Ł", "ł", "Œ", "Ａ", "ａ", "Ｋ",
    ]
    /// Pieces that are not: letters and kana decomposed, lone marks, Hangul syllables and jamo,
    /// singleton sources, joiners, selectors, emoji, format characters, a prepended mark.
    static let otherPieces = [
        "e\u{301}", "E\u{301}", "a\u{308}", "A\u{308}", "n\u{303}", "A\u{30A}", "е\u{308}", "и\u{306}", "И\u{306}",
        "か\u{3099}", "カ\u{3099}", "ゝ\u{3099}", "\u{301}", "\u{308}", "\u{306}", "\u{3099}", "\u{309B}", "한", "국",
        "\u{1100}", "\u{1161}", "\u{11A8}", "\u{37E}", "\u{212A}", "\u{212B}", "\u{F900}", "\u{2126}", "Ω", "\u{1FEF}",
        "\u{1FFD}", "\u{387}", "İ", "\u{200D}", "\u{200C}", "\u{FE0F}", "\u{FE0E}", "👍", "👍🏽", "👨‍💻", "❤️", "🇩🇪",
        "\u{AD}", "\u{200B}", "\u{2028}", "\u{600}", "\u{1F3FD}",
    ]
    static let plainPieces = widePieces.filter { $0.unicodeScalars.allSatisfy { CanonicalSearch.kind($0.value).contains(.plain) } }

    /// Every needle the code hands to Foundation's search.
    static let codeNeedles: [String] = {
        let listed = TextHeuristics.employerEstimateWords + TextHeuristics.estimateWords + TextHeuristics.estimateNoteWords
            + TextHeuristics.bylineSeparators
        let titles = [
            " ml ", " lead generation ", " vice president ", " head of ", " new grad ", " entry level ", " entry-level ",
            " mid-level ", " product manager ",
        ]
        let extraction = [
            " out of 5 stars", "有限公司", "работа в компании ", " hiring ", " bei ", " at ", " :: ", "&lt;", "<", "&",
        ]
        return TextHeuristics.otherJobsHeadings + TextHeuristics.payWords + TextHeuristics.isoCodes
            + TextHeuristics.partSeparators + extraction + listed.map(\.text) + Normaliser.remoteWords
            + TitleNormaliser.roleFamilies.flatMap(\.1) + titles
    }()

    static func pick<T>(_ items: [T], _ generator: inout SeededGenerator) -> T {
        items[Int(generator.next() % UInt64(items.count))]
    }

    /// A needle as a text may hold it: as written, capitalised, decomposed, composed, with a mark
    /// or a joiner after it, or with scalars swapped for their singleton sources or back.
    static func variant(_ text: String, _ generator: inout SeededGenerator) -> String {
        switch generator.next() % 8 {
        case 0: text.uppercased()
        case 1: text.prefix(1).uppercased() + text.dropFirst()
        case 2: text.decomposedStringWithCanonicalMapping
        case 3: text.precomposedStringWithCanonicalMapping
        case 4: text + pick(["\u{301}", "\u{3099}", "\u{200D}", "\u{FE0F}", "\u{1F3FD}"], &generator)
        case 5: String(String.UnicodeScalarView(text.unicodeScalars.map { singletons[$0] ?? $0 }))
        default: text
        }
    }

    /// Scalars and the singletons that decompose to them, both ways.
    static let singletons: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(Unicode.Scalar, Unicode.Scalar)] = [
            ("K", "\u{212A}"), (";", "\u{37E}"), ("`", "\u{1FEF}"), ("Å", "\u{212B}"), ("Ω", "\u{2126}"),
            ("\u{8C48}", "\u{F900}"), ("´", "\u{1FFD}"), ("·", "\u{387}"), ("〈", "\u{2329}"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs + pairs.map { ($1, $0) })
    }()

    static func haystack(_ generator: inout SeededGenerator) -> String {
        let mode = generator.next() % 10
        let pool = mode < 4 ? widePieces : mode < 6 ? plainPieces : widePieces + otherPieces + otherPieces
        var pieces = (0..<Int(generator.next() % 12)).map { _ in pick(pool, &generator) }
        if generator.next() % 3 != 0 {
            let needle = pick(codeNeedles, &generator)
            let inserted = mode < 6 ? needle : variant(needle, &generator)
            pieces.insert(inserted, at: Int(generator.next() % UInt64(pieces.count + 1)))
        }
        return pieces.joined()
    }

    /// Needles drawn from a haystack: a run of its scalars, maybe changed, or a few pieces.
    static func drawnNeedles(_ haystack: String, _ generator: inout SeededGenerator) -> [String] {
        let scalars = Array(haystack.unicodeScalars)
        var needles: [String] = []
        for _ in 0..<4 {
            guard !scalars.isEmpty else { break }
            let start = Int(generator.next() % UInt64(scalars.count))
            let length = 1 + Int(generator.next() % UInt64(min(6, scalars.count - start)))
            let run = String(String.UnicodeScalarView(scalars[start..<start + length]))
            needles.append(generator.next() % 2 == 0 ? run : variant(run, &generator))
        }
        let pool = widePieces + otherPieces
        needles.append((0..<1 + Int(generator.next() % 3)).map { _ in pick(pool, &generator) }.joined())
        return needles
    }

    /// UTF-8 offsets of a range of a String.
    static func offsets(_ range: Range<String.Index>?, in text: String) -> Range<Int>? {
        range.map {
            text.utf8.distance(from: text.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.startIndex, to: $0.upperBound)
        }
    }

    /// (Async, and yielding now and then, so that the other suites' tasks are not held up.)
    @Test
    func answersAsFoundationDoesOnGeneratedTexts() async {
        var generator = SeededGenerator(seed: SeededGenerator.seed("CanonicalSearchTests"))
        var failures: [String] = []
        var answered = (found: 0, absent: 0, unknown: 0, beyondWide: 0)
        var ranges = (found: 0, absent: 0)
        for round in 0..<2_000 {
            if round % 20 == 0 { await Task.yield() }
            let haystack = Self.haystack(&generator)
            let wide = haystack.utf8.withContiguousStorageIfAvailable { CanonicalSearch.Profile($0).allWide } ?? true
            for needle in Self.codeNeedles + Self.drawnNeedles(haystack, &generator) {
                let expected = haystack.contains(needle)
                let answer = CanonicalSearch.contains(haystack, needle)
                switch answer {
                case true?: answered.found += 1
                case false?: answered.absent += 1
                case nil: answered.unknown += 1
                }
                if answer != nil && !wide { answered.beyondWide += 1 }
                let expectedRange = Self.offsets(haystack.range(of: needle), in: haystack)
                let match = CanonicalSearch.firstMatch(of: needle, in: haystack)
                switch match {
                case .found(let range):
                    ranges.found += 1
                    if expectedRange != range { failures.append("range \(haystack.debugDescription) \(needle.debugDescription)") }
                case .absent:
                    ranges.absent += 1
                    if expectedRange != nil { failures.append("range \(haystack.debugDescription) \(needle.debugDescription)") }
                case .unknown: break
                }
                if answer.map({ $0 != expected }) ?? false || expected != (expectedRange != nil) {
                    failures.append("\(haystack.debugDescription) \(needle.debugDescription) Foundation \(expected)")
                }
                // The callers' forms, which ask Foundation when the bytes cannot tell, on a quarter of the texts.
                if round % 4 == 0
                    && (TextHeuristics.contains(haystack, needle) != expected
                        || TextHeuristics.containsAny(haystack, [CanonicalSearch.Needle(needle)]) != expected
                        || Self.offsets(TextHeuristics.range(of: needle, in: haystack), in: haystack) != expectedRange)
                {
                    failures.append("callers: \(haystack.debugDescription) \(needle.debugDescription)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(10))")
        // Enough of every kind of answer that the comparison means something.
        #expect(answered.found > 5_000 && answered.absent > 100_000 && answered.unknown > 10_000)
        #expect(answered.beyondWide > 20_000 && ranges.found > 4_000 && ranges.absent > 100_000)
    }

    /// A line as pages show them: pieces, often a heading or pay word in some case, a sign and a
    /// figure, sometimes padded to about the 60 characters a heading may have.
    static func line(_ generator: inout SeededGenerator) -> String {
        var line = haystack(&generator).replacingOccurrences(of: "\n", with: " ")
        if generator.next() % 2 == 0 {
            let word = pick(TextHeuristics.otherJobsHeadings + TextHeuristics.payWords + TextHeuristics.isoCodes, &generator)
            line += pick([" ", "", ": "], &generator) + (generator.next() % 2 == 0 ? word : variant(word, &generator))
        }
        if generator.next() % 2 == 0 {
            line += " " + pick(["€4.200", "2-3万", "¥8000/月", "$55", "15-25K", "£45,000", "￥9000", "₴", "元"], &generator)
        }
        if generator.next() % 3 == 0 {
            let target = 55 + Int(generator.next() % 10)
            var count = line.count
            while count < target {
                let piece = pick(paddingPieces, &generator)
                line += piece
                count += piece.count
            }
        }
        return line
    }

    static let paddingPieces = widePieces.filter { !$0.contains("\n") && !$0.contains("\r") }

    @Test
    func readsLinesAsTheirStringsDo() async {
        var generator = SeededGenerator(seed: SeededGenerator.seed("CanonicalSearchTests.lines"))
        var failures: [String] = []
        var seen = (wide: 0, headings: 0, payWords: 0, mayStatePay: 0)
        for round in 0..<4_000 {
            if round % 50 == 0 { await Task.yield() }
            let lines = TextHeuristics.Lines(Self.line(&generator))
            for index in 0..<lines.count where !lines.isASCII(index) {
                let text = String(lines.substring(index))
                guard let lower = lines.lowercased(index) else { continue }
                seen.wide += 1
                if lower != Array(text.lowercased().utf8) { failures.append("lowercased \(text.debugDescription)") }
                let heading = lines.isOtherJobsHeading(index)
                let cues = lines.payCues(index)
                if heading != lines.isOtherJobsHeadingOfString(index) || cues != lines.payCuesOfString(index) {
                    failures.append(text.debugDescription)
                }
                if heading { seen.headings += 1 }
                if cues.hasPayWord { seen.payWords += 1 }
                if cues.mayStatePay { seen.mayStatePay += 1 }
            }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(10))")
        #expect(seen.wide > 2_000 && seen.headings > 100 && seen.payWords > 300 && seen.mayStatePay > 1_000)
    }
}
