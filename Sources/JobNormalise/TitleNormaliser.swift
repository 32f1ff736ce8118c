import Foundation
import JobModel

/// A title read into its canonical form, role family and seniority level.
public struct NormalisedTitle: Sendable, Equatable {
    /// The title without noise (locations, "(Remote)", requisition ids).
    public var cleaned: String
    /// The title without seniority markers, abbreviations spelled out: "Machine Learning Engineer".
    public var canonical: String
    /// The role family slug, e.g. `machine-learning-engineer`; nil when no family fits.
    public var role: String?
    /// The level the title states; nil when it states none.
    public var level: Level?
}

/// Reads titles such as "Sr. Machine Learning Engineer II – Req #48213 (Remote)".
public enum TitleNormaliser {
    public static func normalise(_ title: String) -> NormalisedTitle {
        let cleaned = clean(title)
        let words = wordsOf(cleaned)
        let lower = words.map { $0.lowercased() }
        let level = level(of: lower)
        let role = role(of: " " + lower.joined(separator: " ") + " ")
        return NormalisedTitle(cleaned: cleaned, canonical: canonical(words), role: role, level: level)
    }

    /// Removes what is not the job's name: locations after a dash, parentheses about remote work,
    /// requisition ids, gender markers, "Apply now", emojis.
    public static func clean(_ title: String) -> String {
        // An ASCII title has no emoji to drop (no ASCII scalar has emoji presentation or is above
        // U+2000), and the searches below only need Foundation where its bytes hold a match.
        let isASCII = title.utf8.allSatisfy { $0 < 0x80 }
        var text =
            isASCII
            ? title
            : String(title.unicodeScalars.filter { !($0.properties.isEmojiPresentation || $0.properties.isEmoji && $0.value > 0x2000) })
        // Drop bracketed noise: (Remote), (m/w/d), [Hybrid], (H/F), (CTO) stays handled as a word.
        var output = ""
        var depth = 0
        var bracket = ""
        for character in text {
            if character == "(" || character == "[" {
                depth += 1
                if depth == 1 { bracket = "" ; continue }
            }
            if character == ")" || character == "]" {
                depth -= 1
                if depth == 0 {
                    // "(Remote)", "(m/w/d)" and a repeated acronym such as "(CTO)" are dropped.
                    let acronym = bracket.count <= 5 && bracket.allSatisfy { $0.isUppercase || $0.isNumber }
                    if !isNoise(bracket) && !acronym { output += " (\(bracket))" }
                    continue
                }
            }
            if depth > 0 { bracket.append(character) } else { output.append(character) }
        }
        text = output
        // Cut at a dash, pipe or comma that starts a location, requisition id or other tail.
        for separator in [" | ", " – ", " — ", " - ", " · ", ", "] {
            if isASCII && !asciiContains(text, separator, ignoringCase: false) { continue }
            var pieces = text.components(separatedBy: separator)
            while pieces.count > 1, isNoise(pieces.last!) { pieces.removeLast() }
            text = pieces.joined(separator: separator)
        }
        for marker in [" H/F", " F/H", " M/F", " m/w/d", " w/m/d", " f/m/d", " (all genders)"] {
            if isASCII && !asciiContains(text, marker, ignoringCase: true) { continue }
            text = text.replacingOccurrences(of: marker, with: "", options: .caseInsensitive)
        }
        return collapse(text.trimmingCharacters(in: CharacterSet(charactersIn: " -–—|,:")))
    }

    /// Whether Foundation can find `needle` in `text`, an ASCII text: only where its bytes are
    /// (with ASCII letters of either case when ignoring case), as no character of an ASCII text
    /// combines with its neighbours and ASCII letters fold only to ASCII letters. A needle with
    /// other characters is never found: those given here (U+2013, U+2014, U+00B7) decompose to
    /// nothing ASCII.
    private static func asciiContains(_ text: String, _ needle: String, ignoringCase: Bool) -> Bool {
        var text = text
        var needle = needle
        return needle.withUTF8 { needle in
            guard !needle.contains(where: { $0 >= 0x80 }) else { return false }
            return text.withUTF8 { text in
                guard text.count >= needle.count else { return false }
                for start in 0...(text.count - needle.count) {
                    var offset = 0
                    while offset < needle.count {
                        let byte = text[start + offset]
                        let wanted = needle[offset]
                        if byte != wanted && !(ignoringCase && SkillMatcher.lower(byte) == SkillMatcher.lower(wanted)) { break }
                        offset += 1
                    }
                    if offset == needle.count { return true }
                }
                return false
            }
        }
    }

    /// True for a title fragment that names no job: a place, a work mode, an id, a call to action.
    static func isNoise(_ fragment: String) -> Bool {
        let lower = fragment.lowercased().trimmingCharacters(in: .whitespaces)
        if lower.isEmpty { return true }
        let noiseWords = [
            "remote", "hybrid", "on-site", "onsite", "on site", "req", "job id", "ref", "apply", "m/w/d", "h/f", "f/h",
            "cdi", "cdd", "full time", "full-time", "part time", "part-time", "contract", "permanent", "new",
            "urgent", "all genders", "w/m/d", "f/m/d", "m/f/d", "usa", "united states", "uk", "us", "hiring",
            "télétravail", "homeoffice", "home office", "relocation",
        ]
        if noiseWords.contains(where: { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasPrefix($0 + "#") || lower.hasSuffix(" " + $0) }) {
            return true
        }
        if lower.contains("#") || lower.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " }) { return true }
        // "New York, NY", "London", "Berlin, DE": a place has no role word in it.
        let roleWords = [
            "engineer", "scientist", "analyst", "developer", "manager", "director", "architect", "intern", "lead",
            "head", "officer", "designer", "researcher", "consultant", "specialist", "administrator", "ml", "data",
            "ai", "learning", "software", "president", "chief", "vp", "staff", "principal", "senior", "junior",
            "cto", "ceo", "cdo", "cio", "programmer", "technician", "trainee", "associate", "platform", "security",
            "backend", "frontend", "product", "research",
        ]
        let words = Set(wordsOf(lower))
        if words.isDisjoint(with: roleWords) && words.count <= 5 { return true }
        return false
    }

    static func wordsOf(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" || $0 == "(" || $0 == ")" || $0 == "-" || $0 == "–" })
            .map(String.init)
    }

    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The level the title's markers state, strongest first.
    ///
    /// Order: intern; executive (director, head of, VP, chief); lead (staff, principal, lead,
    /// distinguished, architect); senior; entry; then "manager" as lead when nothing else is
    /// said ("Senior Product Manager" is senior); then mid for "II".
    static func level(of words: [String]) -> Level? {
        var set = Set(words.map(trimmingDotsAndColons))
        let joined = " " + words.joined(separator: " ") + " "
        // "Lead generation" is sales work, not a seniority.
        if FoundationSearch.contains(joined, " lead generation ") { set.remove("lead") }
        if !set.isDisjoint(with: ["intern", "internship", "stagiaire", "praktikant", "werkstudent", "co-op", "stage"])
        { return .intern }
        if !set.isDisjoint(with: ["director", "vp", "svp", "evp", "chief", "cto", "cdo", "cio", "ceo", "cfo", "coo",
            "cso", "ciso", "cpo", "president", "directeur", "directrice", "direktor"])
            || FoundationSearch.contains(joined, " vice president ") || FoundationSearch.contains(joined, " head of ") || joined.hasPrefix(" head ")
        { return .executive }
        if !set.isDisjoint(with: ["staff", "principal", "lead", "distinguished", "architect", "fellow", "architecte",
            "leiter", "iv", "v"])
        { return .lead }
        if !set.isDisjoint(with: ["senior", "sr", "iii", "expert", "confirmé", "confirmée", "sénior"]) { return .senior }
        if !set.isDisjoint(with: ["junior", "jr", "associate", "graduate", "entry", "i", "trainee", "apprentice",
            "débutant", "einsteiger"])
            || FoundationSearch.contains(joined, " new grad ") || FoundationSearch.contains(joined, " entry level ") || FoundationSearch.contains(joined, " entry-level ")
        { return .entry }
        if set.contains("manager") { return .lead }
        if set.contains("ii") || set.contains("mid") || FoundationSearch.contains(joined, " mid-level ") { return .mid }
        return nil
    }

    /// The word without leading and trailing "." and ":", as Foundation's `trimmingCharacters(in:)`
    /// gives it; read from the bytes when the word is ASCII (each of its characters one byte).
    private static func trimmingDotsAndColons(_ word: String) -> String {
        let utf8 = word.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return word.trimmingCharacters(in: CharacterSet(charactersIn: ".:")) }
        let isTrimmed = { (byte: UInt8) in byte == 0x2E || byte == 0x3A }
        guard let first = utf8.first, let last = utf8.last, isTrimmed(first) || isTrimmed(last) else { return word }
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end && isTrimmed(bytes[start]) { start += 1 }
        while end > start && isTrimmed(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The role family, by the most specific phrase the title contains.
    static func role(of padded: String) -> String? {
        // Foundation replaces only what its search finds; FoundationSearch answers that search from
        // the bytes where they settle it.
        let padded =
            FoundationSearch.contains(padded, " ml ")
            ? padded.replacingOccurrences(of: " ml ", with: " machine learning ") : padded
        for (slug, phrases) in roleFamilies where phrases.contains(where: { FoundationSearch.contains(padded, $0) }) {
            // A product manager is not an engineering manager.
            if slug == "engineering-manager" && FoundationSearch.contains(padded, " product manager ") {
                return "product-manager"
            }
            return slug
        }
        return nil
    }

    /// The role families with the phrases that name them, most specific first.
    static let roleFamilies: [(String, [String])] = [
        ("chief-officer", [" chief ", " cto ", " cdo ", " cio ", " ceo ", " cfo ", " coo ", " ciso ", " cpo "]),
        ("director", [" director ", " head of ", " vp ", " vice president ", " svp ", " evp "]),
        ("engineering-manager", [" engineering manager ", " manager ", " team lead "]),
        ("research-scientist", [" research scientist ", " research engineer ", " researcher ", " applied scientist "]),
        ("architect", [" architect ", " architecte "]),
        ("data-scientist", [" data scientist ", " data science ", " machine learning scientist ", " nlp scientist ",
            " scientist "]),
        ("machine-learning-engineer", [" machine learning engineer ", " mlops ", " ai engineer ",
            " deep learning engineer ", " nlp engineer ", " computer vision ", " machine learning "]),
        ("data-engineer", [" data engineer ", " analytics engineer ", " etl ", " data platform "]),
        ("data-analyst", [" data analyst ", " business intelligence ", " bi analyst ", " analytics "]),
        ("analyst", [" analyst "]),
        ("systems-engineer", [" systems engineer ", " site reliability ", " sre ", " devops ", " platform engineer ",
            " infrastructure engineer ", " cloud engineer ", " network engineer "]),
        ("software-engineer", [" software engineer ", " software developer ", " developer ", " swe ", " programmer ",
            " backend ", " frontend ", " full stack ", " fullstack ", " engineer ", " développeur ", " entwickler "]),
        ("product-manager", [" product manager ", " product owner "]),
    ]

    /// Drops seniority markers, spells out abbreviations, keeps the job's own name.
    static func canonical(_ words: [String]) -> String {
        let markers: Set<String> = [
            "senior", "sr", "sr.", "junior", "jr", "jr.", "staff", "principal", "lead", "associate", "graduate",
            "entry", "entry-level", "i", "ii", "iii", "iv", "v", "mid", "mid-level", "distinguished", "level",
            "expert", "sénior", "confirmé", "confirmée",
        ]
        let expansions: [String: String] = [
            "ml": "Machine Learning", "eng": "Engineer", "eng.": "Engineer", "swe": "Software Engineer",
            "mle": "Machine Learning Engineer", "ds": "Data Scientist", "mgr": "Manager", "dev": "Developer",
        ]
        var output: [String] = []
        for (index, word) in words.enumerated() {
            let lower = word.lowercased()
            // "Lead" names the job at the end ("Team Lead") and in "Lead Generation".
            let isJobNoun = lower == "lead"
                && (index == words.count - 1 || words[index + 1].lowercased() == "generation")
            if markers.contains(lower) && !isJobNoun { continue }
            if let expansion = expansions[lower] { output.append(expansion); continue }
            output.append(word)
        }
        // "Intern" alone keeps its word; "Senior" alone stays what it was.
        return output.isEmpty ? words.joined(separator: " ") : output.joined(separator: " ")
    }
}
