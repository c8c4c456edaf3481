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
        if let guid, let key = guidKey(source: source, guid: guid) { return key }
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

    /// Key of a source's guid (rung 2) straight from the guid as published; nil when it normalizes to
    /// nothing. Equal to `guidKey(source:normalizedGUID: normalizedGUID(guid))`, without building the string:
    /// dedupe computes it for every article it checks.
    package static func guidKey(source: String, guid: String) -> UInt64? {
        withNormalizedGUID(guid) { bytes in
            guard !bytes.isEmpty else { return nil }
            return StableHash.combine(
                StableHash.hash64(source, seed: Seed.guid), StableHash.hash64(bytes: bytes, seed: Seed.guid),
                seed: Seed.guid)
        }
    }

    /// Trims whitespace; a guid that is an http(s) URL loses its scheme and gets a lowercase host, so
    /// `http://x/a` and `HTTPS://X/a` name the same item.
    package static func normalizedGUID(_ guid: String) -> String {
        withNormalizedGUID(guid) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of the normalized guid. Only guids that need trimming or have a
    /// non-ASCII host go through `String`; the rest are rewritten byte by byte in a stack buffer.
    private static func withNormalizedGUID<Result>(
        _ guid: String, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        let needsTrim = guid.utf8.first.map { $0 <= 0x20 || $0 >= 0x80 } == true
            || guid.utf8.last.map { $0 <= 0x20 || $0 >= 0x80 } == true
        var trimmed = needsTrim ? guid.trimmingCharacters(in: .whitespacesAndNewlines) : guid
        return trimmed.withUTF8 { whole in
            let bytes = UnsafeRawBufferPointer(whole)
            let schemeLength = httpSchemeLength(bytes)
            let rest = UnsafeRawBufferPointer(rebasing: bytes[schemeLength...])
            guard schemeLength > 0, rest.count >= 2, rest[0] == UInt8(ascii: "/"), rest[1] == UInt8(ascii: "/")
            else { return body(bytes) }
            let hostEnd =
                rest[2...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
                ?? rest.count
            guard rest[2..<hostEnd].allSatisfy({ $0 < 0x80 }) else {
                // Non-ASCII hosts need Unicode lowercasing; they are rare.
                let host = String(decoding: UnsafeRawBufferPointer(rebasing: rest[2..<hostEnd]), as: UTF8.self)
                var normalized = "//" + host.lowercased()
                    + String(decoding: UnsafeRawBufferPointer(rebasing: rest[hostEnd...]), as: UTF8.self)
                return normalized.withUTF8 { body(UnsafeRawBufferPointer($0)) }
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: rest.count) { buffer in
                for (offset, byte) in rest.enumerated() {
                    let inHost = offset >= 2 && offset < hostEnd
                    buffer[offset] = inHost && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                }
                return body(UnsafeRawBufferPointer(buffer))
            }
        }
    }

    /// 6 for `https:`, 5 for `http:` (any case), else 0.
    private static func httpSchemeLength(_ bytes: UnsafeRawBufferPointer) -> Int {
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            for offset in 0..<count {
                let byte = bytes[offset]
                let wanted = prefix.utf8Start[offset]
                guard byte | 0x20 == wanted || byte == wanted else { return false }
            }
            return true
        }
        if hasPrefix("https:") { return 6 }
        if hasPrefix("http:") { return 5 }
        return 0
    }

    private static func withoutHTTPScheme(_ url: String) -> Substring {
        var url = url
        let length = url.withUTF8 { httpSchemeLength(UnsafeRawBufferPointer($0)) }
        return Substring(url.utf8.dropFirst(length))
    }

    /// Distinct seeds keep the three rungs from ever colliding with each other.
    enum Seed {
        static let url: UInt64 = 0x7572_6C00
        static let guid: UInt64 = 0x6775_6964
        static let title: UInt64 = 0x7469_746C
    }
}
