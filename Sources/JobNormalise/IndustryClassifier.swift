import JobModel

/// Maps an industry as written ("Financial Services", "Hospital & Health Care") to the vocabulary.
public enum IndustryClassifier {
    /// The industry a label names, or nil when none fits.
    public static func industry(from label: String?) -> Industry? {
        guard let label, !label.isEmpty else { return nil }
        let lower = label.lowercased()
        if let exact = Industry(rawValue: lower) { return exact }
        for (industry, keywords) in keywords where keywords.contains(where: { lower.contains($0) }) {
            return industry
        }
        return nil
    }

    /// Checked in order: the first industry with a keyword in the label wins.
    static let keywords: [(Industry, [String])] = [
        (.healthcare, ["health", "hospital", "medical", "pharma", "biotech", "clinic", "life science", "care"]),
        (.finance, ["financ", "bank", "insurance", "invest", "capital market", "fintech", "accounting", "asset management", "trading"]),
        (.retail, ["retail", "e-commerce", "ecommerce", "consumer goods", "grocery", "apparel", "wholesale", "shop"]),
        (.manufacturing, ["manufactur", "automotive", "industrial", "aerospace", "semiconductor", "robotics", "machinery", "chemical"]),
        (.education, ["education", "university", "school", "e-learning", "academic"]),
        (.government, ["government", "public sector", "federal", "defense", "defence", "military"]),
        (.energy, ["energy", "oil", "utilities", "renewable", "power"]),
        (.telecommunications, ["telecom", "wireless"]),
        (.media, ["media", "entertainment", "publishing", "gaming", "advertising", "broadcast"]),
        (.transportation, ["transport", "logistics", "airline", "shipping", "mobility"]),
        (.consulting, ["consult", "professional services", "staffing", "recruit"]),
        (.realEstate, ["real estate", "property"]),
        (.hospitality, ["hospitality", "hotel", "restaurant", "travel", "leisure"]),
        (.technology, ["tech", "software", "internet", "information", "computer", "it services", "saas", "cloud", "data", "ai"]),
    ]
}
