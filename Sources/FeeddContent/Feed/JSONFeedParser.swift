import FeeddCore
import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). Fields of the wrong type are ignored
/// rather than failing the feed; ids may be numbers (a common 1.0 mistake).
package enum JSONFeedParser {
    package static func parse(_ bytes: [UInt8], options: ParseOptions) throws(FeedParseError) -> ParsedFeed {
        let text = TextDecoding.string(bytes, charset: options.charset)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            throw FeedParseError(.malformed, "invalid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error)")
        }
        guard let root = object as? [String: Any] else {
            throw FeedParseError(.notAFeed, "JSON document is not an object, so not a JSON Feed")
        }
        let version = root["version"] as? String ?? ""
        guard version.contains("jsonfeed.org/version/") || (root["items"] is [Any] && root["title"] is String) else {
            throw FeedParseError(.notAFeed, "JSON object has no JSON Feed \"version\" and no \"items\"")
        }
        let feedURL = string(root["feed_url"])
        let base = options.url ?? feedURL
        var feed = ParsedFeed(format: .jsonFeed)
        feed.title = string(root["title"]).map(TextNormalizer.plainText)
        feed.link = string(root["home_page_url"]).map { URLReference.resolve($0, against: base) }
        feed.description = string(root["description"]).map(TextNormalizer.plainText)
        feed.language = string(root["language"])
        feed.image = (string(root["icon"]) ?? string(root["favicon"])).map { URLReference.resolve($0, against: base) }
        feed.selfURL = feedURL
        let feedAuthors = authors(root)
        let hosts = options.iframeHosts
        for case let entry as [String: Any] in root["items"] as? [Any] ?? [] {
            var item = FeedItem()
            if let id = entry["id"] {
                item.id = (id as? String) ?? (id as? NSNumber).map { $0.stringValue }
            }
            item.url = (string(entry["url"]) ?? string(entry["external_url"])).map {
                URLReference.resolve($0, against: base)
            }
            item.title = string(entry["title"]).map(TextNormalizer.plainText).flatMap { $0.isEmpty ? nil : $0 }
            let itemAuthors = authors(entry)
            item.authors = itemAuthors.isEmpty ? feedAuthors : itemAuthors
            item.published = string(entry["date_published"]).flatMap(DateParser.parse)
            item.updated = string(entry["date_modified"]).flatMap(DateParser.parse)
            let sanitizer = Sanitizer(baseURL: item.url ?? base, iframeHosts: hosts)
            if let html = string(entry["content_html"]) {
                item.content = sanitizer.sanitize(html)
            } else if let plain = string(entry["content_text"]) {
                item.content = sanitizer.sanitize(escape(plain))
            }
            if item.content?.isEmpty == true { item.content = nil }
            item.summary = (string(entry["summary"]) ?? string(entry["content_text"])).map(TextNormalizer.plainText)
            if item.summary?.isEmpty == true { item.summary = nil }
            item.categories = (entry["tags"] as? [Any] ?? []).compactMap { $0 as? String }.map(TextNormalizer.plainText)
                .filter { !$0.isEmpty }
            item.image = (string(entry["image"]) ?? string(entry["banner_image"])).map {
                URLReference.resolve($0, against: base)
            }
            item.language = string(entry["language"])
            for case let attachment as [String: Any] in entry["attachments"] as? [Any] ?? [] {
                guard let url = string(attachment["url"]) else { continue }
                let size = (attachment["size_in_bytes"] as? NSNumber)?.int64Value
                let duration = (attachment["duration_in_seconds"] as? NSNumber).flatMap {
                    MediaDuration.seconds($0.doubleValue)
                }
                item.enclosures.append(
                    Enclosure(
                        url: URLReference.resolve(url, against: base), type: string(attachment["mime_type"]),
                        length: size, duration: duration))
            }
            feed.items.append(item)
        }
        return feed
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingASCIISpace()
        return trimmed.isEmpty ? nil : text
    }

    /// `authors` (1.1) or `author` (1.0): names, else URLs.
    private static func authors(_ object: [String: Any]) -> [String] {
        var list: [[String: Any]] = (object["authors"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        if list.isEmpty, let single = object["author"] as? [String: Any] { list = [single] }
        return list.compactMap { string($0["name"]) ?? string($0["url"]) }.map(TextNormalizer.plainText)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\n\n", with: "</p><p>")
    }
}
