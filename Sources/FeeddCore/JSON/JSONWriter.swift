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
            guard let base = utf8.baseAddress else { return }
            let count = utf8.count
            var runStart = 0
            var index = 0
            while index < count {
                // Eight bytes at a time while none needs escaping; a flagged word holds one that does.
                if index + 8 <= count {
                    if !Self.mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                        index += 8
                        continue
                    }
                    while !Self.needsEscaping(base[index]) { index += 1 }
                } else if !Self.needsEscaping(base[index]) {
                    index += 1
                    continue
                }
                if runStart < index { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
                appendEscaped(base[index])
                index += 1
                runStart = index
            }
            if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F
    }

    /// Whether any of the eight bytes is a control byte, `"`, `\\` or DEL (exact: bytes of 0x80 and above,
    /// UTF-8 sequences, never count). Each test is the classic "has a zero byte" trick on the word XOR a
    /// repeated byte; "below 0x20" subtracts 0x20 from every byte instead.
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        return control | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C)) | hasZero(word ^ (ones &* 0x7F)) != 0
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
