import JobModel

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

    static func matches(_ keyword: String, _ words: [String]) -> Bool {
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
        (.telecommunications, ["telecom*", "wireless"]),
        (.media, ["media", "entertainment", "publishing", "gaming", "advertising", "broadcast*"]),
        (.transportation, ["transport*", "logistics", "airline*", "shipping", "mobility"]),
        (.consulting, ["consult*", "professional services", "staffing", "recruit*"]),
        (.realEstate, ["real estate", "property", "properties"]),
        (.technology, ["tech*", "software", "internet", "information technology", "computer*", "it services", "saas",
            "cloud", "data", "ai", "artificial intelligence"]),
    ]
}
