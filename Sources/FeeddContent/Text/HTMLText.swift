import FeeddCore

/// Plain text from (sanitized) HTML: block elements become paragraphs separated by a blank line,
/// `<br>` a line break, list items lines of their own; whitespace is collapsed as a browser would,
/// except inside `<pre>`. Scripts and styles contribute nothing.
package enum HTMLText {
    package static func render(_ html: String) -> String {
        var html = html
        return html.withUTF8 { render($0) }
    }

    private static func render(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var tokenizer = HTMLTokenizer(bytes)
        var renderer = Renderer()
        while let token = tokenizer.next() {
            switch token {
            case .text(let range):
                renderer.text(tokenizer.bytes[range])
            case .startTag(let name, let attributes, _):
                if name == "script" || name == "style" || name == "template" || name == "noscript" || name == "svg"
                    || name == "math"
                {
                    if name == "svg" || name == "math" { skip(name, &tokenizer) } else { tokenizer.skipRawText(until: name) }
                } else if name == "br" {
                    renderer.lineBreak()
                } else if name == "pre" {
                    renderer.paragraph()
                    renderer.preDepth += 1
                } else if name == "li" || name == "dt" || name == "dd" || name == "tr" {
                    renderer.lineBreak()
                } else if name == "td" || name == "th" {
                    renderer.space()
                } else if name == "img" {
                    var alt = bytes[0..<0]
                    tokenizer.forEachAttribute(in: attributes) { key, value in if key == "alt" { alt = value } }
                    if !alt.isEmpty { renderer.text(alt) }
                } else if blocks.contains(name) {
                    renderer.paragraph()
                }
            case .endTag(let name):
                if name == "pre" {
                    renderer.preDepth = max(0, renderer.preDepth - 1)
                    renderer.paragraph()
                } else if blocks.contains(name) {
                    renderer.paragraph()
                } else if name == "li" || name == "dt" || name == "dd" || name == "tr" {
                    renderer.lineBreak()
                }
            }
        }
        return renderer.finish()
    }

    private static func skip(_ name: String, _ tokenizer: inout HTMLTokenizer) {
        var depth = 1
        while depth > 0, let token = tokenizer.next() {
            if case .startTag(let inner, _, let selfClosing) = token, inner == name, !selfClosing { depth += 1 }
            if case .endTag(let inner) = token, inner == name { depth -= 1 }
        }
    }

    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl", "table", "section", "article",
        "aside", "header", "footer", "figure", "figcaption", "hr", "address", "details", "summary", "main", "nav",
        "center", "caption", "thead", "tbody", "tfoot", "hgroup", "form", "fieldset",
    ]

    /// Accumulates text with pending breaks, so that adjacent block boundaries make one blank line.
    private struct Renderer {
        var out: [UInt8] = []
        /// 0 none, 1 a space, 2 a newline, 3 a blank line.
        var pending = 0
        var preDepth = 0

        mutating func text(_ slice: Slice<UnsafeBufferPointer<UInt8>>) {
            let decoded = slice.contains(UInt8(ascii: "&"))
                ? Array(HTMLEntities.decode(String(decoding: slice, as: UTF8.self)).utf8) : Array(slice)
            var i = 0
            while i < decoded.count {
                let c = decoded[i]
                if preDepth == 0 && (c == 32 || c == 9 || c == 10 || c == 13 || c == 12) {
                    space()
                } else if preDepth == 0 && c == 0xC2 && i + 1 < decoded.count && decoded[i + 1] == 0xA0 {
                    space()  // no-break spaces read as spaces in plain text
                    i += 1
                } else if preDepth > 0 && c == 10 {
                    flush()
                    out.append(10)
                } else {
                    flush()
                    out.append(c)
                }
                i += 1
            }
        }

        mutating func space() { if pending == 0 { pending = 1 } }
        mutating func lineBreak() { pending = max(pending, 2) }
        mutating func paragraph() { pending = 3 }

        mutating func flush() {
            if !out.isEmpty {
                switch pending {
                case 1: out.append(32)
                case 2: out.append(10)
                case 3: out.append(contentsOf: [10, 10])
                default: break
                }
            }
            pending = 0
        }

        func finish() -> String {
            // Trailing spaces on each line go; lines keep their order.
            var lines = String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            for index in lines.indices {
                var line = lines[index]
                while line.last == " " { line = line.dropLast() }
                lines[index] = line
            }
            return TextNormalizer.removeInvisible(TextNormalizer.nfc(lines.joined(separator: "\n")))
        }
    }
}
