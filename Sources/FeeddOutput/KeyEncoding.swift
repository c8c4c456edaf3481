/// Turns any name (a source name, an instance name, "url:<hex>") into a valid key-value key and back.
///
/// Keys allow only letters, digits and `-_=./`, and dots separate tokens; names in feeds.conf may hold
/// spaces, colons or any Unicode. Letters, digits, `-` and `_` stay as they are (so keys stay readable in
/// `nats kv ls`); every other UTF-8 byte becomes `=XX` (upper-case hex). The mapping is one-to-one.
package enum KeyEncoding {
    package static func encode(_ name: String) -> String {
        var key = ""
        key.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            if isPlain(byte) {
                key.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                key += "=" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        // An empty name still needs a key: `=` alone is never the encoding of anything else.
        return key.isEmpty ? "=" : key
    }

    /// The name `key` encodes, nil when `key` is not an encoding.
    package static func decode(_ key: String) -> String? {
        if key == "=" { return "" }
        var bytes: [UInt8] = []
        var iterator = Array(key.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "=") else {
                guard isPlain(byte) else { return nil }
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Letters, digits, `-` and `_`: the bytes kept as they are (and the only ones bucket names allow).
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `<prefix>-<role>`, checked: bucket names allow only letters, digits, `-` and `_`.
    package static func bucketName(prefix: String, role: String) throws(OutputError) -> String {
        let name = "\(prefix)-\(role)"
        guard !prefix.isEmpty, prefix.utf8.allSatisfy(isPlain) else {
            throw .invalidOptions("bucket prefix \"\(prefix)\" may hold only letters, digits, - and _ (bucket \(name))")
        }
        return name
    }
}
