import Foundation
import JobHTML

extension TextHeuristics {
    /// Every element (the parse names no inline tags such as span, so none is singled out).
    static let badgeElements = ElementMatch.allOf([])

    /// The title of an h1 that also holds a pay badge: `<h1><span>Senior Python Developer</span>
    /// <span>до $3500</span></h1>` → "Senior Python Developer". A badge is an element at the end of
    /// the heading whose text has a currency sign and a digit.
    static func withoutPayBadge(_ page: StreamedPage, _ headings: [PageElement], _ title: String) -> String {
        guard title.contains(where: currencySymbols.contains),
            let heading = headings.first(where: { page.firstText([$0]) == title })
        else { return title }
        for element in page.all(badgeElements, within: heading) {
            guard let badge = page.firstText([element]), badge != title, title.hasSuffix(badge),
                badge.contains(where: currencySymbols.contains), badge.contains(where: \.isNumber)
            else { continue }
            let rest = title.dropLast(badge.count).trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { return rest }
        }
        return title
    }
}
