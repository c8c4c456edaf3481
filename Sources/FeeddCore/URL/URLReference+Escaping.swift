// The form of a URL that can be requested and stored: what a browser sends for a link as written.
extension URLReference {
    /// Bytes a URL cannot hold literally (spaces, quotes, `|`, `{}`, `[]` outside an IPv6 host, non-ASCII)
    /// percent-encoded as UTF-8, a `%` that starts no escape as `%25`, valid escapes kept as they are, and
    /// an internationalized host in punycode. Nothing else changes (case, dot segments, empty parts), so a
    /// URL already in this form is returned unchanged.
    package var escaped: URLReference {
        var result = self
        if let authority { result.authority = Self.escapedAuthority(authority) }
        result.path = Self.escape(path, allowingQuestionMark: false)
        result.query = query.map { Self.escape($0, allowingQuestionMark: true) }
        result.fragment = fragment.map { Self.escape($0, allowingQuestionMark: true) }
        return result
    }

    private static func escapedAuthority(_ authority: String) -> String {
        let (host, port) = splitAuthority(Substring(authority))
        let userinfo = authority[..<host.startIndex]
        var escapedHost: String
        if host.hasPrefix("[") {
            escapedHost = String(host)
        } else if host.utf8.contains(where: { $0 >= 0x80 }),
            let ascii = URLCanonicalizer.canonicalHost(host)
        {
            escapedHost = ascii
        } else {
            escapedHost = escape(host, allowingQuestionMark: false)
        }
        escapedHost = escape(String(userinfo), allowingQuestionMark: false) + escapedHost
        return escapedHost + (port.map { ":" + escape($0, allowingQuestionMark: false) } ?? "")
    }

    /// Keeps unreserved characters, sub-delims, `:`, `@`, `/` (and `?` in a query or fragment) and valid
    /// `%XX` escapes; escapes every other byte.
    static func escape<S: StringProtocol>(_ text: S, allowingQuestionMark: Bool) -> String {
        let bytes = Array(text.utf8)
        var index = 0
        var needed = false
        while index < bytes.count {
            if !isKept(bytes, index, allowingQuestionMark) {
                needed = true
                break
            }
            index += 1
        }
        guard needed else { return String(text) }
        var output = Array(bytes[..<index])
        output.reserveCapacity(bytes.count + 16)
        while index < bytes.count {
            if isKept(bytes, index, allowingQuestionMark) {
                output.append(bytes[index])
            } else {
                PercentEncoding.appendEscaped(bytes[index], to: &output)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isKept(_ bytes: [UInt8], _ index: Int, _ allowingQuestionMark: Bool) -> Bool {
        let byte = bytes[index]
        if byte == UInt8(ascii: "%") {
            return index + 2 < bytes.count && PercentEncoding.hexValue(bytes[index + 1]) != nil
                && PercentEncoding.hexValue(bytes[index + 2]) != nil
        }
        if PercentEncoding.isUnreserved(byte) { return true }
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"):
            return true
        case UInt8(ascii: "?"): return allowingQuestionMark
        default: return false
        }
    }
}
