// Reference resolution on strings, for the links of feeds and pages (RFC 3986 §5.2 through
// `resolved(against:)`). No Foundation `URL`: feeds are full of references it rejects (spaces, `|`).
extension URLReference {
    /// `reference` (trimmed) made absolute against `base`. A reference with a scheme is absolute already
    /// and is kept as written, like one without a usable base (`base` nil or without a scheme).
    package static func resolve(_ reference: String, against base: String?) -> String {
        let trimmed = trimmingSpaces(reference)
        if scheme(of: trimmed) != nil { return trimmed }
        guard let parsed = Base(base) else { return trimmed }
        return parsed.resolve(trimmed)
    }

    /// A base URL parsed once, for resolving many references against it (all links of one item).
    package struct Base: Sendable {
        /// The base, its scheme lowercased and its fragment dropped.
        package let reference: URLReference
        /// The lowercased scheme.
        package let scheme: String
        /// `scheme://authority`, or `scheme:` without an authority: what a path from the root follows.
        package let origin: String

        /// nil when `text` has no scheme (a relative URL is no base).
        package init?(_ text: String?) {
            guard let text else { return nil }
            let trimmed = URLReference.trimmingSpaces(text)
            guard let scheme = URLReference.scheme(of: trimmed) else { return nil }
            var reference = URLReference(parsing: trimmed)
            reference.scheme = scheme
            reference.fragment = nil
            self.reference = reference
            self.scheme = scheme
            origin = scheme + ":" + (reference.authority.map { "//" + $0 } ?? "")
        }

        /// `reference` (trimmed) resolved against this base; kept as written when it has a scheme.
        package func resolve(_ text: String) -> String {
            let trimmed = URLReference.trimmingSpaces(text)
            if URLReference.scheme(of: trimmed) != nil { return trimmed }
            return URLReference(parsing: trimmed).resolved(against: reference).string
        }
    }

    /// Without leading and trailing spaces and controls (every scalar up to U+0020, as browsers strip
    /// from attribute URLs).
    static func trimmingSpaces(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last, first <= 0x20 || last <= 0x20 else { return text }
        let bytes = text.utf8
        guard let start = bytes.firstIndex(where: { $0 > 0x20 }), let end = bytes.lastIndex(where: { $0 > 0x20 })
        else { return "" }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }
}
