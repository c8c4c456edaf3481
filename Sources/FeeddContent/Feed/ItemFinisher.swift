import FeeddCore

/// Cleans a collected item into a `FeedItem`: picks among the fields formats offer, resolves URLs,
/// sanitizes content, renders plain-text titles and summaries, parses dates.
struct ItemFinisher {
    let options: ParseOptions
    let sanitizerHosts: [String]
    let feedAuthors: [String]
    let sanitizers: SanitizerCache

    func finish(_ draft: ItemDraft) -> FeedItem {
        var item = FeedItem()
        item.id = draft.guid ?? draft.atomID ?? draft.about ?? draft.dcIdentifier
        var url = draft.origLink ?? draft.link ?? draft.alternateLink
        if url == nil, let guid = draft.guid, draft.guidIsPermaLink {
            let scheme = URLReference.scheme(of: guid)
            if scheme == "http" || scheme == "https" { url = guid }
        }
        item.url = url
        if let title = draft.title.map(Self.plain) ?? draft.fallbackTitle.map(FeedText.plain), !title.isEmpty {
            item.title = title
        }
        var authors = draft.authors.isEmpty ? draft.fallbackAuthors : draft.authors
        if authors.isEmpty { authors = feedAuthors }
        item.authors = Self.unique(authors.map { FeedText.plain($0) })
        item.published = (draft.published.flatMap(DateParser.parse)) ?? draft.fallbackPublished.flatMap(DateParser.parse)
        item.updated = draft.updated.flatMap(DateParser.parse)

        if let source = draft.content ?? draft.description ?? draft.summary {
            let sanitizer = sanitizers.sanitizer(base: source.base ?? draft.base ?? options.url, hosts: sanitizerHosts)
            let sanitized = sanitizer.sanitize(utf8: source.kind == .text ? Self.escaped(source.bytes) : source.bytes)
            let html = SyndicationFooter.strip(html: sanitized)
            if !html.isEmpty { item.content = html }
        }
        if let source = draft.summary ?? draft.description {
            let text = SyndicationFooter.strip(text: Self.plainFromHTML(source))
            if !text.isEmpty { item.summary = text }
        } else if let media = draft.mediaDescription {
            let text = FeedText.plain(media)
            if !text.isEmpty { item.summary = text }
        }
        item.categories = Self.unique(draft.categories.map { FeedText.plain($0) })
        for (term, label) in draft.categoryLabels {
            item.categoryLabels[FeedText.plain(term)] = FeedText.plain(label)
        }
        var seen = Set<String>()
        item.enclosures = draft.enclosures.filter { seen.insert($0.url).inserted }
        if let duration = draft.duration, let episode = Self.episodeEnclosure(item.enclosures) {
            item.enclosures[episode].duration = item.enclosures[episode].duration ?? duration
        }
        item.image = draft.image
        item.commentsURL = draft.commentsURL
        item.language = draft.language
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
            return TextNormalizer.collapseWhitespace(TextNormalizer.removeInvisible(TextNormalizer.nfc(construct.value)))
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
        var feed = ParsedFeed(format: draft.format, items: items)
        if let title = draft.title.map(plain), !title.isEmpty { feed.title = title }
        feed.link = draft.link
        if let description = draft.description.map(plainFromHTML), !description.isEmpty { feed.description = description }
        feed.language = draft.language ?? draft.rootLanguage
        feed.image = draft.image
        feed.selfURL = draft.selfURL
        if let minutes = draft.ttlMinutes.flatMap({ Double($0) }), minutes > 0, minutes.isFinite {
            feed.ttl = minutes * 60
        }
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
                feed.updatePeriod = seconds / frequency
            }
        }
        return feed
    }
}
