import Foundation

/// Turns the text feeds publish (often HTML, sometimes escaped twice) into clean plain text:
/// tags stripped, entities decoded, NFC, invisible characters removed, whitespace collapsed.
package enum TextNormalizer {
    /// Plain text for a title, an author or a category.
    package static func plainText(_ textOrHTML: String) -> String {
        var text = textOrHTML
        // Extra rounds catch escaped and double-escaped markup (`&amp;lt;b&amp;gt;`).
        for _ in 0..<3 {
            if containsTag(text) { text = stripTags(text) }
            guard text.utf8.contains(UInt8(ascii: "&")) else { break }
            text = HTMLEntities.decode(text)
            if !containsTag(text) && !text.contains("&lt;") { break }
        }
        return collapseWhitespace(removeInvisible(nfc(text)))
    }

    /// Runs of whitespace (including no-break and other Unicode spaces) become one space; trimmed.
    package static func collapseWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Drops zero-width characters, the BOM, soft hyphens, bidi overrides and control characters
    /// (keeping tab and newline, which whitespace handling deals with).
    package static func removeInvisible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isInvisible(scalar) { out.append(scalar) }
        return String(out)
    }

    /// Unicode canonical composition (NFC); ASCII is returned as is.
    package static func nfc(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0xAD, 0x200B...0x200D, 0x2060...0x2064, 0xFEFF, 0x202A...0x202E, 0x2066...0x2069, 0xFFF9...0xFFFB:
            return true
        default: return false
        }
    }

    /// True when `text` has something that looks like a tag: `<` followed by a letter, `/`, `!` or `?`.
    static func containsTag(_ text: String) -> Bool {
        var previousWasOpen = false
        for byte in text.utf8 {
            if previousWasOpen, isTagStart(byte) { return true }
            previousWasOpen = byte == UInt8(ascii: "<")
        }
        return false
    }

    private static func isTagStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "/") || c == UInt8(ascii: "!")
            || c == UInt8(ascii: "?")
    }

    /// Removes tags (and the contents of script/style); block-level tags leave a space behind.
    package static func stripTags(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            guard c == UInt8(ascii: "<"), i + 1 < bytes.count, isTagStart(bytes[i + 1]) else {
                out.append(c)
                i += 1
                continue
            }
            if bytes[i + 1] == UInt8(ascii: "!"), i + 3 < bytes.count, bytes[i + 2] == UInt8(ascii: "-"),
                bytes[i + 3] == UInt8(ascii: "-")
            {
                i = find(bytes, Array("-->".utf8), from: i + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            var j = i + 1
            var quote: UInt8 = 0
            while j < bytes.count {
                let d = bytes[j]
                if quote != 0 {
                    if d == quote { quote = 0 }
                } else if d == UInt8(ascii: "\"") || d == UInt8(ascii: "'") {
                    quote = d
                } else if d == UInt8(ascii: ">") {
                    break
                }
                j += 1
            }
            let name = tagName(bytes, from: i + 1)
            if name == "script" || name == "style" {
                let closing = Array("</\(name)".utf8)
                i = findCaseInsensitive(bytes, closing, from: j).flatMap { end in
                    bytes[end...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 }
                } ?? bytes.count
            } else {
                i = j + 1
            }
            out.append(UInt8(ascii: " "))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func tagName(_ bytes: [UInt8], from start: Int) -> String {
        var j = start
        var name: [UInt8] = []
        while j < bytes.count, name.count < 16 {
            let c = bytes[j] | 0x20
            if c >= 97 && c <= 122 || (bytes[j] >= 48 && bytes[j] <= 57) { name.append(c) } else { break }
            j += 1
        }
        return String(decoding: name, as: UTF8.self)
    }

    static func find(_ bytes: [UInt8], _ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func findCaseInsensitive(_ bytes: [UInt8], _ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var i = start
        outer: while i <= bytes.count - needle.count {
            for k in 0..<needle.count where (bytes[i + k] | 0x20) != (needle[k] | 0x20) {
                i += 1
                continue outer
            }
            return i
        }
        return nil
    }
}
