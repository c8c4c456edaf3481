import FeeddCore

/// Finds the feeds a web page offers, for a source whose `url` is a site's page rather than its feed:
/// the page's `<link rel="alternate">` elements for RSS, Atom and JSON Feed first (in page order, as the
/// site ranks them), then the paths sites commonly serve a feed at. The caller fetches the candidates in
/// order and keeps the first that parses as a feed.
package enum FeedDiscovery {
    /// A feed URL a page names, or a common path to try.
    package struct Candidate: Sendable, Equatable {
        package var url: String
        /// The `<link>`'s `type` (rss, atom, json), or nil for a common path.
        package var format: String?
        package var title: String?
        /// True when the page itself names it.
        package var advertised: Bool { format != nil }
    }

    /// Where sites put a feed when their pages do not say: tried, in this order, after the advertised ones.
    package static let commonPaths = ["/feed", "/rss.xml", "/atom.xml", "/index.xml", "/feed.json", "/rss", "/feed/"]

    /// The advertised feeds of `page` (fetched from `pageURL`), then the common paths of its site; no URL twice.
    package static func candidates(_ page: [UInt8], pageURL: String, contentType: String?) -> [Candidate] {
        var result: [Candidate] = []
        var seen: Set<String> = []
        func add(_ candidate: Candidate) {
            if seen.insert(candidate.url).inserted, candidate.url != pageURL { result.append(candidate) }
        }
        for candidate in advertised(page, pageURL: pageURL, contentType: contentType) { add(candidate) }
        if let origin = URLOrigin(pageURL) {
            for path in commonPaths { add(Candidate(url: origin.string + path, format: nil, title: nil)) }
        }
        return result
    }

    /// The `<link rel="alternate" type="…">` feeds of the page, resolved against its base URL.
    package static func advertised(_ page: [UInt8], pageURL: String, contentType: String?) -> [Candidate] {
        guard let document = try? HTMLDocument(bytes: page, contentType: contentType, lean: true),
            let root = document.root
        else { return [] }
        let base = LinkDiscovery.documentBase(root, pageURL: pageURL)
        var result: [Candidate] = []
        for link in root.select(Self.linkSelector) {
            let rel = (link.attribute("rel") ?? "").lowercased().split(separator: " ")
            guard rel.contains("alternate"), let type = link.attribute("type").flatMap(Self.format),
                let href = link.attribute("href"), let url = LinkDiscovery.absolute(href, base)
            else { continue }
            let title = link.attribute("title").map(TextNormalizer.plainText).flatMap { $0.isEmpty ? nil : $0 }
            result.append(Candidate(url: url, format: type, title: title))
        }
        return result
    }

    /// `rss`, `atom` or `json` for a feed's media type; nil for anything else (a page's alternate languages,
    /// its AMP version, an oEmbed document).
    static func format(_ mediaType: String) -> String? {
        let type = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "application/rss+xml", "application/rdf+xml", "application/xml+rss": return "rss"
        case "application/atom+xml": return "atom"
        case "application/feed+json", "application/json+feed": return "json"
        default: return nil
        }
    }

    static let linkSelector = try! CSSSelector("link[href]")
}
