import CFeeddXML
import FeeddCore
import Foundation

/// Everything a page says about itself, gathered in one walk before any element is removed, then
/// resolved by precedence (see docs/EXTRACTION.md): JSON-LD, OpenGraph/article:*, Twitter cards,
/// `<meta name=…>`, rel=author, microdata, `<time datetime>`, visible bylines and datelines, the URL.
struct PageMetadata {
    var title: String?
    var authors: [String] = []
    var published: Date?
    var updated: Date?
    var language: String?
    var image: String?
    var siteName: String?
    var description: String?
    var canonicalURL: String?

    /// What the walk saw, before precedence is applied.
    struct Evidence {
        var titleTag: String?
        var meta: [String: String] = [:]
        var metaAll: [String: [String]] = [:]
        var canonical: String?
        var htmlLang: String?
        var jsonLD: [String] = []
        var relAuthors: [String] = []
        var itemprop: [String: [HTMLNode]] = [:]
        var times: [(datetime: String, preferred: Bool)] = []
        var bylines: [String] = []
        var textBylines: [String] = []
        var datelines: [String] = []
        var h1: [String] = []
        /// Texts of headings and of elements named like a title or headline, for matching against <title>.
        var headings: [String] = []
        var firstImage: String?
    }

    // A constant, known-good selector.
    static let nameSelector = try! CSSSelector("[itemprop=name]")

    /// Cheap first test before the byline and dateline name checks below.
    static let bylineOrDateHint = PatternSet(["auth", "byl", "date", "time", "publish", "posted", "meta", "uid", "user"])

    static let titleHint = PatternSet(["title", "headline", "heading"])

    static func collect(_ document: HTMLDocument, pageURL: String?) -> PageMetadata {
        var evidence = Evidence()
        guard let root = document.root else { return PageMetadata() }
        evidence.htmlLang = root.attribute("lang") ?? root.attribute("xml:lang")
        root.forEachDescendantElement { node in
            let tag = node.tag
            let key = ClassHints.key(node)
            switch tag {
            case .title:
                if evidence.titleTag == nil { evidence.titleTag = ArticleText.collapse(node.textContent) }
                return false
            case .meta:
                let field = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop")
                    ?? node.attribute("http-equiv"))?.lowercased()
                if let field, let content = node.attribute("content") {
                    let value = ArticleText.collapse(content)
                    if !value.isEmpty {
                        if evidence.meta[field] == nil { evidence.meta[field] = value }
                        evidence.metaAll[field, default: []].append(value)
                    }
                }
                if let prop = node.attribute("itemprop") { evidence.itemprop[prop, default: []].append(node) }
                return false
            case .link:
                let rel = node.attribute("rel")?.lowercased() ?? ""
                if rel.split(separator: " ").contains("canonical"), evidence.canonical == nil {
                    evidence.canonical = node.attribute("href")
                }
                if let prop = node.attribute("itemprop") { evidence.itemprop[prop, default: []].append(node) }
                return false
            case .script:
                if node.attribute("type")?.lowercased().utf8Contains("ld+json") == true {
                    evidence.jsonLD.append(node.textContent)
                }
                return false
            case .style, .noscript, .template, .svg:
                return false
            case .time:
                if let datetime = node.attribute("datetime") {
                    let preferred = node.hasAttribute("pubdate") || key.contains("publish") || key.contains("posted")
                        || node.attribute("itemprop") == "datePublished"
                    evidence.times.append((datetime, preferred))
                } else {
                    evidence.datelines.append(ArticleText.collapse(node.textContent))
                }
            case .h1:
                evidence.h1.append(ArticleText.collapse(node.textContent))
                evidence.headings.append(evidence.h1.last!)
            case .h2, .h3, .div, .span, .p, .td, .strong, .b, .font:
                if Self.titleHint.matches(key) {
                    let text = ArticleText.leadingText(node, limit: 200)
                    if text.count < 200 { evidence.headings.append(text) }
                }
            case .img:
                if evidence.firstImage == nil, let src = node.attribute("src") ?? node.attribute("data-src"),
                    !src.hasPrefix("data:"), node.attribute("width") != "1"
                {
                    evidence.firstImage = src
                }
            default:
                break
            }
            if tag == .a || tag == .link, node.attribute("rel")?.lowercased().utf8Contains("author") == true {
                let text = ArticleText.collapse(node.textContent)
                if !text.isEmpty { evidence.relAuthors.append(text) }
            }
            if let prop = node.attribute("itemprop") { evidence.itemprop[prop, default: []].append(node) }
            scanLines(node, into: &evidence)
            if !key.isEmpty, Self.bylineOrDateHint.matches(key), tag != .body, tag != .html, tag != .article {
                if key.contains("byline") || key.contains("author-name") || key.contains("post-author")
                    || key.contains("author vcard") || key.contains("article-author") || key.contains("entry-author")
                    || key.contains("author-link") || key.contains("byline__name") || key.equals("author")
                    || key.contains("field--name-uid") || key.contains("username") || key.contains("author-name")
                {
                    let text = ArticleText.leadingText(node, limit: 120)
                    if !text.isEmpty, text.count < 120 { evidence.bylines.append(text) }
                }
                if key.contains("date") || key.contains("posted-on") || key.contains("published") || key.contains("time")
                    || key.contains("entry-meta") || key.contains("post-meta") || key.contains("meta-info")
                {
                    let text = ArticleText.leadingText(node, limit: 100)
                    if !text.isEmpty, text.count < 100 { evidence.datelines.append(text) }
                }
            }
            return true
        }
        return resolve(evidence, pageURL: pageURL)
    }

    /// Visible lines without telling class names: a text child reading "By Jane Doe" or "Published: 5 March 2024".
    static func scanLines(_ node: HTMLNode, into evidence: inout Evidence) {
        // Raw handles until a line qualifies: this runs over every child of every element.
        var raw = CFeeddXML_html_first_child(node.raw)
        while let pointer = raw {
            raw = CFeeddXML_html_next_sibling(pointer)
            // Only short text that starts with B, P, D or U can be a byline or dateline: test the bytes first.
            guard let text = CFeeddXML_html_node_text(pointer), isLineCandidate(text) else { continue }
            let line = ArticleText.collapse(String(cString: text))
            if line == "By" || line == "by" || line == "BY", let next = raw.map({ HTMLNode($0, document: node.document) }),
                next.isElement
            {
                // "By <a>Name</a>": the name is the next element.
                let name = ArticleText.leadingText(next, limit: 80)
                if !name.isEmpty { evidence.textBylines.append(name) }
            } else if line.hasPrefix("By ") || line.hasPrefix("BY "), line.split(separator: " ").count <= 6 {
                evidence.textBylines.append(line)
            } else if line.hasPrefix("Published") || line.hasPrefix("Posted") || line.hasPrefix("Date:")
                || line.hasPrefix("Updated") || line.hasPrefix("Aktualisiert") || line.hasPrefix("Veröffentlicht")
                || line.hasPrefix("Erstellt am") || line.hasPrefix("Datum:") || line.hasPrefix("Stand:")
            {
                evidence.datelines.append(line)
            }
        }
    }

    /// Under 120 bytes, first non-space byte B, P, D, U, b (English bylines and datelines), A, V, E or S (German
    /// datelines).
    private static func isLineCandidate(_ text: UnsafePointer<CChar>) -> Bool {
        var i = 0
        while i < 120 {
            switch UInt8(bitPattern: text[i]) {
            case 0: return false
            case 0x20, 0x0A, 0x09, 0x0D: i += 1
            case 0x42, 0x50, 0x44, 0x55, 0x62, 0x41, 0x56, 0x45, 0x53:
                // The rest must end before 120 bytes.
                return strnlen(text, 120) < 120
            default: return false
            }
        }
        return false
    }

    // MARK: precedence

    static func resolve(_ e: Evidence, pageURL: String?) -> PageMetadata {
        var result = PageMetadata()
        let ld = JSONLDArticle.parse(e.jsonLD)
        let base = pageURL.flatMap(Self.base)

        result.siteName = first(ld.siteName, e.meta["og:site_name"], e.meta["application-name"], e.meta["twitter:site"].flatMap { $0.hasPrefix("@") ? nil : $0 })
        result.description = first(ld.description, e.meta["og:description"], e.meta["description"], e.meta["twitter:description"])

        // Title: headline fields first; a <title> only after taking the site name off.
        let microTitle = e.itemprop["headline"]?.first.map { ArticleText.collapse($0.attribute("content") ?? $0.textContent) }
        result.title = resolveTitle(
            metadata: [ld.headline, e.meta["og:title"], e.meta["twitter:title"], microTitle, e.meta["title"], e.meta["dc.title"]],
            titleTag: e.titleTag, visible: e.h1 + e.headings, siteName: result.siteName, pageURL: pageURL)

        // Authors.
        var authors = ld.authors
        if authors.isEmpty { authors = (e.metaAll["article:author"] ?? []).filter { !looksLikeURL($0) } }
        if authors.isEmpty, let value = first(e.meta["author"], e.meta["dc.creator"], e.meta["sailthru.author"], e.meta["parsely-author"]) {
            authors = splitNames(value)
        }
        if authors.isEmpty, let creator = e.meta["twitter:creator"], !creator.hasPrefix("@") { authors = [creator] }
        if authors.isEmpty { authors = e.relAuthors.flatMap(splitNames) }
        if authors.isEmpty, let nodes = e.itemprop["author"] {
            for node in nodes {
                let nameNode = node.first(Self.nameSelector)
                let text = nameNode.map { ArticleText.collapse($0.attribute("content") ?? $0.textContent) }
                    ?? ArticleText.collapse(node.attribute("content") ?? node.textContent)
                authors += splitNames(text)
            }
        }
        if authors.isEmpty { authors = e.bylines.lazy.map(splitNames).first { !$0.isEmpty } ?? [] }
        if authors.isEmpty { authors = e.textBylines.lazy.map(splitNames).first { !$0.isEmpty } ?? [] }
        var unique: [String] = []
        for author in authors.map(cleanName) where !author.isEmpty && !unique.contains(author) && !looksLikeURL(author) {
            unique.append(author)
        }
        result.authors = unique

        // Dates.
        let microPublished = (e.itemprop["datePublished"] ?? e.itemprop["uploadDate"])?.first.flatMap {
            $0.attribute("content") ?? $0.attribute("datetime") ?? $0.textContent
        }
        let candidates: [String?] = [
            ld.published, e.meta["article:published_time"], e.meta["og:published_time"], e.meta["datepublished"],
            e.meta["publishdate"], e.meta["publish-date"], e.meta["pubdate"], e.meta["date"], e.meta["dc.date.issued"],
            e.meta["dc.date"], e.meta["dcterms.date"], e.meta["dcterms.created"], e.meta["dcterms.issued"], e.meta["sailthru.date"], e.meta["parsely-pub-date"],
            e.meta["article.published"], e.meta["citation_publication_date"], e.meta["cxenseparse:recs:publishtime"],
            microPublished, e.times.first { $0.preferred }?.datetime, e.times.first?.datetime, ld.pagePublished,
        ]
        result.published = candidates.lazy.compactMap { $0.flatMap(LooseDate.parse) }.first
        if result.published == nil {
            result.published = e.datelines.lazy.compactMap { dateline(in: $0) }.first
        }
        if result.published == nil, let url = pageURL ?? e.canonical { result.published = LooseDate.fromURL(url) }
        let updatedCandidates: [String?] = [ld.modified, e.meta["article:modified_time"], e.meta["og:updated_time"], e.meta["datemodified"], e.itemprop["dateModified"]?.first.flatMap { $0.attribute("content") ?? $0.attribute("datetime") }]
        result.updated = updatedCandidates.lazy.compactMap { $0.flatMap(LooseDate.parse) }.first

        // Language, canonical URL, image.
        let language = first(e.htmlLang, e.meta["content-language"], e.meta["og:locale"], ld.language, e.meta["language"], e.meta["dc.language"])
        result.language = language.map(dashed).flatMap { $0.isEmpty ? nil : $0 }
        result.canonicalURL = first(e.canonical, e.meta["og:url"], ld.url).flatMap { resolve($0, base) }
        result.image = first(e.meta["og:image"], e.meta["og:image:url"], e.meta["og:image:secure_url"], ld.image, e.meta["twitter:image"], e.meta["twitter:image:src"], e.firstImage).flatMap { resolve($0, base) }
        return result
    }

    /// The first value that has any non-space character (values arrive collapsed already).
    static func first(_ values: String?...) -> String? {
        for value in values {
            if let value, value.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
                return value.utf8.first == 0x20 || value.utf8.last == 0x20 ? ArticleText.collapse(value) : value
            }
        }
        return nil
    }

    /// The page URL as a base for its links, in the escaped form (nil when empty).
    static func base(_ pageURL: String) -> URLReference? {
        let trimmed = pageURL.trimmedSpaces()
        return trimmed.isEmpty ? nil : URLReference(parsing: trimmed).escaped
    }

    /// `reference` made absolute against `base`, in the escaped form a browser would request
    /// (`URLReference.escaped`). Without a base a relative reference comes back trimmed; with a base that
    /// is not absolute, or when it is no valid reference (a ":" in its first segment), nil.
    static func resolve(_ reference: String, _ base: URLReference?) -> String? {
        let trimmed = reference.trimmedSpaces()
        guard !trimmed.isEmpty else { return nil }
        let parsed = URLReference(parsing: trimmed).escaped
        if parsed.scheme != nil { return parsed.string }
        guard let base else { return trimmed }
        guard base.scheme != nil, !parsed.hasColonInFirstSegment else { return nil }
        return parsed.resolved(against: base).string
    }

    /// `en_US` → `en-US`, scalar by scalar (as Foundation's literal replacement does), without Foundation.
    static func dashed(_ language: String) -> String {
        guard language.utf8.contains(UInt8(ascii: "_")) else { return language }
        var scalars = String.UnicodeScalarView()
        for scalar in language.unicodeScalars { scalars.append(scalar == "_" ? "-" : scalar) }
        return String(scalars)
    }

    static func looksLikeURL(_ text: String) -> Bool {
        text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("/") || text.hasPrefix("www.")
    }

    /// Takes "| Site", "- Site", "— Site", ": Site" off either end, only when the site name is known. The name
    /// matches letter by letter, ignoring case, spaces and punctuation ("The Hill" and "TheHill").
    static func stripSiteName(_ title: String, siteName: String?) -> String {
        guard let siteName, !siteName.isEmpty, title.count > siteName.count else { return title }
        let site = letters(siteName)
        guard !site.isEmpty else { return title }
        for separator in titleSeparators {
            if let range = title.range(of: separator, options: .backwards), letters(title[range.upperBound...]) == site {
                let rest = ArticleText.collapse(String(title[..<range.lowerBound]))
                if !rest.isEmpty { return rest }
            }
            if let range = title.range(of: separator), letters(title[..<range.lowerBound]) == site {
                let rest = ArticleText.collapse(String(title[range.upperBound...]))
                if !rest.isEmpty { return rest }
            }
        }
        return title
    }

    static func letters<S: StringProtocol>(_ text: S) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    /// "By Jane Doe and John Roe", "Jane Doe, John Roe" → names.
    static func splitNames(_ raw: String) -> [String] {
        var text = ArticleText.collapse(raw)
        let lower = text.lowercased()
        for prefix in ["posted by ", "written by ", "words by ", "story by ", "by ", "author: ", "authors: ", "von ", "par "] {
            if lower.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)); break }
        }
        // A byline often runs into the date or the site: "Jane Doe | March 5, 2024", "Jane Doe - Reuters".
        for stop in [" | ", " • ", " · ", " — ", " – ", " on ", " published ", " updated ", " posted "] {
            if let range = text.utf8Range(of: stop) { text = String(text[..<range.lowerBound]) }
        }
        let parts = splitOn(text, [",", " and ", " & "]).map { cleanName(String($0)) }.filter { !$0.isEmpty }
        return parts.filter { name in
            let words = name.split(separator: " ")
            return words.count <= 5 && !name.contains("@" as Character) && name.count <= 60 && name.first.map { !$0.isNumber } ?? false
        }
    }

    /// Splits on any of the separators, in one pass per separator.
    static func splitOn(_ text: String, _ separators: [String]) -> [Substring] {
        var parts: [Substring] = [text[...]]
        for separator in separators {
            parts = parts.flatMap { part -> [Substring] in
                var pieces: [Substring] = []
                var rest = part
                while let range = rest.utf8Range(of: separator) {
                    pieces.append(rest[..<range.lowerBound])
                    rest = rest[range.upperBound...]
                }
                pieces.append(rest)
                return pieces
            }
        }
        return parts
    }

    static func cleanName(_ raw: String) -> String {
        var text = ArticleText.collapse(raw)
        if text.lowercased().hasPrefix("by ") { text = String(text.dropFirst(3)) }
        return text.trimmed(of: " ,;:|-–—·•")
    }

    /// A date inside a short visible line ("Posted on March 5, 2024 by admin", "Updated 10:30 AM, Mar 5, 2024").
    /// Words that introduce a date on a dateline, in the languages feedd meets most, longest first where one
    /// starts another.
    static let datelineWords = [
        "Posted on", "Published on", "Published:", "Published", "Posted", "Updated:", "Updated", "Date:",
        "Aktualisiert am", "Aktualisiert:", "Aktualisiert", "Veröffentlicht am", "Veröffentlicht:", "Veröffentlicht",
        "Erstellt am", "Datum:", "Stand:", "Publié le", "Mis à jour le", "Publicado el", "Publicado:", "Actualizado:",
        "Pubblicato il", "Gepubliceerd op", "on", "am", "vom", "le", "el", "il", "op",
    ]

    static func dateline(in text: String) -> Date? {
        if let date = LooseDate.parse(text) { return date }
        var cleaned = text
        for word in datelineWords {
            if cleaned.hasPrefix(word + " ") { cleaned = String(cleaned.dropFirst(word.count + 1)) }
        }
        for stop in [" by ", " By ", " von ", " par ", " por ", " | ", " - ", " – ", " ("] {
            if let range = cleaned.utf8Range(of: stop) { cleaned = String(cleaned[..<range.lowerBound]) }
        }
        if let date = LooseDate.parse(cleaned) { return date }
        // "am 25.08.2015 22:30", "Copyright © 19.12.2019": from the first digit on, then without a trailing time.
        guard let digit = cleaned.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
        let tail = String(cleaned[digit...])
        if let date = LooseDate.parse(tail) { return date }
        return tail.split(separator: " ").first.flatMap { LooseDate.parse(String($0).trimmingCharacters(in: [",", ";"])) }
    }
}
