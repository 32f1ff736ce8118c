import Foundation
import JobModel

/// What a source's configuration says about every posting it lists.
public struct PostingDefaults: Sendable, Equatable {
    public var source: String?
    public var company: String?
    public var industry: Industry?
    public var country: String?

    public init(source: String? = nil, company: String? = nil, industry: Industry? = nil, country: String? = nil) {
        self.source = source
        self.company = company
        self.industry = industry
        self.country = country
    }
}

/// Turns a raw posting into a typed, canonical, annualised one. Pure: no I/O.
public struct Normaliser: Sendable {
    public var matcher: SkillMatcher { scan.matcher }
    public let rates: CurrencyRates
    /// The matcher's skills and the description's phrases, in one walk.
    private let scan: DescriptionScan

    public init(matcher: SkillMatcher = SkillMatcher(), rates: CurrencyRates = .bundled) {
        scan = DescriptionScan(matcher: matcher, phrases: Self.descriptionTables)
        self.rates = rates
    }

    public func normalise(_ raw: RawPosting, url: String?, defaults: PostingDefaults = PostingDefaults()) -> Posting {
        let title = raw.title.map(TitleNormaliser.normalise)
        let description = raw.description ?? ""
        // A company read from structured data wins; a site name from meta tags loses to the config's.
        let structuredCompany = [.jsonld, .microdata, .selector].contains(raw.origins["company"]) ? raw.company : nil
        let company = structuredCompany ?? defaults.company ?? raw.company
        let country = raw.country ?? defaults.country ?? PostingCountry.of(location: raw.location, description: description)
        // One pass over the title and description finds the skills and every phrase the steps
        // below look for.
        let (skills, phrases) = scan.scan(title: raw.title ?? "", description: description)
        let level = title?.level ?? Self.levelFromExperience(description, years: phrases.years) ?? (title == nil ? nil : .mid)
        // The config's word first, then the page's, then the company's name, then the description.
        let industry = defaults.industry ?? IndustryClassifier.industry(from: raw.industry)
            ?? IndustryClassifier.industry(fromCompany: company)
            ?? IndustryClassifier.industry(fromAbout: description, company: company)
            ?? IndustryClassifier.industry(fromCJKAbout: description)
            ?? IndustryClassifier.industry(fromCues: phrases.industryCues)
        let location = raw.location.map(Self.joiningCJKParts).map(Self.cleanLocation)
        let remote = raw.remote ?? Self.mentionsRemote([raw.title, raw.location])
        // The board's own id (JSON-LD identifier, else an id in the URL) names the posting; without
        // one, its content does, so the same posting under two URLs or sources is one posting.
        let fingerprint: String =
            if let identifier = raw.identifier, !identifier.isEmpty {
                Fingerprint.of(["id", (company ?? defaults.source ?? "").lowercased(), identifier.lowercased()])
            } else if let urlID = URLJobID.of(url) {
                Fingerprint.of(["url-id", URLComponents(string: url ?? "")?.host?.lowercased() ?? "", urlID.lowercased()])
            } else {
                Fingerprint.of([
                    "content", (company ?? "").lowercased(), (title?.canonical ?? "").lowercased(),
                    level?.rawValue ?? "", (location ?? "").lowercased(),
                    Self.normalisedWordsFingerprint(description),
                ])
            }
        return Posting(
            url: url, title: raw.title, canonicalTitle: title?.canonical, role: title?.role, level: level,
            company: company, industry: industry, location: location, remote: remote,
            employmentType: raw.employmentType.map(Self.employmentType), datePosted: raw.datePosted.map(Self.date),
            salary: salary(raw, country: country),
            skills: skills,
            education: Self.education(phrases.degrees), certifications: Self.certifications(phrases.certifications),
            extractedFrom: raw.extractedFrom?.rawValue, fingerprint: fingerprint)
    }

    /// The fingerprint of the text's words, ASCII-lowercased, one space apart: what identifies a
    /// description whatever its spacing or casing. The words are hashed as they are read.
    static func normalisedWordsFingerprint(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            wordsHashTable.withUnsafeBufferPointer { table in
                var hash = Fingerprint.Hash()
                var index = 0
                let count = bytes.count
                // Separators before the first word write nothing.
                while index < count && table[Int(bytes[index])] > 0xFF { index += 1 }
                while index < count {
                    // A word, hashed as read; then its separators, as one space if a word follows.
                    var entry = table[Int(bytes[index])]
                    repeat {
                        hash.add(UInt8(truncatingIfNeeded: entry))
                        index += 1
                        guard index < count else { break }
                        entry = table[Int(bytes[index])]
                    } while entry <= 0xFF
                    guard index < count else { break }
                    repeat {
                        index += 1
                    } while index < count && table[Int(bytes[index])] > 0xFF
                    if index < count { hash.add(0x20) }
                }
                return hash.hex
            }
        }
    }

    /// For ``normalisedWordsFingerprint(_:)``, per byte: 0x100 for a separator (space, line feed,
    /// tab, carriage return, comma, slash, parentheses, hyphen), else the byte as hashed (ASCII
    /// letters lowercased).
    static let wordsHashTable: [UInt16] = (0...255).map { value in
        [0x20, 0x0A, 0x09, 0x0D, 0x2C, 0x2F, 0x28, 0x29, 0x2D].contains(value)
            ? 0x100 : UInt16(SkillMatcher.lower(UInt8(value)))
    }

    /// Structured pay first (JSON-LD, microdata), then the pay phrase of the text.
    func salary(_ raw: RawPosting, country: String?) -> Salary? {
        var context = SalaryParser.Context.forCountry(country)
        if let structured = raw.structuredPay {
            let structuredCurrency = structured.currency?.uppercased()
            if let code = structuredCurrency, ["CAD", "AUD", "NZD", "SGD", "HKD", "MXN"].contains(code) {
                // A bare "$" on a page whose structured data says AUD is Australian dollars.
                context.dollarCurrency = code
            }
            if let stated = Self.statedPay(structured, context: context) {
                let source: SalarySource = raw.origins["salary"] == .microdata ? .microdata : .jsonld
                return annualised(stated, source: source)
            }
        }
        if let text = raw.salaryText {
            var textContext = PostingCountry.context(context, forPayText: text)
            if raw.origins["salary"] == .selector { textContext.requireCurrency = false }
            if let parsed = SalaryParser.parse(text, context: textContext) {
                return annualised(parsed.stated, source: raw.origins["salary"] == .selector ? .selector : .text)
            }
        }
        // Only a board's own estimate: kept, flagged, and left out of every salary figure.
        if let estimate = raw.estimatedPay, let stated = Self.statedPay(estimate, context: context) {
            return annualised(stated, source: raw.origins["title"] == .microdata ? .microdata : .jsonld, isEstimate: true)
        }
        if let text = raw.estimateText, let parsed = SalaryParser.parse(text, context: context) {
            return annualised(parsed.stated, source: .text, isEstimate: true)
        }
        return nil
    }

    private func annualised(_ stated: StatedPay, source: SalarySource, isEstimate: Bool = false) -> Salary {
        Salary(
            stated: stated, annualMinUSD: stated.annualMin.flatMap { rates.usd($0, from: stated.currency) },
            annualMaxUSD: stated.annualMax.flatMap { rates.usd($0, from: stated.currency) }, source: source,
            isEstimate: isEstimate)
    }

    /// Pay from schema.org MonetaryAmount; a placeholder of 0 means none.
    static func statedPay(_ pay: StructuredPay, context: SalaryParser.Context) -> StatedPay? {
        var minimum = pay.min ?? pay.value
        var maximum = pay.max ?? pay.value
        if let value = minimum, value <= 0 { minimum = nil }
        if let value = maximum, value <= 0 { maximum = nil }
        guard minimum != nil || maximum != nil else { return nil }
        if let lo = minimum, let hi = maximum, lo > hi { (minimum, maximum) = (hi, lo) }
        var currency = currentCode(pay.currency?.uppercased().trimmingCharacters(in: .whitespaces) ?? "")
        if currency.count != 3 || !currency.allSatisfy(\.isLetter) {
            currency = currency.contains("$") || currency.isEmpty ? context.dollarCurrency : currency
        }
        let period =
            pay.unitText.flatMap(Self.period(fromUnit:))
            ?? SalaryParser.inferPeriod(max(minimum ?? 0, maximum ?? 0), currency: currency, lakhs: false)
        let stated = StatedPay(min: minimum, max: maximum, currency: currency, period: period)
        return SalaryParser.isPlausible(stated) ? stated : nil
    }

    static func period(fromUnit unit: String) -> PayPeriod? {
        switch unit.lowercased().trimmingCharacters(in: .whitespaces) {
        case "hour", "hourly", "per hour", "hr", "h": .hour
        case "day", "daily", "per day": .day
        case "week", "weekly", "per week", "wk": .week
        case "month", "monthly", "per month", "mo": .month
        case "year", "yearly", "annual", "annually", "per year", "yr", "annum": .year
        default: nil
        }
    }

    /// The phrases of a description that the normaliser reads, by table.
    struct DescriptionPhrases {
        /// Byte ranges of "year", "years", "yrs".
        var years: [(start: Int, end: Int)] = []
        /// Indexes into `degreePhrases`.
        var degrees = Set<Int>()
        /// Indexes into the flattened phrases of `certificationNames`.
        var certifications = Set<Int>()
        /// Indexes into `IndustryClassifier.descriptionCues`, one per occurrence.
        var industryCues: [Int] = []

        /// Notes phrase `index` of table `table` of ``Normaliser/descriptionTables`` at `start..<end`.
        mutating func record(table: Int, index: Int, start: Int, end: Int) {
            switch table {
            case 0: years.append((start, end))
            case 1: degrees.insert(index)
            case 2: certifications.insert(index)
            default: industryCues.append(index)
            }
        }
    }

    static let descriptionTables = PhraseTables([
        ["year", "years", "yrs"], degreePhrases.map(\.phrase), certificationNames.flatMap(\.1),
        IndustryClassifier.descriptionCues.map(\.1),
    ])

    static func phrases(in text: String) -> DescriptionPhrases {
        var found = DescriptionPhrases()
        descriptionTables.scan(text) { found.record(table: $0, index: $1, start: $2, end: $3) }
        return found
    }

    /// The level the required experience suggests, used only when the title states no level:
    /// up to 1 year entry, 2–5 mid, 6 or more senior. A range counts by its lower bound
    /// ("3-5 years" is 3); of several requirements the largest counts.
    static func levelFromExperience(_ text: String) -> Level? {
        levelFromExperience(text, years: phrases(in: text).years)
    }

    static func levelFromExperience(_ text: String, years: [(start: Int, end: Int)]) -> Level? {
        guard !years.isEmpty else { return nil }
        let bytes = Array(text.utf8)
        var best: Int?
        for (start, end) in years {
            // Experience must be named within 40 bytes after: "5+ years of experience", "3-5 years' experience".
            let after = String(decoding: bytes[end..<min(bytes.count, end + 40)], as: UTF8.self).lowercased()
            guard after.contains("experience") || after.hasPrefix(" of ") || after.hasPrefix("'") else { continue }
            // The number group just before: "5+ years", "3-5 years", "at least 7 years"; a range counts by its lower bound.
            let before = String(decoding: bytes[max(0, start - 12)..<start], as: UTF8.self)
            let group = before.split(separator: " ").last { $0.contains(where: \.isNumber) }
            if let digits = group?.split(whereSeparator: { !$0.isNumber }).first.flatMap({ Int($0) }), digits < 40 {
                best = max(best ?? 0, digits)
            }
        }
        guard let years = best else { return nil }
        switch years {
        case 0...1: return .entry
        case 2...5: return .mid
        default: return .senior
        }
    }

    /// "London (hybrid)" → "London"; "Sacramento, CA 95814" → "Sacramento, CA".
    static func cleanLocation(_ text: String) -> String {
        var text = text
        // "Remote in Columbus, OH", "Hybrid remote in Austin, TX": the place after the work mode.
        let lower = text.lowercased()
        for prefix in ["remote in ", "hybrid remote in ", "hybrid work in ", "hybrid in ", "on-site in "] where lower.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
            break
        }
        text = chineseCity(text) ?? text
        var output = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { output.append(character) }
        }
        let parts = output.split(separator: ",").map { part in
            withoutUKPostcode(part.split(separator: " ").filter { !($0.count >= 4 && $0.allSatisfy(\.isNumber)) })
                .joined(separator: " ")
        }.filter { !$0.isEmpty }
        let cleaned = parts.map(splitRegionCode).joined(separator: ", ")
        return cleaned.isEmpty ? text : cleaned
    }

    /// "Manchester M1", "London EC2A 4NE": a British postcode after the town goes.
    static func withoutUKPostcode(_ words: [Substring]) -> [Substring] {
        var words = words
        func isOutward(_ word: Substring) -> Bool {
            let chars = Array(word)
            guard (2...4).contains(chars.count), chars.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }),
                let digit = chars.firstIndex(where: \.isNumber), (1...2).contains(digit)
            else { return false }
            return chars[..<digit].allSatisfy(\.isLetter)
        }
        func isInward(_ word: Substring) -> Bool {
            let chars = Array(word)
            return chars.count == 3 && chars[0].isNumber && chars[1].isUppercase && chars[2].isUppercase && chars[1].isASCII
        }
        if words.count >= 3, isInward(words[words.count - 1]), isOutward(words[words.count - 2]) {
            words.removeLast(2)
        } else if words.count >= 2, isOutward(words[words.count - 1]) {
            words.removeLast()
        }
        return words
    }

    /// "Brisbane QLD" → "Brisbane, QLD": a city followed by a state or country code in capitals.
    static func splitRegionCode(_ part: String) -> String {
        var words = part.split(separator: " ")
        // "Paris 9e", "Lyon 3ème": a French arrondissement is part of its city.
        if words.count >= 2, let last = words.last, let digits = last.firstIndex(where: { !$0.isNumber }),
            digits != last.startIndex, ["e", "er", "ème", "eme"].contains(last[digits...].lowercased())
        {
            words.removeLast()
            return words.joined(separator: " ")
        }
        guard words.count >= 2, let last = words.last, (2...3).contains(last.count),
            last.allSatisfy({ $0.isASCII && $0.isUppercase })
        else { return part }
        return words.dropLast().joined(separator: " ") + ", " + last
    }

    /// "上海市徐汇区漕溪北路88号" → "上海": a Chinese address names its city before 市. A Japanese
    /// one names its prefecture (都, 道, 府, 県) first and stays whole.
    static func chineseCity(_ text: String) -> String? {
        guard let first = text.unicodeScalars.first, (0x4E00...0x9FFF).contains(first.value),
            let city = text.firstIndex(of: "市")
        else { return nil }
        let name = text[..<city]
        if name.contains(where: { "都道府県".contains($0) }) {
            // Prefecture, city, ward: the street after them goes ("福岡県福岡市中央区天神2-2-2").
            let rest = text[text.index(after: city)...]
            if let ward = rest.firstIndex(of: "区"), rest.distance(from: rest.startIndex, to: ward) <= 4 {
                return String(text[...ward])
            }
            return String(text[...city])
        }
        return (2...4).contains(name.count) ? String(name) : nil
    }

    /// True when the title or the location says the work is remote, in the languages of the boards read.
    static func mentionsRemote(_ texts: [String?]) -> Bool? {
        texts.compactMap { $0?.lowercased() }.contains { text in
            remoteWords.contains { FoundationSearch.contains(text, $0) }
        } ? true : nil
    }

    static let remoteWords = [
        "remote", "télétravail", "teletravail", "homeoffice", "home office", "telelavoro", "thuiswerk", "удален",
        "удалён", "віддалено", "віддалена", "リモート", "在宅勤務", "远程",
    ]

    static func employmentType(_ raw: String) -> String {
        let lower = raw.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        switch lower {
        case "full_time", "fulltime", "permanent", "cdi": return "full_time"
        case "part_time", "parttime": return "part_time"
        case "contractor", "contract", "temporary", "cdd", "freelance": return "contract"
        case "intern", "internship": return "internship"
        default: return lower
        }
    }

    /// A date as `YYYY-MM-DD` when it starts with one; otherwise as written.
    static func date(_ raw: String) -> String {
        let prefix = String(raw.prefix(10))
        let parts = prefix.split(separator: "-")
        if parts.count == 3, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) { return prefix }
        return raw
    }

    /// Degree words: bachelor, master, phd, by the first phrase of each that the text contains.
    static let degreePhrases: [(degree: String, phrase: String)] = [
        ("bachelor", "bachelor"), ("bachelor", "bachelor's"), ("bachelor", "bachelors"), ("bachelor", "b.s."),
        ("bachelor", "bs"), ("bachelor", "bsc"), ("bachelor", "b.sc"), ("bachelor", "undergraduate degree"),
        ("bachelor", "ba"), ("bachelor", "b.a."), ("master", "master"), ("master", "master's"), ("master", "masters"),
        ("master", "m.s."), ("master", "ms"), ("master", "msc"), ("master", "m.sc"), ("master", "mba"),
        ("phd", "phd"), ("phd", "ph.d"), ("phd", "ph.d."), ("phd", "doctorate"), ("phd", "doctoral"),
    ]
    static func education(in text: String) -> [String] {
        education(phrases(in: text).degrees)
    }

    static func education(_ indexes: Set<Int>) -> [String] {
        let found = Set(indexes.map { degreePhrases[$0].degree })
        return ["bachelor", "master", "phd"].filter(found.contains)
    }

    static let certificationNames: [(String, [String])] = [
        ("Google Professional Machine Learning Engineer", ["professional machine learning engineer"]),
        ("Google Professional Data Engineer", ["professional data engineer"]),
        ("AWS Certified Machine Learning", ["aws certified machine learning"]),
        ("AWS Certified Solutions Architect", ["aws certified solutions architect"]),
        ("Azure AI Engineer Associate", ["azure ai engineer associate"]),
        ("Azure Data Scientist Associate", ["azure data scientist associate"]),
        ("Certified Kubernetes Administrator", ["certified kubernetes administrator", "cka"]),
        ("TensorFlow Developer Certificate", ["tensorflow developer certificate"]),
        ("Databricks Certified", ["databricks certified"]),
        ("PMP", ["pmp certification", "pmp certified"]),
        ("CFA", ["cfa charter", "cfa designation"]),
    ]

    static func certifications(in text: String) -> [String] {
        certifications(phrases(in: text).certifications)
    }

    static func certifications(_ indexes: Set<Int>) -> [String] {
        let phrases = certificationNames.flatMap { name, phrases in phrases.map { _ in name } }
        let found = Set(indexes.map { phrases[$0] })
        return certificationNames.map(\.0).filter(found.contains)
    }
}
