import Foundation

/// The stable article id: 16 lowercase hex digits of a 64-bit `StableHash`, chosen by the first rung of
/// this ladder that the article has:
///
/// 1. the canonical URL, without its `http:`/`https:` scheme (a site moving to https keeps its ids);
/// 2. the source name and the guid (normalized by `normalizedGUID`), when there is no URL;
/// 3. the source name, the normalized title and the publication date (seconds), when there is neither.
///
/// Pass `published: nil` when the date is only the first-seen time (`publishedEstimated`): such a date
/// changes with every poll and would give the same item a new id each time.
package enum ArticleIdentity {
    /// The id as 16 hex digits.
    package static func id(
        canonicalURL: String?, source: String, guid: String?, title: String?, published: Date?
    ) -> String {
        Fingerprint.hex(value(canonicalURL: canonicalURL, source: source, guid: guid, title: title, published: published))
    }

    /// The id as the 64-bit number it renders.
    package static func value(
        canonicalURL: String?, source: String, guid: String?, title: String?, published: Date?
    ) -> UInt64 {
        if let canonicalURL, !canonicalURL.isEmpty { return urlKey(canonicalURL) }
        if let guid, case let normalized = normalizedGUID(guid), !normalized.isEmpty {
            return guidKey(source: source, normalizedGUID: normalized)
        }
        return titleKey(source: source, title: title, published: published)
    }

    /// Key of a canonical URL (rung 1).
    package static func urlKey(_ canonicalURL: String) -> UInt64 {
        StableHash.hash64(withoutHTTPScheme(canonicalURL), seed: Seed.url)
    }

    /// Key of a source's guid (rung 2); `normalizedGUID` must come from `normalizedGUID(_:)`.
    package static func guidKey(source: String, normalizedGUID: String) -> UInt64 {
        StableHash.hash64(source, normalizedGUID, seed: Seed.guid)
    }

    /// Key of a source's title and date (rung 3).
    package static func titleKey(source: String, title: String?, published: Date?) -> UInt64 {
        let titleHash = TextDigest(title ?? "", computeSimHash: false).exactHash
        let seconds = published.map { String(Int64($0.timeIntervalSince1970.rounded(.down))) } ?? "-"
        return StableHash.hash64(parts: [source, Fingerprint.hex(titleHash), seconds], seed: Seed.title)
    }

    /// Trims whitespace; a guid that is an http(s) URL loses its scheme and gets a lowercase host, so
    /// `http://x/a` and `HTTPS://X/a` name the same item.
    package static func normalizedGUID(_ guid: String) -> String {
        // Most guids have nothing to trim: skip Foundation's (slow) trimming for them.
        let needsTrim = guid.utf8.first.map { $0 <= 0x20 || $0 >= 0x80 } == true
            || guid.utf8.last.map { $0 <= 0x20 || $0 >= 0x80 } == true
        let trimmed = needsTrim ? guid.trimmingCharacters(in: .whitespacesAndNewlines) : guid
        let rest = withoutHTTPScheme(trimmed)
        guard rest.count != trimmed.count, rest.hasPrefix("//") else { return trimmed }
        let afterSlashes = rest.dropFirst(2)
        let hostEnd = afterSlashes.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterSlashes.endIndex
        return "//" + afterSlashes[..<hostEnd].lowercased() + afterSlashes[hostEnd...]
    }

    private static func withoutHTTPScheme(_ url: String) -> Substring {
        let utf8 = url.utf8
        func hasPrefix(_ prefix: String) -> Bool {
            utf8.count >= prefix.utf8.count
                && zip(utf8, prefix.utf8).allSatisfy { $0 | 0x20 == $1 || ($0 == $1) }
        }
        if hasPrefix("https:") { return url.dropFirst(6) }
        if hasPrefix("http:") { return url.dropFirst(5) }
        return Substring(url)
    }

    /// Distinct seeds keep the three rungs from ever colliding with each other.
    enum Seed {
        static let url: UInt64 = 0x7572_6C00
        static let guid: UInt64 = 0x6775_6964
        static let title: UInt64 = 0x7469_746C
    }
}
