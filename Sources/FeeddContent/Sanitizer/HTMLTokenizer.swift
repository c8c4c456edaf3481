import Foundation

/// A forgiving streaming HTML tokenizer over UTF-8 bytes: text runs, start tags (attributes parsed
/// on demand), end tags, and comments/doctypes/processing instructions (skipped). No tree is built;
/// the sanitizer and the text renderer consume tokens as they come. Names are byte ranges as
/// written (any case): the sanitizer looks them up without making strings.
struct HTMLTokenizer {
    enum Token {
        case text(Range<Int>)
        case startTag(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case endTag(name: Range<Int>)
    }

    /// Borrowed for the tokenizer's lifetime: create it inside `withUTF8` and use it there only.
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next token, or nil at the end.
    mutating func next() -> Token? {
        while position < bytes.count {
            let start = position
            if bytes[position] != UInt8(ascii: "<") {
                position = nextMarkup(from: position + 1)
                return .text(start..<position)
            }
            guard position + 1 < bytes.count else {
                position = bytes.count
                return .text(start..<bytes.count)
            }
            let c = bytes[position + 1]
            if Self.isLetter(c) {
                return startTag()
            } else if c == UInt8(ascii: "/"), position + 2 < bytes.count, Self.isLetter(bytes[position + 2]) {
                let name = readName(from: position + 2)
                position = skipTag(from: name.upperBound)
                return .endTag(name: name)
            } else if c == UInt8(ascii: "!") || c == UInt8(ascii: "?") || c == UInt8(ascii: "/") {
                skipDeclaration()
                continue
            } else {
                // A `<` that starts nothing ("a < b") is text.
                position = nextMarkup(from: position + 1)
                return .text(start..<position)
            }
        }
        return nil
    }

    /// Moves past text the caller consumed itself, up to `index` (where markup or the end begins).
    mutating func skip(to index: Int) { position = index }

    /// Skips raw text up to `</name` (script, style, textarea…; `name` lowercase) and past that end tag.
    mutating func skipRawText(until name: [UInt8]) {
        let needle = Array("</".utf8) + name
        var i = position
        while i + needle.count <= bytes.count {
            if bytes[i] == UInt8(ascii: "<"), matchesCaseInsensitive(needle, at: i) {
                let after = i + needle.count
                if after >= bytes.count || !Self.isNameByte(bytes[after]) {
                    position = skipTag(from: after)
                    return
                }
            }
            i += 1
        }
        position = bytes.count
    }

    /// The next attribute of a start tag at or after `index` (before `end`), advancing `index` past
    /// it: its name as written and its value with entities still encoded (empty when it has none).
    func nextAttribute(_ index: inout Int, end: Int) -> (name: Range<Int>, value: Range<Int>)? {
        var i = index
        defer { index = i }
        while i < end {
            while i < end, Self.isSpaceOrSlash(bytes[i]) { i += 1 }
            guard i < end else { return nil }
            let nameStart = i
            while i < end, !Self.isSpaceOrSlash(bytes[i]), bytes[i] != UInt8(ascii: "=") { i += 1 }
            let name = nameStart..<i
            while i < end, Self.isSpace(bytes[i]) { i += 1 }
            var value = i..<i
            if i < end, bytes[i] == UInt8(ascii: "=") {
                i += 1
                while i < end, Self.isSpace(bytes[i]) { i += 1 }
                if i < end, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                    let quote = bytes[i]
                    let valueStart = i + 1
                    i = valueStart
                    while i < end, bytes[i] != quote { i += 1 }
                    value = valueStart..<i
                    if i < end { i += 1 }
                } else {
                    let valueStart = i
                    while i < end, !Self.isSpace(bytes[i]) { i += 1 }
                    value = valueStart..<i
                }
            }
            if !name.isEmpty { return (name, value) }
        }
        return nil
    }

    /// A name as a lowercase string.
    func lowercasedName(_ range: Range<Int>) -> String { Self.lowercasedString(bytes[range]) }

    private mutating func startTag() -> Token {
        let name = readName(from: position + 1)
        let nameEnd = name.upperBound
        var i = nameEnd
        var quote: UInt8 = 0
        while i < bytes.count {
            let c = bytes[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                // Only a quote right after `=` opens a value; stray quotes in names do not.
                var k = i - 1
                while k > nameEnd, Self.isSpace(bytes[k]) { k -= 1 }
                if bytes[k] == UInt8(ascii: "=") { quote = c }
            } else if c == UInt8(ascii: ">") {
                break
            }
            i += 1
        }
        let selfClosing = i > nameEnd && i <= bytes.count && bytes[i - 1] == UInt8(ascii: "/")
        let attributes = nameEnd..<(selfClosing ? i - 1 : min(i, bytes.count))
        position = min(i + 1, bytes.count)
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private func readName(from start: Int) -> Range<Int> {
        var i = start
        while i < bytes.count, Self.isNameByte(bytes[i]) { i += 1 }
        return start..<i
    }

    /// The bytes as a lowercase string; no intermediate array when they are lowercase already.
    static func lowercasedString(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        if !slice.contains(where: { $0 >= 65 && $0 <= 90 }) { return String(decoding: slice, as: UTF8.self) }
        return String(decoding: slice.map(lower), as: UTF8.self)
    }

    private func skipTag(from start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
        return min(i + 1, bytes.count)
    }

    private mutating func skipDeclaration() {
        if matchesCaseInsensitive(Array("<!--".utf8), at: position) {
            var i = position + 4
            while i + 2 < bytes.count, !(bytes[i] == 45 && bytes[i + 1] == 45 && bytes[i + 2] == 62) { i += 1 }
            position = min(i + 3, bytes.count)
        } else if matchesCaseInsensitive(Array("<![CDATA[".utf8), at: position) {
            var i = position + 9
            while i + 2 < bytes.count, !(bytes[i] == 93 && bytes[i + 1] == 93 && bytes[i + 2] == 62) { i += 1 }
            position = min(i + 3, bytes.count)
        } else {
            position = skipTag(from: position + 2)
        }
    }

    private func nextMarkup(from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + start, Int32(UInt8(ascii: "<")), bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private func matchesCaseInsensitive(_ needle: [UInt8], at index: Int) -> Bool {
        guard index + needle.count <= bytes.count else { return false }
        for k in 0..<needle.count where Self.lower(bytes[index + k]) != Self.lower(needle[k]) { return false }
        return true
    }

    static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    static func isNameByte(_ c: UInt8) -> Bool {
        isLetter(c) || (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") || c == UInt8(ascii: "_")
    }
    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 12 }
    static func isSpaceOrSlash(_ c: UInt8) -> Bool { isSpace(c) || c == UInt8(ascii: "/") }
    static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
}
