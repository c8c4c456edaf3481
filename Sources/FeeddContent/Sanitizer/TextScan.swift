/// Word-at-a-time scanning for the sanitizer's text runs: eight bytes are tested at once for the
/// bytes text cannot carry as they are (markup characters and controls), so ordinary prose is
/// skipped in a few instructions per word instead of a table lookup per byte.
enum TextScan {
    /// The index of the first byte in `from..<to` that may need escaping: `&`, `<`, `>`, DEL or a
    /// control character. Tab, newline and return stop the word step but not the byte step.
    static func skipOrdinary(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return end }
        var i = start
        while true {
            while i + 8 <= end, !mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i += 8 }
            // A word with something in it: bytes one by one up to the next word boundary.
            let stop = min(i + 8, end)
            while i < stop, !isSpecial(bytes[i]) { i += 1 }
            if i < stop || i >= end { return i }
        }
    }

    @inline(__always) static func isSpecial(_ c: UInt8) -> Bool {
        c == 0x26 || c == 0x3C || c == 0x3E || c == 0x7F || (c < 0x20 && c != 9 && c != 10 && c != 13)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// True when some byte of `w` is below 0x20 or one of `&`, `<`, `>`, DEL (may be a false alarm
    /// for tab, newline and return, which the byte step then lets through).
    @inline(__always) private static func mayNeedEscape(_ w: UInt64) -> Bool {
        hasLess(w, 0x20) || hasByte(w, 0x26) || hasByte(w, 0x3C) || hasByte(w, 0x3E) || hasByte(w, 0x7F)
    }

    @inline(__always) private static func hasLess(_ w: UInt64, _ n: UInt8) -> Bool {
        (w &- ones &* UInt64(n)) & ~w & highs != 0
    }

    @inline(__always) private static func hasByte(_ w: UInt64, _ b: UInt8) -> Bool {
        let x = w ^ (ones &* UInt64(b))
        return (x &- ones) & ~x & highs != 0
    }
}
