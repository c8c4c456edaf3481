import CFeeddXML
import Foundation

/// Sizes of the text below an element, gathered in one bottom-up pass; the extractor's scores are built from them.
struct TextStats {
    /// Visible characters, whitespace runs counted as one.
    var text = 0
    /// The part of `text` inside links.
    var link = 0
    /// Commas (Latin and CJK): a cheap sign of running prose.
    var commas = 0
    /// `<p>` elements below.
    var paragraphs = 0

    var linkDensity: Double { text == 0 ? 0 : Double(link) / Double(text) }

    static func += (lhs: inout TextStats, rhs: TextStats) {
        lhs.text += rhs.text
        lhs.link += rhs.link
        lhs.commas += rhs.commas
        lhs.paragraphs += rhs.paragraphs
    }
}

/// Text stats by element, keyed by the node pointer (no reference counting on lookups).
struct StatsTable {
    private var storage = PointerTable<TextStats>(capacity: 256)

    subscript(node: HTMLNode) -> TextStats? {
        get { storage[node.pointer] }
        set { storage[node.pointer] = newValue }
    }

    subscript(node: OpaquePointer) -> TextStats? {
        get { storage[node] }
        set { storage[node] = newValue }
    }
}

/// Measures text without building Strings: characters are counted from UTF-8 lead bytes.
enum TextMeasure {
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>) -> (chars: Int, commas: Int) {
        var chars = 0
        var commas = 0
        var inSpace = true
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b <= 0x20, b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D {
                if !inSpace { chars += 1; inSpace = true }
            } else if b < 0x80 {
                // ASCII, the common case: one test for the comma and done.
                chars += 1
                inSpace = false
                if b == 0x2C { commas += 1 }
            } else if b & 0xC0 != 0x80 {
                chars += 1
                inSpace = false
                // U+FF0C fullwidth comma and U+3001 ideographic comma.
                if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBC, bytes[i + 2] == 0x8C { commas += 1 }
                else if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x81 { commas += 1 }
            }
            i += 1
        }
        return (chars, commas)
    }

    /// Stats for every element below (and including) `root`, keyed by node.
    static func stats(of root: HTMLNode) -> StatsTable {
        var table = StatsTable()
        _ = collect(root.raw, inLink: false, depth: 0, into: &table)
        return table
    }

    /// A text node's measure, kept in the node after the first time: the finder and the cleaner measure the same
    /// text nodes four or five times per page, and text nodes never change. Packed as chars << 25 | commas << 1 | 1;
    /// a measure that does not fit is not kept.
    @inline(__always)
    private static func measured(_ node: OpaquePointer) -> (chars: Int, commas: Int) {
        let memo = CFeeddXML_html_text_memo(node)
        if memo & 1 == 1 { return (Int(memo >> 25), Int((memo >> 1) & 0xFF_FFFF)) }
        guard let text = CFeeddXML_html_node_text(node) else { return (0, 0) }
        let length = strlen(text)
        let (chars, commas) = text.withMemoryRebound(to: UInt8.self, capacity: length) {
            measure(UnsafeBufferPointer(start: $0, count: length))
        }
        if chars < 1 << 38, commas < 1 << 24 {
            CFeeddXML_html_set_text_memo(node, UInt(chars) << 25 | UInt(commas) << 1 | 1)
        }
        return (chars, commas)
    }

    /// `<a href="javascript:…">` goes nowhere: a glossary note or a script's button, its text is not a link's.
    static func isScriptLink(_ node: OpaquePointer) -> Bool {
        guard let href = CFeeddXML_html_attr_value(node, "href") else { return false }
        var p = href
        while p.pointee == 0x20 || p.pointee == 0x0A || p.pointee == 0x09 { p += 1 }
        for expected in "javascript:".utf8 {
            guard UInt8(bitPattern: p.pointee) | 0x20 == expected | 0x20 else { return false }
            p += 1
        }
        return true
    }

    /// Walks raw node handles: an `HTMLNode` per child would retain and release the document each time.
    private static func collect(_ node: OpaquePointer, inLink: Bool, depth: Int, into table: inout StatsTable) -> TextStats {
        var total = TextStats()
        let tag = HTMLTag(node)
        let isLink = inLink || (tag == .a && !isScriptLink(node))
        if tag == .p { total.paragraphs = 1 }
        var child = CFeeddXML_html_first_child(node)
        while let current = child {
            switch Int(CFeeddXML_html_node_type(current)) {
            case CFeeddXML_NODE_TEXT, CFeeddXML_NODE_CDATA:
                let (chars, commas) = measured(current)
                total.text += chars
                total.commas += commas
                if isLink { total.link += chars }
            case CFeeddXML_NODE_ELEMENT where depth < 400:
                total += collect(current, inLink: isLink, depth: depth + 1, into: &table)
            default: break
            }
            child = CFeeddXML_html_next_sibling(current)
        }
        table[node] = total
        return total
    }
}
