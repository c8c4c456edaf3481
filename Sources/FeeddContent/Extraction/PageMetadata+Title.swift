import FeeddCore

/// The headline. A page names it several times: JSON-LD, OpenGraph and Twitter fields, `<title>` (usually with
/// the site's name around it) and the visible `<h1>`. The fields are taken by precedence, except that a first
/// field no other source confirms (a generic or stale one: "Wikimedia list article") gives way to a visible
/// headline that another field confirms. The site's name comes off either end (from the site-name fields,
/// else the host name).
extension PageMetadata {
    static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", ": ", " _ ", " / "]

    static func resolveTitle(
        metadata: [String?], titleTag: String?, visible: [String], siteName: String?, pageURL: String?
    ) -> String? {
        let fields = (metadata + [titleTag]).compactMap { $0 }.filter { !$0.isEmpty }
        let site = siteName ?? hostLabel(pageURL)
        let foldedSite = site.map(fold)
        let headings = Array(visible.lazy.filter { !$0.isEmpty }.prefix(6))
        // Each text folded once: the comparisons below run headings × fields times.
        let foldedFields = fields.map(fold)
        let foldedHeadings = headings.map(fold)
        var title = metadata.compactMap { $0 }.first { !$0.isEmpty }
        if let primary = title {
            // The first field by precedence stands unless no other source says the same: then it is generic or
            // stale, and a visible headline that another field confirms is the page's headline.
            let folded = fold(primary)
            let others = foldedFields.filter { $0 != folded }
            let confirmed = fields.count > others.count + 1
                || others.contains { agrees(folded: folded, with: $0, site: foldedSite) }
                || foldedHeadings.contains { $0 == folded || agrees(folded: $0, with: folded, site: foldedSite) }
            if !confirmed, let index = foldedHeadings.indices.first(where: { heading in
                others.contains { agrees(folded: foldedHeadings[heading], with: $0, site: foldedSite) }
            }) {
                title = headings[index]
            }
        }
        if title == nil, let tag = titleTag, !tag.isEmpty {
            // A heading that the <title> contains is the headline without the site's prefix or suffix.
            title = visible.first { $0.count >= 10 && $0.count < tag.count && tag.utf8Contains($0) } ?? tag
        }
        if title == nil { title = visible.first { !$0.isEmpty } }
        return title.map { stripSiteName($0, siteName: site) }
    }

    /// The visible headline says what the field says, or what is left of it once the site's name is taken off
    /// one end. A logo in an `<h1>` ("eHow" beside "How to … | eHow") is not a headline. Both folded (`fold`).
    static func agrees(folded heading: String, with value: String, site: String?) -> Bool {
        let headingLength = heading.utf8.count
        guard headingLength >= 8, headingLength * 3 >= value.utf8.count else { return false }
        if heading == site { return false }
        if heading == value { return true }
        guard value.utf8.count > headingLength, value.hasPrefix(heading) || value.hasSuffix(heading) else { return false }
        return titleSeparators.contains { separator in
            value.hasPrefix(heading + separator) || value.hasSuffix(separator + heading)
        }
    }

    /// Lowercased, whitespace collapsed, typographic quotes folded: how two spellings of a headline are compared.
    static func fold(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.utf8.count)
        for scalar in ArticleText.collapse(text).lowercased().unicodeScalars {
            switch scalar {
            case "\u{2019}", "\u{2018}": out.unicodeScalars.append("'")
            case "\u{201C}", "\u{201D}": out.unicodeScalars.append("\"")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The name a host gives a site when the page names none: `www.thehill.com` → `thehill`, matched against a
    /// title's ends letter by letter ("TheHill", "The Hill").
    static func hostLabel(_ pageURL: String?) -> String? {
        guard let host = pageURL.flatMap(URLReference.host(of:)) else { return nil }
        var labels = host.split(separator: ".")
        if labels.first == "www" || labels.first == "m" || labels.first == "amp" { labels.removeFirst() }
        guard labels.count >= 2, let label = labels.first, label.count >= 3 else { return nil }
        return String(label)
    }
}
