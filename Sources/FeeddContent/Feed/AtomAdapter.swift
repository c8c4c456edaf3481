import FeeddCore
import Foundation

/// Atom 1.0 (RFC 4287) and Atom 0.3: text constructs (text, html, xhtml; 0.3's escaped, xml and
/// base64 modes), links by rel, people, categories. Elements are matched in either Atom namespace.
enum AtomAdapter: FeedFormatAdapter {
    static func isItem(_ ns: XMLNamespace, _ element: FeedElement, _ name: UnsafePointer<CChar>) -> Bool {
        element == .entry && (ns.isAtom || ns == .none)
    }

    static func start(_ frame: inout FeedDocumentBuilder.Frame, builder: FeedDocumentBuilder)
        -> FeedDocumentBuilder.Capture
    {
        guard frame.ns.isAtom || frame.ns == .none else {
            if frame.ns == .content && frame.element == .encoded { return .markup }
            ExtensionElements.startInItem(frame, builder: builder)
            return .text
        }
        switch frame.element {
        case .entry:
            if builder.item == nil { builder.beginItem(frame) }
        case .title, .subtitle, .tagline, .summary, .content, .rights, .info:
            switch Self.kind(frame.attributes) {
            case .xhtml: return .xhtml
            case .html, .text: return .markup
            }
        default: break
        }
        return .text
    }

    static func end(_ frame: FeedDocumentBuilder.Frame, text: ElementText, builder: FeedDocumentBuilder) {
        guard frame.ns.isAtom || frame.ns == .none else {
            if builder.item != nil {
                _ = ExtensionElements.endInItem(frame, text: text, builder: builder)
            } else {
                _ = ExtensionElements.endInChannel(frame, text: text, builder: builder)
            }
            return
        }
        var trimmed: String { text.trimmingASCIISpace() }
        let parent = builder.parentElement
        if builder.item != nil {
            let inEntry = parent == .entry
            switch frame.element {
            case .entry:
                builder.endItem()
            case .id where inEntry:
                if !trimmed.isEmpty { builder.item!.atomID = trimmed }
            case .title where inEntry:
                // Repeated text elements: the first counts; repeated dates: the last (as feedparser reads them).
                if builder.item!.title == nil { builder.item!.title = construct(frame, text) }
            case .link where inEntry:
                ExtensionElements.atomLink(frame, text: text, builder: builder, isRSS: false)
            case .published where inEntry, .issued where inEntry:
                builder.item!.published = trimmed
            case .created where inEntry:
                if builder.item!.fallbackPublished == nil { builder.item!.fallbackPublished = trimmed }
            case .updated where inEntry, .modified where inEntry:
                builder.item!.updated = trimmed
            case .summary where inEntry:
                // The first of repeated elements counts (as the reference parsers read them).
                if builder.item!.summary == nil { builder.item!.summary = construct(frame, text, base: builder.base(of: frame)) }
            case .content where inEntry:
                if frame.attributes.value("src") != nil {
                    // Out-of-line content: nothing to show inline; the link may serve as the page.
                    if builder.item!.alternateLink == nil {
                        builder.item!.alternateLink = builder.resolve(frame.attributes.value("src"), in: frame)
                    }
                } else if builder.item!.content == nil {
                    builder.item!.content = construct(frame, text, base: builder.base(of: frame))
                }
            case .name where parent == .author:
                if !trimmed.isEmpty { builder.item!.authors.append(trimmed) }
            case .email where parent == .author:
                // Only when the author has no name; the name ends first in most feeds, so keep both
                // in order and let the finisher prefer names.
                if !trimmed.isEmpty { builder.item!.fallbackAuthors.append(trimmed) }
            case .name where parent == .contributor:
                if !trimmed.isEmpty { builder.item!.fallbackAuthors.append(trimmed) }
            case .category where inEntry:
                // The term is the category (as every reader shows it); a differing label is kept beside it.
                let term = (frame.attributes.value("term") ?? frame.attributes.value("label") ?? trimmed).trimmingASCIISpace()
                guard !term.isEmpty else { break }
                builder.item!.categories.append(term)
                if let label = frame.attributes.value("label")?.trimmingASCIISpace(), !label.isEmpty, label != term {
                    builder.item!.categoryLabels.append((term, label))
                }
            default:
                break
            }
            return
        }
        let inFeed = parent == .feed
        switch frame.element {
        case .title where inFeed:
            builder.feed!.title = construct(frame, text)
        case .subtitle where inFeed, .tagline where inFeed:
            builder.feed!.description = construct(frame, text)
        case .link where inFeed:
            ExtensionElements.atomLink(frame, text: text, builder: builder, isRSS: false)
        case .logo where inFeed:
            builder.feed!.image = builder.resolve(trimmed, in: frame)
        case .icon where inFeed:
            if builder.feed!.image == nil { builder.feed!.image = builder.resolve(trimmed, in: frame) }
        case .name where parent == .author:
            if !trimmed.isEmpty { builder.feed!.authors.append(trimmed) }
        default:
            break
        }
    }

    private static func construct(_ frame: FeedDocumentBuilder.Frame, _ text: ElementText, base: String? = nil)
        -> TextConstruct
    {
        let attributes = frame.attributes
        var construct = TextConstruct(value: text, kind: Self.kind(attributes), base: base)
        let mode = attributes.value("mode")?.lowercased()
        let type = attributes.value("type")?.lowercased() ?? ""
        // Byte searches: Foundation's contains(_:) goes through NSString for every text construct.
        // RFC 4287 4.1.3.3: a MIME type that is neither text/* nor XML means base64.
        let isBinaryType = type.utf8Contains("/") && !type.hasPrefix("text/") && !type.utf8Contains("xml")
        if mode == "base64" || isBinaryType {
            let compact = text.string.filter { !$0.isWhitespace }
            if let data = Data(base64Encoded: compact, options: .ignoreUnknownCharacters) {
                // Decoded bytes may be in any state: make them valid UTF-8 first.
                construct.bytes = Array(String(decoding: data, as: UTF8.self).utf8)
                if construct.kind == .xhtml { construct.kind = .html }
            }
        }
        return construct
    }

    static func kind(_ attributes: [XMLAttribute]) -> TextConstruct.Kind {
        let type = attributes.value("type")?.trimmingASCIISpace().lowercased() ?? "text"
        let mode = attributes.value("mode")?.lowercased()
        if mode == "xml" || type == "xhtml" || type == "application/xhtml+xml" { return mode == "escaped" ? .html : .xhtml }
        if type == "html" || type == "text/html" || mode == "escaped" { return .html }
        if type == "text" || type == "text/plain" { return .text }
        return .html
    }
}
