@testable import FeeddContent
import TestSupport
import Testing

/// The word-at-a-time scan must stop exactly where a byte-by-byte scan would.
@Suite struct TextScanTests {
    static func naive(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var i = start
        while i < end, !TextScan.isSpecial(bytes[i]) { i += 1 }
        return i
    }

    static func naiveInAttribute(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var i = start
        while i < end, !TextScan.isSpecialInAttribute(bytes[i]) { i += 1 }
        return i
    }

    @Test func agreesWithByteByByteScan() {
        // Mostly prose, with every kind of special byte and the false alarms (tab, newline, return)
        // at every offset within a word.
        let alphabet: [UInt8] =
            Array("abc é€ ".utf8) + [9, 10, 13, 0x26, 0x3C, 0x3E, 0x7F, 0, 1, 0x1F, 0x20, 0x80, 0xFF]
        var generator = SplitMix64(seed: 0x7465_7874)
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<count).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0
                    ? alphabet.randomElement(using: &generator)! : UInt8(ascii: "x")
            }
            let start = count == 0 ? 0 : Int.random(in: 0...count, using: &generator)
            bytes.withUnsafeBufferPointer { buffer in
                let expected = Self.naive(bytes, from: start, to: count)
                #expect(TextScan.skipOrdinary(buffer, from: start, to: count) == expected, "\(bytes) from \(start)")
                let inAttribute = Self.naiveInAttribute(bytes, from: start, to: count)
                #expect(TextScan.skipOrdinaryInAttribute(buffer, from: start, to: count) == inAttribute,
                        "\(bytes) from \(start) in an attribute")
            }
        }
    }

    @Test func findsEachSpecialByteAtEachOffset() {
        for special: UInt8 in [0x26, 0x3C, 0x3E, 0x7F, 0, 0x1F] {
            for offset in 0..<20 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 24)
                bytes[offset] = special
                if offset > 0 { bytes[offset - 1] = 10 }  // a newline just before must not stop the scan
                let found = bytes.withUnsafeBufferPointer { TextScan.skipOrdinary($0, from: 0, to: bytes.count) }
                #expect(found == offset, "byte \(special) at \(offset)")
            }
        }
    }
}
