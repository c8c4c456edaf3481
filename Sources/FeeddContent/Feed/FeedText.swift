import FeeddCore

/// Plain text from a field that may hold HTML (RSS titles, descriptions, authors, categories),
/// decided as feed readers decide it: markup counts as HTML only when it looks like HTML (a closing
/// tag or a reference, and every tag a known HTML element). Otherwise the angle brackets are text:
/// "History of the &lt;blink&gt; tag" stays "History of the <blink> tag", escaped once or twice.
enum FeedText {
    static func plain(utf8 bytes: [UInt8]) -> String {
        var text = bytes
        // Each round peels one level of escaping, until markup shows (or there is nothing left to decode).
        for _ in 0..<3 {
            if hasTag(text) {
                return looksLikeHTML(text) ? TextNormalizer.plainText(utf8: text) : literal(text)
            }
            guard text.contains(UInt8(ascii: "&")) else { break }
            let decoded = decodeReferences(text)
            if !hasTag(decoded) { break }
            text = decoded
        }
        return TextNormalizer.plainText(utf8: text)
    }

    static func plain(_ text: String) -> String {
        plain(utf8: Array(text.utf8))
    }

    /// Text taken as it is: invisible characters dropped, whitespace collapsed, NFC.
    private static func literal(_ bytes: [UInt8]) -> String {
        TextNormalizer.collapseWhitespace(utf8: bytes)
    }

    /// `<` followed by a letter or `/` and a letter.
    static func hasTag(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            var next = open + 1
            if next < bytes.count, bytes[next] == UInt8(ascii: "/") { next += 1 }
            if next < bytes.count, isLetter(bytes[next]) { return true }
            index = open + 1
        }
        return false
    }

    /// The reference parsers' test: a closing tag or a reference, and only known HTML elements.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var closes = false
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            var start = open + 1
            let closing = start < bytes.count && bytes[start] == UInt8(ascii: "/")
            if closing { start += 1 }
            var end = start
            while end < bytes.count, isLetter(bytes[end]) || (bytes[end] >= 48 && bytes[end] <= 57) { end += 1 }
            index = open + 1
            guard end > start, isLetter(bytes[start]) else { continue }
            let name = String(decoding: bytes[start..<end].map { $0 | 0x20 }, as: UTF8.self)
            guard htmlElements.contains(name) else { return false }
            if closing { closes = true }
        }
        return closes || bytes.contains(UInt8(ascii: "&"))
    }

    private static func decodeReferences(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), let (value, used) = HTMLEntities.reference(bytes, at: index) {
                HTMLEntities.appendUTF8(value, to: &out)
                index += used
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    /// HTML's elements, current and obsolete ones feeds still carry; anything else in angle brackets is text.
    static let htmlElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "big",
        "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup",
        "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed",
        "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4",
        "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label",
        "legend", "li", "link", "main", "map", "mark", "menu", "meta", "meter", "nav", "noscript", "object", "ol",
        "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s",
        "samp", "script", "section", "select", "small", "source", "span", "strike", "strong", "style", "sub",
        "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time",
        "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "math",
    ]
}
