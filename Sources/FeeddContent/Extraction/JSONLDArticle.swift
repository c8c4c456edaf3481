import Foundation
import FeeddCore

/// The article fields of a page's JSON-LD blocks (`<script type="application/ld+json">`): the first object typed
/// NewsArticle, Article, BlogPosting or a kin, found at the top, in arrays or in `@graph`; authors given by
/// `@id` reference are looked up in the same graph.
struct JSONLDArticle {
    var headline: String?
    var authors: [String] = []
    var published: String?
    /// A WebPage's `datePublished` or a VideoObject's `uploadDate`, for pages with no Article.
    var pagePublished: String?
    var modified: String?
    var image: String?
    var language: String?
    var siteName: String?
    var description: String?
    var url: String?

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting", "techarticle", "scholarlyarticle", "report",
        "socialmediaposting", "posting", "advertisercontentarticle", "satiricalarticle",
    ]

    static func parse(_ blocks: [String]) -> JSONLDArticle {
        var result = JSONLDArticle()
        var objects: [[String: Any]] = []
        for block in blocks {
            var text = block.trimmedSpaces()
            // Some CMSs wrap the JSON in a CDATA comment or leave a trailing semicolon.
            if text.hasPrefix("//<![CDATA[") { text = String(text.dropFirst(11)) }
            if text.hasSuffix("//]]>") { text = String(text.dropLast(5)) }
            if text.hasSuffix(";") { text = String(text.dropLast()) }
            guard let data = text.data(using: .utf8),
                let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            flatten(value, into: &objects)
        }
        var byID: [String: [String: Any]] = [:]
        for object in objects { if let id = object["@id"] as? String { byID[id] = object } }

        let article = objects.first { types($0).contains(where: articleTypes.contains) }
            ?? objects.first { types($0).contains("webpage") && $0["headline"] != nil }
        if let article {
            result.headline = string(article["headline"]) ?? string(article["name"])
            result.published = string(article["datePublished"]) ?? string(article["dateCreated"])
            result.modified = string(article["dateModified"])
            result.description = string(article["description"])
            result.language = string(article["inLanguage"])
            result.image = imageURL(article["image"], byID) ?? imageURL(article["thumbnailUrl"], byID)
            result.url = string(article["url"]) ?? string((article["mainEntityOfPage"] as? [String: Any])?["@id"])
                ?? string(article["mainEntityOfPage"])
            result.authors = names(article["author"], byID) + (names(article["creator"], byID))
            if let publisher = resolve(article["publisher"], byID) { result.siteName = string(publisher["name"]) }
        }
        if result.siteName == nil, let site = objects.first(where: { types($0).contains("website") }) {
            result.siteName = string(site["name"])
        }
        if let page = objects.first(where: { types($0).contains("webpage") }) {
            if result.language == nil { result.language = string(page["inLanguage"]) }
            // Yoast's graph dates the WebPage, not an Article: a fallback, after the page's own date fields.
            result.pagePublished = string(page["datePublished"])
        }
        if result.pagePublished == nil, let video = objects.first(where: { types($0).contains("videoobject") }) {
            result.pagePublished = string(video["uploadDate"])
        }
        return result
    }

    private static func flatten(_ value: Any, into objects: inout [[String: Any]]) {
        if let array = value as? [Any] {
            for item in array { flatten(item, into: &objects) }
        } else if let object = value as? [String: Any] {
            objects.append(object)
            if let graph = object["@graph"] { flatten(graph, into: &objects) }
            // An article nested in a WebPage's mainEntity counts too.
            if let main = object["mainEntity"] as? [String: Any] { flatten(main, into: &objects) }
        }
    }

    private static func types(_ object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type.lowercased()] }
        if let types = object["@type"] as? [Any] { return types.compactMap { ($0 as? String)?.lowercased() } }
        return []
    }

    private static func string(_ value: Any?) -> String? {
        if let text = value as? String {
            let collapsed = ArticleText.collapse(HTMLEntities.decode(text))
            return collapsed.isEmpty ? nil : collapsed
        }
        if let array = value as? [Any], let first = array.first { return string(first) }
        return nil
    }

    private static func resolve(_ value: Any?, _ byID: [String: [String: Any]]) -> [String: Any]? {
        guard let object = value as? [String: Any] else {
            if let array = value as? [Any], let first = array.first { return resolve(first, byID) }
            return nil
        }
        if object.count <= 2, let id = object["@id"] as? String, let target = byID[id] { return target }
        return object
    }

    private static func names(_ value: Any?, _ byID: [String: [String: Any]]) -> [String] {
        guard let value else { return [] }
        if let text = value as? String { return PageMetadata.looksLikeURL(text) ? [] : PageMetadata.splitNames(HTMLEntities.decode(text)) }
        if let array = value as? [Any] { return array.flatMap { names($0, byID) } }
        if let object = resolve(value, byID), let name = string(object["name"]) { return [name] }
        return []
    }

    private static func imageURL(_ value: Any?, _ byID: [String: [String: Any]]) -> String? {
        if let text = value as? String { return text }
        if let array = value as? [Any], let first = array.first { return imageURL(first, byID) }
        if let object = resolve(value, byID) { return string(object["url"]) ?? string(object["contentUrl"]) }
        return nil
    }
}
