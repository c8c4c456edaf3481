/// Decodes HTML character references (`&amp;`, `&eacute;`, `&#8217;`, `&#x2019;`) in text.
/// Unknown names stay as written; numeric references to 0x80–0x9F are read as windows-1252, which is
/// what their authors meant; references to invalid code points become U+FFFD.
package enum HTMLEntities {
    package static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "&"), let (scalar, used) = reference(bytes, at: i) {
                appendUTF8(scalar, to: &out)
                i += used
            } else {
                out.append(byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The code point a reference at `bytes[start]` (an `&`) stands for, and its length in bytes.
    package static func reference(_ bytes: [UInt8], at start: Int) -> (UInt32, Int)? {
        bytes.withUnsafeBufferPointer { reference($0, at: start) }
    }

    /// As above, over borrowed bytes.
    package static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (UInt32, Int)? {
        var j = start + 1
        guard j < bytes.count else { return nil }
        if bytes[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < bytes.count && (bytes[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            // Up to 10 digits, as CFeeddXML reads them for feeds and pages (values past U+10FFFF are U+FFFD).
            var value: UInt64 = 0
            var digits = 0
            while j < bytes.count, digits < 10 {
                let c = bytes[j]
                let digit: UInt64
                switch c {
                case 48...57: digit = UInt64(c - 48)
                case 97...102 where hex: digit = UInt64(c - 87)
                case 65...70 where hex: digit = UInt64(c - 55)
                default: digit = 99
                }
                if digit == 99 { break }
                value = value * (hex ? 16 : 10) + digit
                digits += 1
                j += 1
            }
            guard digits > 0 else { return nil }
            if j < bytes.count, bytes[j] == UInt8(ascii: ";") { j += 1 }
            return (sanitizedCodePoint(value > 0x10FFFF ? 0x110000 : UInt32(value)), j - start)
        }
        while j < bytes.count, j - start <= 32, isAlphanumeric(bytes[j]) { j += 1 }
        guard j > start + 1 else { return nil }
        let name = String(decoding: bytes[(start + 1)..<j], as: UTF8.self)
        guard let value = table[name] else { return nil }
        if j < bytes.count, bytes[j] == UInt8(ascii: ";") { return (value, j + 1 - start) }
        // Without the semicolon only the old Latin-1 names count, as browsers do (`&copy 2024`), and not before
        // `=` (a URL's query: `?a=1&copy=2`).
        guard j >= bytes.count || bytes[j] != UInt8(ascii: "=") else { return nil }
        return legacyWithoutSemicolon.contains(name) ? (value, j - start) : nil
    }

    /// True when `name` (without `&` and `;`) is a known named reference.
    package static func isKnown(_ name: String) -> Bool { table[name] != nil }

    static func sanitizedCodePoint(_ value: UInt32) -> UInt32 {
        if value >= 0x80 && value < 0xA0 { return Windows1252.scalar(UInt8(value)) }
        if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return 0xFFFD }
        return value
    }

    package static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(value) else {
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            return
        }
        out.append(contentsOf: UTF8.encode(scalar)!)
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    }

    private static let legacyWithoutSemicolon = Set(TextTables.legacyWithoutSemicolon)

    /// Named references (`TextTables`, generated: the same table CFeeddXML reads for feeds and pages).
    static let table = Dictionary(uniqueKeysWithValues: zip(TextTables.entityNames, TextTables.entityValues))
}
