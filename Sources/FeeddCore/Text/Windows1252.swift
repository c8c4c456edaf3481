/// windows-1252 to UTF-8, by the one table feedd has (`TextTables.windows1252High`, generated; CFeeddXML reads the
/// same table): the encoding pages and feeds without a declaration fall back to, and what Latin-1 labels mean.
/// WHATWG's mapping: the five bytes Microsoft leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1
/// controls of the same value, as browsers decode them; decoding never fails (iconv's CP1252 refuses them).
package enum Windows1252 {
    /// Whether a charset label (lowercase, without spaces) means windows-1252: Latin-1 and ASCII labels do (WHATWG).
    package static func isLabel(_ label: String) -> Bool { labels.contains(label) }

    private static let labels = Set(TextTables.windows1252Labels)

    /// The code point of `byte`.
    @inline(__always) package static func scalar(_ byte: UInt8) -> UInt32 {
        byte >= 0x80 && byte < 0xA0 ? UInt32(TextTables.windows1252High[Int(byte - 0x80)]) : UInt32(byte)
    }

    package static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        let high = TextTables.windows1252High
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            let scalar = byte < 0xA0 ? UInt32(high[Int(byte - 0x80)]) : UInt32(byte)
            if scalar < 0x800 {
                output.append(UInt8(0xC0 | (scalar >> 6)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return output
    }
}
