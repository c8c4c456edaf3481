import CFeeddXML

/// Bytes to a Swift string in a named charset, with the same rules the XML path uses: BOM first,
/// valid UTF-8 wins, windows-1252 for Latin-1 labels and for "UTF-8" that is not, U+FFFD for the rest.
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
}
