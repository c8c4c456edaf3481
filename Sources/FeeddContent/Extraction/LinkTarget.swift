import FeeddCore

/// Where a link in the story leads, judged against the page it is on. A link that only leads back (the
/// browser's history, or the listing the page sits under) is the page's navigation, however it is worded.
struct LinkTarget {
    /// The page's own address, absolute; nil when the page came with neither an address nor a canonical one.
    let page: URLReference?

    /// `pageURL` where the page was fetched; the canonical URL the page gives stands in for it when it is missing
    /// or not an absolute http(s) address.
    init(pageURL: String?, canonicalURL: String? = nil) {
        page = [pageURL, canonicalURL].lazy.compactMap { $0.flatMap(Self.absolute) }.first
    }

    private static func absolute(_ url: String) -> URLReference? {
        let reference = URLReference(parsing: url.trimmedSpaces())
        guard let scheme = reference.scheme?.lowercased(), scheme == "http" || scheme == "https", reference.hasValidHost
        else { return nil }
        return reference
    }

    /// `javascript:history.back()` (or `history.go(-1)`), or a page of the same site whose path the page's own path
    /// continues: `/press` from `/press/releases/2024/heating`. The site's root is left out: a link home is a
    /// site's name as often as a way back.
    func leadsBack(_ href: String) -> Bool {
        let trimmed = href.trimmedSpaces()
        let lower = trimmed.lowercased()
        if lower.hasPrefix("javascript:") {
            return lower.contains("history.back") || lower.contains("history.go(-")
        }
        guard let page, let target = resolve(trimmed), Self.sameSite(target, page) else { return false }
        let ancestor = Self.segments(target)
        let own = Self.segments(page)
        return !ancestor.isEmpty && ancestor.count < own.count && Array(own.prefix(ancestor.count)) == ancestor
            && target.query == nil
    }

    /// A link to another page of the same site (a relative link is one too, with or without the page's address).
    func isSameSite(_ href: String) -> Bool {
        let trimmed = href.trimmedSpaces()
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return false }
        let parsed = URLReference(parsing: trimmed)
        if parsed.scheme == nil, parsed.authority == nil { return true }  // a path on this site
        guard let page else { return false }
        if parsed.scheme == nil { return Self.sameSite(parsed, page) }  // `//host/path`
        guard let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return false }
        return Self.sameSite(parsed, page)
    }

    private func resolve(_ href: String) -> URLReference? {
        guard let page, !href.isEmpty, !href.hasPrefix("#") else { return nil }
        let parsed = URLReference(parsing: href)
        if let scheme = parsed.scheme?.lowercased() { return scheme == "http" || scheme == "https" ? parsed : nil }
        return parsed.resolved(against: page)
    }

    /// The same host, a leading `www.` aside.
    static func sameSite(_ a: URLReference, _ b: URLReference) -> Bool {
        guard let first = a.host, let second = b.host else { return false }
        return bare(first) == bare(second)
    }

    private static func bare(_ host: String) -> Substring { host.hasPrefix("www.") ? host.dropFirst(4) : Substring(host) }

    /// The path's non-empty segments (`/press/` and `/press` are the same listing).
    static func segments(_ reference: URLReference) -> [Substring] {
        reference.path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
