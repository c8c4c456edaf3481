import FeeddCore

/// Cleans a collected item into a `FeedItem`: picks among the fields formats offer, resolves URLs,
/// sanitizes content, renders plain-text titles and summaries, parses dates.
struct ItemFinisher {
    let options: ParseOptions
    let sanitizerHosts: [String]
    let feedAuthors: [String]
    let sanitizers: SanitizerCache

    func finish(_ draft: ItemDraft) -> FeedItem {
        // Fields are found first and the item made once at the end: filled in field by field, the
        // (large) struct was copied twice per item.
        var url = draft.origLink ?? draft.link ?? draft.alternateLink
        if url == nil, let guid = draft.guid, draft.guidIsPermaLink {
            let scheme = URLReference.scheme(of: guid)
            if scheme == "http" || scheme == "https" { url = guid }
        }
        var title: String?
        if let plain = draft.title.map(Self.plain) ?? draft.fallbackTitle.map(FeedText.plain), !plain.isEmpty {
            title = plain
        }
        var authors = draft.authors.isEmpty ? draft.fallbackAuthors : draft.authors
        if authors.isEmpty { authors = feedAuthors }
        let published = (draft.published.flatMap(DateParser.parse)) ?? draft.fallbackPublished.flatMap(DateParser.parse)
        let updated = draft.updated.flatMap(DateParser.parse)

        var content: String?
        if let source = draft.content ?? draft.description ?? draft.summary {
            let sanitizer = sanitizers.sanitizer(base: source.base ?? draft.base ?? options.url, hosts: sanitizerHosts)
            let sanitized = sanitizer.sanitize(utf8: source.kind == .text ? Self.escaped(source.bytes) : source.bytes)
            let html = SyndicationFooter.strip(html: sanitized)
            if !html.isEmpty { content = html }
        }
        var summary: String?
        if let source = draft.summary ?? draft.description {
            let text = SyndicationFooter.strip(text: Self.plainFromHTML(source))
            if !text.isEmpty { summary = text }
        } else if let media = draft.mediaDescription {
            let text = FeedText.plain(media)
            if !text.isEmpty { summary = text }
        }
        // Most items have one enclosure or none: comparing URLs beats hashing them into a new set per item.
        var enclosures: [Enclosure]
        if draft.enclosures.count <= 16 {
            enclosures = []
            enclosures.reserveCapacity(draft.enclosures.count)
            for enclosure in draft.enclosures where !enclosures.contains(where: { $0.url == enclosure.url }) {
                enclosures.append(enclosure)
            }
        } else {
            var seen = Set<String>()
            enclosures = draft.enclosures.filter { seen.insert($0.url).inserted }
        }
        if let duration = draft.duration, let episode = Self.episodeEnclosure(enclosures) {
            enclosures[episode].duration = enclosures[episode].duration ?? duration
        }
        var item = FeedItem(
            id: draft.guid ?? draft.atomID ?? draft.about ?? draft.dcIdentifier, url: url, title: title,
            authors: Self.unique(authors.map { FeedText.plain($0) }), published: published, updated: updated,
            summary: summary, content: content, categories: Self.unique(draft.categories.map { FeedText.plain($0) }),
            enclosures: enclosures, image: draft.image, commentsURL: draft.commentsURL, language: draft.language)
        for (term, label) in draft.categoryLabels {
            item.categoryLabels[FeedText.plain(term)] = FeedText.plain(label)
        }
        return item
    }

    /// The enclosure an item-level duration describes: the first audio or video one, else the first whose
    /// type is unknown (an image or a PDF has no playing time).
    static func episodeEnclosure(_ enclosures: [Enclosure]) -> Int? {
        func isMedia(_ type: String?) -> Bool { type.map { $0.hasPrefix("audio/") || $0.hasPrefix("video/") } ?? false }
        return enclosures.firstIndex { isMedia($0.type) } ?? enclosures.firstIndex { $0.type == nil }
    }

    /// Declared plain text made markup: `&`, `<` and `>` escaped, byte for byte (UTF-8 stays valid).
    static func escaped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
        else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            default: out.append(byte)
            }
        }
        return out
    }

    /// Descriptions and summaries are HTML whatever they look like; titles only when they look like
    /// it (`plain`, through FeedText).
    static func plainFromHTML(_ construct: TextConstruct) -> String {
        construct.kind == .html ? TextNormalizer.plainText(utf8: construct.bytes) : plain(construct)
    }

    static func plain(_ construct: TextConstruct) -> String {
        switch construct.kind {
        case .html: return FeedText.plain(utf8: construct.bytes)
        case .xhtml: return TextNormalizer.plainText(utf8: construct.bytes)
        case .text:
            // Declared plain text: taken literally (no tag stripping, no entity decoding).
            return TextNormalizer.collapseWhitespace(utf8: construct.bytes)
        }
    }

    static func unique(_ values: [String]) -> [String] {
        // An item has a handful of authors and categories: comparing them beats hashing them.
        if values.count <= 16 {
            var kept: [String] = []
            for value in values where !value.isEmpty && !kept.contains(value) { kept.append(value) }
            return kept
        }
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    static func finishFeed(_ draft: FeedDraft, items: [FeedItem], base: String?) -> ParsedFeed {
        // Each field found first and the feed made once: assigned one by one, the (large) struct was
        // copied out and back for several of them.
        let title = draft.title.map(plain).flatMap { $0.isEmpty ? nil : $0 }
        let description = draft.description.map(plainFromHTML).flatMap { $0.isEmpty ? nil : $0 }
        var ttl: Double?
        if let minutes = draft.ttlMinutes.flatMap({ Double($0) }), minutes > 0, minutes.isFinite {
            ttl = minutes * 60
        }
        var updatePeriod: Double?
        if let period = draft.updatePeriod?.lowercased() {
            let seconds: Double? = switch period {
            case "hourly": 3600
            case "daily": 86_400
            case "weekly": 604_800
            case "monthly": 2_592_000
            case "yearly": 31_536_000
            default: nil
            }
            if let seconds {
                let frequency = draft.updateFrequency.flatMap { Double($0) }.flatMap { $0 >= 1 ? $0 : nil } ?? 1
                updatePeriod = seconds / frequency
            }
        }
        return ParsedFeed(format: draft.format, title: title, link: draft.link, description: description,
                          language: draft.language ?? draft.rootLanguage, image: draft.image, selfURL: draft.selfURL,
                          ttl: ttl, updatePeriod: updatePeriod, items: items)
    }
}
