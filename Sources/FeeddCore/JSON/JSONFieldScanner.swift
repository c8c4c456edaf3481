import Glibc

/// Reads chosen top-level fields of one flat JSON object (a journal line) without building the
/// rest: values of other keys are skipped byte by byte. Rebuilding the dedupe index reads every
/// stored record, and most of each record's bytes are `content` and `summary`, which it never needs.
/// Returns nil for anything that is not a well-formed object.
package struct JSONFieldScanner {
    package enum Value: Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        /// An array or object, left unread.
        case skipped
    }

    /// Where a value starts; calling it decodes the value (valid while the scanned bytes are).
    package struct Field {
        let bytes: UnsafeRawBufferPointer
        /// Byte offset of the value in the scanned object, for `value(in:at:)` after the scan.
        package let offset: Int

        package func callAsFunction() -> Value? { JSONFieldScanner.value(in: bytes, at: offset) }
    }

    /// The value that starts at `offset` (a `Field`'s), decoded.
    package static func value(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Value? {
        var reader = Cursor(bytes: bytes, index: offset)
        return reader.value()
    }

    /// Calls `visit` for every top-level key, as its UTF-8 bytes (escapes decoded; valid during the call, no
    /// string per key), with its `Field`, which decodes the value on demand (strings, numbers, literals;
    /// arrays and objects come back as `.skipped`). Values never asked for are skipped without being decoded.
    package static func scan(
        _ bytes: UnsafeRawBufferPointer, _ visit: (_ key: UnsafeRawBufferPointer, _ value: Field) -> Void
    ) -> Bool {
        var scanner = Cursor(bytes: bytes)
        scanner.skipSpace()
        guard scanner.take(UInt8(ascii: "{")) else { return false }
        scanner.skipSpace()
        if scanner.take(UInt8(ascii: "}")) { return true }
        while true {
            scanner.skipSpace()
            let keyStart = scanner.index + 1
            guard scanner.skipString() else { return false }
            let keyEnd = scanner.index - 1
            scanner.skipSpace()
            guard scanner.take(UInt8(ascii: ":")) else { return false }
            scanner.skipSpace()
            let field = Field(bytes: bytes, offset: scanner.index)
            let raw = UnsafeRawBufferPointer(rebasing: bytes[keyStart..<keyEnd])
            if raw.contains(UInt8(ascii: "\\")) {
                var key = JSONFieldScanner.value(in: bytes, at: keyStart - 1).flatMap { value -> String? in
                    if case .string(let text) = value { return text } else { return nil }
                } ?? ""
                key.withUTF8 { visit(UnsafeRawBufferPointer($0), field) }
            } else {
                visit(raw, field)
            }
            guard scanner.skipValue() else { return false }
            scanner.skipSpace()
            if scanner.take(UInt8(ascii: ",")) { continue }
            return scanner.take(UInt8(ascii: "}"))
        }
    }

    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func value() -> Value? {
            switch current {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "["), UInt8(ascii: "{"): return skipValue() ? .skipped : nil
            default:
                let start = index
                while let byte = current, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (byte >= 0x30 && byte <= 0x39)
                {
                    index += 1
                }
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                return Double(text).map(Value.number)
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// Skips one value of any kind, strings and nesting included.
        mutating func skipValue() -> Bool {
            switch current {
            case UInt8(ascii: "\""): return skipString()
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                var depth = 0
                while let byte = current {
                    switch byte {
                    case UInt8(ascii: "\""):
                        guard skipString() else { return false }
                        continue
                    case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                    case UInt8(ascii: "]"), UInt8(ascii: "}"):
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    default: break
                    }
                    index += 1
                }
                return false
            case nil: return false
            default:
                let start = index
                while let byte = current, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]") {
                    index += 1
                }
                return index > start
            }
        }

        /// Jumps from quote to quote with `memchr` (texts make up most of a record's bytes); a quote preceded
        /// by an odd run of backslashes is escaped.
        mutating func skipString() -> Bool {
            guard take(UInt8(ascii: "\"")), let base = bytes.baseAddress else { return false }
            let start = index
            while index < bytes.count {
                guard let found = memchr(base + index, Int32(UInt8(ascii: "\"")), bytes.count - index) else { break }
                let quote = UnsafeRawPointer(found) - base
                var backslashes = 0
                while quote - backslashes - 1 >= start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") {
                    backslashes += 1
                }
                index = quote + 1
                if backslashes % 2 == 0 { return true }
            }
            index = bytes.count
            return false
        }

        /// A string with its escapes decoded (`\uXXXX` surrogate pairs joined; lone ones become U+FFFD).
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            // Fast path: no escapes, one copy.
            while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") { index += 1 }
            if current == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            while let byte = current {
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let escaped = current else { return nil }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar), current == UInt8(ascii: "\\"),
                            index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                        {
                            let save = index
                            index += 2
                            if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                index = save
                            }
                        }
                        let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                        out.append(contentsOf: Array(String(character).utf8))
                    default: out.append(escaped)
                    }
                default:
                    out.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: return nil
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }
    }
}
