import Foundation
import GRDB
import JobModel

/// Maps a posting to and from a row of the `postings` table.
enum PostingRow {
    static let upsertSQL = """
        INSERT INTO postings (
            fingerprint, source, url, title, canonical_title, role, level, company, industry, location, remote,
            employment_type, date_posted, salary_min, salary_max, salary_currency, salary_period, annual_min_usd,
            annual_max_usd, salary_source, salary_estimate, skills, education, certifications, extracted_from,
            first_seen, last_seen, first_run, last_run, closed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
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

    static func arguments(_ posting: Posting, source: String, run: Int64, date: String) -> StatementArguments {
        let salary = posting.salary
        let values: [(any DatabaseValueConvertible)?] = [
            posting.fingerprint, source, posting.url, posting.title, posting.canonicalTitle, posting.role,
            posting.level?.rawValue, posting.company, posting.industry?.rawValue, posting.location, posting.remote,
            posting.employmentType, posting.datePosted, salary?.stated.min, salary?.stated.max,
            salary?.stated.currency, salary?.stated.period.rawValue, salary?.annualMinUSD, salary?.annualMaxUSD,
            salary?.source.rawValue, salary?.isEstimate ?? false, json(posting.skills), json(posting.education),
            json(posting.certifications), posting.extractedFrom, date, date, run, run,
        ]
        return StatementArguments(values)
    }

    /// A JSON array of strings, written by hand: JSONEncoder costs more than the whole upsert.
    static func json(_ list: [String]) -> String { JSONString.array(list) }

    static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    static func decode(_ row: Row) -> StoredPosting {
        var salary: Salary?
        if let currency: String = row["salary_currency"], let periodName: String = row["salary_period"],
            let period = PayPeriod(rawValue: periodName)
        {
            salary = Salary(
                stated: StatedPay(min: row["salary_min"], max: row["salary_max"], currency: currency, period: period),
                annualMinUSD: row["annual_min_usd"], annualMaxUSD: row["annual_max_usd"],
                source: SalarySource(rawValue: row["salary_source"] ?? "") ?? .text,
                isEstimate: row["salary_estimate"] ?? false)
        }
        let posting = Posting(
            url: row["url"], title: row["title"], canonicalTitle: row["canonical_title"], role: row["role"],
            level: (row["level"] as String?).flatMap(Level.init(rawValue:)), company: row["company"],
            industry: (row["industry"] as String?).flatMap(Industry.init(rawValue:)), location: row["location"],
            remote: row["remote"], employmentType: row["employment_type"], datePosted: row["date_posted"],
            salary: salary, skills: list(row["skills"]), education: list(row["education"]),
            certifications: list(row["certifications"]), extractedFrom: row["extracted_from"],
            fingerprint: row["fingerprint"])
        return StoredPosting(
            posting: posting, source: row["source"], firstSeen: row["first_seen"], lastSeen: row["last_seen"],
            closedAt: row["closed_at"])
    }
}
