/// Turns the text feeds publish (often HTML, sometimes escaped twice) into clean plain text:
/// tags stripped, entities decoded, NFC, invisible characters removed, whitespace collapsed.
package enum TextNormalizer {
    /// Plain text for a title, an author or a category.
    package static func plainText(_ textOrHTML: String) -> String {
        if isAlreadyPlain(textOrHTML) { return textOrHTML }
        return plainText(utf8: Array(textOrHTML.utf8))
    }

    /// As `plainText(_:)`, from UTF-8 bytes.
    package static func plainText(utf8: [UInt8]) -> String {
        if let plain = utf8.withUnsafeBufferPointer(plainASCII) { return plain }
        var bytes = utf8
        // A second or third pass only when decoding revealed more markup or entities (`&amp;lt;b&amp;gt;`).
        for _ in 0..<3 {
            var again = false
            bytes = clean(bytes, markup: true, reparse: &again)
            if !again { break }
        }
        return finish(bytes)
    }

    /// True for printable ASCII with single inner spaces and no markup: nothing to do (most titles,
    /// authors and categories).
    private static func isAlreadyPlain(_ text: String) -> Bool { isAlreadyPlain(text.utf8) }

    private static func isAlreadyPlain(_ bytes: some Sequence<UInt8>) -> Bool {
        var previousSpace = true
        var isEmpty = true
        for c in bytes {
            isEmpty = false
            if c == 32 {
                if previousSpace { return false }
                previousSpace = true
            } else if c > 32 && c < 127 && c != UInt8(ascii: "<") && c != UInt8(ascii: "&") {
                previousSpace = false
            } else {
                return false
            }
        }
        return !previousSpace || isEmpty
    }

    /// Printable ASCII and spaces with no markup, spaces trimmed and collapsed: what `clean` and `finish`
    /// make of it (NFC leaves ASCII alone), without them; nil for anything else. One pass over the bytes;
    /// the string is made from them directly unless inner spaces need collapsing (a keyword after ", "
    /// or a padded title only needs trimming).
    private static func plainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var start = -1, end = 0
        var doubled = false
        var previousSpace = false
        // A long text with spaces to trim or collapse at its start is usually prose with markup or
        // newlines further on: left to the general pass at once rather than scanned twice.
        let long = bytes.count > 256
        for i in 0..<bytes.count {
            let c = bytes[i]
            if c == 32 {
                if previousSpace || start < 0 {
                    if long { return nil }
                    if start >= 0 { doubled = true }
                }
                previousSpace = true
            } else if isOrdinary(c) {
                if start < 0 { start = i }
                end = i + 1
                previousSpace = false
            } else {
                return nil
            }
        }
        if start < 0 { return "" }
        let kept = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !doubled { return String(decoding: kept, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(kept.count)
        var pendingSpace = false
        for c in kept {
            if c == 32 {
                pendingSpace = true
            } else {
                if pendingSpace { out.append(32) }
                pendingSpace = false
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Runs of whitespace (including no-break and other Unicode spaces) become one space; trimmed.
    /// Invisible characters are dropped as well.
    package static func collapseWhitespace(_ text: String) -> String {
        collapseWhitespace(utf8: Array(text.utf8))
    }

    /// As `collapseWhitespace(_:)`, from UTF-8 bytes. Text taken literally needs nothing else: the pass
    /// drops what `removeInvisible` drops and ends in NFC, which NFC before it cannot change (the
    /// characters it drops or merges compose with nothing).
    package static func collapseWhitespace(utf8: [UInt8]) -> String {
        var again = false
        return finish(clean(utf8, markup: false, reparse: &again))
    }

    /// Drops zero-width characters, the BOM, soft hyphens, bidi controls and control characters
    /// (keeping tab, newline and carriage return).
    package static func removeInvisible(_ text: String) -> String {
        // Most text has no byte that can start an invisible character: returned without a copy.
        var text = text
        guard text.withUTF8({ $0.contains(where: mayStartInvisible) }) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var run = 0
        var changed = false
        while i < bytes.count {
            // Other bytes (continuation bytes included) are kept: stepped over one at a time.
            guard mayStartInvisible(bytes[i]) else {
                i += 1
                continue
            }
            let (kind, length) = classify(bytes, i)
            if kind == .invisible && !(length == 1 && (bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13)) {
                out.append(contentsOf: bytes[run..<i])
                run = i + length
                changed = true
            }
            i += length
        }
        guard changed else { return text }
        out.append(contentsOf: bytes[run...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The first byte of every sequence `classify` calls invisible: controls other than whitespace,
    /// DEL, and the lead bytes 0xC2 (C1 controls, soft hyphen), 0xE2 (zero-width and bidi controls)
    /// and 0xEF (BOM, interlinear annotations). Never a continuation byte.
    @inline(__always) private static func mayStartInvisible(_ c: UInt8) -> Bool {
        (c < 0x20 && !(c >= 9 && c <= 13)) || c == 0x7F || c == 0xC2 || c == 0xE2 || c == 0xEF
    }

    /// Unicode canonical composition (NFC); text that is NFC already comes back as it is.
    package static func nfc(_ text: String) -> String { NFC.normalize(text) }

    private static func finish(_ bytes: [UInt8]) -> String {
        NFC.normalize(String(decoding: bytes, as: UTF8.self))
    }

    private enum ByteClass { case plain, space, invisible }

    /// What the UTF-8 sequence at `i` is for plain text, and its length.
    private static func classify(_ b: [UInt8], _ i: Int) -> (ByteClass, Int) {
        let c = b[i]
        if c < 0x80 {
            if c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12 { return (.space, 1) }
            return (c < 0x20 || c == 0x7F ? .invisible : .plain, 1)
        }
        let n = b.count
        if c == 0xC2, i + 1 < n {
            let d = b[i + 1]
            if d == 0xA0 || d == 0x85 { return (.space, 2) }
            if d < 0xA0 || d == 0xAD { return (.invisible, 2) }
            return (.plain, 2)
        }
        if c == 0xE2, i + 2 < n {
            let d = b[i + 1], e = b[i + 2]
            if d == 0x80 {
                if e <= 0x8A || e == 0xA8 || e == 0xA9 || e == 0xAF { return (.space, 3) }
                if (0x8B...0x8F).contains(e) || (0xAA...0xAE).contains(e) { return (.invisible, 3) }
            } else if d == 0x81 {
                if e == 0x9F { return (.space, 3) }
                if (0xA0...0xA4).contains(e) || (0xA6...0xA9).contains(e) { return (.invisible, 3) }
            }
            return (.plain, 3)
        }
        if c == 0xE3, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0x80 { return (.space, 3) }
        if c == 0xE1, i + 2 < n, b[i + 1] == 0x9A, b[i + 2] == 0x80 { return (.space, 3) }
        if c == 0xEF, i + 2 < n {
            if b[i + 1] == 0xBB && b[i + 2] == 0xBF { return (.invisible, 3) }
            if b[i + 1] == 0xBF && (0xB9...0xBB).contains(b[i + 2]) { return (.invisible, 3) }
        }
        let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
        return (.plain, min(length, n - i))
    }

    /// One pass: optionally strips tags and decodes references, drops invisible characters and
    /// collapses whitespace. Sets `reparse` when decoding produced markup that needs another pass.
    private static func clean(_ b: [UInt8], markup: Bool, reparse: inout Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var pendingSpace = false
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if markup && c == UInt8(ascii: "<") && i + 1 < n && isTagStart(b[i + 1]) {
                i = skipTag(b, i)
                pendingSpace = true
                continue
            }
            if markup && c == UInt8(ascii: "&"), let (value, used) = HTMLEntities.reference(b, at: i) {
                let next = i + used < n ? b[i + used] : 0
                if (value == 60 && isTagStart(next)) || (value == 38 && (isLetter(next) || next == UInt8(ascii: "#"))) {
                    reparse = true
                }
                var scalar: [UInt8] = []
                HTMLEntities.appendUTF8(value, to: &scalar)
                let (kind, _) = classify(scalar, 0)
                switch kind {
                case .space: pendingSpace = true
                case .invisible: break
                case .plain: emit(scalar[...], to: &out, pendingSpace: &pendingSpace)
                }
                i += used
                continue
            }
            let (kind, length) = classify(b, i)
            switch kind {
            case .space: pendingSpace = true
            case .invisible: break
            case .plain:
                // Copy a run of ordinary ASCII at once, single spaces between words included (a
                // space followed by an ordinary byte would come out as that same space); after a
                // multibyte character too, so accented prose is not copied a word at a time.
                var j = i + length
                while j < n {
                    if isOrdinary(b[j]) {
                        j += 1
                    } else if b[j] == 32, j + 1 < n, isOrdinary(b[j + 1]) {
                        j += 2
                    } else {
                        break
                    }
                }
                emit(b[i..<j], to: &out, pendingSpace: &pendingSpace)
                i = j
                continue
            }
            i += length
        }
        return out
    }

    /// Appends `bytes` after the pending space, if any. (A static function with inout arguments, not
    /// a closure over the loop's variables: those would be checked for exclusive access at run time.)
    @inline(__always) private static func emit(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8],
                                               pendingSpace: inout Bool) {
        if pendingSpace && !out.isEmpty { out.append(32) }
        pendingSpace = false
        out.append(contentsOf: bytes)
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    /// Printable ASCII that is neither a space nor the start of markup or a reference.
    @inline(__always) private static func isOrdinary(_ c: UInt8) -> Bool {
        c > 32 && c < 0x7F && c != UInt8(ascii: "<") && c != UInt8(ascii: "&")
    }

    /// Index just past the tag (or comment, or script/style element) starting at `start`.
    private static func skipTag(_ bytes: [UInt8], _ start: Int) -> Int {
        if start + 3 < bytes.count, bytes[start + 1] == UInt8(ascii: "!"), bytes[start + 2] == UInt8(ascii: "-"),
            bytes[start + 3] == UInt8(ascii: "-")
        {
            return find(bytes, Array("-->".utf8), from: start + 4).map { $0 + 3 } ?? bytes.count
        }
        var j = start + 1
        var quote: UInt8 = 0
        var quoteStart = 0
        // Only a quote right after `=` opens a value (as in HTML): a stray one (`href=foo"`) is a
        // character of the value, not the start of a string that runs to the end of the text.
        var afterEquals = false
        while j < bytes.count {
            let d = bytes[j]
            if quote != 0 {
                if d == quote { quote = 0 }
            } else if afterEquals && (d == UInt8(ascii: "\"") || d == UInt8(ascii: "'")) {
                quote = d
                quoteStart = j
            } else if d == UInt8(ascii: ">") {
                break
            }
            if quote == 0 && d != 32 && d != 9 && d != 10 && d != 13 { afterEquals = d == UInt8(ascii: "=") }
            j += 1
        }
        // A quoted value never closed: the tag ends at the first `>` after its quote.
        if quote != 0, let end = bytes[quoteStart...].firstIndex(of: UInt8(ascii: ">")) { j = end }
        if let name = rawTextName(bytes, from: start + 1) {
            let closing = Array("</".utf8) + name
            return findCaseInsensitive(bytes, closing, from: j).flatMap { end in
                bytes[end...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 }
            } ?? bytes.count
        }
        return min(j + 1, bytes.count)
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

    /// `script` or `style` when the tag name at `start` is one of them (any case), compared in place:
    /// this runs for every tag of every title and summary.
    private static func rawTextName(_ bytes: [UInt8], from start: Int) -> [UInt8]? {
        for name in rawTextNames where start + name.count <= bytes.count {
            var k = 0
            while k < name.count, bytes[start + k] | 0x20 == name[k], isLetter(bytes[start + k]) { k += 1 }
            guard k == name.count else { continue }
            let end = start + k
            if end == bytes.count || !(isLetter(bytes[end]) || (bytes[end] >= 48 && bytes[end] <= 57)) { return name }
        }
        return nil
    }

    private static let rawTextNames = [Array("script".utf8), Array("style".utf8)]

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
