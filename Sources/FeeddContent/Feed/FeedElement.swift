import CFeeddXML

/// The local names the format adapters and the builder act on, as one byte. The C reader numbers each
/// name once per libxml2 context (libxml2 interns names, so one pointer is one name), and adapters
/// switch on these numbers instead of comparing strings for every element. Case matters, as in XML:
/// `pubDate` and `pubdate`, `channel` and `Channel` (RSS 1.1) are different names. Any other name is
/// `other`. The order is that of `feed_elements` in feedd_xml_feed.c (a test holds them together).
enum FeedElement: UInt8, CaseIterable {
    case other
    // RSS
    case item, channel, Channel, description, body, fulltext, fullitem, title, encoded, link, guid, pubDate, pubdate,
        author, category, comments, enclosure, language, ttl, url, image
    // Atom
    case entry, feed, subtitle, tagline, summary, content, rights, info, id, published, issued, created, updated,
        modified, name, email, contributor, logo, icon
    // Extensions (Dublin Core, Media RSS, iTunes, syndication, FeedBurner, wfw)
    case creator, date, subject, identifier, origLink, thumbnail, duration, keywords, comment, updatePeriod,
        updateFrequency
    // Markup captured inside content: the XHTML wrapper and the void elements (no end tag is written for them).
    case div, br, hr, img, wbr, source, track, col, input, meta, area, embed, param, base

    /// The element number the C reader passes.
    init(number: Int32) { self = FeedElement(rawValue: UInt8(truncatingIfNeeded: number)) ?? .other }

    /// The element a local name is (as the C reader numbers it).
    init(_ name: String) { self.init(number: CFeeddXML_feedElement(name)) }

    /// An HTML void element, written without an end tag when markup is captured.
    var isVoid: Bool {
        switch self {
        case .br, .hr, .img, .wbr, .source, .track, .col, .input, .meta, .link, .area, .embed, .param, .base: true
        default: false
        }
    }
}
