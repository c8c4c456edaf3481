import FeeddCore
import Foundation

/// Finds the article links on a listing page (a front page, a section, a tag page). With a selector,
/// the selector decides: matched links, or the links inside matched elements. Without one, a link counts
/// when it stays on the site, is not navigation, taxonomy, pagination, a static page, a feed or a media
/// file, and looks like an article: a date or a long slug or numeric id in the path, a headline-sized
/// link text, a place in `<article>` or a heading, or a spot in a repeated card structure.
package enum LinkDiscovery {
    package static func articleLinks(
        _ bytes: [UInt8], pageURL: String, contentType: String?, selector: String?
    ) throws(ExtractError) -> [String] {
        let compiled = try selector.map { (text) throws(ExtractError) in try CSSSelector(text) }
        let document = try HTMLDocument(bytes: bytes, contentType: contentType, lean: true)
        guard let root = document.root else { return [] }
        let base = documentBase(root, pageURL: pageURL)
        var seen: Set<String> = []
        var result: [String] = []
        func add(_ url: String) {
            if seen.insert(url).inserted { result.append(url) }
        }

        if let compiled {
            for node in root.select(compiled) {
                let anchors = node.name == "a" ? [node] : node.select(Self.anchorSelector)
                for anchor in anchors {
                    if let href = anchor.attribute("href"), let url = absolute(href, base) { add(url) }
                }
            }
            return result
        }

        struct Candidate {
            let url: String
            let path: String
            var score: Int
            let signature: String
        }
        var candidates: [Candidate] = []
        let pageHost = base.flatMap(LinkTarget.siteHost)
        root.forEachDescendantElement { node in
            let name = node.name
            if name == "nav" || name == "footer" || name == "header" || name == "aside" || name == "script" || name == "style" { return false }
            let key = ClassHints.key(node)
            if !key.isEmpty, ["menu", "breadcrumb", "pagination", "pager", "footer", "sidebar", "widget", "navbar", "nav-", "tag-cloud", "tagcloud", "social", "share"].contains(where: key.contains) {
                return false
            }
            guard name == "a", let href = node.attribute("href"), let url = absolute(href, base) else { return true }
            let parsed = URLReference(parsing: url)
            if let pageHost, let linkHost = LinkTarget.siteHost(parsed), linkHost != pageHost { return false }
            let path = Self.path(parsed)
            guard isArticlePath(path, query: parsed.query), url != base?.string else { return false }
            let rel = node.attribute("rel")?.lowercased() ?? ""
            if rel.utf8Contains("tag") || rel.utf8Contains("category") || rel.utf8Contains("author") || rel.utf8Contains("next") || rel.utf8Contains("prev") { return false }
            var score = 0
            if LooseDate.fromURL(path) != nil { score += 3 }
            let last = path.split(separator: "/").last.map(String.init) ?? ""
            if last.split(separator: "-").count >= 3 { score += 2 }
            if last.contains(where: \.isNumber), last.filter(\.isNumber).count >= 5 { score += 2 }
            if last.hasSuffix(".html") || last.hasSuffix(".htm") || last.hasSuffix(".php") && parsed.query != nil { score += 1 }
            if path.split(separator: "/").count >= 2 { score += 1 }
            let words = ArticleText.collapse(node.textContent).split(separator: " ").count
            if words >= 4 { score += 2 } else if words <= 1 { score -= 1 }
            var ancestor = node.parent
            var depth = 0
            var signature = ""
            while let current = ancestor, depth < 4 {
                let tag = current.name
                if tag == "article" || tag == "h2" || tag == "h3" || tag == "h4" { score += 2 }
                if depth < 3 { signature += tag + "." + (current.attribute("class") ?? "") + "/" }
                ancestor = current.parent
                depth += 1
            }
            candidates.append(Candidate(url: url, path: path, score: score, signature: signature))
            return false
        }
        // Repeated structure: cards and list items share an ancestor signature.
        var repeats: [String: Int] = [:]
        for candidate in candidates { repeats[candidate.signature, default: 0] += 1 }
        for candidate in candidates {
            let bonus = (repeats[candidate.signature] ?? 0) >= 3 ? 1 : 0
            if candidate.score + bonus >= 3 { add(candidate.url) }
        }
        return result
    }

    /// What the page's links resolve against: its `<base href>` (itself resolved against the page's URL) when
    /// it has one, else the page's URL.
    static func documentBase(_ root: HTMLNode, pageURL: String) -> URLReference? {
        let base = PageMetadata.base(pageURL)
        guard let href = root.first(baseSelector)?.attribute("href"), let url = PageMetadata.resolve(href, base) else {
            return base
        }
        return URLReference(parsing: url)
    }

    static let baseSelector = try! CSSSelector("base[href]")
    static let anchorSelector = try! CSSSelector("a[href]")

    /// Path parts that mark navigation, taxonomy, pagination, static pages, feeds and accounts.
    static let excludedSegments: Set<String> = [
        "tag", "tags", "category", "categories", "topic", "topics", "author", "authors", "page", "search", "about",
        "about-us", "contact", "contact-us", "privacy", "privacy-policy", "terms", "terms-of-service",
        "terms-and-conditions", "cookies", "cookie-policy", "feed", "rss", "atom", "login", "logout", "register",
        "signup", "subscribe", "newsletter", "newsletters", "account", "cart", "shop", "advertise", "careers", "jobs",
        "sitemap", "wp-login.php", "wp-admin", "wp-content", "wp-json", "xmlrpc.php", "comments", "amp-stories",
        "label", "section", "sections", "archive", "archives", "user", "users", "profile", "help", "faq", "imprint",
        "impressum", "staff", "team", "editorial-policy", "corrections", "donate", "events",
    ]
    static let mediaExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "pdf", "mp3", "mp4", "m4a", "webm", "ogg", "wav", "zip",
        "gz", "css", "js", "json", "xml", "rss", "atom", "txt", "doc", "docx", "xls", "xlsx", "ppt", "avif", "mov",
    ]

    static func isArticlePath(_ path: String, query: String?) -> Bool {
        let segments = path.lowercased().split(separator: "/").map(String.init)
        guard let last = segments.last else { return false }
        if segments.contains(where: excludedSegments.contains) { return false }
        if let dot = last.lastIndex(of: "."), mediaExtensions.contains(String(last[last.index(after: dot)...])) { return false }
        if let query, query.utf8Contains("page=") || query.utf8Contains("replytocom=") || query.utf8Contains("share=") { return false }
        // A single short word ("/world", "/sport") is a section, not an article.
        if segments.count == 1, !last.contains("-"), !last.contains("."), last.filter(\.isNumber).count < 5 { return false }
        return true
    }

    /// The path as scored: escapes decoded (empty when they are not UTF-8), without a trailing "/".
    static func path(_ url: URLReference) -> String {
        guard var path = url.decodedPath else { return "" }
        if path.utf8.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    static func absolute(_ href: String, _ base: URLReference?) -> String? {
        let trimmed = href.trimmedSpaces()
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.lowercased().hasPrefix("javascript:"),
            !trimmed.lowercased().hasPrefix("mailto:"), !trimmed.lowercased().hasPrefix("tel:")
        else { return nil }
        guard let resolved = PageMetadata.resolve(trimmed, base) else { return nil }
        var reference = URLReference(parsing: resolved)
        guard let scheme = reference.scheme?.lowercased(), scheme == "http" || scheme == "https",
            reference.hasValidHost
        else { return nil }
        reference.fragment = nil
        return reference.string
    }
}
