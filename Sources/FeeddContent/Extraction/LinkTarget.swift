import FeeddCore

/// Where a link in the story leads, judged against the page it is on. A link that only leads back (the
/// browser's history, or the listing the page sits under) is the page's navigation, however it is worded.
struct LinkTarget {
    /// The page's own address, absolute; nil when the page came with neither an address nor a canonical one.
    let page: URLReference?
    /// The page's host without a leading `www.`, and its path's segments, taken once: every short link of the
    /// story is compared with them.
    private let pageHost: String?
    private let pageSegments: [Substring]

    /// `pageURL` where the page was fetched; the canonical URL the page gives stands in for it when it is missing
    /// or not an absolute http(s) address.
    init(pageURL: String?, canonicalURL: String? = nil) {
        page = [pageURL, canonicalURL].lazy.compactMap { $0.flatMap(Self.absolute) }.first
        pageHost = page.flatMap(Self.siteHost)
        pageSegments = page.map(Self.segments) ?? []
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
        guard let target = resolve(trimmed), isPageSite(target) else { return false }
        let ancestor = Self.segments(target)
        let own = pageSegments
        return !ancestor.isEmpty && ancestor.count < own.count && own.prefix(ancestor.count).elementsEqual(ancestor)
            && target.query == nil
    }

    /// A link to another page of the same site (a relative link is one too, with or without the page's address).
    func isSameSite(_ href: String) -> Bool {
        let trimmed = href.trimmedSpaces()
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return false }
        let parsed = URLReference(parsing: trimmed)
        if parsed.scheme == nil, parsed.authority == nil { return true }  // a path on this site
        guard page != nil else { return false }
        if parsed.scheme == nil { return isPageSite(parsed) }  // `//host/path`
        guard let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return false }
        return isPageSite(parsed)
    }

    /// The same host as the page's, a leading `www.` aside.
    private func isPageSite(_ reference: URLReference) -> Bool {
        guard let pageHost, let host = Self.siteHost(reference) else { return false }
        return host == pageHost
    }

    /// The host without a leading `www.`: both name the same site. nil without a host.
    static func siteHost(_ url: URLReference) -> String? {
        guard let host = url.host, !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    private func resolve(_ href: String) -> URLReference? {
        guard let page, !href.isEmpty, !href.hasPrefix("#") else { return nil }
        let parsed = URLReference(parsing: href)
        if let scheme = parsed.scheme?.lowercased() { return scheme == "http" || scheme == "https" ? parsed : nil }
        return parsed.resolved(against: page)
    }

    /// The path's non-empty segments (`/press/` and `/press` are the same listing).
    static func segments(_ reference: URLReference) -> [Substring] {
        reference.path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
