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
        let searchPage = heading.map(isSearchHeading) ?? false
        // The posting's own title element: on a search page, the first heading of the open posting's pane.
        let anchors: [PageElement] =
            searchPage ? paneHeadings(page) : heading == nil ? page.first(.named("h2")).map { [$0] } ?? [] : headingOnes
        if raw.title == nil, searchPage, let title = page.firstText(anchors) {
            // Boards add a visually hidden "- job post" for screen readers.
            raw.title = title.hasSuffix("- job post") ? String(title.dropLast("- job post".count)).trimmingCharacters(in: .whitespaces) : title
            raw.origins["title"] = .text
        }
        if raw.title == nil, !searchPage {
            if let title = heading {
                raw.title = title
                raw.origins["title"] = .text
            } else if let title = firstAttribute("content", of: ogTitle, in: page)
                ?? page.firstText(page.all(.named("title"))).map(withoutSiteName)
            {
                raw.title = title
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
        let lines = Lines(main)
        if raw.structuredPay == nil && raw.salaryText == nil, let payLines = payLines(in: lines, title: raw.title) {
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
        guard raw.location == nil || raw.company == nil else { return }
        // One walk over the elements after the posting's title answers every "what is near it" question.
        let nearby = anchors.first.map { page.elements(after: $0, limit: 400) } ?? []
        let locationLabels = ["location", "standort", "lieu", "sede", "ort", "ubicación", "arbeitsort", "localisation", "job location"]
        if raw.location == nil, let location = labelledElement(page, nearby, locationLabels)
            ?? labelled(locationLabels, in: lines) ?? nearTitle(page, nearby, classContaining: ["location", "jobloc", "job-loc"])
        {
            raw.location = location
            raw.origins["location"] = .text
        }
        let companyLabels = ["company", "employer", "unternehmen", "entreprise", "arbeitgeber", "organisation", "organization"]
        if raw.company == nil, let company = companyFromTitleTag(page, title: raw.title)
            ?? labelledElement(page, nearby, companyLabels) ?? labelled(companyLabels, in: lines)
            ?? nearTitle(page, nearby, classContaining: ["company", "employer", "hiring-org", "org-name"])
            ?? beforeTitle(page, anchors: anchors, classContaining: companyClasses)
            ?? firstAttribute("content", of: ogSiteName, in: page).flatMap(companyFromSiteName)
        {
            raw.company = company
            raw.origins["company"] = .meta
        }
    }

    static let companyClasses = ElementMatch.anyOf(
        ["company", "employer", "hiring-org", "org-name"].map { ElementMatch.attribute("class", containsLowercased: $0) })

    /// The first short text after the posting's title in an element whose class names the field:
    /// the posting's own detail comes right after its title, other postings' cards elsewhere.
    static func nearTitle(_ page: StreamedPage, _ nearby: [PageElement], classContaining words: [String]) -> String? {
        let hints = HintWords(words)
        for element in nearby where page.hints(of: element, contain: hints) {
            if let text = page.shortText(of: element) { return text }
        }
        return nil
    }

    /// The same, among the 200 elements before the title (a company name above it): the earliest
    /// in the document of those that match, as `(anchor/preceding::*[position() <= 200][test])[1]`.
    static func beforeTitle(_ page: StreamedPage, anchors: [PageElement], classContaining match: ElementMatch) -> String? {
        var earliest: PageElement?
        for anchor in anchors {
            for element in page.preceding(anchor, limit: 200) where page.matches(element, match) {
                if earliest.map({ element < $0 }) ?? true { earliest = element }
            }
        }
        guard let earliest, let text = page.firstText([earliest]), text.count > 1, text.count < 80 else { return nil }
        return text
    }

    /// The text of the element right after a label element ("<span>Location</span><span>Hyderabad</span>",
    /// "<dt>Standort</dt><dd>…</dd>", "<th>Company</th><td>…</td>") among those after the title; a
    /// search page's filter chips, before it, say "Company" or "Location" too.
    static func labelledElement(_ page: StreamedPage, _ nearby: [PageElement], _ labels: [String]) -> String? {
        for element in nearby {
            guard let own = page.ownText(of: element, under: 30), !own.isEmpty else { continue }
            var label = own.lowercased()
            if label.hasSuffix(":") { label.removeLast() }
            guard labels.contains(label), let sibling = page.nextSibling(of: element),
                let value = page.shortText(of: sibling), !value.isEmpty, value.count < 100,
                !labels.contains(value.lowercased())
            else { continue }
            return value
        }
        return nil
    }

    /// "Senior Data Engineer - Veridane - BuiltHere" → "Veridane"; "… | Careers at Grindel" → "Grindel".
    static func companyFromTitleTag(_ page: StreamedPage, title: String?) -> String? {
        guard let text = page.firstText(page.all(.named("title"))) else { return nil }
        var parts = [text]
        for separator in [" | ", " - ", " – ", " — "] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        parts = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for part in parts {
            for prefix in ["Careers at ", "Jobs at ", "Karriere bei ", "Carrières chez ", "Work at ", "Join "]
            where part.hasPrefix(prefix) {
                return String(part.dropFirst(prefix.count))
            }
        }
        // Title, company, board: the middle part names the employer.
        guard parts.count >= 3, let title,
            TextHeuristics.sameWords(parts[0], title) || title.hasPrefix(parts[0])
        else { return nil }
        return parts[1].count < 80 ? parts[1] : nil
    }

    static func sameWords(_ a: String, _ b: String) -> Bool {
        a.lowercased().split(whereSeparator: \.isWhitespace) == b.lowercased().split(whereSeparator: \.isWhitespace)
    }

    /// "Acme Careers" → "Acme"; a site name without such a word is likely a job board's, not the employer's.
    static func companyFromSiteName(_ name: String) -> String? {
        for suffix in [" Careers", " Jobs", " Karriere", " Carrières", " Careers Site", " Job Board", " Recruiting"]
        where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
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

    /// "Senior Data Scientist | Acme Careers" → "Senior Data Scientist".
    static func withoutSiteName(_ title: String) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if let range = title.range(of: separator) { return String(title[..<range.lowerBound]) }
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
            guard range.count < 400, lines.bytes[range].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { continue }
            let hasPayWord: Bool
            let mayStatePay: Bool
            if lines.isASCII(index) {
                hasPayWord = asciiPayWords.contains { lines.asciiContains(index, $0, ignoringCase: true) }
                mayStatePay = hasPayWord || lines.bytes[range].contains(0x24)
                    || asciiISOCodes.contains { lines.asciiContains(index, $0, ignoringCase: false) }
            } else {
                let line = lines.substring(index)
                let lower = line.lowercased()
                hasPayWord = payWords.contains(where: lower.contains)
                mayStatePay = hasPayWord || line.contains(where: currencySymbols.contains) || isoCodes.contains(where: line.contains)
            }
            guard mayStatePay else { continue }
            let own = index >= start && index < end
            ranked.append(((own ? 0 : 2) + (hasPayWord ? 0 : 1), index))
        }
        let best = ranked.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .prefix(8).map { lines.substring($0.element.line) }
        return best.isEmpty ? nil : best.joined(separator: "\n")
    }

    static let asciiPayWords = payWords.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
    static let asciiISOCodes = isoCodes.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }

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
            var lineStart = 0
            var lineIsASCII = true
            bytes.withUnsafeBufferPointer { bytes in
                for position in 0..<bytes.count {
                    let byte = bytes[position]
                    if byte == 0x0A {
                        if position > lineStart {
                            ranges.append(lineStart..<position)
                            ascii.append(lineIsASCII)
                        }
                        lineStart = position + 1
                        lineIsASCII = true
                    } else if byte >= 0x80 {
                        lineIsASCII = false
                    }
                }
            }
            if bytes.count > lineStart {
                ranges.append(lineStart..<bytes.count)
                ascii.append(lineIsASCII)
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
            return substring(line).contains(needle)
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
                if byte == first {
                    var offset = 1
                    while offset < needle.count {
                        var next = haystack[start + offset]
                        if ignoringCase && next >= 0x41 && next <= 0x5A { next += 0x20 }
                        if next != needle[offset] { break }
                        offset += 1
                    }
                    if offset == needle.count { return true }
                }
                start += 1
            }
            return false
        }

        /// A short line that names a block of other postings ("Similar jobs").
        func isOtherJobsHeading(_ line: Int) -> Bool {
            let range = ranges[line]
            if isASCII(line) {
                return range.count < 60
                    && asciiOtherJobsHeadings.contains { asciiContains(line, $0, ignoringCase: true) }
            }
            let line = substring(line)
            guard line.index(line.startIndex, offsetBy: 60, limitedBy: line.endIndex) == nil else { return false }
            let lower = line.lowercased()
            return otherJobsHeadings.contains { lower.contains($0) }
        }
    }

    /// Foundation's `haystack.contains(needle)`, answered from the bytes when that is the same:
    /// an ASCII needle is only ever found where its bytes are, and in ASCII text exactly there.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        guard !needle.isEmpty, needle.utf8.allSatisfy({ $0 < 0x80 }) else { return haystack.contains(needle) }
        var haystack = haystack
        let (found, ascii) = haystack.withUTF8 { bytes in
            (Lines.contains(bytes[...], Array(needle.utf8), ignoringCase: false), !bytes.contains { $0 >= 0x80 })
        }
        if !found { return false }
        return ascii || haystack.contains(needle)
    }

    static let asciiOtherJobsHeadings = otherJobsHeadings.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }

    /// Headings of the blocks of other postings that boards show beside the posting.
    static let otherJobsHeadings = [
        "similar jobs", "related jobs", "people also viewed", "more jobs", "other jobs", "you may also like",
        "recommended jobs", "jobs you may like", "similar positions", "more openings", "ähnliche jobs",
        "offres similaires", "похожие вакансии", "相似职位", "類似の求人",
    ]

    static let currencySymbols: Set<Character> = ["$", "€", "£", "¥", "₹", "₽", "円", "元", "₴", "￥"]
    static let isoCodes = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "INR", "JPY", "CNY", "RUB", "руб", "грн"]

    /// True for a pay line the job board estimated itself ("Glassdoor est.", "Estimated by Indeed").
    /// "Employer est." is the employer's own figure and counts as stated pay.
    static func isEstimate(_ line: String) -> Bool {
        let lower = line.lowercased()
        if contains(lower, "employer est") || contains(lower, "employer-provided") || contains(lower, "employer provided") {
            return false
        }
        return contains(lower, " est.") || contains(lower, "(est") || contains(lower, "estimated") || contains(lower, "estimate")
            || lower.contains("geschätzt") || lower.contains("estimé")
    }

    static let payWords = [
        "salary", "pay", "compensation", "wage", "rate", "remuneration", "gehalt", "salaire", "rémunération",
        "stipendio", "retribuzione", "зарплата", "оплата", "給", "年収", "薪", "salario", "sueldo", "salaris",
    ]

    /// The value after a label: "Location: New York, NY" → "New York, NY".
    static func labelled(_ labels: [String], in lines: Lines) -> String? {
        for (index, range) in lines.ranges.enumerated() where range.count < 160 && lines.bytes[range].contains(0x3A) {
            let line = lines.substring(index)
            // Only short lines with a colon can be "Label: value"; lowercase just those.
            guard let colon = line.firstIndex(of: ":") else { continue }
            let label = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard labels.contains(label) else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty && value.count < 120 { return value }
        }
        return nil
    }
}
