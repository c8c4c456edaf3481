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
            case .startTag(let nameRange, let attributes, _):
                let name = tokenizer.lowercasedName(nameRange)
                if name == "script" || name == "style" || name == "template" || name == "noscript" || name == "svg"
                    || name == "math"
                {
                    if name == "svg" || name == "math" {
                        skip(name, &tokenizer)
                    } else {
                        tokenizer.skipRawText(until: Array(name.utf8))
                    }
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
                    var alt = 0..<0
                    var index = attributes.lowerBound
                    while let (key, value) = tokenizer.nextAttribute(&index, end: attributes.upperBound) {
                        if tokenizer.lowercasedName(key) == "alt" { alt = value }
                    }
                    if !alt.isEmpty { renderer.text(bytes[alt]) }
                } else if blocks.contains(name) {
                    renderer.paragraph()
                }
            case .endTag(let nameRange):
                let name = tokenizer.lowercasedName(nameRange)
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
            if case .startTag(let inner, _, let selfClosing) = token, !selfClosing,
                tokenizer.lowercasedName(inner) == name
            {
                depth += 1
            }
            if case .endTag(let inner) = token, tokenizer.lowercasedName(inner) == name { depth -= 1 }
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
            if slice.contains(UInt8(ascii: "&")) {
                var decoded = HTMLEntities.decode(String(decoding: slice, as: UTF8.self))
                decoded.withUTF8 { text(bytes: $0[...]) }
                return
            }
            text(bytes: slice)
        }

        /// Text already decoded: whitespace collapses (outside `<pre>`), everything else is copied in runs.
        private mutating func text(bytes: Slice<UnsafeBufferPointer<UInt8>>) {
            var i = bytes.startIndex
            let end = bytes.endIndex
            while i < end {
                let c = bytes[i]
                if preDepth == 0 && (c == 32 || c == 9 || c == 10 || c == 13 || c == 12) {
                    space()
                } else if preDepth == 0 && c == 0xC2 && i + 1 < end && bytes[i + 1] == 0xA0 {
                    space()  // no-break spaces read as spaces in plain text
                    i += 1
                } else if preDepth > 0 && c == 10 {
                    flush()
                    out.append(10)
                } else {
                    // A run of bytes that are neither whitespace nor the start of a no-break space.
                    var j = i + 1
                    while j < end, Self.isWordByte(bytes[j], inPre: preDepth > 0) { j += 1 }
                    flush()
                    out.append(contentsOf: bytes[i..<j])
                    i = j
                    continue
                }
                i += 1
            }
        }

        @inline(__always) private static func isWordByte(_ c: UInt8, inPre: Bool) -> Bool {
            if inPre { return c != 10 }
            return !(c == 32 || c == 9 || c == 10 || c == 13 || c == 12 || c == 0xC2)
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
            var trimmed: [UInt8] = []
            trimmed.reserveCapacity(out.count)
            for byte in out {
                if byte == 10 {
                    while trimmed.last == 32 { trimmed.removeLast() }
                }
                trimmed.append(byte)
            }
            while trimmed.last == 32 { trimmed.removeLast() }
            return TextNormalizer.removeInvisible(TextNormalizer.nfc(String(decoding: trimmed, as: UTF8.self)))
        }
    }
}
