import Foundation

/// A request waiting for a transfer slot.
struct FetchRequest: Sendable {
    let url: String
    let host: String
    let headers: [String: String]

    init?(url: String, headers: [String: String]) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            ["http", "https", "file"].contains(scheme)
        else { return nil }
        self.url = url
        self.host = scheme == "file" ? "" : (components.host ?? "").lowercased()
        self.headers = headers
    }
}
