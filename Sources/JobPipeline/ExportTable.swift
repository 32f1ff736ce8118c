import JobModel
import JobReport
import JobStore

/// The stored postings as one CSV table: the extract object's fields flattened, plus history.
public enum ExportTable {
    public static let columns = [
        "fingerprint", "source", "url", "title", "canonical_title", "role", "level", "company", "industry", "location",
        "remote", "employment_type", "date_posted", "salary_min", "salary_max", "salary_currency", "salary_period",
        "annual_min_usd", "annual_max_usd", "salary_source", "skills", "education", "certifications", "extracted_from",
        "first_seen", "last_seen",
    ]

    public static func table(_ stored: [StoredPosting]) -> CSVTable {
        var table = CSVTable(header: columns)
        for item in stored {
            let posting = item.posting
            let salary = posting.salary
            table.append([
                .text(posting.fingerprint), .text(item.source), .text(posting.url ?? ""), .text(posting.title ?? ""),
                .text(posting.canonicalTitle ?? ""), .text(posting.role ?? ""), .text(posting.level?.rawValue ?? ""),
                .text(posting.company ?? ""), .text(posting.industry?.rawValue ?? ""), .text(posting.location ?? ""),
                posting.remote.map(CSVCell.bool) ?? .empty, .text(posting.employmentType ?? ""),
                .text(posting.datePosted ?? ""), .money(salary?.stated.min), .money(salary?.stated.max),
                .text(salary?.stated.currency ?? ""), .text(salary?.stated.period.rawValue ?? ""),
                .money(salary?.annualMinUSD), .money(salary?.annualMaxUSD), .text(salary?.source.rawValue ?? ""),
                .text(posting.skills.joined(separator: "; ")), .text(posting.education.joined(separator: "; ")),
                .text(posting.certifications.joined(separator: "; ")), .text(posting.extractedFrom ?? ""),
                .text(item.firstSeen), .text(item.lastSeen),
            ])
        }
        return table
    }
}
