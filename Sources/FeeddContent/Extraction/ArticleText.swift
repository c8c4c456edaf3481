import CFeeddXML
import Foundation

/// Plain text from the cleaned DOM: paragraphs and other blocks separated by a blank line, list items and
/// table rows by a newline, whitespace collapsed (kept inside `<pre>`).
enum ArticleText {
    /// Elements that start and end a paragraph (2) or a line (1).
    static func breaks(_ tag: HTMLTag) -> Int {
        switch tag {
        case .p, .div, .section, .article, .main, .blockquote, .pre, .figure, .figcaption, .h1, .h2, .h3, .h4, .h5,
            .h6, .ul, .ol, .dl, .table, .hr, .address, .header, .footer, .aside, .details, .summary, .center:
            2
        case .li, .tr, .dt, .dd, .caption: 1
        default: 0
        }
    }

    static func render(_ roots: [HTMLNode]) -> String {
        var writer = Writer()
        for root in roots { writer.element(root, preformatted: false) }
        return writer.output
    }

    /// Whitespace runs to one space, trimmed. Works on UTF-8 bytes: ASCII whitespace and no-break spaces.
    static func collapse(_ text: String) -> String {
        var text = text
        // Most values (meta contents, short headings) are collapsed already: keep the String instead of rebuilding it.
        if text.withUTF8(isCollapsed) { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let width = whitespaceWidth(bytes, i)
                if width > 0 {
                    pendingSpace = !output.isEmpty
                    i += width
                    continue
                }
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `collapse` would give the same bytes back: single spaces between words, nothing at either end.
    static func isCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var afterSpace = true
        for i in bytes.indices {
            if bytes[i] == 0x20 {
                if afterSpace { return false }
                afterSpace = true
            } else if whitespaceWidth(bytes, i) > 0 {
                return false
            } else {
                afterSpace = false
            }
        }
        return !afterSpace || bytes.isEmpty
    }

    /// Bytes of whitespace at `i`: ASCII space, tab, CR, LF, FF, or U+00A0 / U+2009 / U+200A / U+3000; 0 otherwise.
    @inline(__always)
    static func whitespaceWidth(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C { return 1 }
        if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { return 2 }
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x89 || b[i + 2] == 0x8A || b[i + 2] == 0xAF { return 3 }
        if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 { return 3 }
        return 0
    }

    /// The first `limit` characters of text below the node, collapsed, without reading the rest.
    /// A text longer than `limit` gives more than `limit` characters' worth up to the limit, so callers can tell.
    static func leadingText(_ node: HTMLNode, limit: Int) -> String {
        String(decoding: leadingBytes(node, limit: limit), as: UTF8.self)
    }

    /// `leadingText` as UTF-8 bytes, for callers that test them without building a String.
    static func leadingBytes(_ node: HTMLNode, limit: Int) -> [UInt8] {
        var reader = LeadingText(limit: limit)
        reader.visit(node.raw)
        return reader.bytes
    }

    /// The walk behind `leadingText`, over raw node handles: called for most elements of a page, and a recursive
    /// local function capturing its state paid for reference counting and dynamic exclusivity checks on every byte.
    private struct LeadingText {
        let limit: Int
        var bytes: [UInt8] = []
        var characters = 0
        var pendingSpace = false

        mutating func visit(_ node: OpaquePointer) {
            var child = CFeeddXML_html_first_child(node)
            while let current = child, characters < limit {
                switch Int(CFeeddXML_html_node_type(current)) {
                case CFeeddXML_NODE_TEXT, CFeeddXML_NODE_CDATA:
                    if let text = CFeeddXML_html_node_text(current) {
                        let length = strlen(text)
                        text.withMemoryRebound(to: UInt8.self, capacity: length) {
                            append(UnsafeBufferPointer(start: $0, count: length))
                        }
                    }
                case CFeeddXML_NODE_ELEMENT: visit(current)
                default: break
                }
                child = CFeeddXML_html_next_sibling(current)
            }
        }

        mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
            var i = 0
            while i < text.count, characters < limit {
                let width = whitespaceWidth(text, i)
                if width > 0 {
                    pendingSpace = !bytes.isEmpty
                    i += width
                    continue
                }
                if pendingSpace {
                    bytes.append(0x20)
                    characters += 1
                    pendingSpace = false
                }
                if text[i] & 0xC0 != 0x80 { characters += 1 }
                bytes.append(text[i])
                i += 1
                // Finish a multi-byte character before stopping.
                while i < text.count, text[i] & 0xC0 == 0x80 {
                    bytes.append(text[i])
                    i += 1
                }
            }
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []
        /// 0 nothing, 1 newline, 2 blank line: owed before the next text.
        var pending = 0
        var lineHasText = false
        var pendingSpace = false

        var output: String { String(decoding: bytes, as: UTF8.self) }

        mutating func element(_ node: HTMLNode, preformatted: Bool) {
            let tag = node.tag
            let level = ArticleText.breaks(tag)
            if level > 0 { pending = max(pending, level) }
            if tag == .br {
                pending = min(pending + 1, 2)
                return
            }
            // Ruby annotations (the readings printed over kanji) are not words of the sentence; what is written
            // inside an `<iframe>` is a fallback that browsers never show (the frame shows its page).
            if tag == .img || tag == .rt || tag == .rp || tag == .iframe { return }
            let pre = preformatted || tag == .pre
            var child = node.firstChild
            var firstCell = true
            while let current = child {
                switch current.kind {
                case .text:
                    _ = current.withTextBytes { append($0, preformatted: pre) }
                case .element:
                    if current.tag == .td || current.tag == .th {
                        if !firstCell { pendingSpace = true }
                        firstCell = false
                    }
                    element(current, preformatted: pre)
                default: break
                }
                child = current.nextSibling
            }
            if level > 0 { pending = max(pending, level) }
        }

        mutating func append(_ text: UnsafeBufferPointer<UInt8>, preformatted: Bool) {
            if preformatted {
                guard !text.isEmpty else { return }
                flushBreak()
                var i = 0
                while i < text.count {
                    // No-break spaces become plain spaces in text output.
                    if text[i] == 0xC2, i + 1 < text.count, text[i + 1] == 0xA0 {
                        bytes.append(0x20)
                        i += 2
                    } else {
                        bytes.append(text[i])
                        i += 1
                    }
                }
                lineHasText = true
                return
            }
            var i = 0
            while i < text.count {
                let width = ArticleText.whitespaceWidth(text, i)
                if width > 0 {
                    if lineHasText { pendingSpace = true }
                    i += width
                    continue
                }
                if pending > 0 && !bytes.isEmpty {
                    flushBreak()
                } else if pendingSpace && lineHasText {
                    bytes.append(0x20)
                }
                pending = 0
                pendingSpace = false
                bytes.append(text[i])
                lineHasText = true
                i += 1
            }
        }

        mutating func flushBreak() {
            if !bytes.isEmpty, pending > 0 {
                bytes.append(0x0A)
                if pending == 2 { bytes.append(0x0A) }
                lineHasText = false
            }
            pending = 0
            pendingSpace = false
        }
    }
}
