/// Plain text from the cleaned DOM: paragraphs and other blocks separated by a blank line, list items and
/// table rows by a newline, whitespace collapsed (kept inside `<pre>`).
enum ArticleText {
    /// Elements that start and end a paragraph (2) or a line (1).
    static let breaks: [String: Int] = [
        "p": 2, "div": 2, "section": 2, "article": 2, "main": 2, "blockquote": 2, "pre": 2, "figure": 2,
        "figcaption": 2, "h1": 2, "h2": 2, "h3": 2, "h4": 2, "h5": 2, "h6": 2, "ul": 2, "ol": 2, "dl": 2,
        "table": 2, "hr": 2, "address": 2, "header": 2, "footer": 2, "aside": 2, "details": 2, "summary": 2,
        "li": 1, "tr": 1, "dt": 1, "dd": 1, "caption": 1, "center": 2,
    ]

    static func render(_ roots: [HTMLNode]) -> String {
        var writer = Writer()
        for root in roots { writer.element(root, preformatted: false) }
        return writer.output
    }

    /// Whitespace runs to one space, trimmed.
    static func collapse(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// The first `limit` characters of text below the node, collapsed, without reading the rest.
    static func leadingText(_ node: HTMLNode, limit: Int) -> String {
        var result = ""
        func visit(_ node: HTMLNode) {
            var child = node.firstChild
            while let current = child, result.count < limit {
                switch current.kind {
                case .text: result += current.nodeText ?? ""
                case .element: visit(current)
                default: break
                }
                child = current.nextSibling
            }
        }
        visit(node)
        return String(collapse(result).prefix(limit))
    }

    private struct Writer {
        var output = ""
        /// 0 nothing, 1 newline, 2 blank line: owed before the next text.
        var pending = 0
        var lineHasText = false
        var pendingSpace = false

        mutating func element(_ node: HTMLNode, preformatted: Bool) {
            let name = node.name
            let level = Self.breakLevel(name)
            if level > 0 { pending = max(pending, level) }
            if name == "br" {
                pending = min(pending + 1, 2)
                return
            }
            if name == "img" {
                return
            }
            let pre = preformatted || name == "pre"
            var child = node.firstChild
            var firstCell = true
            while let current = child {
                switch current.kind {
                case .text:
                    if let text = current.nodeText { append(text, preformatted: pre) }
                case .element:
                    if current.name == "td" || current.name == "th" {
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

        static func breakLevel(_ name: String) -> Int { ArticleText.breaks[name] ?? 0 }

        mutating func append(_ text: String, preformatted: Bool) {
            if preformatted {
                guard !text.isEmpty else { return }
                flushBreak()
                output += text.replacingNBSP()
                lineHasText = true
                return
            }
            for character in text {
                if character.isWhitespace {
                    if lineHasText { pendingSpace = true }
                } else {
                    if pending > 0 && !output.isEmpty {
                        flushBreak()
                    } else if pendingSpace && lineHasText {
                        output.append(" ")
                    }
                    pending = 0
                    pendingSpace = false
                    output.append(character)
                    lineHasText = true
                }
            }
        }

        mutating func flushBreak() {
            if !output.isEmpty, pending > 0 {
                output += pending == 2 ? "\n\n" : "\n"
                lineHasText = false
            }
            pending = 0
            pendingSpace = false
        }
    }
}

extension String {
    fileprivate func replacingNBSP() -> String {
        String(unicodeScalars.map { $0 == "\u{A0}" ? " " : Character($0) })
    }
}
