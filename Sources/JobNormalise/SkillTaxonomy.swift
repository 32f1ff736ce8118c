import Foundation

/// One skill of the taxonomy: canonical name, category and the spellings that mean it.
public struct Skill: Sendable, Equatable, Codable {
    public var name: String
    public var category: String
    public var aliases: [String]
    /// An ordinary word or letter ("Go", "R", "Spark"): counted only case-sensitively in a technology context.
    public var ambiguous: Bool
    /// Spellings of an ambiguous skill that are unambiguous themselves ("golang").
    public var safeAliases: [String]

    public init(name: String, category: String, aliases: [String] = [], ambiguous: Bool = false, safeAliases: [String] = []) {
        self.name = name
        self.category = category
        self.aliases = aliases
        self.ambiguous = ambiguous
        self.safeAliases = safeAliases
    }

    enum CodingKeys: String, CodingKey {
        case name, category, aliases, ambiguous
        case safeAliases = "safe_aliases"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        category = try container.decodeIfPresent(String.self, forKey: .category) ?? "other"
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        ambiguous = try container.decodeIfPresent(Bool.self, forKey: .ambiguous) ?? false
        safeAliases = try container.decodeIfPresent([String].self, forKey: .safeAliases) ?? []
    }
}

/// The list of skills postings are matched against: the bundled file plus the user's additions.
public struct SkillTaxonomy: Sendable {
    public let skills: [Skill]

    public init(skills: [Skill]) {
        self.skills = skills
    }

    /// The taxonomy shipped with jobmarket (`skills.json`, a resource of this module).
    public static let bundled: SkillTaxonomy = {
        guard let url = Bundle.module.url(forResource: "skills", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let skills = try? JSONDecoder().decode([Skill].self, from: data)
        else { fatalError("the bundled skills.json is missing or invalid: the build is broken") }
        return SkillTaxonomy(skills: skills)
    }()

    /// This taxonomy with more skills; a skill of the same name replaces the bundled one.
    public func adding(_ extra: [Skill]) -> SkillTaxonomy {
        let names = Set(extra.map { $0.name.lowercased() })
        return SkillTaxonomy(skills: skills.filter { !names.contains($0.name.lowercased()) } + extra)
    }

    /// The category of a skill by canonical name.
    public func category(of name: String) -> String? {
        skills.first { $0.name == name }?.category
    }
}
