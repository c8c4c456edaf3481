/// The line WordPress (through Yoast and similar plugins) appends to every feed item: "The post <a>Title</a>
/// appeared first on <a>Site</a>." It says where the item came from, which the stored record already says, and
/// would otherwise end every stored text and make copies of one story differ by their last sentence.
enum SyndicationFooter {
    /// `html` without a last paragraph of that form (sanitized HTML: `<p>` without attributes).
    static func strip(html: String) -> String {
        guard let start = html.range(of: "<p>The post ", options: .backwards) else { return html }
        let tail = html[start.lowerBound...]
        guard tail.contains(" appeared first on "), isParagraphEnd(tail) else { return html }
        return String(html[..<start.lowerBound]).trimmingTrailingWhitespace()
    }

    /// Plain text without a last line of that form.
    static func strip(text: String) -> String {
        guard let start = text.range(of: "The post ", options: .backwards) else { return text }
        let tail = text[start.lowerBound...]
        guard tail.contains(" appeared first on "), !tail.contains("\n"),
            start.lowerBound == text.startIndex || "\n .".contains(text[text.index(before: start.lowerBound)])
        else { return text }
        return String(text[..<start.lowerBound]).trimmingTrailingWhitespace()
    }

    /// The paragraph that starts the tail is the last thing in it.
    private static func isParagraphEnd(_ tail: Substring) -> Bool {
        guard let close = tail.range(of: "</p>") else { return false }
        return tail[close.upperBound...].allSatisfy(\.isWhitespace)
    }
}

extension String {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var result = self
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
