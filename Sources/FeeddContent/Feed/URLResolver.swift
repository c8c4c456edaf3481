/// RFC 3986 reference resolution on strings (section 5.2), without Foundation's URL: it is called for
/// every link in every item, and feeds are full of references Foundation rejects (spaces, `|`).
package enum URLResolver {
    /// `reference` made absolute against `base`; returned trimmed and unchanged when it already has a
    /// scheme or when there is no usable base.
    package static func resolve(_ reference: String, against base: String?) -> String {
        let ref = trim(reference)
        if scheme(of: ref) != nil { return ref }
        guard let base, let baseParts = Parts(trim(base)), baseParts.scheme != nil else { return ref }
        if ref.isEmpty { return baseParts.withoutFragment }
        if ref.hasPrefix("//") { return baseParts.scheme! + ":" + ref }
        let (refPath, refTail) = splitPath(ref)
        var path: String
        var tail = refTail
        if refPath.isEmpty {
            path = baseParts.path
            if !(tail.hasPrefix("?")) { tail = baseParts.query + tail }
        } else if refPath.hasPrefix("/") {
            path = removeDotSegments(refPath)
        } else {
            let directory: String
            if baseParts.authority != nil && baseParts.path.isEmpty {
                directory = "/"
            } else if let slash = baseParts.path.lastIndex(of: "/") {
                directory = String(baseParts.path[...slash])
            } else {
                directory = ""
            }
            path = removeDotSegments(directory + refPath)
        }
        var out = baseParts.scheme! + ":"
        if let authority = baseParts.authority { out += "//" + authority }
        return out + path + tail
    }

    /// The lowercased scheme of `text` (`http`, `javascript`), or nil for a relative reference.
    package static func scheme(of text: String) -> String? {
        var scheme = ""
        for (index, c) in text.unicodeScalars.enumerated() {
            if c == ":" { return index > 0 ? scheme.lowercased() : nil }
            let isLetter = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
            let isOther = (c >= "0" && c <= "9") || c == "+" || c == "-" || c == "."
            if isLetter || (index > 0 && isOther) { scheme.unicodeScalars.append(c) } else { return nil }
        }
        return nil
    }

    /// The host of an absolute http(s) URL, lowercased, without port or credentials.
    package static func host(of url: String) -> String? {
        guard let parts = Parts(url), var authority = parts.authority else { return nil }
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            authority = String(authority[..<colon])
        }
        return authority.lowercased()
    }

    private struct Parts {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String
        var withoutFragment: String

        init?(_ text: String) {
            var rest = Substring(text)
            if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
            withoutFragment = String(rest)
            scheme = URLResolver.scheme(of: String(rest))
            if let scheme { rest = rest.dropFirst(scheme.count + 1) }
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            if let question = rest.firstIndex(of: "?") {
                path = String(rest[..<question])
                query = String(rest[question...])
            } else {
                path = String(rest)
                query = ""
            }
        }
    }

    private static func splitPath(_ ref: String) -> (String, String) {
        guard let index = ref.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return (ref, "") }
        return (String(ref[..<index]), String(ref[index...]))
    }

    private static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { $0.value > 0x20 }) else { return "" }
        let end = scalars.lastIndex(where: { $0.value > 0x20 })!
        return String(scalars[start...end])
    }

    /// RFC 3986 5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            if segment == "." {
                if last { output.append("") }
            } else if segment == ".." {
                if output.count > 1 { output.removeLast() }
                if last { output.append("") }
            } else {
                output.append(segment)
            }
        }
        var result = output.joined(separator: "/")
        if path.hasPrefix("/") && !result.hasPrefix("/") { result = "/" + result }
        return result
    }
}
