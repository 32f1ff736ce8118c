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
        if raw.structuredPay == nil && raw.salaryText == nil, let lines = payLines(in: main) {
            raw.salaryText = lines
            raw.origins["salary"] = .text
        }
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

    /// The lines that may state pay, those that say salary, pay or compensation first, at most eight.
    ///
    /// The normaliser takes the first that parses as pay, so a funding round or a bonus on an
    /// earlier line does not hide the salary.
    static func payLines(in text: String) -> String? {
        var preferred: [Substring] = []
        var others: [Substring] = []
        for line in text.split(separator: "\n") where line.utf8.count < 400 && line.contains(where: \.isNumber) {
            let lower = line.lowercased()
            let hasPayWord = payWords.contains(where: lower.contains)
            guard hasPayWord || line.contains(where: currencySymbols.contains) || isoCodes.contains(where: line.contains)
            else { continue }
            if hasPayWord { preferred.append(line) } else { others.append(line) }
        }
        let lines = (preferred + others).prefix(8)
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    static let currencySymbols: Set<Character> = ["$", "€", "£", "¥", "₹", "₽", "円", "元", "₴", "￥"]
    static let isoCodes = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "INR", "JPY", "CNY", "RUB", "руб", "грн"]

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
