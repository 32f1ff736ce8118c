/// A request waiting for a transfer slot.
struct FetchRequest: Sendable {
    let url: String
    /// Lowercased host, the key of per-host limits; empty for file URLs.
    let host: String
    let headers: [String: String]

    /// Accepts http, https and file URLs; reads scheme and host without Foundation, since this
    /// runs for every request.
    init?(url: String, headers: [String: String]) {
        let utf8 = Array(url.utf8.prefix(2048))
        guard let colon = utf8.firstIndex(of: 0x3A) else { return nil }
        let scheme = String(decoding: utf8[..<colon], as: UTF8.self).lowercased()
        guard ["http", "https", "file"].contains(scheme) else { return nil }
        var host = ""
        if scheme != "file" {
            let rest = utf8[(colon + 1)...]
            guard rest.starts(with: [0x2F, 0x2F]) else { return nil }
            let authority = rest.dropFirst(2).prefix { $0 != 0x2F && $0 != 0x3F && $0 != 0x23 }
            // Drop user info and port: "user@host:8080" → "host".
            let afterAt = authority.lastIndex(of: 0x40).map { authority[($0 + 1)...] } ?? authority
            let name = afterAt.first == 0x5B
                ? afterAt.prefix { $0 != 0x5D } + [0x5D]
                : afterAt.prefix { $0 != 0x3A }
            host = String(decoding: name, as: UTF8.self).lowercased()
            guard !host.isEmpty else { return nil }
        }
        self.url = url
        self.host = host
        self.headers = headers
    }
}
