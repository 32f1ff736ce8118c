import Foundation
import JobHTML
import JobModel

/// Fills what structured data left empty from what a reader sees on the page.
enum TextHeuristics {
    /// Containers of the open posting on search pages that show one posting beside result cards.
    static let detailPane = ElementMatch.anyOf([
        .attribute("id", equals: "jobsearch-ViewjobPaneWrapper"), .attribute("class", contains: "jobsearch-RightPane"),
        .attribute("class", contains: "jobs-search__job-details"),
        .attribute("data-automation", equals: "splitViewJobDetailsWrapper"),
        .attribute("class", contains: "JobDetails_jobDetailsContainer"), .attribute("data-test", equals: "job-details"),
        .attribute("class", contains: "job-detail-pane"), .attribute("id", equals: "job-details"),
    ])
    static let headings = ElementMatch.named("h1", "h2", "h3")
    static let ogTitle = ElementMatch.allOf([
        .named("meta"), .anyOf([.attribute("property", equals: "og:title"), .attribute("name", equals: "og:title")]),
    ])
    static let ogSiteName = ElementMatch.allOf([.named("meta"), .attribute("property", equals: "og:site_name")])

    /// True for an h1 that summarises search results ("1,032 data engineer jobs in Chicago, IL").
    static func isSearchHeading(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.contains(" jobs") || lower.hasPrefix("jobs ")) && (lower.contains(" in ") || lower.first?.isNumber == true)
    }

    /// The headings that open the posting in a search page's detail pane: each first h1, h2 or h3
    /// among its siblings inside the pane (XPath `pane//*[self::h1 or self::h2 or self::h3][1]`).
    static func paneHeadings(_ page: StreamedPage) -> [PageElement] {
        guard let pane = page.first(detailPane) else { return [] }
        return page.all(headings, within: pane).filter { !page.hasPrecedingSibling($0, matching: headings) }
    }

    static func apply(_ page: StreamedPage, to raw: inout RawPosting) {
        let headingOnes = page.all(.named("h1"))
        let heading = page.firstText(headingOnes)
        // A search page that names no h1 at all may show the open posting in a detail pane with a
        // heading of its own (Indeed titles its result cards and the open posting with h2s).
        let paneHeads = heading == nil ? paneHeadings(page) : []
        let searchPage = heading.map(isSearchHeading) ?? !paneHeads.isEmpty
        // The posting's own title element: on a search page, the first heading of the open posting's pane.
        let anchors: [PageElement]
        if searchPage {
            anchors = heading == nil ? paneHeads : paneHeadings(page)
        } else {
            anchors = heading == nil ? page.first(.named("h2")).map { [$0] } ?? [] : headingOnes
        }
        if raw.title == nil, searchPage, let title = page.firstText(anchors) {
            // Boards add a visually hidden "- job post" for screen readers.
            raw.title = title.hasSuffix("- job post") ? String(title.dropLast("- job post".count)).trimmingCharacters(in: .whitespaces) : title
            raw.origins["title"] = .text
        }
        if raw.title == nil, !searchPage {
            if let title = heading {
                raw.title = withoutPayBadge(page, headingOnes, title)
                raw.origins["title"] = .text
            } else if let title = firstAttribute("content", of: ogTitle, in: page)
                ?? page.firstText(page.all(.named("title"))).map(withoutSiteName).map({ underscoreParts($0).first ?? $0 })
            {
                raw.title = headline(in: title, page.firstText(anchors)) ?? title
                raw.origins["title"] = .meta
            }
        }
        // On a search page the open posting's own pane is the text that describes it.
        let pane = searchPage ? page.first(detailPane).map(page.visibleText(of:)) : nil
        let main = pane.flatMap { characterCount($0, exceeds: 80) ? $0 : nil } ?? mainText(page)
        if raw.description == nil, !main.isEmpty {
            raw.description = main
            raw.origins["description"] = .text
        }
        describeFromMeta(page, &raw)
        let lines = Lines(main)
        // A single-page app's body is empty: its pay, if any, is in the structured description.
        let structuredDescription = raw.origins["description"] == .jsonld || raw.origins["description"] == .microdata
        if raw.structuredPay == nil && raw.salaryText == nil, let payLines = payLines(in: lines, title: raw.title)
            ?? (structuredDescription ? raw.description.flatMap { payLines(in: Lines($0), title: nil) } : nil)
            ?? metaPayLines(raw)
        {
            // A board's own estimate is kept apart; the employer's pay is what remains.
            let split = payLines.split(separator: "\n").map(String.init)
            let estimates = split.filter(isEstimate)
            let stated = split.filter { !isEstimate($0) }
            if !estimates.isEmpty && raw.estimateText == nil { raw.estimateText = estimates.joined(separator: "\n") }
            guard !stated.isEmpty else { return finishText(page, lines: lines, anchors: anchors, raw: &raw) }
            raw.salaryText = stated.joined(separator: "\n")
            raw.origins["salary"] = .text
        }
        finishText(page, lines: lines, anchors: anchors, raw: &raw)
    }

    private static func finishText(_ page: StreamedPage, lines: Lines, anchors: [PageElement], raw: inout RawPosting) {
        guard raw.location == nil || raw.company == nil || raw.industry == nil else { return }
        // One walk over the elements after the posting's title answers every "what is near it" question.
        let nearby = anchors.first.map { page.elements(after: $0, limit: 400) } ?? []
        if raw.location == nil, let location = (labelledElement(page, nearby, locationLabels, locationLabelBytes) ?? labelled(locationLabels, in: lines)
            ?? nearTitle(page, nearby, hints: locationHints, excluding: nil)).map({ withoutLabel($0, locationLabels) })
            ?? byline(page, nearby)?.location
        {
            raw.location = placeText(location)
            raw.origins["location"] = .text
        }
        // A search page's open posting is in its pane: names above its title elsewhere are other postings'.
        let pane = anchors.first.flatMap { anchor in page.first(detailPane).flatMap { page.isDescendant(anchor, of: $0) ? $0 : nil } }
        if raw.company == nil, let company = companyFromTitleTag(page, title: raw.title, location: raw.location)
            ?? companyFromTitleTagParts(page, title: raw.title, location: raw.location)
            ?? (labelledElement(page, nearby, companyLabels, companyLabelBytes) ?? labelled(companyLabels, in: lines)).flatMap(cleanCompany)
            ?? beforeTitle(page, anchors: anchors, within: pane)
            ?? nearTitle(page, nearby, hints: companyHints, excluding: locationHints).flatMap(cleanCompany)
            ?? byline(page, nearby)?.company ?? linkAfterTitle(page, nearby, location: raw.location)
            ?? firstAttribute("content", of: ogSiteName, in: page).flatMap(companyFromSiteName)
            ?? companyNamedInText(page, title: raw.title, text: lines.text)
        {
            raw.company = company
            raw.origins["company"] = .meta
        }
        if raw.company == nil, let company = companyFromSiteCues(page, title: raw.title, location: raw.location, text: lines.text) {
            raw.company = company
            raw.origins["company"] = .meta
        }
        if raw.location == nil, let location = locationFromTitleTag(page, title: raw.title) ?? locationFromMetaDescription(raw) {
            raw.location = location
            raw.origins["location"] = .meta
        }
        if raw.industry == nil, let industry = labelledElement(page, nearby, industryLabels, industryLabelBytes) ?? labelled(industryLabels, in: lines)
            ?? industryAfterCompanySize(lines)
        {
            raw.industry = industry
            raw.origins["industry"] = .text
        }
    }

    static let locationLabels = [
        "location", "job location", "work location", "locations", "standort", "arbeitsort", "einsatzort", "dienstort",
        "lieu", "lieu de travail", "localisation", "sede", "sede di lavoro", "luogo di lavoro", "ort", "ubicación",
        "localização", "locatie", "standplaats", "werklocatie", "勤務地", "勤務先", "工作地点", "工作地址", "上班地址", "办公地址",
        "工作城市", "地点",
        "местоположение", "место работы", "город", "локація", "місто", "місце роботи",
    ]
    static let companyLabels = [
        "company", "employer", "hiring organization", "company name", "unternehmen", "arbeitgeber", "firma", "entreprise",
        "employeur", "société", "organisation", "organization", "azienda", "empresa", "bedrijf", "werkgever", "会社名",
        "企業名", "社名", "公司", "公司名称", "企业名称", "компания", "работодатель", "компанія", "роботодавець",
    ]
    static let industryLabels = [
        "industry", "industries", "sector", "branche", "secteur", "secteur d'activité", "settore", "業種", "行业",
        "所属行业", "отрасль", "сфера деятельности", "галузь", "企业行业", "公司行业", "行业领域", "業界",
    ]
    static let locationHints = HintWords(["location", "jobloc", "job-loc", "topcard__flavor--bullet"])
    static let companyHints = HintWords(["company", "employer", "hiring-org", "org-name", "advertiser", "agency"])

    static let companyClasses = ElementMatch.anyOf(
        ["company", "employer", "hiring-org", "org-name", "advertiser"].map {
            ElementMatch.attribute("class", containsLowercased: $0)
        })

    /// "工作地址上海市…" → "上海市…": a label that a value's element repeats before it.
    static func withoutLabel(_ text: String, _ labels: [String]) -> String {
        let lower = text.lowercased()
        for label in labels where lower.hasPrefix(label) && lower.count > label.count {
            let rest = text.dropFirst(label.count)
            guard let first = rest.first, !first.isLetter || first.unicodeScalars.first!.value >= 0x3000 else { continue }
            let value = rest.drop { $0 == ":" || $0 == "：" || $0.isWhitespace }
            if !value.isEmpty { return String(value) }
        }
        return text
    }

    /// A company name as a byline shows it: "at Acme" → "Acme", "Acme3.9" and "Acme 4.0 out of 5 stars"
    /// lose the rating. Text with money or many digits is not a name.
    static func cleanCompany(_ text: String) -> String? {
        var name = withoutLabel(text, companyLabels + ["公司介绍", "企业介绍", "会社概要"])
        for prefix in ["at ", "@ ", "by ", "chez ", "bei ", "presso "] where name.lowercased().hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
        }
        if let range = range(of: " out of 5 stars", in: name) {
            name = String(name[..<range.lowerBound])
            while let last = name.last, last.isNumber || last == "." { name.removeLast() }
        }
        // A trailing rating: "Acme3.9", "Acme 4.1 ★".
        var trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("★") { trimmed = String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) }
        let chars = Array(trimmed)
        if chars.count > 3, chars[chars.count - 1].isASCII, chars[chars.count - 1].isNumber, chars[chars.count - 2] == ".",
            chars[chars.count - 3].isASCII, chars[chars.count - 3].isNumber, chars.count == 3 || !chars[chars.count - 4].isNumber
        {
            trimmed = String(chars.dropLast(3)).trimmingCharacters(in: .whitespaces)
        }
        // A Chinese legal name ends the name: "上海青禾教育科技有限公司青禾教育为…".
        if let range = range(of: "有限公司", in: trimmed), range.upperBound != trimmed.endIndex {
            trimmed = String(trimmed[..<range.upperBound])
        }
        name = trimmed
        guard name.count > 1, name.count < 80, !name.contains(where: currencySymbols.contains),
            name.filter(\.isNumber).count < 3
        else { return nil }
        return name
    }

    /// A line of short parts joined by " · " or " • " right after the title: "Acme · Berlin, Germany",
    /// "New York, NY (Hybrid) · 3 days ago · 87 applicants". The first part that names a place is the
    /// location; a part before it that does not is the company.
    static func byline(_ page: StreamedPage, _ nearby: [PageElement]) -> (company: String?, location: String?)? {
        for element in nearby.prefix(40) {
            guard let text = page.shortText(of: element), containsAny(text, bylineSeparators) else { continue }
            let parts = text.replacingOccurrences(of: " • ", with: " · ").components(separatedBy: " · ")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            // A work mode ("In office", "Hybrid") follows the place it qualifies.
            let mode = parts.firstIndex { workModes.contains($0.lowercased()) }
            guard let place = parts.firstIndex(where: looksLikePlace) ?? mode.flatMap({ $0 > 0 ? $0 - 1 : nil }) else { continue }
            let company = place > 0 ? cleanCompany(parts[place - 1]).flatMap { looksLikePlace($0) ? nil : $0 } : nil
            return (company, parts[place])
        }
        return nil
    }

    static let bylineSeparators = [" · ", " • "].map(CanonicalSearch.Needle.init)
    static let workModes: Set<String> = ["in office", "in-office", "on-site", "onsite", "hybrid", "remote", "fully remote"]

    /// "Austin, TX", "Berlin, Germany", "Remote", "London (Hybrid)", "San Francisco • In office".
    static func looksLikePlace(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower == "remote" || lower.hasPrefix("remote ") || lower.hasPrefix("remote(") { return true }
        for mode in ["(hybrid)", "(on-site)", "(onsite)", "(remote)", "(in office)"] where lower.hasSuffix(mode) { return true }
        guard text.count < 60, let comma = text.firstIndex(of: ",") else { return false }
        let after = text[text.index(after: comma)...].drop { $0 == " " }
        return after.first?.isUppercase == true && !text.contains(where: \.isNumber)
    }

    /// The employer's name as the first link right after the title ("<h1>…</h1><a>Halcyra</a>").
    static func linkAfterTitle(_ page: StreamedPage, _ nearby: [PageElement], location: String?) -> String? {
        for element in nearby.prefix(3) where page.matches(element, link) {
            guard let text = page.shortText(of: element), text.count < 60, !looksLikePlace(text), text != location
            else { continue }
            let lower = text.lowercased()
            if actionWords.contains(lower) || navigationWords.contains(where: { lower.contains($0) }) { continue }
            return cleanCompany(text)
        }
        return nil
    }
    static let link = ElementMatch.named("a")
    static let actionWords: Set<String> = ["apply", "apply now", "save", "share", "print", "back", "easy apply", "login", "sign in"]
    /// Words of the links a page puts after a title that are not the employer ("Back to all jobs").
    static let navigationWords = ["job", "back", "apply", "view", "share", "save", "more", "←", "→", "see ", "home", "login"]

    /// "1,001-5,000 employees · Software Development": the industry a board prints after the company's size.
    static func industryAfterCompanySize(_ lines: Lines) -> String? {
        let needle = Array("employees · ".utf8)
        for index in 0..<lines.count where lines.ranges[index].count < 120 {
            guard Lines.contains(lines.bytes[lines.ranges[index]], needle, ignoringCase: true) else { continue }
            let line = String(lines.substring(index))
            guard let range = line.range(of: "employees · ", options: .caseInsensitive) else { continue }
            let industry = line[range.upperBound...].components(separatedBy: " · ")[0].trimmingCharacters(in: .whitespaces)
            if !industry.isEmpty { return industry }
        }
        return nil
    }

    /// The first short text after the posting's title in an element whose class names the field:
    /// the posting's own detail comes right after its title, other postings' cards elsewhere. Of an
    /// element and a descendant that both match, the descendant (the name, not its container);
    /// an element whose hints also name what `excluding` names ("companyLocation") does not count.
    static func nearTitle(_ page: StreamedPage, _ nearby: [PageElement], hints: HintWords, excluding: HintWords?) -> String? {
        for (offset, element) in nearby.enumerated() where page.hints(of: element, contain: hints) {
            if let excluding, page.hints(of: element, contain: excluding) { continue }
            if let next = nearby.dropFirst(offset + 1).prefix(8).first(where: { page.hints(of: $0, contain: hints) }),
                page.isDescendant(next, of: element)
            {
                continue
            }
            if let text = page.shortText(of: element) { return text }
        }
        return nil
    }

    /// The same, among the 30 elements before the title (a company name above it, as LinkedIn and
    /// Glassdoor show it): the nearest that holds a name, inside the search page's pane when there is one.
    static func beforeTitle(_ page: StreamedPage, anchors: [PageElement], within pane: PageElement?) -> String? {
        guard let anchor = anchors.first else { return nil }
        for element in page.preceding(anchor, limit: 30) where page.matches(element, companyClasses) {
            if let pane, !page.isDescendant(element, of: pane) { break }
            if let text = page.firstTextRun(of: element, under: 120), let name = cleanCompany(text) { return name }
        }
        return nil
    }

    /// The text of the element right after a label element ("<span>Location</span><span>Hyderabad</span>",
    /// "<dt>Standort</dt><dd>…</dd>", "<th>Company</th><td>…</td>") among those after the title; a
    /// search page's filter chips, before it, say "Company" or "Location" too.
    static func labelledElement(
        _ page: StreamedPage, _ nearby: [PageElement], _ labels: [String], _ labelBytes: LabelBytes
    ) -> String? {
        for element in nearby {
            guard mayBeLabel(page, element, labelBytes) else { continue }
            guard let own = page.ownText(of: element, under: 30), !own.isEmpty else { continue }
            var label = own.lowercased()
            if label.hasSuffix(":") || label.hasSuffix("：") { label.removeLast() }
            label = label.trimmingCharacters(in: .whitespaces)
            // "<td><b>Company</b></td><td>…</td>": a label alone in its cell, the value in the next.
            guard labels.contains(label),
                let sibling = page.nextSibling(of: element)
                    ?? page.parent(of: element).flatMap({ page.shortText(of: $0) == own ? page.nextSibling(of: $0) : nil }),
                let value = page.shortText(of: sibling), !value.isEmpty, value.count < 100,
                !labels.contains(value.lowercased())
            else { continue }
            return value
        }
        return nil
    }

    static let locationLabelBytes = LabelBytes(locationLabels)
    static let companyLabelBytes = LabelBytes(companyLabels)
    static let industryLabelBytes = LabelBytes(industryLabels)

    /// The parts of the page's `<title>`, split at " | ", " - ", " – ", " — ".
    static func titleTagParts(_ page: StreamedPage) -> [String] {
        guard let text = page.firstText(page.all(.named("title"))) else { return [] }
        return splitParts(text)
    }

    static func splitParts(_ text: String) -> [String] {
        if let parts = asciiParts(text, separators: partSeparators) { return parts }
        var parts = [text]
        for separator in partSeparators {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static let partSeparators = [" | ", " - ", " – ", " — ", " • ", " · "]

    /// The employer as the `<title>` names it outright: "… | Careers at Grindel" → "Grindel",
    /// "Senior Backend Engineer @ Tidewell", "Job Application for Data Scientist at Acme",
    /// "Acme hiring Data Engineer in Austin, TX", "Wyvernet - Data Engineer" (company, then the title).
    static func companyFromTitleTag(_ page: StreamedPage, title: String?, location: String?) -> String? {
        let parts = titleTagParts(page)
        for part in parts {
            for prefix in careerPrefixes where part.hasPrefix(prefix) && part.count > prefix.count {
                let name = String(part.dropFirst(prefix.count))
                // "Lavora con noi", "Work at us": the page is the employer's, its name is elsewhere.
                if !pronouns.contains(name.lowercased()) { return name }
            }
        }
        // hh.ru: "Вакансия … в Москве, работа в компании Яндекс".
        for part in parts {
            if let range = range(of: "работа в компании ", in: part) { return cleanCompany(String(part[range.upperBound...])) }
        }
        guard let title, let first = parts.first else { return nil }
        // "Title at Company", in the languages boards write it.
        let lowerFirst = first.lowercased()
        // Bounds found in the lowercased part name the same bytes of the part while lowercasing
        // keeps its length; "İ" lowercases to two scalars, and then the part is searched itself,
        // without regard to case.
        let found: Range<String.Index>? =
            lowerFirst.utf8.count == first.utf8.count
            ? range(of: title.lowercased(), in: lowerFirst).map { sameBytes(of: $0, from: lowerFirst, in: first) }
            : first.range(of: title, options: .caseInsensitive)
        if let start = found {
            let rest = first[start.upperBound...]
            for joiner in [" at ", " @ ", " chez ", " bei ", " presso "] where rest.lowercased().hasPrefix(joiner) {
                // "… bei Hanseatic Logistik GmbH in Bremen": the place follows the name.
                let name = withoutPlace(String(rest.dropFirst(joiner.count))).name
                if !name.isEmpty, name.count < 60, !looksLikePlace(name), name != location { return name }
            }
        }
        if let hiring = range(of: " hiring ", in: first), first[hiring.upperBound...].hasPrefix(title) {
            return String(first[..<hiring.lowerBound])
        }
        // Company, then title: the last of two parts is the posting's title.
        if parts.count == 2, sameWords(parts[1], title), !sameWords(parts[0], title) {
            return cleanCompany(parts[0])
        }
        return nil
    }

    static let pronouns: Set<String> = ["noi", "us", "nous", "uns", "ons", "nosotros", "nós"]

    /// "Hanseatic Logistik GmbH in Bremen" → ("Hanseatic Logistik GmbH", "Bremen").
    static func withoutPlace(_ text: String) -> (name: String, place: String?) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for joiner in [" in ", " à ", " a "] {
            guard let range = trimmed.range(of: joiner, options: .backwards) else { continue }
            let place = trimmed[range.upperBound...]
            if place.first?.isUppercase == true, !trimmed[..<range.lowerBound].isEmpty {
                return (String(trimmed[..<range.lowerBound]), String(place))
            }
        }
        return (trimmed, nil)
    }

    /// The place a `<title>` names after the title: "Senior Data Engineer bei Acme in Bremen | Board",
    /// "Acme hiring Data Engineer in Austin, Texas, United States | LinkedIn".
    static func locationFromTitleTag(_ page: StreamedPage, title: String?) -> String? {
        guard let title, let first = titleTagParts(page).first, let start = range(of: title, in: first) else { return nil }
        let rest = String(first[start.upperBound...])
        guard rest.hasPrefix(" in ") || contains(rest, " bei ") || contains(rest, " at ") || rest.hasPrefix(" à ") else {
            return nil
        }
        return withoutPlace(rest).place
    }

    /// A name the `<title>` or `og:site_name` offers without saying it is the employer's ("Data
    /// Analyst - Pinecrest Learning"), taken only when the posting's text names it too: a job
    /// board's name is not in the description of the job.
    static func companyNamedInText(_ page: StreamedPage, title: String?, text: String) -> String? {
        var candidates: [String] = []
        let parts = titleTagParts(page)
        if parts.count == 2, let title, sameWords(parts[0], title) { candidates.append(parts[1]) }
        if let site = firstAttribute("content", of: ogSiteName, in: page) { candidates.append(site) }
        for candidate in candidates where candidate.count >= 3 && candidate.count < 60 && contains(text, candidate) {
            if let name = cleanCompany(candidate) { return name }
        }
        return nil
    }

    static let careerPrefixes = [
        "Careers at ", "Jobs at ", "Karriere bei ", "Carrières chez ", "Carrières ", "Work at ", "Join ", "Werken bij ",
        "Lavora con ", "Trabaja en ", "Emplois chez ", "Jobs bei ",
    ]
    /// Parts of a `<title>` that say "careers page", not who the employer is.
    static let careerWords: Set<String> = [
        "careers", "jobs", "karriere", "carrières", "recrutement", "stellenangebote", "vacatures", "採用情報", "求人情報",
        "招聘", "вакансии", "job details", "job description",
    ]

    /// "Senior Data Engineer - Veridane - BuiltHere" → "Veridane": title, company, board; the middle
    /// part names the employer unless it is the location or the kind of contract. On a company's own
    /// careers site ("Title | 採用情報 | Company") the part after the career word is the employer.
    static func companyFromTitleTagParts(_ page: StreamedPage, title: String?, location: String?) -> String? {
        var parts = titleTagParts(page)
        guard parts.count >= 3, let title, sameWords(parts[0], title) || title.hasPrefix(parts[0]) else { return nil }
        if let career = parts.firstIndex(where: { careerWords.contains($0.lowercased()) }), career > 0, career + 1 < parts.count {
            return cleanCompany(parts[career + 1])
        }
        // A title that holds a separator itself ("Sr. Java Developer - Spring Boot") spans several parts.
        let titleParts = splitParts(title)
        let spanned = titleParts.count > 1 && parts.count > titleParts.count
            && zip(parts, titleParts).allSatisfy { sameWords($0, $1) } ? titleParts.count : 1
        parts.removeFirst(spanned)
        guard parts.count >= 2 else { return nil }
        let place = location?.lowercased()
        for part in parts.dropLast() {
            let lower = part.lowercased()
            if contractWords.contains(lower) || place?.hasPrefix(lower) == true || looksLikePlace(part) { continue }
            return part.count < 80 ? cleanCompany(part) : nil
        }
        return nil
    }

    static let contractWords: Set<String> = [
        "contract", "full-time", "full time", "part-time", "part time", "permanent", "temporary", "internship", "remote",
        "hybrid", "cdi", "cdd", "stage", "alternance", "freelance", "vollzeit", "teilzeit", "festanstellung", "h/f", "m/w/d",
    ]

    static func sameWords(_ a: String, _ b: String) -> Bool {
        a.lowercased().split(whereSeparator: \.isWhitespace) == b.lowercased().split(whereSeparator: \.isWhitespace)
    }

    /// "Acme Careers" → "Acme"; a site name without such a word is likely a job board's, not the employer's.
    static func companyFromSiteName(_ name: String) -> String? {
        for suffix in [
            " Careers", " Jobs", " Karriere", " Carrières", " Careers Site", " Job Board", " Recruiting", " Werken bij",
            " Lavora con", " 採用情報", " 招聘", " Vacatures", " Stellenangebote",
        ] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        for prefix in careerPrefixes where name.hasPrefix(prefix) && name.count > prefix.count {
            return String(name.dropFirst(prefix.count))
        }
        return nil
    }

    /// The first non-empty value of an attribute among the elements a test matches (`//…/@name`).
    static func firstAttribute(_ name: String, of match: ElementMatch, in page: StreamedPage) -> String? {
        for element in page.all(match) {
            guard let value = page.attribute(name, of: element) else { continue }
            let text = TextCleaner.collapseWhitespace(value)
            if !text.isEmpty { return text }
        }
        return nil
    }

    /// `text.count > limit`, counting no further than `limit + 1` Characters.
    static func characterCount(_ text: String, exceeds limit: Int) -> Bool {
        if text.utf8.count <= limit { return false }
        return text.index(text.startIndex, offsetBy: limit + 1, limitedBy: text.endIndex) != nil
    }

    /// The text of `<main>`, `<article>` or `role=main` when the page has one, else the whole page.
    static func mainText(_ page: StreamedPage) -> String {
        for match in [ElementMatch.named("main"), .attribute("role", equals: "main"), .named("article")] {
            if let element = page.first(match) {
                let text = page.visibleText(of: element)
                if characterCount(text, exceeds: 80) { return text }
            }
        }
        return page.visibleText()
    }

    /// The page's own headline when a meta title is it plus the company: "Wyvernet - Data Engineer"
    /// with an `<h2>Data Engineer</h2>` → "Data Engineer".
    static func headline(in metaTitle: String, _ heading: String?) -> String? {
        guard let heading, !heading.isEmpty, !sameWords(heading, metaTitle) else { return nil }
        for separator in [" - ", " | ", " – ", " — ", " @ ", " at "] {
            let parts = metaTitle.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count > 1, parts.contains(where: { sameWords($0, heading) }) { return heading }
        }
        return nil
    }

    /// "Senior Data Scientist | Acme Careers" → "Senior Data Scientist".
    static func withoutSiteName(_ title: String) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if let range = range(of: separator, in: title) { return String(title[..<range.lowerBound]) }
        }
        return title
    }

    /// The lines that may state pay, at most eight, best first.
    ///
    /// Lines of the posting itself (from its title down to a "Similar jobs" heading) come first,
    /// those that say salary, pay or compensation before the others; lines outside it come last.
    /// The normaliser takes the first that parses as pay, so a funding round or a bonus on an
    /// earlier line does not hide the salary.
    ///
    /// Works on the text's bytes: an ASCII line is searched byte by byte, which finds exactly what
    /// Foundation's `contains` finds there; a line with other characters goes through `String`.
    static func payLines(in lines: Lines, title: String?) -> String? {
        let titleBytes = title.map { Array($0.utf8) }
        let start = title.flatMap { title in
            (0..<lines.count).first { lines.contains($0, title, bytes: titleBytes!) }
        } ?? 0
        var end = lines.count
        var index = start + 1
        while index < lines.count {
            if lines.isOtherJobsHeading(index) {
                end = index
                break
            }
            index += 1
        }
        var ranked: [(rank: Int, line: Int)] = []
        for index in 0..<lines.count {
            let range = lines.ranges[index]
            guard range.count < 400, lines.hasDigit(index) else { continue }
            let hasPayWord: Bool
            let mayStatePay: Bool
            if lines.isASCII(index) {
                hasPayWord = lines.containsAny(index, asciiPayWords, ignoringCase: true)
                mayStatePay = hasPayWord || lines.bytes[range].contains(0x24)
                    || lines.containsAny(index, asciiISOCodes, ignoringCase: false)
                    || hasThousandsRange(ascii: lines.bytes[range])
            } else {
                (hasPayWord, mayStatePay) = lines.payCues(index)
            }
            guard mayStatePay else { continue }
            let own = index >= start && index < end
            ranked.append(((own ? 0 : 2) + (hasPayWord ? 0 : 1), index))
        }
        // A posting that says its pay is "competitive" or "DOE" states none: the figures of the
        // other postings on the page are not its pay.
        if ranked.contains(where: { $0.rank >= 2 }), (start..<end).contains(where: { lines.statesNoFigure($0) }) {
            ranked.removeAll { $0.rank >= 2 }
        }
        let best = ranked.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .prefix(8).map { lines.withEstimateNote($0.element.line) }
        return best.isEmpty ? nil : best.joined(separator: "\n")
    }

    static let asciiPayWords = ByteNeedles(payWords)
    static let asciiISOCodes = ByteNeedles(isoCodes)

    /// The non-empty lines of a text (as `split(separator: "\n")` gives them), as byte ranges.
    struct Lines {
        let text: String
        let bytes: [UInt8]
        let ranges: [Range<Int>]
        /// Per line: true when all its bytes are ASCII.
        let ascii: [Bool]

        init(_ text: String) {
            self.text = text
            bytes = Array(text.utf8)
            var ranges: [Range<Int>] = []
            var ascii: [Bool] = []
            bytes.withUnsafeBufferPointer { bytes in
                var lineStart = 0
                while lineStart < bytes.count {
                    let lineEnd = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: lineStart) ?? bytes.count
                    if lineEnd > lineStart {
                        ranges.append(lineStart..<lineEnd)
                        ascii.append(ByteSearch.isASCII(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])))
                    }
                    lineStart = lineEnd + 1
                }
            }
            self.ranges = ranges
            self.ascii = ascii
        }

        var count: Int { ranges.count }

        func isASCII(_ line: Int) -> Bool { ascii[line] }

        func substring(_ line: Int) -> Substring {
            let utf8 = text.utf8
            let range = ranges[line]
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            return Substring(utf8[lower..<utf8.index(lower, offsetBy: range.count)])
        }

        /// Whether the line holds `needle` (ASCII) byte for byte, ASCII letters of the line
        /// lowercased first when `ignoringCase` (then `needle` is lowercase).
        func asciiContains(_ line: Int, _ needle: [UInt8], ignoringCase: Bool) -> Bool {
            Lines.contains(bytes[ranges[line]], needle, ignoringCase: ignoringCase)
        }

        /// `line.contains(needle)` as Foundation answers it. An ASCII needle can only be found
        /// where its bytes are, so a line without them needs no `String`.
        func contains(_ line: Int, _ needle: String, bytes needleBytes: [UInt8]) -> Bool {
            let needleIsASCII = !needleBytes.isEmpty && needleBytes.allSatisfy { $0 < 0x80 }
            if needleIsASCII {
                guard asciiContains(line, needleBytes, ignoringCase: false) else { return false }
                if isASCII(line) { return true }
            }
            return TextHeuristics.contains(String(substring(line)), needle)
        }

        static func contains<Bytes: RandomAccessCollection<UInt8>>(_ haystack: Bytes, _ needle: [UInt8], ignoringCase: Bool) -> Bool
        where Bytes.Index == Int {
            guard let first = needle.first else { return true }
            guard haystack.count >= needle.count else { return false }
            let last = haystack.endIndex - needle.count
            var start = haystack.startIndex
            while start <= last {
                var byte = haystack[start]
                if ignoringCase && byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                if byte == first && TextHeuristics.restMatches(needle, in: haystack, at: start, ignoringCase: ignoringCase) {
                    return true
                }
                start += 1
            }
            return false
        }
    }

    /// Foundation's `haystack.contains(needle)`, answered from the bytes where ``CanonicalSearch``
    /// can tell.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        CanonicalSearch.contains(haystack, needle) ?? haystack.contains(needle)
    }

    /// Whether the text holds one of the needles, each as Foundation's `contains` finds it; the
    /// text's bytes are read once for all of them.
    static func containsAny(_ haystack: String, _ needles: [CanonicalSearch.Needle]) -> Bool {
        var text = haystack
        return text.withUTF8 { bytes in
            let profile = CanonicalSearch.Profile(bytes)
            return needles.contains { contains(bytes, profile, $0) }
        }
    }

    /// Foundation's `contains` of a needle in UTF-8 text, answered from the bytes where
    /// ``CanonicalSearch`` can tell.
    static func contains(
        _ text: UnsafeBufferPointer<UInt8>, _ profile: CanonicalSearch.Profile, _ needle: CanonicalSearch.Needle
    ) -> Bool {
        if let answer = CanonicalSearch.contains(text, profile, needle) { return answer }
        return String(decoding: text, as: UTF8.self).contains(needle.text)
    }

    /// Foundation's `text.range(of: needle)`, found in the bytes where ``CanonicalSearch`` can tell.
    /// The range of `other` that covers the same UTF-8 offsets as `range` does in `text`.
    static func sameBytes(of range: Range<String.Index>, from text: String, in other: String) -> Range<String.Index> {
        let lower = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let start = other.utf8.index(other.startIndex, offsetBy: lower)
        return start..<other.utf8.index(start, offsetBy: text.utf8.distance(from: range.lowerBound, to: range.upperBound))
    }

    static func range(of needle: String, in text: String) -> Range<String.Index>? {
        switch CanonicalSearch.firstMatch(of: needle, in: text) {
        case .found(let range):
            let utf8 = text.utf8
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            return lower..<utf8.index(lower, offsetBy: range.count)
        case .absent: return nil
        case .unknown: return text.range(of: needle)
        }
    }

    static let asciiOtherJobsHeadings = ByteNeedles(otherJobsHeadings)

    /// Headings of the blocks of other postings that boards show beside the posting.
    static let otherJobsHeadings = [
        "similar jobs", "related jobs", "people also viewed", "more jobs", "other jobs", "you may also like",
        "recommended jobs", "jobs you may like", "similar positions", "more openings", "ähnliche jobs",
        "offres similaires", "похожие вакансии", "相似职位", "類似の求人", "还看了", "推荐职位", "他の求人",
    ]

    static let currencySymbols: Set<Character> = ["$", "€", "£", "¥", "₹", "₽", "円", "元", "₴", "￥"]
    static let isoCodes = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "INR", "JPY", "CNY", "RUB", "руб", "грн"]

    /// True for a pay line the job board estimated itself ("Glassdoor est.", "Estimated by Indeed").
    /// "Employer est." is the employer's own figure and counts as stated pay.
    static func isEstimate(_ line: String) -> Bool {
        let lower = line.lowercased()
        return !containsAny(lower, employerEstimateWords) && containsAny(lower, estimateWords)
    }

    static let employerEstimateWords = ["employer est", "employer-provided", "employer provided"].map(CanonicalSearch.Needle.init)
    static let estimateWords = [" est.", "(est", "estimated", "estimate", "geschätzt", "estimé"].map(CanonicalSearch.Needle.init)

    static let payWords = [
        "salary", "pay", "compensation", "wage", "rate", "remuneration", "gehalt", "salaire", "rémunération",
        "stipendio", "retribuzione", "зарплата", "оплата", "給", "年収", "薪", "salario", "sueldo", "salaris",
    ]

    static let fullWidthColon = Array("：".utf8)

    /// The value after a label: "Location: New York, NY" → "New York, NY".
    static func labelled(_ labels: [String], in lines: Lines) -> String? {
        for (index, range) in lines.ranges.enumerated() where range.count < 160 && (lines.bytes[range].contains(0x3A)
            || !lines.isASCII(index) && Lines.contains(lines.bytes[range], fullWidthColon, ignoringCase: false)) {
            let line = lines.substring(index)
            // Only short lines with a colon can be "Label: value"; lowercase just those.
            guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { continue }
            let label = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard labels.contains(label) else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty && value.count < 120 { return value }
        }
        return nil
    }
}
