/// Word-at-a-time scanning for the sanitizer's text runs and attribute values: eight bytes are
/// tested at once for the bytes that cannot be copied as they are (markup characters and controls),
/// so ordinary prose is skipped in a few instructions per word instead of a table lookup per byte.
enum TextScan {
    /// The index of the first byte in `from..<to` that may need escaping: `&`, `<`, `>`, DEL or a
    /// control character other than tab, newline and return.
    static func skipOrdinary(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return end }
        var i = start
        while i + 8 <= end {
            let flags = mayNeedEscape(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            if flags == 0 {
                i += 8
                continue
            }
            // The lowest flag marks the first candidate exactly (borrows only spill upwards).
            i += flags.trailingZeroBitCount / 8
            if isSpecial(bytes[i]) { return i }
            i += 1  // tab, newline or return
        }
        while i < end, !isSpecial(bytes[i]) { i += 1 }
        return i
    }

    /// The index of the first byte in `from..<to` that an attribute value cannot carry as it is:
    /// `&`, `"`, `<`, `>`, DEL or any control character.
    static func skipOrdinaryInAttribute(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return end }
        var i = start
        while i + 8 <= end {
            let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let flags = mayNeedEscape(w) | equal(w, 0x22)
            // Every flagged byte counts here, so the lowest flag is the answer.
            if flags != 0 { return i + flags.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < end, !isSpecialInAttribute(bytes[i]) { i += 1 }
        return i
    }

    @inline(__always) static func isSpecialInAttribute(_ c: UInt8) -> Bool {
        c == 0x26 || c == 0x22 || c == 0x3C || c == 0x3E || c < 0x20 || c == 0x7F
    }

    @inline(__always) static func isSpecial(_ c: UInt8) -> Bool {
        c == 0x26 || c == 0x3C || c == 0x3E || c == 0x7F || (c < 0x20 && c != 9 && c != 10 && c != 13)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `w` (first byte lowest) that is below 0x20 or one of `&`, `<`,
    /// `>`, DEL; tab, newline and return are flagged too, and bytes above a flagged one may be.
    @inline(__always) private static func mayNeedEscape(_ w: UInt64) -> UInt64 {
        less(w, 0x20) | equal(w, 0x26) | equal(w, 0x3C) | equal(w, 0x3E) | equal(w, 0x7F)
    }

    @inline(__always) private static func less(_ w: UInt64, _ n: UInt8) -> UInt64 {
        (w &- ones &* UInt64(n)) & ~w & highs
    }

    @inline(__always) private static func equal(_ w: UInt64, _ b: UInt8) -> UInt64 {
        let x = w ^ (ones &* UInt64(b))
        return (x &- ones) & ~x & highs
    }
}
