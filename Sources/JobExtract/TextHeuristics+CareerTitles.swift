import Foundation
import JobHTML

extension TextHeuristics {
    /// The employer as the site's title tags or logo name it, when nothing nearer the posting did.
    static func companyFromSiteCues(_ page: StreamedPage, title: String?, location: String?, text: String) -> String? {
        companyAfterLabelledTitle(page, title: title, location: location) ?? companyFromCareerTitles(page, text: text)
            ?? companyFromLogo(page)
    }

    static let twitterTitle = ElementMatch.allOf([.named("meta"), .attribute("name", equals: "twitter:title")])

    /// The employer as a career site's title tags name it when no part of them is the posting:
    /// og:title "Careers at Prairiewind", `<title>` "Careers | Prairiewind" (a career word and one
    /// other part, taken only when the posting's text names it too: a board titles its own pages
    /// "Jobs | Board"), or a Chinese board's "…_北京某某物流有限公司招聘_…" (a legal name, "hiring").
    static func companyFromCareerTitles(_ page: StreamedPage, text: String) -> String? {
        for match in [ogTitle, twitterTitle] {
            guard let text = firstAttribute("content", of: match, in: page) else { continue }
            for prefix in careerPrefixes where text.hasPrefix(prefix) && text.count > prefix.count {
                let name = String(text.dropFirst(prefix.count))
                if !pronouns.contains(name.lowercased()), let company = cleanCompany(name) { return company }
            }
        }
        let parts = titleTagParts(page)
        if parts.count == 2, let career = parts.firstIndex(where: { careerWords.contains($0.lowercased()) }),
            contains(text, parts[1 - career])
        {
            return cleanCompany(parts[1 - career])
        }
        guard let title = page.firstText(page.all(.named("title"))) else { return nil }
        for part in underscoreParts(title) where part.hasSuffix("招聘") {
            let name = String(part.dropLast(2))
            if chineseLegalSuffixes.contains(where: name.hasSuffix) { return cleanCompany(name) }
        }
        return nil
    }

    static let chineseLegalSuffixes = ["公司", "集团", "有限责任公司"]

    /// "数据仓库工程师_某某有限公司招聘_猎聘网": Chinese boards join a `<title>`'s parts with "_".
    static func underscoreParts(_ title: String) -> [String] {
        guard title.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) else { return [title] }
        return title.split(separator: "_").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A `<title>` whose first part carries a label before the posting's title: "Vacature: Senior
    /// Backend Developer – Dijkhuis Vastgoed – Eindhoven". The part after the title names the employer
    /// unless it is the place or the kind of contract.
    static func companyAfterLabelledTitle(_ page: StreamedPage, title: String?, location: String?) -> String? {
        let parts = titleTagParts(page)
        guard parts.count >= 3, let title, let colon = parts[0].firstIndex(where: { $0 == ":" || $0 == "：" }) else {
            return nil
        }
        let label = parts[0][..<colon]
        let rest = parts[0][parts[0].index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !label.contains(" "), label.count < 20, sameWords(rest, title) else { return nil }
        let candidate = parts[1]
        let lower = candidate.lowercased()
        if contractWords.contains(lower) || looksLikePlace(candidate) || location?.lowercased().hasPrefix(lower) == true {
            return nil
        }
        return cleanCompany(candidate)
    }

    /// The employer as a career site's logo names it: `<img alt="Saguaro Health Careers">` (an alt
    /// that says careers or jobs, as a site name would).
    static func companyFromLogo(_ page: StreamedPage) -> String? {
        for image in page.all(.named("img")).prefix(5) {
            guard let alt = page.attribute("alt", of: image).map(TextCleaner.collapseWhitespace), !alt.isEmpty else {
                continue
            }
            if let name = companyFromSiteName(alt), let company = cleanCompany(name) { return company }
        }
        return nil
    }
}
