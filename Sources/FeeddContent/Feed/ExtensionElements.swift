import FeeddCore

/// Namespaced extensions shared by every format: Dublin Core, content, Media RSS, iTunes,
/// syndication, FeedBurner, Atom links inside RSS.
enum ExtensionElements {
    /// Extension elements read when they start: their attributes say it all, and nested ones must
    /// come out in document order (`<itunes:category text="Arts"><itunes:category text="Design"/>`).
    static func startInItem(_ frame: FeedDocumentBuilder.Frame, builder: FeedDocumentBuilder) {
        guard builder.item != nil, frame.ns == .itunes, frame.element == .category else { return }
        if let name = frame.attributes.value("text")?.trimmingASCIISpace(), !name.isEmpty {
            builder.item!.categories.append(name)
        }
    }

    /// Item-level extension elements. Returns true when the element was recognized.
    static func endInItem(_ frame: FeedDocumentBuilder.Frame, text: ElementText, builder: FeedDocumentBuilder) -> Bool {
        guard builder.item != nil else { return false }
        var trimmed: String { text.trimmingASCIISpace() }
        switch (frame.ns, frame.element) {
        case (.content, .encoded):
            if builder.item!.content == nil, !text.isBlank {
                builder.item!.content = TextConstruct(value: text, kind: .html, base: builder.base(of: frame))
            }
        case (.dc, .creator), (.dc, .author):
            if !trimmed.isEmpty { builder.item!.authors.append(trimmed) }
        case (.dc, .contributor):
            if !trimmed.isEmpty { builder.item!.fallbackAuthors.append(trimmed) }
        case (.dc, .date):
            // The item's date: its publication date when no pubDate says otherwise, and its last change.
            if builder.item!.fallbackPublished == nil { builder.item!.fallbackPublished = trimmed }
            if builder.item!.updated == nil { builder.item!.updated = trimmed }
        case (.dc, .issued), (.dc, .created):
            if builder.item!.fallbackPublished == nil { builder.item!.fallbackPublished = trimmed }
        case (.dc, .modified):
            if builder.item!.updated == nil { builder.item!.updated = trimmed }
        case (.dc, .subject):
            if !trimmed.isEmpty { builder.item!.categories.append(trimmed) }
        case (.dc, .title):
            if builder.item!.fallbackTitle == nil { builder.item!.fallbackTitle = trimmed }
        case (.dc, .description):
            if builder.item!.description == nil, !text.isBlank {
                builder.item!.description = TextConstruct(value: text, kind: .html, base: builder.base(of: frame))
            }
        case (.dc, .identifier):
            if builder.item!.dcIdentifier == nil, !trimmed.isEmpty { builder.item!.dcIdentifier = trimmed }
        case (.dc, .language):
            if !trimmed.isEmpty { builder.item!.language = trimmed }
        case (.feedburner, .origLink):
            if !trimmed.isEmpty { builder.item!.origLink = builder.resolve(trimmed, in: frame) }
        case (.media, .content):
            let attributes = frame.attributes
            guard let url = builder.resolve(attributes.value("url"), in: frame) else { return true }
            let type = attributes.value("type")
            let medium = attributes.value("medium")
            let isImage = medium == "image" || (type?.hasPrefix("image/") ?? false)
            if isImage && builder.item!.image == nil { builder.item!.image = url }
            let length = attributes.value("fileSize").flatMap { Int64($0.trimmingASCIISpace()) }
            builder.item!.enclosures.append(
                Enclosure(
                    url: url, type: type ?? medium.map { "\($0)/*" }, length: length,
                    duration: attributes.value("duration").flatMap(MediaDuration.seconds)))
        case (.media, .thumbnail):
            if builder.item!.image == nil { builder.item!.image = builder.resolve(frame.attributes.value("url"), in: frame) }
        case (.media, .description):
            if builder.item!.mediaDescription == nil, !trimmed.isEmpty { builder.item!.mediaDescription = trimmed }
        case (.media, .title):
            if builder.item!.fallbackTitle == nil, !trimmed.isEmpty { builder.item!.fallbackTitle = trimmed }
        case (.media, .category):
            // (media:keywords are search terms, not categories: left out, as feedparser leaves them.)
            if !trimmed.isEmpty { builder.item!.categories.append(trimmed) }
        case (.itunes, .author):
            if !trimmed.isEmpty { builder.item!.fallbackAuthors.append(trimmed) }
        case (.itunes, .image):
            if builder.item!.image == nil {
                builder.item!.image = builder.resolve(frame.attributes.value("href") ?? trimmed, in: frame)
            }
        case (.itunes, .summary), (.itunes, .subtitle):
            if builder.item!.mediaDescription == nil, !trimmed.isEmpty { builder.item!.mediaDescription = trimmed }
        case (.itunes, .duration):
            if let seconds = MediaDuration.seconds(trimmed) { builder.item!.duration = seconds }
        case (.itunes, .keywords):
            var keywords = trimmed
            // ASCII (most keyword lists) splits on bytes: the same pieces as splitting Characters, without
            // grapheme breaking (outside ASCII a comma may begin a grapheme with a following mark).
            if let pieces = keywords.withUTF8(Self.asciiCommaPieces) {
                builder.item!.categories.append(contentsOf: pieces)
            } else {
                for keyword in keywords.split(separator: ",") { builder.item!.categories.append(String(keyword)) }
            }
        case (.wfw, .comment):
            break  // a comment-posting API endpoint, not a page
        case (.slash, .comments), (.itunes, _), (.media, _), (.dc, _), (.slash, _), (.wfw, _), (.feedburner, _),
            (.content, _):
            break
        default:
            return false
        }
        return true
    }

    /// The non-empty pieces between commas of an all-ASCII list, in one pass over its bytes; nil when a byte
    /// is not ASCII. (`split` over a `String.UTF8View` walked it through its index, a few times slower.)
    static func asciiCommaPieces(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        var pieces: [String] = []
        var start = 0
        for i in 0...bytes.count {
            if i < bytes.count {
                let c = bytes[i]
                if c >= 0x80 { return nil }
                if c != UInt8(ascii: ",") { continue }
            }
            if i > start { pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
            start = i + 1
        }
        return pieces
    }

    /// Channel-level extension elements. Returns true when the element was recognized.
    static func endInChannel(_ frame: FeedDocumentBuilder.Frame, text: ElementText, builder: FeedDocumentBuilder) -> Bool {
        guard builder.feed != nil else { return false }
        var trimmed: String { text.trimmingASCIISpace() }
        switch (frame.ns, frame.element) {
        case (.dc, .language):
            if builder.feed!.language == nil, !trimmed.isEmpty { builder.feed!.language = trimmed }
        case (.dc, .title):
            if builder.feed!.title == nil { builder.feed!.title = TextConstruct(value: trimmed, kind: .html) }
        case (.dc, .description):
            if builder.feed!.description == nil { builder.feed!.description = TextConstruct(value: text, kind: .html) }
        case (.dc, .creator):
            if !trimmed.isEmpty { builder.feed!.authors.append(trimmed) }
        case (.sy, .updatePeriod):
            builder.feed!.updatePeriod = trimmed
        case (.sy, .updateFrequency):
            builder.feed!.updateFrequency = trimmed
        case (.itunes, .image):
            if builder.feed!.image == nil {
                builder.feed!.image = builder.resolve(frame.attributes.value("href") ?? trimmed, in: frame)
            }
        case (.itunes, .author):
            if builder.feed!.authors.isEmpty, !trimmed.isEmpty { builder.feed!.authors.append(trimmed) }
        case (.media, .thumbnail):
            if builder.feed!.image == nil { builder.feed!.image = builder.resolve(frame.attributes.value("url"), in: frame) }
        case (.itunes, _), (.media, _), (.dc, _), (.sy, _), (.slash, _), (.wfw, _), (.feedburner, _), (.content, _):
            break
        default:
            return false
        }
        return true
    }

    /// Atom `<link>` handling, shared by Atom feeds and atom:link inside RSS.
    /// An Atom `<link>` with no `href` may carry its URL as text (`text`; Atom feeds only).
    static func atomLink(_ frame: FeedDocumentBuilder.Frame, text: ElementText?, builder: FeedDocumentBuilder, isRSS: Bool) {
        let attributes = frame.attributes
        guard let href = attributes.value("href") ?? text.map({ $0.trimmingASCIISpace() }), !href.isEmpty else { return }
        let rel = (attributes.value("rel") ?? "alternate").trimmingASCIISpace().lowercased()
        let type = attributes.value("type")
        if builder.item != nil {
            guard let url = builder.resolve(href, in: frame) else { return }
            switch rel {
            case "alternate", "http://www.iana.org/assignments/relation/alternate":
                // Prefer an HTML page when several alternates are given.
                let isHTML = type == nil || type!.utf8Contains("html")
                if builder.item!.alternateLink == nil || (isHTML && !builder.item!.alternateIsHTML) {
                    builder.item!.alternateLink = url
                    builder.item!.alternateIsHTML = isHTML
                }
            case "enclosure":
                let length = attributes.value("length").flatMap { Int64($0.trimmingASCIISpace()) }
                builder.item!.enclosures.append(Enclosure(url: url, type: type, length: length))
            case "replies":
                if builder.item!.commentsURL == nil, type == nil || type!.utf8Contains("html") { builder.item!.commentsURL = url }
            default: break
            }
        } else {
            switch rel {
            case "self":
                // Resolved against the feed URL or xml:base only (never against itself).
                if builder.feed!.selfURL == nil {
                    builder.feed!.selfURL = URLReference.resolve(href, against: frame.base ?? builder.options.url)
                }
            case "alternate":
                // In RSS the channel's own <link> wins; in Atom the first HTML alternate does.
                let isHTML = type == nil || type!.utf8Contains("html")
                if builder.feed!.link == nil || (!isRSS && isHTML && !builder.feed!.linkIsHTML) {
                    builder.feed!.link = builder.resolve(href, in: frame)
                    builder.feed!.linkIsHTML = isHTML
                }
            default: break
            }
        }
    }
}
