/// The origin of an absolute http(s) URL (RFC 6454: scheme, host, port) and the request target a GET
/// for it sends (path and query). Read with `URLReference` and the canonicalizer's host rules, so the
/// fetcher's per-host limits and robots.txt name a host exactly as URL canonicalization does:
/// lowercase, IDN labels in punycode, IPv6 literals in brackets, default ports dropped.
package struct URLOrigin: Sendable, Hashable {
    /// `http` or `https`.
    package let scheme: String
    package let host: String
    /// nil for the scheme's default port.
    package let port: Int?

    /// `scheme://host[:port]`, where that origin's `/robots.txt` lives.
    package var string: String { scheme + "://" + host + (port.map { ":" + String($0) } ?? "") }

    /// The origin of `url`; nil when it is not an absolute http(s) URL with a valid host.
    package init?(_ url: String) {
        guard let (origin, _) = Self.split(url) else { return nil }
        self = origin
    }

    private init(scheme: String, host: String, port: Int?) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// The origin of `url` and its request target: the path as written ("/" when empty) with the
    /// query, without the fragment. nil when `url` is not an absolute http(s) URL with a valid host.
    package static func split(_ url: String) -> (origin: URLOrigin, target: String)? {
        guard let cleaned = URLCanonicalizer.clean(url) else { return nil }
        let reference = URLReference(parsing: cleaned)
        guard let scheme = reference.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let authority = reference.authority,
            let canonical = URLCanonicalizer.canonicalAuthority(authority, scheme: scheme)
        else { return nil }
        // The canonical authority is `[userinfo@]host[:port]` with the port only when not the default.
        var hostAndPort = Substring(canonical)
        if let at = hostAndPort.lastIndex(of: "@") { hostAndPort = hostAndPort[hostAndPort.index(after: at)...] }
        var host = hostAndPort
        var port: Int?
        if let colon = hostAndPort.lastIndex(of: ":"), !hostAndPort[colon...].contains("]") {
            host = hostAndPort[..<colon]
            port = Int(hostAndPort[hostAndPort.index(after: colon)...])
        }
        guard !host.isEmpty else { return nil }
        return (URLOrigin(scheme: scheme, host: String(host), port: port), reference.pathAndQuery)
    }
}
