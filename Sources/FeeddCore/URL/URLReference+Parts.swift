// The parts of a URL that callers ask about, read from the authority as written.
extension URLReference {
    /// The host, lowercased, without userinfo or port; an IPv6 literal keeps its brackets (`[::1]`).
    /// Percent-escapes and IDN labels stay as written (`URLCanonicalizer` makes the canonical host).
    /// nil without an authority; empty for `http:///x`.
    package var host: String? {
        guard let authority else { return nil }
        return Self.splitAuthority(Substring(authority)).host.lowercased()
    }

    /// The port's digits as a number; nil when absent or empty. A port that is not digits, or above
    /// 65535, is nil too (`hasValidPort` tells the two apart).
    package var port: Int? {
        guard let authority, let text = Self.splitAuthority(Substring(authority)).port, !text.isEmpty,
            text.utf8.count <= 5, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let port = Int(text),
            port <= 65535
        else { return nil }
        return port
    }

    /// False when the authority has a port that is not a number from 0 to 65535 (an empty one is allowed).
    package var hasValidPort: Bool {
        guard let authority, let text = Self.splitAuthority(Substring(authority)).port, !text.isEmpty else {
            return true
        }
        return port != nil
    }

    /// A host that names one (a DNS name, IDN included, an IPv4 address or an IPv6 literal) and a valid port:
    /// what a request can be sent to.
    package var hasValidHost: Bool {
        guard let authority else { return false }
        let host = Self.splitAuthority(Substring(authority)).host
        return !host.isEmpty && URLCanonicalizer.canonicalHost(host) != nil && hasValidPort
    }

    /// `scheme://host[:port]` (scheme and host lowercased, no userinfo), as written: the sanitizer's
    /// same-origin test. Per-host limits and robots.txt key by `URLOrigin`, which canonicalizes the host
    /// (IDN, default ports). nil for a reference without scheme or host.
    package var origin: String? {
        guard let scheme, let host, !host.isEmpty else { return nil }
        return scheme.lowercased() + "://" + host + (port.map { ":\($0)" } ?? "")
    }

    /// The path (`/` when empty) and the query: the request target of an HTTP request (RFC 9112 §3.2.1).
    package var pathAndQuery: String {
        (path.isEmpty ? "/" : path) + (query.map { "?" + $0 } ?? "")
    }

    /// A relative reference whose first path segment holds a ":" (` http://x`, `:x`, `a:b` after a
    /// non-scheme character): RFC 3986 §4.2 rules it out, it would be mistaken for a scheme. Usually an
    /// absolute URL with junk in front.
    package var hasColonInFirstSegment: Bool {
        guard scheme == nil, authority == nil else { return false }
        let first = path.utf8.prefix { $0 != UInt8(ascii: "/") }
        return first.contains(UInt8(ascii: ":"))
    }

    /// The path with its escapes decoded (`%2F` too); nil when they do not decode to UTF-8.
    package var decodedPath: String? { PercentEncoding.decode(path) }

    /// userinfo@host:port → host and port text (nil without a ":"). The port follows the last ":" after
    /// an IPv6 literal's "]".
    static func splitAuthority(_ authority: Substring) -> (host: Substring, port: Substring?) {
        var rest = authority
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            let after = rest[rest.index(after: close)...]
            return (rest[...close], after.hasPrefix(":") ? after.dropFirst() : nil)
        }
        guard let colon = rest.lastIndex(of: ":") else { return (rest, nil) }
        return (rest[..<colon], rest[rest.index(after: colon)...])
    }

    /// The lowercased scheme of `text` (`http`, `javascript`), or nil for a relative reference.
    /// Scanned without building anything: most references in a feed are relative and have none.
    package static func scheme(of text: String) -> String? {
        var length = 0
        var hasUpper = false
        for c in text.utf8 {
            if c == UInt8(ascii: ":") {
                guard length > 0 else { return nil }
                let bytes = text.utf8.prefix(length)
                return hasUpper
                    ? String(decoding: bytes.map { $0 | 0x20 }, as: UTF8.self) : String(decoding: bytes, as: UTF8.self)
            }
            let lower = c | 0x20
            let isLetter = lower >= 97 && lower <= 122
            let isOther =
                (c >= 48 && c <= 57) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
            guard isLetter || (length > 0 && isOther) else { return nil }
            if isLetter && c != lower { hasUpper = true }
            length += 1
        }
        return nil
    }

    /// The host of an absolute URL (`scheme://…`), as `host` gives it, read in place: the sanitizer asks
    /// this for every image it keeps.
    package static func host(of url: String) -> String? {
        var url = url
        return url.withUTF8(host(ofUTF8:))
    }

    private static func host(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 2 < bytes.count,
            bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        else { return nil }
        var start = colon + 3
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?"),
            bytes[end] != UInt8(ascii: "#")
        {
            if bytes[end] == UInt8(ascii: "@") { start = end + 1 }
            end += 1
        }
        var hostEnd = end
        if let portColon = bytes[start..<end].lastIndex(of: UInt8(ascii: ":")), bytes[end - 1] != UInt8(ascii: "]") {
            hostEnd = portColon
        }
        let host = bytes[start..<hostEnd]
        if !host.contains(where: { $0 >= 65 && $0 <= 90 }) { return String(decoding: host, as: UTF8.self) }
        return String(decoding: host.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
