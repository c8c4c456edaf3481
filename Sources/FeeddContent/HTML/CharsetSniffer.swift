import FeeddCore

/// Picks the encoding to decode an HTML page with, in the order browsers use: the HTTP charset,
/// a byte-order mark, a `<meta charset>` / `http-equiv` declaration in the first 4 KiB, then the bytes
/// themselves (valid UTF-8 is UTF-8; anything else windows-1252). Returns an iconv name for libxml2.
package enum CharsetSniffer {
    package static func encoding(of bytes: [UInt8], contentType: String?) -> String {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return "UTF-8" }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return "UTF-16LE" }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return "UTF-16BE" }
        if let contentType, let label = charsetParameter(contentType), let name = normalize(label) {
            return isUTF8Despite(name, bytes) ? "UTF-8" : name
        }
        if let label = declaredCharset(bytes), let name = normalize(label) {
            // A page that says UTF-8 but is not (a common CMS mistake) reads best as windows-1252.
            if name == "UTF-8", !isMostlyUTF8(bytes) { return "windows-1252" }
            // A UTF-16 label inside ASCII-compatible bytes is a mistake: the bytes are what count.
            if name.hasPrefix("UTF-16") { return isMostlyUTF8(bytes) ? "UTF-8" : "windows-1252" }
            return isUTF8Despite(name, bytes) ? "UTF-8" : name
        }
        return isMostlyUTF8(bytes) ? "UTF-8" : "windows-1252"
    }

    /// UTF-8 with at most one stray byte in ten non-ASCII characters (a pasted Latin-1 word, a truncated
    /// character): read as UTF-8 with the strays replaced (`repairedUTF8`), not all of it as windows-1252, which
    /// would garble every other character. Latin-1 text almost never forms valid sequences, so it stays below.
    package static func isMostlyUTF8(_ bytes: [UInt8]) -> Bool {
        if isValidUTF8(bytes) { return true }
        let census = utf8Census(bytes)
        return census.invalid * 10 <= census.sequences
    }

    /// Valid multi-byte sequences and invalid bytes in `bytes`.
    static func utf8Census(_ bytes: [UInt8]) -> (sequences: Int, invalid: Int) {
        bytes.withUnsafeBufferPointer { b in
            var sequences = 0
            var invalid = 0
            var i = 0
            while i < b.count {
                if b[i] < 0x80 {
                    i += 1
                } else if let length = sequenceLength(b, at: i) {
                    sequences += 1
                    i += length
                } else {
                    invalid += 1
                    i += 1
                }
            }
            return (sequences, invalid)
        }
    }

    /// `bytes` with every byte that starts no valid UTF-8 sequence replaced by U+FFFD (libxml2 2.9 would switch
    /// the rest of the page to Latin-1 at the first one).
    package static func repairedUTF8(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 16)
            var i = 0
            while i < b.count {
                if b[i] < 0x80 {
                    out.append(b[i])
                    i += 1
                } else if let length = sequenceLength(b, at: i) {
                    out.append(contentsOf: b[i..<(i + length)])
                    i += length
                } else {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    i += 1
                }
            }
            return out
        }
    }

    /// The length of the valid multi-byte UTF-8 sequence starting at `i`, or nil (strict: no overlongs, no
    /// surrogates). The one decoder of sequences for validation, census and repair.
    @inline(__always)
    static func sequenceLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let c = b[i]
        var need = 0
        var minimum: UInt32 = 0
        var scalar: UInt32 = 0
        switch c {
        case 0xC2...0xDF: need = 1; scalar = UInt32(c & 0x1F); minimum = 0x80
        case 0xE0...0xEF: need = 2; scalar = UInt32(c & 0x0F); minimum = 0x800
        case 0xF0...0xF4: need = 3; scalar = UInt32(c & 0x07); minimum = 0x10000
        default: return nil
        }
        guard i + need < b.count else { return nil }
        for k in 1...need {
            let d = b[i + k]
            guard d & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(d & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return nil }
        return need + 1
    }

    /// A page labelled with a legacy charset whose non-ASCII bytes all form valid UTF-8 sequences is UTF-8 (a
    /// template that kept its old `gb2312` label after the site moved to UTF-8): legacy text of any length is
    /// almost never valid UTF-8 by chance, and decoding it as labelled would garble every non-ASCII character.
    static func isUTF8Despite(_ name: String, _ bytes: [UInt8]) -> Bool {
        guard name != "UTF-8", !name.hasPrefix("UTF-16") else { return false }
        let nonASCII = bytes.withUnsafeBufferPointer { buffer in buffer.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) } }
        return nonASCII >= 8 && isValidUTF8(bytes)
    }

    /// The `charset=` parameter of a Content-Type value.
    package static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces().lowercased() == "charset" else { continue }
            let value = pair[1].trimmingSpaces().trimmingCharacters(in: "\"'")
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Maps a charset label to the iconv name libxml2 should use (WHATWG aliases: latin1 means windows-1252, by the
    /// one list FeeddCore and CFeeddXML share; gb2312 means GBK which GB18030 covers, Shift_JIS means windows-31j).
    package static func normalize(_ label: String) -> String? {
        let key = label.lowercased().filter { !$0.isWhitespace }
        if Windows1252.isLabel(key) { return "windows-1252" }
        switch key {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "UTF-8"
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "chinese", "csgb2312": return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5": return "BIG5-HKSCS"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932", "csshiftjis": return "CP932"
        case "euc-jp", "x-euc-jp": return "EUC-JP"
        case "iso-2022-jp": return "ISO-2022-JP"
        case "euc-kr", "ks_c_5601-1987", "windows-949", "cp949", "korean": return "CP949"
        case "koi8-r", "koi8", "cskoi8r": return "KOI8-R"
        case "koi8-u", "koi8-ru": return "KOI8-U"
        case "utf-16", "utf-16le": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        case "iso-8859-9", "latin5", "windows-1254": return "windows-1254"
        case "tis-620", "iso-8859-11", "windows-874": return "windows-874"
        default:
            if key.hasPrefix("iso-8859-") || key.hasPrefix("windows-125") { return key.uppercased() }
            if key.hasPrefix("iso8859-") { return "ISO-8859-" + key.dropFirst(8) }
            if key.hasPrefix("cp125") { return "WINDOWS-" + key.dropFirst(2) }
            return nil
        }
    }

    /// The charset a `<meta>` in the first 4 KiB declares (either form), or an XML declaration's encoding.
    /// Scans the bytes in place: a String of the prefix walked by Characters cost as much as parsing a small page.
    package static func declaredCharset(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { all in
            let text = UnsafeBufferPointer(rebasing: all.prefix(4096))
            var from = 0
            while let meta = find("<meta", in: text, from: from, to: text.count) {
                let tagEnd = text[meta...].firstIndex(of: UInt8(ascii: ">")) ?? text.count
                if let label = charsetInMeta(text, meta, tagEnd) { return label }
                from = tagEnd
            }
            if text.count >= 5, find("<?xml", in: text, from: 0, to: 5) == 0,
                let end = text.firstIndex(of: UInt8(ascii: ">")), let label = value(after: "encoding", in: text, to: end)
            {
                return label
            }
            return nil
        }
    }

    /// A byte as the label scan sees it: ASCII lowercased, non-ASCII (never part of a label) as a space.
    @inline(__always)
    private static func folded(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : (b < 0x80 ? b : 0x20) }

    /// The first position of `needle` (lowercase ASCII) in `text[from..<to]`, folded.
    private static func find(_ needle: StaticString, in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard to - from >= n.count else { return nil }
        search: for start in from...(to - n.count) where folded(text[start]) == n[0] {
            for k in 1..<n.count where folded(text[start + k]) != n[k] { continue search }
            return start
        }
        return nil
    }

    /// The folded bytes of `text[from..<to]` as a label.
    private static func label(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String? {
        to > from ? String(decoding: text[from..<to].lazy.map(folded), as: UTF8.self) : nil
    }

    private static func charsetInMeta(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        // `<meta charset=x>` and `<meta http-equiv=content-type content="text/html; charset=x">` both
        // come down to the first `charset=` inside the tag.
        guard let found = find("charset", in: text, from: start, to: end) else { return nil }
        var index = found + 7
        while index < end, folded(text[index]) == 0x20 { index += 1 }
        guard index < end, text[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        while index < end, " \"'".utf8.contains(folded(text[index])) { index += 1 }
        var stop = index
        while stop < end, !"\"';/ >".utf8.contains(folded(text[stop])) { stop += 1 }
        return label(text, index, stop)
    }

    private static func value(after key: StaticString, in text: UnsafeBufferPointer<UInt8>, to end: Int) -> String? {
        guard let found = find(key, in: text, from: 0, to: end) else { return nil }
        var index = found + key.utf8CodeUnitCount
        while index < end, " =\"'".utf8.contains(folded(text[index])) { index += 1 }
        var stop = index
        while stop < end, !"\"' ?".utf8.contains(folded(text[stop])) { stop += 1 }
        return label(text, index, stop)
    }

    /// Strict UTF-8 validation (no overlongs, no surrogates), without allocating.
    package static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            let raw = UnsafeRawBufferPointer(b)
            while i < n {
                // Eight ASCII bytes at a time: most of a page is markup.
                if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                if b[i] < 0x80 { i += 1; continue }
                guard let length = sequenceLength(b, at: i) else { return false }
                i += length
            }
            return true
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }

    fileprivate func trimmingCharacters(in set: String) -> String {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return String(result)
    }
}
