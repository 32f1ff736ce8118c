import Foundation
import JobHTML
import JobModel

/// Why a page yielded no posting.
public enum ExtractError: Error, Equatable, Sendable {
    case unreadable(String)
    case noPosting
}

extension ExtractError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unreadable(reason): "unreadable page: \(reason)"
        case .noPosting: "no job posting found on the page"
        }
    }
}

/// Reads one posting off a page, in order of trust: JSON-LD, microdata, the source's XPath
/// fields, then the visible text. Each field records where it came from.
public struct PostingExtractor: Sendable {
    /// XPath overrides by field name: `title`, `company`, `location`, `salary`, `description`.
    public var fields: [String: String]

    public init(fields: [String: String] = [:]) {
        self.fields = fields
    }

    /// Extracts the posting of a page.
    ///
    /// - Parameters:
    ///   - bytes: the page as received.
    ///   - url: where it came from.
    ///   - contentType: the HTTP `Content-Type`, whose charset is trusted first.
    /// - Returns: the raw posting and the reasons any JSON-LD block was skipped.
    public func extract(
        bytes: [UInt8], url: String? = nil, contentType: String? = nil
    ) throws(ExtractError) -> (posting: RawPosting, skipped: [String]) {
        // One streaming pass collects what every step below reads; libxml2's tree is built only
        // for a source whose config names XPath fields.
        let page: StreamedPage
        do {
            page = try StreamedPage(bytes: bytes, contentType: contentType)
        } catch {
            throw .unreadable(error.description)
        }
        var raw = RawPosting()
        var skipped: [String] = []

        let scripts = page.all(Self.jsonLDScript).map(page.text(of:))
        // The first JobPosting is the page's own; later ones are usually "similar jobs" and must
        // not fill the gaps of the page's own posting.
        for script in scripts {
            switch JSONLD.parse(script) {
            case let .success(value):
                if let posting = JSONLD.jobPostings(in: value).first {
                    JobPostingFields.apply(posting, to: &raw, origin: .jsonld)
                }
            case let .failure(skip):
                skipped.append(skip.reason)
            }
            if raw.origins["title"] == .jsonld { break }
        }
        let items = page.microdataItems()
        if let item = items.first(where: { $0.typeName == "JobPosting" }) ?? Self.nestedJobPosting(items) {
            MicrodataFields.apply(item, to: &raw)
        }
        if !fields.isEmpty, let document = try? HTMLDocument(bytes: bytes, url: url, contentType: contentType) {
            applySelectors(document, to: &raw)
        }
        TextHeuristics.apply(page, to: &raw)
        guard raw.title != nil || raw.structuredPay != nil || raw.salaryText != nil else { throw .noPosting }
        return (raw, skipped)
    }

    /// `//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]`
    static let jsonLDScript = ElementMatch.allOf([.named("script"), .attribute("type", containsLowercased: "ld+json")])

    /// A JobPosting item nested inside another item (a WebPage's mainEntity).
    private static func nestedJobPosting(_ items: [MicrodataItem]) -> MicrodataItem? {
        var stack = items
        while let item = stack.popLast() {
            if item.typeName == "JobPosting" { return item }
            for property in item.properties {
                if case let .item(nested) = property.value { stack.append(nested) }
            }
        }
        return nil
    }

    private func applySelectors(_ document: HTMLDocument, to raw: inout RawPosting) {
        for (field, expression) in fields.sorted(by: { $0.key < $1.key }) {
            guard raw.origins[field] == nil || field == "salary" && raw.structuredPay == nil else { continue }
            guard let value = try? document.firstText(expression) else { continue }
            switch field {
            case "title": raw.title = value
            case "company": raw.company = value
            case "location": raw.location = value
            case "industry": raw.industry = value
            case "salary": raw.salaryText = value
            case "description": raw.description = (try? document.visibleText(of: expression)) ?? value
            case "datePosted", "date_posted": raw.datePosted = value
            default: continue
            }
            raw.origins[field == "date_posted" ? "datePosted" : field] = .selector
        }
    }
}
