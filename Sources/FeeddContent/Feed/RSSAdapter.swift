import FeeddCore

/// RSS 0.90, 0.91–0.94, 2.0 and RSS 1.0 (RDF): the core elements by local name in no namespace,
/// the RSS 1.0 or the RSS 0.90 namespace; extensions through `ExtensionElements`.
enum RSSAdapter: FeedFormatAdapter {
    static func isItem(_ ns: XMLNamespace, _ element: FeedElement, _ name: UnsafePointer<CChar>) -> Bool {
        element == .item && ns.isRSSCore
    }

    static func start(_ frame: inout FeedDocumentBuilder.Frame, builder: FeedDocumentBuilder)
        -> FeedDocumentBuilder.Capture
    {
        let ns = frame.ns
        if ns.isRSSCore {
            switch frame.element {
            case .item:
                if builder.item == nil {
                    builder.beginItem(frame)
                    builder.item!.about = frame.attributes.value("about", ns: .rdf)
                }
            case .channel, .Channel:
                if ns == .rss090 { builder.feed!.format = .rss09x }
                if builder.feed!.rootLanguage == nil { builder.feed!.rootLanguage = frame.language }
            case .description, .body, .fulltext, .fullitem, .title:
                // Raw (unescaped) HTML inside these is kept as markup rather than lost as elements.
                return .markup
            default: break
            }
        } else if ns == .content && frame.element == .encoded {
            return .markup
        } else if ns == .xhtml && frame.element == .body {
            return .xhtml
        } else {
            ExtensionElements.startInItem(frame, builder: builder)
        }
        return .text
    }

    static func end(_ frame: FeedDocumentBuilder.Frame, text: ElementText, builder: FeedDocumentBuilder) {
        if frame.ns.isRSSCore {
            if builder.item != nil { endInItem(frame, text: text, builder: builder) } else { endInChannel(frame, text: text, builder: builder) }
            return
        }
        if frame.ns.isAtom {
            switch frame.element {
            case .link: ExtensionElements.atomLink(frame, text: nil, builder: builder, isRSS: true)
            case .updated where builder.item != nil:
                if builder.item!.updated == nil { builder.item!.updated = text.trimmingASCIISpace() }
            case .published where builder.item != nil:
                if builder.item!.fallbackPublished == nil { builder.item!.fallbackPublished = text.trimmingASCIISpace() }
            case .name where builder.item != nil && builder.parentElement == .author:
                let name = text.trimmingASCIISpace()
                if !name.isEmpty { builder.item!.authors.append(name) }
            default: break
            }
            return
        }
        if frame.ns == .xhtml && frame.element == .body, builder.item != nil, builder.item!.content == nil {
            builder.item!.content = TextConstruct(value: text, kind: .html, base: builder.base(of: frame))
            return
        }
        if builder.item != nil {
            _ = ExtensionElements.endInItem(frame, text: text, builder: builder)
        } else {
            _ = ExtensionElements.endInChannel(frame, text: text, builder: builder)
        }
    }

    private static func endInItem(_ frame: FeedDocumentBuilder.Frame, text: ElementText, builder: FeedDocumentBuilder) {
        // Only direct children of <item> count (not <source><title>, say).
        let parentIsItem = builder.parentElement == .item
        var trimmed: String { text.trimmingASCIISpace() }
        switch frame.element {
        case .item:
            builder.endItem()
        case .title where parentIsItem:
            // Repeated text elements: the first counts (as feedparser reads them).
            if builder.item!.title == nil { builder.item!.title = TextConstruct(value: text, kind: .html) }
        case .link where parentIsItem:
            if builder.item!.link == nil, !trimmed.isEmpty { builder.item!.link = builder.resolve(trimmed, in: frame) }
        case .description where parentIsItem:
            if builder.item!.description == nil, !text.isBlank {
                builder.item!.description = TextConstruct(value: text, kind: .html, base: builder.base(of: frame))
            }
        case .body, .fulltext, .fullitem:
            if builder.item!.content == nil, !text.isBlank {
                builder.item!.content = TextConstruct(value: text, kind: .html, base: builder.base(of: frame))
            }
        case .guid where parentIsItem:
            if !trimmed.isEmpty {
                builder.item!.guid = trimmed
                let permaLink = frame.attributes.value("isPermaLink")?.trimmingASCIISpace().lowercased()
                builder.item!.guidIsPermaLink = permaLink != "false"
            }
        case .pubDate where parentIsItem, .pubdate where parentIsItem:
            builder.item!.published = trimmed
        case .author where parentIsItem:
            if !trimmed.isEmpty { builder.item!.authors.append(Self.authorName(trimmed)) }
        case .category where parentIsItem:
            if !trimmed.isEmpty { builder.item!.categories.append(trimmed) }
        case .comments where parentIsItem:
            if builder.item!.commentsURL == nil { builder.item!.commentsURL = builder.resolve(trimmed, in: frame) }
        case .enclosure where parentIsItem:
            let attributes = frame.attributes
            guard let url = builder.resolve(attributes.value("url"), in: frame) else { return }
            let length = attributes.value("length").flatMap { Int64($0.trimmingASCIISpace()) }.flatMap { $0 > 0 ? $0 : nil }
            let type = attributes.value("type")?.trimmingASCIISpace()
            builder.item!.enclosures.append(Enclosure(url: url, type: type?.isEmpty == false ? type : nil, length: length))
            if builder.item!.image == nil, type?.hasPrefix("image/") == true { builder.item!.image = url }
        default:
            break
        }
    }

    private static func endInChannel(
        _ frame: FeedDocumentBuilder.Frame, text: ElementText, builder: FeedDocumentBuilder
    ) {
        // RSS 1.1 names its channel element `Channel`.
        let parent = builder.parentElement == .Channel ? .channel : builder.parentElement
        var trimmed: String { text.trimmingASCIISpace() }
        switch (frame.element, parent) {
        case (.title, .channel):
            builder.feed!.title = TextConstruct(value: trimmed, kind: .html)
        case (.link, .channel):
            if !trimmed.isEmpty, !builder.feed!.linkIsHTML || builder.feed!.link == nil {
                builder.feed!.link = builder.resolve(trimmed, in: frame)
                builder.feed!.linkIsHTML = true
            }
        case (.description, .channel):
            builder.feed!.description = TextConstruct(value: text, kind: .html)
        case (.language, .channel):
            if !trimmed.isEmpty { builder.feed!.language = trimmed }
        case (.ttl, .channel):
            builder.feed!.ttlMinutes = trimmed
        case (.url, .image):
            if builder.feed!.image == nil { builder.feed!.image = builder.resolve(trimmed, in: frame) }
        default:
            break
        }
    }

    /// RSS `<author>` is an email address, often with the name in parentheses: keep the name.
    static func authorName(_ text: String) -> String {
        if let openIndex = text.firstIndex(of: "("), let closeIndex = text.lastIndex(of: ")"), openIndex < closeIndex {
            let name = String(text[text.index(after: openIndex)..<closeIndex]).trimmingASCIISpace()
            if !name.isEmpty { return name }
        }
        return text
    }
}
