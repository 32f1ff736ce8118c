import JobModel
import JobNormalise

/// The JSON objects of the command-line contracts (DESIGN.md): every key always present.
public enum PostingJSON {
    /// The `extract` object for a posting.
    public static func object(file: String?, posting: Posting) -> [(String, JSONValue)] {
        [
            ("file", .string(file)), ("url", .string(posting.url)), ("title", .string(posting.title)),
            ("canonical_title", .string(posting.canonicalTitle)), ("role", .string(posting.role)),
            ("level", .string(posting.level?.rawValue)), ("company", .string(posting.company)),
            ("industry", .string(posting.industry?.rawValue)), ("location", .string(posting.location)),
            ("remote", .bool(posting.remote)), ("employment_type", .string(posting.employmentType)),
            ("date_posted", .string(posting.datePosted)), ("salary", salary(posting.salary)),
            ("skills", .strings(posting.skills)), ("education", .strings(posting.education)),
            ("certifications", .strings(posting.certifications)), ("extracted_from", .string(posting.extractedFrom)),
        ]
    }

    /// The `extract` object of a file that yielded no posting.
    public static func failure(file: String, url: String?, error: String) -> [(String, JSONValue)] {
        let keys = [
            "title", "canonical_title", "role", "level", "company", "industry", "location", "remote",
            "employment_type", "date_posted", "salary",
        ]
        return [("file", .string(file)), ("url", .string(url))] + keys.map { ($0, JSONValue.null) } + [
            ("skills", .array([])), ("education", .array([])), ("certifications", .array([])),
            ("extracted_from", .null), ("error", .string(error)),
        ]
    }

    public static func salary(_ salary: Salary?) -> JSONValue {
        guard let salary else { return .null }
        let stated = salary.stated
        var pairs: [(String, JSONValue)] = [
            ("min", .number(stated.min)), ("max", .number(stated.max)), ("currency", .string(stated.currency)),
            ("period", .string(stated.period.rawValue)), ("annual_min", .number(stated.annualMin)),
            ("annual_max", .number(stated.annualMax)), ("annual_min_usd", .number(salary.annualMinUSD)),
            ("annual_max_usd", .number(salary.annualMaxUSD)), ("source", .string(salary.source.rawValue)),
        ]
        if salary.isEstimate { pairs.append(("estimate", .bool(true))) }
        return .object(pairs)
    }

    /// The `salary` command's object for one input text.
    public static func salaryLine(text: String, parsed: ParsedSalary?) -> JSONValue {
        let stated = parsed?.stated
        return .object([
            ("text", .string(text)), ("min", .number(stated?.min)), ("max", .number(stated?.max)),
            ("currency", .string(stated?.currency)), ("period", .string(stated?.period.rawValue)),
            ("annual_min", .number(stated?.annualMin)), ("annual_max", .number(stated?.annualMax)),
        ])
    }
}
