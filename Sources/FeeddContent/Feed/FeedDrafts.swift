import FeeddCore

/// An Atom-style text construct as found: its bytes (valid UTF-8: from a string or the XML reader,
/// which the sanitizer relies on) and how to read them.
struct TextConstruct {
    enum Kind { case text, html, xhtml }
    var bytes: [UInt8]
    var kind: Kind
    var base: String?

    init(value: String, kind: Kind, base: String? = nil) {
        self.init(bytes: Array(value.utf8), kind: kind, base: base)
    }

    init(value: ElementText, kind: Kind, base: String? = nil) {
        self.init(bytes: Array(value.bytes), kind: kind, base: base)
    }

    init(bytes: [UInt8], kind: Kind, base: String?) {
        self.bytes = bytes
        self.kind = kind
        self.base = base
    }

    var value: String { String(decoding: bytes, as: UTF8.self) }
}

/// The text of an element as the parser collected it, lent to an adapter for one call. Content
/// elements stay bytes all the way to the sanitizer; small fields become strings on demand.
struct ElementText {
    let bytes: ArraySlice<UInt8>

    var string: String { String(decoding: bytes, as: UTF8.self) }

    func trimmingASCIISpace() -> String {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] <= 0x20 { start += 1 }
        while end > start, bytes[end - 1] <= 0x20 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    var isBlank: Bool { !bytes.contains { $0 > 0x20 } }
}

/// What the format adapters collect for one item before it is cleaned into a `FeedItem`.
struct ItemDraft {
    var base: String?
    var language: String?
    var guid: String?
    var guidIsPermaLink = true
    var atomID: String?
    var about: String?
    var dcIdentifier: String?
    var link: String?
    var alternateLink: String?
    var alternateIsHTML = false
    var origLink: String?
    var title: TextConstruct?
    var fallbackTitle: String?
    var authors: [String] = []
    var fallbackAuthors: [String] = []
    var published: String?
    var fallbackPublished: String?
    var updated: String?
    var description: TextConstruct?
    var summary: TextConstruct?
    var content: TextConstruct?
    var mediaDescription: String?
    var categories: [String] = []
    /// (term, label) for Atom categories whose label differs from the term.
    var categoryLabels: [(String, String)] = []
    var enclosures: [Enclosure] = []
    /// `itunes:duration`: the episode's, given to its first audio or video enclosure when the item ends.
    var duration: Int?
    var image: String?
    var commentsURL: String?
}

/// Channel-level data collected while the document streams by.
struct FeedDraft {
    var format: FeedFormat
    var title: TextConstruct?
    var link: String?
    var linkIsHTML = false
    var description: TextConstruct?
    var language: String?
    /// xml:lang of the root (or RSS channel) element: the language when no element names one.
    var rootLanguage: String?
    var image: String?
    var selfURL: String?
    var ttlMinutes: String?
    var updatePeriod: String?
    var updateFrequency: String?
    var authors: [String] = []
}
