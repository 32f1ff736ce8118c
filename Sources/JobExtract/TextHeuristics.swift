import Foundation
import JobHTML
import JobModel

/// Fills what structured data left empty from what a reader sees on the page.
enum TextHeuristics {
    static func apply(_ document: HTMLDocument, to raw: inout RawPosting) {
        if raw.title == nil {
            if let title = firstText(document, "//h1") {
                raw.title = title
                raw.origins["title"] = .text
            } else if let title = firstText(document, "//meta[@property='og:title' or @name='og:title']/@content")
                ?? firstText(document, "//title").map(withoutSiteName)
            {
                raw.title = title
                raw.origins["title"] = .meta
            }
        }
        let main = mainText(document)
        if raw.description == nil, !main.isEmpty {
            raw.description = main
            raw.origins["description"] = .text
        }
        if raw.structuredPay == nil && raw.salaryText == nil, let lines = payLines(in: main, title: raw.title) {
            // A board's own estimate is kept apart; the employer's pay is what remains.
            let split = lines.split(separator: "\n").map(String.init)
            let estimates = split.filter(isEstimate)
            let stated = split.filter { !isEstimate($0) }
            if !estimates.isEmpty && raw.estimateText == nil { raw.estimateText = estimates.joined(separator: "\n") }
            guard !stated.isEmpty else { return finishText(document, main: main, raw: &raw) }
            raw.salaryText = stated.joined(separator: "\n")
            raw.origins["salary"] = .text
        }
        finishText(document, main: main, raw: &raw)
    }

    private static func finishText(_ document: HTMLDocument, main: String, raw: inout RawPosting) {
        if raw.location == nil, let location = labelled(["location", "standort", "lieu", "sede", "ort"], in: main) {
            raw.location = location
            raw.origins["location"] = .text
        }
        if raw.company == nil,
            let company = firstText(document, "//meta[@property='og:site_name']/@content")
        {
            raw.company = company
            raw.origins["company"] = .meta
        }
    }

    private static func firstText(_ document: HTMLDocument, _ expression: String) -> String? {
        (try? document.firstText(expression)) ?? nil
    }

    /// The text of `<main>`, `<article>` or `role=main` when the page has one, else the whole page.
    static func mainText(_ document: HTMLDocument) -> String {
        for expression in ["//main", "//*[@role='main']", "//article"] {
            if let text = (try? document.visibleText(of: expression)) ?? nil, text.count > 80 { return text }
        }
        return document.visibleText()
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
    static func payLines(in text: String, title: String?) -> String? {
        let lines = text.split(separator: "\n")
        let start = title.flatMap { title in lines.firstIndex { $0.contains(title) } } ?? 0
        let end = lines[start...].dropFirst().firstIndex { line in
            let lower = line.lowercased()
            return line.count < 60 && otherJobsHeadings.contains { lower.contains($0) }
        } ?? lines.endIndex
        var ranked: [(rank: Int, line: Substring)] = []
        for (index, line) in lines.enumerated() where line.utf8.count < 400 && line.contains(where: \.isNumber) {
            let lower = line.lowercased()
            let hasPayWord = payWords.contains(where: lower.contains)
            guard hasPayWord || line.contains(where: currencySymbols.contains) || isoCodes.contains(where: line.contains)
            else { continue }
            let own = index >= start && index < end
            ranked.append(((own ? 0 : 2) + (hasPayWord ? 0 : 1), line))
        }
        let best = ranked.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .prefix(8).map(\.element.line)
        return best.isEmpty ? nil : best.joined(separator: "\n")
    }

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
        if lower.contains("employer est") || lower.contains("employer-provided") || lower.contains("employer provided") {
            return false
        }
        return lower.contains(" est.") || lower.contains("(est") || lower.contains("estimated") || lower.contains("estimate")
            || lower.contains("geschätzt") || lower.contains("estimé")
    }

    static let payWords = [
        "salary", "pay", "compensation", "wage", "rate", "remuneration", "gehalt", "salaire", "rémunération",
        "stipendio", "retribuzione", "зарплата", "оплата", "給", "年収", "薪", "salario", "sueldo", "salaris",
    ]

    /// The value after a label: "Location: New York, NY" → "New York, NY".
    static func labelled(_ labels: [String], in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let lower = line.lowercased()
            for label in labels where lower.hasPrefix(label + ":") || lower.hasPrefix(label + " :") {
                let value = line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
                if !value.isEmpty && value.count < 120 { return value }
            }
        }
        return nil
    }
}
