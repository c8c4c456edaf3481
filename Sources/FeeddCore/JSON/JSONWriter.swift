/// A small, allocation-light JSON writer that produces one compact line.
/// Output is deterministic (field order as written) and never contains a raw newline,
/// which is what JSON Lines consumers and the journal's framing rely on.
package struct JSONWriter: Sendable {
    package private(set) var bytes: [UInt8] = []
    private var needsComma = false

    package init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    package var output: String { String(decoding: bytes, as: UTF8.self) }

    package mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    package mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    package mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    package mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    package mutating func key(_ name: String) {
        separator()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    package mutating func value(_ text: String?) {
        separator()
        if let text { appendString(text) } else { appendLiteral("null") }
        needsComma = true
    }
    package mutating func value(_ number: Int64?) {
        separator()
        if let number { appendLiteral(String(number)) } else { appendLiteral("null") }
        needsComma = true
    }
    package mutating func value(_ number: Double) {
        separator()
        appendLiteral(number.isFinite ? String(number) : "null")
        needsComma = true
    }
    package mutating func value(_ flag: Bool) {
        separator()
        appendLiteral(flag ? "true" : "false")
        needsComma = true
    }
    /// Appends already-serialized JSON (a nested object produced by another writer).
    package mutating func raw(_ json: String) {
        separator()
        bytes.append(contentsOf: json.utf8)
        needsComma = true
    }

    package mutating func field(_ name: String, _ text: String?) { key(name); value(text) }
    package mutating func field(_ name: String, _ number: Int?) { key(name); value(number.map(Int64.init)) }
    package mutating func field(_ name: String, _ number: Int64?) { key(name); value(number) }
    package mutating func field(_ name: String, _ number: UInt64) { key(name); appendLiteral(String(number)); needsComma = true }
    package mutating func field(_ name: String, _ flag: Bool) { key(name); value(flag) }
    package mutating func field(_ name: String, _ number: Double) { key(name); value(number) }
    package mutating func field(_ name: String, _ list: [String]) {
        key(name)
        beginArray()
        for item in list { value(item) }
        endArray()
    }

    private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendLiteral(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        // Runs of bytes that need no escaping are copied in one go: article bodies are mostly such runs.
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0x7F { continue }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                appendEscaped(byte)
                runStart = index + 1
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0xF)])
        }
    }
}
