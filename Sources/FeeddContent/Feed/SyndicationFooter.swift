/// The line WordPress (through Yoast and similar plugins) appends to every feed item: "The post <a>Title</a>
/// appeared first on <a>Site</a>." It says where the item came from, which the stored record already says, and
/// would otherwise end every stored text and make copies of one story differ by their last sentence.
///
/// Searched on UTF-8 bytes: it runs for every item, and a `String` search through Foundation bridges non-ASCII
/// text to UTF-16 first (most of the parse time of a feed in another script).
enum SyndicationFooter {
    private static let paragraphOpen = Array("<p>The post ".utf8)
    private static let lineOpen = Array("The post ".utf8)
    private static let appeared = Array(" appeared first on ".utf8)
    private static let paragraphClose = Array("</p>".utf8)

    /// `html` without a last paragraph of that form (sanitized HTML: `<p>` without attributes).
    static func strip(html: String) -> String {
        let cut = withBytes(html) { bytes -> Int? in
            guard let from = lastParagraphSearchStart(bytes),
                let start = lastIndex(of: paragraphOpen, in: bytes, from: from),
                firstIndex(of: appeared, in: bytes, from: start) != nil,
                let close = firstIndex(of: paragraphClose, in: bytes, from: start),
                isWhitespace(bytes, from: close + paragraphClose.count)
            else { return nil }
            return start
        }
        guard let cut else { return html }
        return trimmingTrailingWhitespace(html, utf8Prefix: cut)
    }

    /// Plain text without a last line of that form.
    static func strip(text: String) -> String {
        let cut = withBytes(text) { bytes -> Int? in
            guard let start = lastIndex(of: lineOpen, in: bytes),
                firstIndex(of: appeared, in: bytes, from: start) != nil,
                !bytes[start...].contains(UInt8(ascii: "\n")),
                start == 0 || [UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: ".")].contains(bytes[start - 1])
            else { return nil }
            return start
        }
        guard let cut else { return text }
        return trimmingTrailingWhitespace(text, utf8Prefix: cut)
    }

    private static func withBytes<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(string.utf8).withUnsafeBufferPointer(body)
    }

    /// Where the footer paragraph can start: past the `</p>` before the one that ends the HTML (no later
    /// `<p>The post ` can be closed by that last `</p>` alone). nil when the HTML does not end in `</p>`
    /// before ASCII whitespace (no footer then); 0 when non-ASCII bytes end it (whitespace or not, judged
    /// by the full search). Spares a backward search of the whole content of every item.
    private static func lastParagraphSearchStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || (0x09...0x0D).contains(bytes[end - 1]) { end -= 1 }
        if end > 0 && bytes[end - 1] >= 0x80 { return 0 }
        guard end >= paragraphClose.count, matches(paragraphClose, in: bytes, at: end - paragraphClose.count),
            bytes[end - paragraphClose.count] == paragraphClose[0]
        else { return nil }
        var close = end - 2 * paragraphClose.count
        while close >= 0 {
            if bytes[close] == paragraphClose[0], matches(paragraphClose, in: bytes, at: close) {
                return close + paragraphClose.count
            }
            close -= 1
        }
        return 0
    }

    private static func lastIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var start = bytes.count - needle.count
        while start >= from {
            if bytes[start] == needle[0], matches(needle, in: bytes, at: start) { return start }
            start -= 1
        }
        return nil
    }

    private static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        for start in from...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if matches(needle, in: bytes, at: start) { return start }
        }
        return nil
    }

    private static func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        for offset in 1..<needle.count where bytes[start + offset] != needle[offset] { return false }
        return true
    }

    /// Only whitespace from `from` to the end (non-ASCII bytes are judged as characters).
    private static func isWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
        guard from < bytes.count else { return true }
        let rest = bytes[from...]
        if rest.allSatisfy({ $0 < 0x80 }) { return rest.allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) } }
        return String(decoding: rest, as: UTF8.self).allSatisfy(\.isWhitespace)
    }

    /// The first `utf8Prefix` bytes of `string` (a character boundary: the footer starts with ASCII), without
    /// trailing whitespace.
    private static func trimmingTrailingWhitespace(_ string: String, utf8Prefix: Int) -> String {
        let utf8 = string.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: utf8Prefix)
        let scalars = string.unicodeScalars
        while end > scalars.startIndex {
            let previous = scalars.index(before: end)
            guard scalars[previous].properties.isWhitespace else { break }
            end = previous
        }
        return String(string[..<end])
    }
}
