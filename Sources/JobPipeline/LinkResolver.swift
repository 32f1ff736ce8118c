import Foundation

/// Turns the links found on a listing page into the canonical URLs to fetch.
public enum LinkResolver {
    /// Query parameters that only track the click and never change the page.
    static let trackingParameters: Set<String> = [
        "gclid", "fbclid", "msclkid", "dclid", "yclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid", "ref_src",
        "trk", "trackingid", "src",
    ]

    /// Resolves `link` against `base`, drops the fragment and tracking parameters.
    /// - Returns: nil for links that are not http, https or file, or cannot be parsed.
    public static func resolve(_ link: String, against base: String) -> String? {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#"),
            let baseURL = URL(string: base), let url = URL(string: trimmed, relativeTo: baseURL)?.absoluteURL,
            var components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let scheme = components.scheme?.lowercased(), ["http", "https", "file"].contains(scheme)
        else { return nil }
        components.fragment = nil
        components.scheme = scheme
        components.host = components.host?.lowercased()
        if let items = components.queryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
            }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        return components.string
    }

    /// The host of a URL, lowercased; empty for file URLs.
    public static func host(of url: String) -> String {
        URLComponents(string: url)?.host?.lowercased() ?? ""
    }

    /// `scheme://host[:port]` of an http(s) URL, the unit of politeness and robots.txt; `file:` for
    /// file URLs.
    public static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else { return "" }
        guard let host = components.host?.lowercased(), !host.isEmpty else { return scheme + ":" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
