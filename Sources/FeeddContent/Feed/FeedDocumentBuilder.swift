import FeeddCore
import Foundation

/// Turns the XML event stream into a `ParsedFeed`: keeps the element stack (with xml:base and
/// xml:lang), captures element text, re-serializes markup inside content elements, and hands each
/// element to the adapter of the format the root element announced. Items are finished (resolved,
/// sanitized, dates parsed) as soon as they close, so memory stays proportional to one item.
final class FeedDocumentBuilder: XMLEventHandler {
    struct Frame {
        var ns: XMLNamespace
        /// libxml2's interned local name, valid for the whole parse; nil for the `<div>` wrapping Atom XHTML
        /// content (not written). Adapters read `element`; the name is made a `String` only when asked for.
        var namePointer: UnsafePointer<CChar>?
        /// The name as adapters read it (`.other` for names they do not know).
        var element: FeedElement
        var attributes: [XMLAttribute]
        var textStart: Int
        /// The xml:base in effect here, absolute when it could be resolved; nil when none was declared.
        var base: String?
        var language: String?
        /// Child elements are written into the text as markup instead of being handled.
        var capturesMarkup = false
        /// Captured text is XHTML: escape it when writing.
        var escapesText = false

        /// The local name ("" for the XHTML wrapper).
        var name: String { namePointer.map { String(cString: $0) } ?? "" }
    }

    enum Capture { case text, markup, xhtml }

    let options: ParseOptions
    // One parse on one thread touches the builder, and every event reads or writes these: on a small
    // document the dynamic exclusivity checks (a thread-local access set per access) cost about as
    // much as the work itself. No access to them overlaps another (the tests ran with the checks on).
    @exclusivity(unchecked) private(set) var stack: [Frame] = []
    @exclusivity(unchecked) private var text: [UInt8] = []
    /// Index of the frame that captures markup, when inside one.
    private var captureIndex: Int?
    private var skipDepth = 0
    private(set) var rootName: String?
    private var adapter: (any FeedFormatAdapter.Type)?
    @exclusivity(unchecked) var feed: FeedDraft?
    @exclusivity(unchecked) var item: ItemDraft?
    private var itemIndex: Int?
    private(set) var items: [FeedItem] = []
    private let sanitizerHosts: [String]
    /// Sanitizers by base URL: items of one feed mostly share one base, parsed once.
    let sanitizers = SanitizerCache()

    /// `documentSize` bounds the text buffer reserved up front: element text rarely outgrows the document.
    init(options: ParseOptions, documentSize: Int) {
        self.options = options
        self.sanitizerHosts = options.iframeHosts
        text.reserveCapacity(min(16 * 1024, documentSize + 64))
        // Feeds nest about six deep: reserved once rather than reallocated while the first item opens.
        stack.reserveCapacity(16)
    }

    // MARK: Events

    func startElement(_ ns: XMLNamespace, _ name: UnsafePointer<CChar>, element: FeedElement, attributes: [XMLAttribute]) {
        if let captureIndex {
            let frame = stack[captureIndex]
            // The <div> wrapping Atom XHTML content is not part of the content.
            let wrapper = frame.escapesText && stack.count == captureIndex + 1 && element == .div && ns == .xhtml
                && !hasContent(since: frame.textStart)
            if !wrapper { writeStartTag(name, attributes) }
            stack.append(Frame(ns: ns, namePointer: wrapper ? nil : name, element: wrapper ? .other : element, attributes: [],
                               textStart: text.count,
                               base: nil, language: nil, capturesMarkup: true, escapesText: frame.escapesText))
            return
        }
        if stack.isEmpty {
            let rootName = String(cString: name)
            self.rootName = rootName
            guard let (format, adapter) = FeedFormatDetector.detect(ns, rootName, attributes) else {
                skipDepth = 1
                stack.append(Frame(ns: ns, namePointer: name, element: element, attributes: [], textStart: 0))
                return
            }
            self.adapter = adapter
            feed = FeedDraft(format: format)
        } else if skipDepth > 0 {
            stack.append(Frame(ns: ns, namePointer: name, element: element, attributes: [], textStart: text.count))
            return
        }
        // Items never nest: a new item while one is open means the old one lost its end tag.
        // (Closed before this frame is made, since closing truncates the text.)
        if adapter?.isItem(ns, element, name) == true, let open = itemIndex {
            while stack.count > open { endElement(.none, "") }
        }
        let parentBase = stack.isEmpty ? nil : stack[stack.count - 1].base
        var frame = Frame(ns: ns, namePointer: name, element: element, attributes: attributes, textStart: text.count,
                          base: parentBase, language: stack.isEmpty ? nil : stack[stack.count - 1].language)
        for attribute in attributes where attribute.ns == .xml {
            if attribute.name == "base" {
                frame.base = URLReference.resolve(attribute.value, against: parentBase ?? documentBase)
            } else if attribute.name == "lang" {
                let lang = attribute.value.trimmingASCIISpace()
                frame.language = lang.isEmpty ? nil : lang
            }
        }
        // The feed's language is the root's xml:lang; a child's xml:lang speaks for the child alone.
        if stack.isEmpty { feed?.rootLanguage = frame.language }
        // The adapter sees the frame before it is pushed: one frame, moved onto the stack afterwards.
        switch adapter?.start(&frame, builder: self) ?? .text {
        case .text: break
        case .markup:
            frame.capturesMarkup = true
            captureIndex = stack.count
        case .xhtml:
            frame.capturesMarkup = true
            frame.escapesText = true
            captureIndex = stack.count
        }
        // Swapped in rather than copied: a copy retained (and the local's end released) its attributes,
        // base and language once more per element.
        stack.append(Frame(ns: .none, namePointer: nil, element: .other, attributes: [], textStart: 0))
        swap(&stack[stack.count - 1], &frame)
    }

    func endElement(_ ns: XMLNamespace, _ name: @autoclosure () -> String) {
        // removeLast, not popLast: an optional frame was destroyed through the runtime's generic
        // Optional witness, several times the cost of the frame's own.
        guard !stack.isEmpty else { return }
        let frame = stack.removeLast()
        if let index = captureIndex, stack.count > index {
            if let name = frame.namePointer, !frame.element.isVoid { writeEndTag(name) }
            return
        }
        captureIndex = nil
        if skipDepth > 0 { return }
        adapter?.end(frame, text: ElementText(bytes: text[frame.textStart...]), builder: self)
        text.removeSubrange(frame.textStart...)
    }

    func text(_ bytes: UnsafeRawBufferPointer) {
        guard skipDepth == 0 else { return }
        if let index = captureIndex, stack[index].escapesText {
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): text.append(contentsOf: Self.amp)
                case UInt8(ascii: "<"): text.append(contentsOf: Self.lt)
                case UInt8(ascii: ">"): text.append(contentsOf: Self.gt)
                default: text.append(byte)
                }
            }
        } else {
            text.append(contentsOf: bytes)
        }
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)

    private func hasContent(since start: Int) -> Bool {
        text[start...].contains { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }
    }

    private func writeStartTag(_ name: UnsafePointer<CChar>, _ attributes: [XMLAttribute]) {
        text.append(UInt8(ascii: "<"))
        appendName(name)
        for attribute in attributes where attribute.ns == .none || attribute.ns == .xhtml {
            text.append(UInt8(ascii: " "))
            text.append(contentsOf: attribute.name.utf8)
            text.append(contentsOf: "=\"".utf8)
            for byte in attribute.value.utf8 {
                switch byte {
                case UInt8(ascii: "&"): text.append(contentsOf: Self.amp)
                case UInt8(ascii: "\""): text.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "<"): text.append(contentsOf: Self.lt)
                default: text.append(byte)
                }
            }
            text.append(UInt8(ascii: "\""))
        }
        text.append(UInt8(ascii: ">"))
    }

    private func writeEndTag(_ name: UnsafePointer<CChar>) {
        text.append(contentsOf: "</".utf8)
        appendName(name)
        text.append(UInt8(ascii: ">"))
    }

    private func appendName(_ name: UnsafePointer<CChar>) {
        text.append(contentsOf: UnsafeRawBufferPointer(start: name, count: strlen(name)))
    }

    // MARK: Used by adapters

    /// The frame enclosing the one being handled (during `end`, the stack no longer holds the element).
    var parentName: String? { stack.isEmpty ? nil : stack[stack.count - 1].name }
    var parentElement: FeedElement? { stack.isEmpty ? nil : stack[stack.count - 1].element }
    var parentNamespace: XMLNamespace? { stack.isEmpty ? nil : stack[stack.count - 1].ns }
    var inItem: Bool { item != nil }

    /// Where relative URLs point when no xml:base says otherwise: the feed URL, else its self link,
    /// else the site link.
    var documentBase: String? { options.url ?? feed?.selfURL ?? feed?.link }

    func base(of frame: Frame) -> String? { frame.base ?? documentBase }

    func resolve(_ reference: String?, in frame: Frame) -> String? {
        guard let reference else { return nil }
        let trimmed = reference.trimmingASCIISpace()
        if trimmed.isEmpty { return nil }
        return URLReference.resolve(trimmed, against: base(of: frame))
    }

    /// Called from an adapter's `start` for the item's frame, which is pushed right after.
    func beginItem(_ frame: Frame) {
        item = ItemDraft(base: base(of: frame), language: frame.language)
        itemIndex = stack.count
    }

    func endItem() {
        guard let draft = item.take() else { return }  // moved out, not copied
        itemIndex = nil
        items.append(ItemFinisher(options: options, sanitizerHosts: sanitizerHosts, feedAuthors: feed?.authors ?? [],
                                  sanitizers: sanitizers).finish(draft))
    }

    /// The feed, or nil when the root element was not a feed's.
    /// Called once, when the parse has ended: the draft is moved out rather than copied.
    func result() -> ParsedFeed? {
        let base = documentBase
        guard let draft = feed.take() else { return nil }
        // An item still open here was cut off by the end of the document: complete items only.
        return ItemFinisher.finishFeed(draft, items: items, base: base)
    }
}

/// Reuses the sanitizer (and its parsed base URL) while consecutive items share a base.
final class SanitizerCache {
    private var last: (String?, Sanitizer)?

    func sanitizer(base: String?, hosts: [String]) -> Sanitizer {
        if let last, last.0 == base { return last.1 }
        let made = Sanitizer(baseURL: base, iframeHosts: hosts)
        last = (base, made)
        return made
    }
}
