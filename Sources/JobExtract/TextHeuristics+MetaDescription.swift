import Foundation
import JobHTML
import JobModel

extension TextHeuristics {
    static let metaDescription = ElementMatch.allOf([
        .named("meta"),
        .anyOf([
            .attribute("name", equals: "description"), .attribute("property", equals: "og:description"),
            .attribute("name", equals: "og:description"),
        ]),
    ])

    /// The page's meta descriptions, one a line, for a page whose body shows no text: a single-page
    /// app that states its posting only in `<meta>` tags.
    static func metaDescriptions(_ page: StreamedPage) -> String? {
        var seen: [String] = []
        for element in page.all(metaDescription) {
            guard let value = page.attribute("content", of: element).map(TextCleaner.collapseWhitespace),
                !value.isEmpty, !seen.contains(value)
            else { continue }
            seen.append(value)
        }
        return seen.isEmpty ? nil : seen.joined(separator: "\n")
    }

    /// When the body said nothing, the meta descriptions are the posting's description.
    static func describeFromMeta(_ page: StreamedPage, _ raw: inout RawPosting) {
        guard raw.description == nil, let text = metaDescriptions(page) else { return }
        raw.description = text
        raw.origins["description"] = .meta
    }

    /// The pay lines of a description read from meta tags.
    static func metaPayLines(_ raw: RawPosting) -> String? {
        guard raw.origins["description"] == .meta, let text = raw.description else { return nil }
        return payLines(in: Lines(text), title: nil)
    }

    /// The place a description names after the title and its employer: "Cloud Engineer bei Alpenfunk
    /// Telekom AG in Innsbruck.", "Data Analyst at Acme in Leeds".
    static func locationFromMetaDescription(_ raw: RawPosting) -> String? {
        guard raw.origins["description"] == .meta, let text = raw.description, let title = raw.title,
            let start = text.range(of: title)
        else { return nil }
        var rest = String(text[start.upperBound...])
        if let end = rest.range(of: ". ") ?? rest.range(of: "\n") { rest = String(rest[..<end.lowerBound]) }
        if rest.hasSuffix(".") { rest.removeLast() }
        guard [" bei ", " at ", " chez ", " presso ", " in ", " à "].contains(where: rest.hasPrefix) else { return nil }
        return withoutPlace(rest).place
    }
}
