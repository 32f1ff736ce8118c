import Foundation
import JobExtract
import JobModel
import JobNormalise

/// Measures extraction against a labelled folder: pages plus an `expected.json` of what each
/// posting states (see Fixtures/labeled).
public struct Evaluation: Sendable {
    /// One labelled page.
    struct Label: Decodable, Sendable {
        struct Pay: Decodable, Sendable {
            var min: Double?
            var max: Double?
            var currency: String
            var period: String
        }

        var file: String
        var contentType: String?
        var title: String?
        var level: String?
        var company: String?
        var industry: String?
        var location: String?
        var salary: Pay?
        var skills: [String]

        enum CodingKeys: String, CodingKey {
            case file, title, level, company, industry, location, salary, skills
            case contentType = "content_type"
        }
    }

    /// A field's score.
    public struct Score: Sendable, Equatable {
        public var field: String
        public var correct: Int
        public var total: Int
        public var accuracy: Double { total == 0 ? 1 : Double(correct) / Double(total) }
    }

    /// A field a page got wrong.
    public struct Miss: Sendable, Equatable {
        public var file: String
        public var field: String
        public var expected: String
        public var found: String
    }

    public var scores: [Score] = []
    public var misses: [Miss] = []
    /// Skills found that the label lists, over all found; and over all the labels list.
    public var skillPrecision = 0.0
    public var skillRecall = 0.0
    public var pages = 0

    /// The fields scored, in the order printed.
    public static let fields = [
        "title", "level", "company", "industry", "location", "salary_min", "salary_max", "salary_currency",
        "salary_period",
    ]

    /// Extracts every labelled page of `directory` and scores it.
    public static func run(directory: URL, normaliser: Normaliser = Normaliser()) throws -> Evaluation {
        let manifest = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
        let labels = try JSONDecoder().decode([Label].self, from: manifest)
        let results = labels.map { label -> Posting? in
            guard let bytes = FileManager.default.contents(atPath: directory.appendingPathComponent(label.file).path),
                let (raw, _) = try? PostingExtractor().extract(bytes: Array(bytes), contentType: label.contentType)
            else { return nil }
            return normaliser.normalise(raw, url: nil)
        }
        var evaluation = Evaluation()
        evaluation.pages = labels.count
        var counts = Dictionary(uniqueKeysWithValues: fields.map { ($0, (correct: 0, total: 0)) })
        var foundSkills = 0
        var rightSkills = 0
        var labelledSkills = 0
        for (label, posting) in zip(labels, results) {
            func score(_ field: String, _ expected: String?, _ found: String?, _ equal: (String, String) -> Bool) {
                counts[field]!.total += 1
                let right =
                    switch (expected, found) {
                    case (nil, nil): true
                    case let (expected?, found?): equal(expected, found)
                    default: false
                    }
                if right {
                    counts[field]!.correct += 1
                } else {
                    evaluation.misses.append(Miss(file: label.file, field: field, expected: expected ?? "null", found: found ?? "null"))
                }
            }
            let same: (String, String) -> Bool = { $0.lowercased() == $1.lowercased() }
            score("title", label.title, posting?.title) { TextKey.of($0) == TextKey.of($1) }
            score("level", label.level, posting?.level?.rawValue, same)
            score("company", label.company, posting?.company) { TextKey.of($0) == TextKey.of($1) }
            score("industry", label.industry, posting?.industry?.rawValue, same)
            // A location counts when its first part (the city) is the same.
            score("location", label.location, posting?.location) {
                TextKey.of(String($0.split(separator: ",").first ?? "")) == TextKey.of(String($1.split(separator: ",").first ?? ""))
            }
            let pay = posting?.salary.flatMap { $0.isEstimate ? nil : $0.stated }
            let number: (String, String) -> Bool = { abs((Double($0) ?? -1) - (Double($1) ?? -2)) <= 0.005 * max(1, abs(Double($0) ?? 1)) }
            score("salary_min", label.salary?.min.map { String($0) }, pay?.min.map { String($0) }, number)
            score("salary_max", label.salary?.max.map { String($0) }, pay?.max.map { String($0) }, number)
            score("salary_currency", label.salary?.currency, pay?.currency, same)
            score("salary_period", label.salary?.period, pay?.period.rawValue, same)
            let expectedSkills = Set(label.skills.map { $0.lowercased() })
            let found = Set((posting?.skills ?? []).map { $0.lowercased() })
            foundSkills += found.count
            labelledSkills += expectedSkills.count
            rightSkills += found.intersection(expectedSkills).count
            for missing in expectedSkills.subtracting(found).sorted() {
                evaluation.misses.append(Miss(file: label.file, field: "skills", expected: missing, found: "missing"))
            }
            for extra in found.subtracting(expectedSkills).sorted() {
                evaluation.misses.append(Miss(file: label.file, field: "skills", expected: "-", found: extra))
            }
        }
        evaluation.scores = fields.map { Score(field: $0, correct: counts[$0]!.correct, total: counts[$0]!.total) }
        evaluation.skillPrecision = foundSkills == 0 ? 1 : Double(rightSkills) / Double(foundSkills)
        evaluation.skillRecall = labelledSkills == 0 ? 1 : Double(rightSkills) / Double(labelledSkills)
        return evaluation
    }

    /// The accuracy table and the list of misses, as printed by `jobmarket eval`.
    public func rendered() -> String {
        var lines = ["field            correct  total  accuracy"]
        for score in scores {
            lines.append(
                score.field.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(score.correct).leftPadded(8) + String(score.total).leftPadded(7)
                    + String(format: "%8.1f%%", score.accuracy * 100))
        }
        lines.append(String(format: "skills precision %.1f%%, recall %.1f%%", skillPrecision * 100, skillRecall * 100))
        lines.append("")
        lines.append("misses (\(misses.count)):")
        for miss in misses {
            lines.append("  \(miss.file)  \(miss.field): expected \(miss.expected), found \(miss.found)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Text compared the way a reader would: case, spacing and punctuation at the ends ignored.
enum TextKey {
    static func of(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " .,-–—|:"))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
