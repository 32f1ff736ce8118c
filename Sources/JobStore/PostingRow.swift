import Foundation
import GRDB
import JobModel

/// Maps a posting to and from a row of the `postings` table.
package enum PostingRow {
    /// The column list and placeholders both statements share.
    private static let insertHead = """
        INSERT INTO postings (
            fingerprint, source, url, title, canonical_title, role, level, company, industry, location, remote,
            employment_type, date_posted, salary_min, salary_max, salary_currency, salary_period, annual_min_usd,
            annual_max_usd, salary_source, salary_estimate, skills, education, certifications, extracted_from,
            first_seen, last_seen, first_run, last_run, closed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
        """

    /// Inserts a posting unless its fingerprint is stored: one row changed means it is new. Two
    /// writers racing on one posting see one insert and one no-op, so it is counted new once.
    package static let insertSQL = insertHead + "\n" + """
        ON CONFLICT(fingerprint) DO NOTHING
        """

    package static let upsertSQL = insertHead + "\n" + """
        ON CONFLICT(fingerprint) DO UPDATE SET
            source = excluded.source, url = excluded.url, title = excluded.title,
            canonical_title = excluded.canonical_title, role = excluded.role, level = excluded.level,
            company = excluded.company, industry = excluded.industry, location = excluded.location,
            remote = excluded.remote, employment_type = excluded.employment_type, date_posted = excluded.date_posted,
            salary_min = excluded.salary_min, salary_max = excluded.salary_max,
            salary_currency = excluded.salary_currency, salary_period = excluded.salary_period,
            annual_min_usd = excluded.annual_min_usd, annual_max_usd = excluded.annual_max_usd,
            salary_source = excluded.salary_source, salary_estimate = excluded.salary_estimate,
            skills = excluded.skills, education = excluded.education, certifications = excluded.certifications,
            extracted_from = excluded.extracted_from, last_seen = excluded.last_seen, last_run = excluded.last_run,
            closed_at = NULL, closed_run = NULL, missed_runs = 0
        """

    /// The upsert's parameters, in the order of `upsertSQL`.
    package static func values(_ posting: Posting, source: String, run: Int64, date: String) -> [SQLValue?] {
        let salary = posting.salary
        let text: (String?) -> SQLValue? = { $0.map(SQLValue.text) }
        let real: (Double?) -> SQLValue? = { $0.map(SQLValue.real) }
        return [
            .text(posting.fingerprint), .text(source), text(posting.url), text(posting.title),
            text(posting.canonicalTitle), text(posting.role), text(posting.level?.rawValue), text(posting.company),
            text(posting.industry?.rawValue), text(posting.location), posting.remote.map(SQLValue.init),
            text(posting.employmentType), text(posting.datePosted), real(salary?.stated.min), real(salary?.stated.max),
            text(salary?.stated.currency), text(salary?.stated.period.rawValue), real(salary?.annualMinUSD),
            real(salary?.annualMaxUSD), text(salary?.source.rawValue), SQLValue(salary?.isEstimate ?? false),
            .text(json(posting.skills)), .text(json(posting.education)), .text(json(posting.certifications)),
            text(posting.extractedFrom), .text(date), .text(date), .integer(run), .integer(run),
        ]
    }

    /// A JSON array of strings, written by hand: JSONEncoder costs more than the whole upsert.
    static func json(_ list: [String]) -> String { JSONString.array(list) }

    static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    package static func decode(_ row: some StoreRow) -> StoredPosting {
        var salary: Salary?
        if let currency = row.string("salary_currency"), let periodName = row.string("salary_period"),
            let period = PayPeriod(rawValue: periodName)
        {
            salary = Salary(
                stated: StatedPay(min: row.double("salary_min"), max: row.double("salary_max"), currency: currency, period: period),
                annualMinUSD: row.double("annual_min_usd"), annualMaxUSD: row.double("annual_max_usd"),
                source: SalarySource(rawValue: row.string("salary_source") ?? "") ?? .text,
                isEstimate: row.bool("salary_estimate") ?? false)
        }
        let posting = Posting(
            url: row.string("url"), title: row.string("title"), canonicalTitle: row.string("canonical_title"),
            role: row.string("role"),
            level: row.string("level").flatMap(Level.init(rawValue:)), company: row.string("company"),
            industry: row.string("industry").flatMap(Industry.init(rawValue:)), location: row.string("location"),
            remote: row.bool("remote"), employmentType: row.string("employment_type"), datePosted: row.string("date_posted"),
            salary: salary, skills: list(row.string("skills")), education: list(row.string("education")),
            certifications: list(row.string("certifications")), extractedFrom: row.string("extracted_from"),
            fingerprint: row.string("fingerprint") ?? "")
        return StoredPosting(
            posting: posting, source: row.string("source") ?? "", firstSeen: row.string("first_seen") ?? "",
            lastSeen: row.string("last_seen") ?? "",
            closedAt: row.string("closed_at"))
    }
}
