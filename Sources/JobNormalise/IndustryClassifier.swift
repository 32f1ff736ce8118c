import JobModel

#if canImport(Glibc)
    import Glibc
#endif

/// Maps an industry as written ("Financial Services", "Hospital & Health Care") to the vocabulary.
public enum IndustryClassifier {
    /// The industry a label names, or nil when none fits.
    ///
    /// Keywords match whole words ("ai" is not in "Dairy"); a keyword ending in `*` matches the
    /// start of a word ("financ*" matches "Financial").
    public static func industry(from label: String?) -> Industry? {
        guard let label, !label.isEmpty else { return nil }
        let lower = label.lowercased()
        if let exact = Industry(rawValue: lower) { return exact }
        let words = lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).map(String.init)
        for (industry, keywords) in keywords where keywords.contains(where: { matches($0, words) }) {
            return industry
        }
        return nil
    }

    /// The industry a company's name points to: "Acme Bank" is finance, "Rheinwerk Logistik GmbH"
    /// transportation, "深圳星河智能科技有限公司" technology. Words match whole (a `*` ends a prefix);
    /// CJK keywords match anywhere in the name.
    public static func industry(fromCompany name: String?) -> Industry? {
        guard let name else { return nil }
        let lower = name.lowercased()
        let words = lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).map(String.init)
        // Every character of the CJK keywords, and every character equal to one, has its scalars
        // at U+3000 or above (lead byte E3 or more): a name without such a byte holds none of them.
        var lowerBytes = lower
        let mayHoldCJK = lowerBytes.withUTF8(UTF8Scan.hasScalarFromU3000)
        for (industry, keywords) in companyWords {
            let found = keywords.contains { keyword in
                keyword.unicodeScalars.contains { $0.value >= 0x3040 }
                    ? mayHoldCJK && lower.contains(keyword) : matches(keyword, words)
            }
            if found { return industry }
        }
        return nil
    }

    static let companyWords: [(Industry, [String])] = [
        (.finance, ["bank*", "banque", "banca", "capital", "financial", "finance", "finanz*", "insurance", "assurance*",
            "versicherung*", "assicurazion*", "securities", "invest*", "credit", "lending", "payments", "asset*", "fund*",
            "trust", "mutual", "mutuelle", "банк", "銀行", "金融", "保险", "证券"]),
        (.healthcare, ["health*", "hospital*", "medical", "clinic*", "klinik*", "pharma*", "therapeutics", "bio*",
            "care", "zorg*", "santé", "salute", "diagnostics", "laboratories", "医疗", "医院", "病院"]),
        (.government, ["agency", "ministry", "department", "federal", "national", "office", "bureau", "council",
            "government", "defense", "defence", "public", "commission"]),
        (.transportation, ["logistik", "logistics", "freight", "mobilität", "mobility", "air", "airline*", "airways",
            "rail*", "transport*", "shipping", "trucking", "物流", "运输", "ferry", "ferries", "cargo", "transit"]),
        (.retail, ["retail*", "ритейл", "stores", "store", "shop*", "market", "mart", "supermarket*", "grocer*",
            "outfitters", "crèmerie", "流通", "零售", "商店", "торгов*", "магазин*", "supermercado*", "supermarché*",
            "supermarkt*"]),
        (.manufacturing, ["manufactur*", "motors", "automotive", "robotics", "industries", "industrial", "steel",
            "aerospace", "chemicals", "machinery", "maschinenbau", "components", "semiconductor*", "制造", "製作所"]),
        (.energy, ["energy", "energie", "energia", "stadtwerke", "power", "oil", "gas", "solar", "utilities", "энерго*", "能源",
            "renewable*", "wind"]),
        (.media, ["media", "éditions", "editions", "verlag", "publishing", "news", "studios", "entertainment"]),
        (.education, ["university", "college", "school", "academy", "institute", "learning", "大学", "教育"]),
        (.telecommunications, ["telecom*", "telekom*", "wireless", "mobile", "telco", "通信"]),
        (.hospitality, ["café", "cafe", "hotel*", "restaurant*", "hospitality"]),
        (.consulting, ["consulting", "consultants", "conseil", "beratung", "advisory", "partners", "services"]),
        (.realEstate, ["vastgoed", "immobilien", "immobilier", "immobiliare", "inmobiliaria", "realty", "properties",
            "недвижимост*", "不動産", "住宅", "房地产", "地产"]),
        (.technology, ["software", "labs", "technologies", "technology", "tech", "systems", "cloud", "analytics", "ai",
            "data", "digital", "code", "код", "科技", "信息技术", "技术", "データ"]),
    ]

    /// The industry a description talks about most, as a last resort: the sector whose keywords
    /// occur at least four times and three times as often as any other's.
    public static func industry(fromDescription text: String) -> Industry? {
        guard !text.isEmpty else { return nil }
        var cues: [Int] = []
        descriptionScanner.scan(text) { index, _, _ in cues.append(index) }
        return industry(fromCues: cues)
    }

    /// The same from the cues a scan found: indexes into `descriptionCues`, one per occurrence.
    static func industry(fromCues cues: [Int]) -> Industry? {
        var counts: [Industry: Int] = [:]
        for index in cues { counts[descriptionCues[index].0, default: 0] += 1 }
        let ranked = counts.sorted { $0.value > $1.value }
        guard let best = ranked.first, best.value >= 4, best.value >= 3 * (ranked.dropFirst().first?.value ?? 0) else {
            return nil
        }
        return best.key
    }

    /// The industry the posting's own words about its employer name: the first sentences that
    /// mention the company ("Pulsewright provides remote cardiac monitoring to 600 hospitals.")
    /// read as an industry label; a company that makes software or SaaS is technology, whoever
    /// its customers are. A US federal pay grade (GS-12) means government. For use only when
    /// nothing structured and nothing in the company's name says it.
    public static func industry(fromAbout text: String, company: String?) -> Industry? {
        guard !text.isEmpty else { return nil }
        if mentionsGeneralSchedule(text) { return .government }
        guard let company, let key = company.split(whereSeparator: { $0 == " " || $0 == "," }).first, key.count >= 3 else {
            return nil
        }
        var checked = 0
        for sentence in text.split(whereSeparator: { $0 == "\n" || $0 == "." || $0 == ";" || $0 == "!" }) {
            guard sentence.count < 400, sentence.contains(key) else { continue }
            let lower = sentence.lowercased()
            let words = lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).map(String.init)
            if softwareWords.contains(where: { matches($0, words) }) { return .technology }
            // "Marrowfield builds document automation for insurers": a maker of products for a
            // sector sells to it; the sector after "for" is its customers', not its own.
            if let verb = words.firstIndex(where: builderVerbs.contains),
                let customers = words[verb...].firstIndex(of: "for"),
                industry(from: words[(customers + 1)...].joined(separator: " ")) != nil
                    || aboutKeywords.contains(where: { $0.1.contains { matches($0, Array(words[(customers + 1)...])) } })
            {
                return .technology
            }
            for (industry, keywords) in aboutKeywords where keywords.contains(where: { matches($0, words) }) {
                return industry
            }
            if let found = industry(from: String(sentence)) { return found }
            checked += 1
            if checked == 3 { break }
        }
        return nil
    }

    static let builderVerbs: Set<String> = ["builds", "build", "building", "develops", "developing", "makes", "creates"]

    static let softwareWords = ["software", "saas", "b2b saas", "developer tools", "startup", "tech company", "app"]

    /// Words of a company's description of itself, beyond those of industry labels.
    static let aboutKeywords: [(Industry, [String])] = [
        (.healthcare, ["hospitals", "patients", "laboratories", "clinics", "cardiac", "diagnostic*", "care homes"]),
        (.retail, ["stores", "supermarkets", "shops", "shoppers", "boutiques", "merchandise", "supermercados", "tiendas",
            "supermarchés", "magasins", "supermarkten", "winkels", "магазинов", "магазины"]),
        (.energy, ["electricity", "gas", "power plants", "grid", "utility"]),
        (.finance, ["insurer", "insurers", "policyholders", "loans", "mortgages", "payments"]),
        (.transportation, ["truckloads", "shipments", "freight", "parcels", "deliveries", "passengers", "vessels",
            "sailings"]),
        (.education, ["students", "schools", "courses"]),
    ]

    /// "GS-12", "GS 13": the US federal General Schedule, whose pay tables only government uses.
    static func mentionsGeneralSchedule(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while index + 2 < bytes.count {
                // The next "G", found by libc's memchr.
                guard let found = memchr(base + index, 0x47, bytes.count - 2 - index) else { return false }
                index = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                if Self.isGrade(bytes, at: index) { return true }
                index += 1
            }
            return false
        }
    }

    /// True for "GS-12" or "GS 12" at `index` (the bytes there are "G"), on word boundaries.
    private static func isGrade(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard bytes[index] == 0x47, bytes[index + 1] == 0x53 else { return false }  // "GS"
        if index > 0, isWordByte(bytes[index - 1]) { return false }
        // "GS-12", "GS 12": the grade follows a hyphen or a space ("GS1" is a barcode standard).
        guard bytes[index + 2] == 0x2D || bytes[index + 2] == 0x20 else { return false }
        let digit = index + 3
        guard digit < bytes.count, bytes[digit] >= 0x30, bytes[digit] <= 0x39 else { return false }
        var end = digit
        while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
        return end - digit <= 2 && (end == bytes.count || !isWordByte(bytes[end]))
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80
    }

    static let descriptionCues: [(Industry, String)] = [
        (.finance, ["bank", "banking", "trading", "fintech", "payments", "lending", "insurance", "underwriting", "fraud"]),
        (.healthcare, ["patient", "patients", "clinical", "hospital", "healthcare", "medical", "clinicians", "ehr"]),
        (.retail, ["retail", "shoppers", "store", "stores", "merchandising", "e-commerce", "ecommerce"]),
        (.manufacturing, ["manufacturing", "factory", "plant", "robotics", "assembly", "production line"]),
    ].flatMap { industry, words in words.map { (industry, $0) } }

    static let descriptionScanner = PhraseScanner(descriptionCues.map(\.1))

    static func matches(_ keyword: String, _ words: [String]) -> Bool {
        // One word (no space to split at): the same tests, without splitting the keyword.
        if !keyword.utf8.contains(0x20) {
            guard keyword.hasSuffix("*") else { return words.contains(keyword) }
            let prefix = keyword.dropLast()
            return words.contains { $0.hasPrefix(prefix) }
        }
        let parts = keyword.split(separator: " ").map(String.init)
        guard parts.count <= words.count else { return false }
        for start in 0...(words.count - parts.count) {
            let fits = parts.enumerated().allSatisfy { offset, part in
                let word = words[start + offset]
                return part.hasSuffix("*") ? word.hasPrefix(part.dropLast()) : word == part
            }
            if fits { return true }
        }
        return false
    }

    /// Checked in order: the first industry with a keyword in the label wins.
    static let keywords: [(Industry, [String])] = [
        (.hospitality, ["hospitality", "hotel*", "restaurant*", "travel", "leisure", "tourism"]),
        (.healthcare, ["health*", "hospital", "hospitals", "medical", "pharma*", "biotech*", "clinic*", "life sciences",
            "healthcare"]),
        (.finance, ["financ*", "bank*", "insurance", "invest*", "capital markets", "fintech", "accounting",
            "asset management", "trading"]),
        (.retail, ["retail*", "e-commerce", "ecommerce", "consumer goods", "grocery", "apparel", "wholesale", "shop*"]),
        (.manufacturing, ["manufactur*", "automotive", "industrial*", "aerospace", "semiconductor*", "robotics",
            "machinery", "chemical*"]),
        (.education, ["education*", "university", "universities", "school*", "e-learning", "academic*"]),
        (.government, ["government*", "public sector", "federal", "defense", "defence", "military"]),
        (.energy, ["energy", "oil", "utilities", "renewable*", "power"]),
        (.telecommunications, ["telecom*", "wireless", "通信", "电信"]),
        (.media, ["media", "entertainment", "publishing", "gaming", "advertising", "broadcast*"]),
        (.transportation, ["transport*", "logistics", "airline*", "shipping", "mobility", "物流", "仓储", "运输"]),
        (.consulting, ["consult*", "professional services", "staffing", "recruit*"]),
        (.realEstate, ["real estate", "property", "properties", "vastgoed", "immobilien", "immobilier", "不動産", "房地产"]),
        (.technology, ["tech*", "software", "internet", "information technology", "computer*", "it services", "saas",
            "cloud", "data", "ai", "artificial intelligence", "互联网", "软件", "计算机"]),
    ]
}
