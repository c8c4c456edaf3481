import CFeeddXML

/// Bytes to a Swift string in a named charset, with the same rules the XML path uses: BOM first
/// (UTF-32, UTF-16, UTF-8), valid UTF-8 wins, windows-1252 for Latin-1 labels, and for "UTF-8" that
/// mostly is not, a detected legacy charset (windows-1252, GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR,
/// windows-1251, KOI8-R); U+FFFD for what still cannot be decoded.
package enum TextDecoding {
    package static func string(_ bytes: [UInt8], charset: String?) -> String {
        var length = 0
        let decoded: UnsafeMutablePointer<UInt8>? = bytes.withUnsafeBufferPointer { buffer in
            charset.withOptionalCString { CFeeddXML_toUTF8(buffer.baseAddress, buffer.count, $0, &length) }
        }
        guard let decoded else { return String(decoding: bytes, as: UTF8.self) }
        defer { CFeeddXML_free(decoded) }
        return String(decoding: UnsafeBufferPointer(start: decoded, count: length), as: UTF8.self)
    }

    /// `bytes` decoded from exactly `charset` (an iconv name, e.g. from `CharsetSniffer.encoding`) to UTF-8,
    /// undecodable bytes as U+FFFD; nil when iconv does not know the charset.
    package static func utf8(_ bytes: [UInt8], exactly charset: String) -> [UInt8]? {
        var length = 0
        let decoded: UnsafeMutablePointer<UInt8>? = bytes.withUnsafeBufferPointer { buffer in
            charset.withCString { CFeeddXML_decodeCharset(buffer.baseAddress, buffer.count, $0, &length) }
        }
        guard let decoded else { return nil }
        defer { CFeeddXML_free(decoded) }
        return Array(UnsafeBufferPointer(start: decoded, count: length))
    }
}
