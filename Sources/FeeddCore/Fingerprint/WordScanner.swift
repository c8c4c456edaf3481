/// Splits text into normalized words and hands out a 64-bit hash per word, without allocating.
///
/// A word is a run of letters, digits and combining marks, lowercased; everything else (spaces, punctuation,
/// symbols) separates words. Han ideographs and kana are one word each, since those scripts put no spaces
/// between words. The word hash packs the lowercased UTF-8 bytes eight at a time into a 64-bit lane and
/// folds each lane with `StableHash.step`, so most words cost one multiply-mix (shingles are avalanched later).
enum WordScanner {
    /// Running hash of one word.
    struct WordHash {
        var hash: UInt64 = 0x243F_6A88_85A3_08D3
        var lane: UInt64 = 0
        var filled: UInt64 = 0
        var length: UInt64 = 0
        /// Smallest byte added: below "A" means the word has an ASCII digit.
        var smallest: UInt8 = 0xFF

        @inline(__always)
        mutating func add(_ byte: UInt8) {
            smallest = min(smallest, byte)
            lane |= UInt64(byte) << (filled &* 8)
            filled &+= 1
            length &+= 1
            if filled == 8 {
                hash = StableHash.step(hash, lane)
                lane = 0
                filled = 0
            }
        }

        @inline(__always)
        var isEmpty: Bool { length == 0 }

        @inline(__always)
        mutating func finish() -> UInt64 {
            let result = StableHash.step(hash, lane ^ length << 56)
            self = WordHash()
            return result
        }
    }

    /// Calls `body` with each word's hash and whether the word has an ASCII digit, in order.
    @inline(__always)
    static func forEachWord(in text: String, _ body: (UInt64, Bool) -> Void) {
        var text = text
        let table = asciiWordTable
        table.withUnsafeBufferPointer { table in
            text.withUTF8 { bytes in
                let count = bytes.count
                var index = 0
                var word = WordHash()
                while index < count {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        let lowered = table[Int(byte)]
                        if lowered == 0 {
                            index &+= 1
                            if !word.isEmpty { finish(&word, body) }
                            continue
                        }
                        // Find the end of the ASCII run, then hash it 8 bytes at a time.
                        var end = index &+ 1
                        var smallest = lowered
                        while end < count {
                            let next = table[Int(bytes[end])]
                            if next == 0 { break }
                            smallest = min(smallest, next)
                            end &+= 1
                        }
                        if word.isEmpty, end == count || bytes[end] < 0x80 {
                            body(asciiWordHash(bytes, from: index, to: end), smallest < UInt8(ascii: "A"))
                        } else {
                            // The word continues with non-ASCII letters: byte by byte.
                            for position in index..<end { word.add(table[Int(bytes[position])]) }
                        }
                        index = end
                        continue
                    }
                    // Multi-byte scalar: decode, classify, lowercase if needed.
                    let (scalarValue, length) = decode(bytes, at: index)
                    guard length > 0, let scalar = Unicode.Scalar(scalarValue) else {
                        index &+= 1
                        if !word.isEmpty { finish(&word, body) }
                        continue
                    }
                    if scalarValue < commonScalarLimit {
                        // Latin, Greek, Cyrillic, Arabic, Hebrew and the other scripts below U+2000: from the table.
                        let entry = commonScalars[Int(scalarValue &- 0x80)]
                        let bytesOut = Int(entry & 0xFF)
                        if bytesOut == 0 {
                            if !word.isEmpty { finish(&word, body) }
                        } else {
                            for offset in 0..<bytesOut { word.add(UInt8(truncatingIfNeeded: entry >> UInt64(8 &* (offset &+ 1)))) }
                        }
                    } else if isIdeographic(scalarValue) {
                        if !word.isEmpty { finish(&word, body) }
                        for offset in 0..<length { word.add(bytes[index + offset]) }
                        finish(&word, body)
                    } else if isWordScalar(scalar) {
                        if scalar.properties.changesWhenLowercased {
                            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                                for unit in UTF8.encode(lower)! { word.add(unit) }
                            }
                        } else {
                            for offset in 0..<length { word.add(bytes[index + offset]) }
                        }
                    } else if !word.isEmpty {
                        finish(&word, body)
                    }
                    index &+= length
                }
                if !word.isEmpty { finish(&word, body) }
            }
        }
    }

    @inline(__always)
    private static func finish(_ word: inout WordHash, _ body: (UInt64, Bool) -> Void) {
        let digit = word.smallest < UInt8(ascii: "A")
        body(word.finish(), digit)
    }

    /// The hash `WordHash` gives a word made of the ASCII letters and digits in `bytes[start..<end]`, computed
    /// a 64-bit lane at a time with the letters lowercased in parallel.
    @inline(__always)
    static func asciiWordHash(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        var hash = WordHash().hash
        var position = start
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        while position < end {
            let remaining = end &- position
            var lane: UInt64
            if position &+ 8 <= bytes.count {
                lane = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                if remaining < 8 { lane &= (1 << UInt64(remaining &* 8)) &- 1 }
            } else {
                lane = 0
                for offset in 0..<min(remaining, 8) { lane |= UInt64(bytes[position &+ offset]) << UInt64(offset &* 8) }
            }
            lane = lowercasedASCII(lane)
            if remaining >= 8 {
                hash = StableHash.step(hash, lane)
                position &+= 8
            } else {
                // The partial last lane is folded by `finish`, as `WordHash` does.
                return StableHash.step(hash, lane ^ UInt64(end &- start) << 56)
            }
        }
        return StableHash.step(hash, UInt64(end &- start) << 56)
    }

    /// Adds 0x20 to every byte in "A"..."Z" (bytes are ASCII letters, digits or zero padding).
    @inline(__always)
    static func lowercasedASCII(_ lane: UInt64) -> UInt64 {
        let aboveA = (lane &+ 0x3F3F_3F3F_3F3F_3F3F) & 0x8080_8080_8080_8080  // byte >= "A"
        let aboveZ = (lane &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080  // byte > "Z"
        return lane | ((aboveA & ~aboveZ) >> 2)
    }

    /// ASCII letters and digits map to their lowercase byte; everything else (non-ASCII bytes too) to 0.
    static let asciiWordTable: [UInt8] = (0..<256).map { value -> UInt8 in
        switch UInt8(value) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(value)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt8(value) + 32
        default: return 0
        }
    }

    /// Scalars from U+0080 up to this limit are classified by `commonScalars` instead of by property lookups,
    /// which cost more than the rest of the scan for text in another script than Latin.
    static let commonScalarLimit: UInt32 = 0x2000

    /// For each scalar from U+0080 to `commonScalarLimit`: byte 0 is the length of its lowercased UTF-8 form
    /// (0 when it is no word scalar), bytes 1... that form. Every scalar of that range lowercases to at most
    /// 7 bytes (checked as the table is made). Immutable once made.
    static let commonScalars: [UInt64] = (UInt32(0x80)..<commonScalarLimit).map { value -> UInt64 in
        guard let scalar = Unicode.Scalar(value), isWordScalar(scalar) else { return 0 }
        let form = scalar.properties.changesWhenLowercased ? scalar.properties.lowercaseMapping : String(scalar)
        let bytes = Array(form.utf8)
        precondition(bytes.count <= 7, "U+\(String(value, radix: 16)) lowercases to more than 7 bytes")
        var entry = UInt64(bytes.count)
        for (offset, byte) in bytes.enumerated() { entry |= UInt64(byte) << UInt64(8 * (offset + 1)) }
        return entry
    }

    /// Decodes the UTF-8 sequence at `index`; length 0 when it is malformed.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return (0, 0)
        }
        guard index + length <= bytes.count else { return (0, 0) }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return (0, 0) }
            value = value << 6 | UInt32(next & 0x3F)
        }
        return (value, length)
    }

    @inline(__always)
    static func isIdeographic(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF: return true
        default: return false
        }
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark:
            return true
        default:
            return false
        }
    }
}
