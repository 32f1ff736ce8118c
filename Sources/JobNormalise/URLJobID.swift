import Foundation

/// A job board's own id for a posting, read from its URL.
///
/// Query parameters that boards use for job ids (`jk`, `gh_jid`, `jobId`, `currentJobId`, …), else
/// the last path segment when it is a number of four or more digits, a UUID, or starts with one
/// ("/jobs/4567890", "/jobs/4567890-senior-data-scientist", "/o/8c9d…-…").
public enum URLJobID {
    static let parameters: Set<String> = [
        "jk", "gh_jid", "jobid", "job_id", "currentjobid", "jid", "vjk", "reqid", "req_id", "requisitionid",
        "postingid", "posting_id", "vacancyid", "vacancy_id", "jobpostingid",
    ]

    public static func of(_ url: String?) -> String? {
        guard let url, let components = URLComponents(string: url) else { return nil }
        for item in components.queryItems ?? [] where parameters.contains(item.name.lowercased()) {
            if let value = item.value, !value.isEmpty { return value }
        }
        guard let last = components.path.split(separator: "/").last else { return nil }
        let segment = last.hasSuffix(".html") ? last.dropLast(5) : last
        let leadingDigits = segment.prefix { $0.isNumber }
        if leadingDigits.count >= 4 && (leadingDigits.count == segment.count || segment.dropFirst(leadingDigits.count).first == "-") {
            return String(leadingDigits)
        }
        if isUUID(segment.prefix(36)) { return String(segment.prefix(36)).lowercased() }
        return nil
    }

    static func isUUID(_ text: Substring) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
