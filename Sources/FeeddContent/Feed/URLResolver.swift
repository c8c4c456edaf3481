/// RFC 3986 reference resolution on strings (section 5.2), without Foundation's URL: it is called for
/// every link in every item, and feeds are full of references Foundation rejects (spaces, `|`).
package enum URLResolver {
    /// `reference` made absolute against `base`; returned trimmed and unchanged when it already has a
    /// scheme or when there is no usable base.
    package static func resolve(_ reference: String, against base: String?) -> String {
        let ref = trim(reference)
        if scheme(of: ref) != nil { return ref }
        guard let parsed = Base(base) else { return ref }
        return parsed.resolve(ref)
    }

    /// The lowercased scheme of `text` (`http`, `javascript`), or nil for a relative reference.
    package static func scheme(of text: String) -> String? {
        // Scanned without building anything: most references in a feed are relative and have none.
        var length = 0
        var hasUpper = false
        for c in text.utf8 {
            if c == UInt8(ascii: ":") {
                guard length > 0 else { return nil }
                let bytes = text.utf8.prefix(length)
                return hasUpper ? String(decoding: bytes.map { $0 | 0x20 }, as: UTF8.self)
                    : String(decoding: bytes, as: UTF8.self)
            }
            let lower = c | 0x20
            let isLetter = lower >= 97 && lower <= 122
            let isOther = (c >= 48 && c <= 57) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
            guard isLetter || (length > 0 && isOther), length < 32 else { return nil }
            if isLetter && c != lower { hasUpper = true }
            length += 1
        }
        return nil
    }

    /// The host of an absolute URL, lowercased, without port or credentials.
    package static func host(of url: String) -> String? {
        var url = url
        return url.withUTF8(host(ofUTF8:))
    }

    /// Read in place: the sanitizer asks this for every image it keeps.
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

    /// A base URL parsed once, for resolving many references against it (all links of one item).
    package struct Base: Sendable {
        let url: String
        let scheme: String
        /// `scheme://authority`, or `scheme:` without an authority.
        let origin: String
        let path: String
        let query: String
        let directory: String
        let withoutFragment: String

        package init?(_ text: String?) {
            guard let text, let parts = Parts(URLResolver.trim(text)), let scheme = parts.scheme else { return nil }
            url = text
            self.scheme = scheme
            origin = scheme + ":" + (parts.authority.map { "//" + $0 } ?? "")
            path = parts.path
            query = parts.query
            withoutFragment = parts.withoutFragment
            if parts.authority != nil && parts.path.isEmpty {
                directory = "/"
            } else if let slash = parts.path.lastIndex(of: "/") {
                directory = String(parts.path[...slash])
            } else {
                directory = ""
            }
        }

        /// `reference` resolved against this base (RFC 3986 5.2.2).
        package func resolve(_ reference: String) -> String {
            let ref = URLResolver.trim(reference)
            guard let first = ref.utf8.first else { return withoutFragment }
            if first == UInt8(ascii: "/") {
                if ref.utf8.count > 1 && ref.utf8[ref.utf8.index(after: ref.utf8.startIndex)] == UInt8(ascii: "/") {
                    return scheme + ":" + ref
                }
                return origin + URLResolver.normalizedPath(ref)
            }
            if first == UInt8(ascii: "#") { return withoutFragment + ref }
            if first == UInt8(ascii: "?") { return origin + path + ref }
            if URLResolver.scheme(of: ref) != nil { return ref }
            return origin + URLResolver.normalizedPath(directory + ref)
        }
    }

    /// Removes dot segments from the path part of `pathAndTail` (path, then query and fragment).
    static func normalizedPath(_ pathAndTail: String) -> String {
        // Only `.` and `..` segments need work: look for "/." or a leading ".".
        var previous: UInt8 = UInt8(ascii: "/")
        var hasDotSegment = false
        for c in pathAndTail.utf8 {
            if c == UInt8(ascii: "?") || c == UInt8(ascii: "#") { break }
            if c == UInt8(ascii: ".") && previous == UInt8(ascii: "/") { hasDotSegment = true; break }
            previous = c
        }
        guard hasDotSegment else { return pathAndTail }
        let (path, tail) = splitPath(pathAndTail)
        return removeDotSegments(path) + tail
    }

    private struct Parts {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String
        var withoutFragment: String

        init?(_ text: String) {
            let bytes = Array(text.utf8)
            let end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
            withoutFragment = end == bytes.count ? text : String(decoding: bytes[..<end], as: UTF8.self)
            scheme = URLResolver.scheme(of: withoutFragment)
            var i = scheme.map { $0.utf8.count + 1 } ?? 0
            if i + 1 < end, bytes[i] == UInt8(ascii: "/"), bytes[i + 1] == UInt8(ascii: "/") {
                let start = i + 2
                i = start
                while i < end, bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: "?") { i += 1 }
                authority = String(decoding: bytes[start..<i], as: UTF8.self)
            }
            let question = bytes[i..<end].firstIndex(of: UInt8(ascii: "?")) ?? end
            path = String(decoding: bytes[i..<question], as: UTF8.self)
            query = String(decoding: bytes[question..<end], as: UTF8.self)
        }
    }

    private static func splitPath(_ ref: String) -> (String, String) {
        guard let index = ref.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return (ref, "") }
        return (String(ref[..<index]), String(ref[index...]))
    }

    /// Without leading and trailing whitespace and controls (every scalar up to U+0020 is one byte).
    static func trim(_ text: String) -> String { text.trimmingASCIISpace() }

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
