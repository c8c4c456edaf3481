import FeeddCore
import Foundation
import Testing
import TestSupport

/// NFC against Foundation (the oracle; feedd itself no longer calls it), on seeded random text and on every
/// scalar the tables describe, plus fixed cases of our own.
@Suite struct NFCTests {
    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    /// Foundation's NFC of its NFD, which is NFC by definition: on Linux its NFC alone leaves a precomposed
    /// Hangul LV syllable and a trailing jamo apart, and does not reorder marks that come from decomposing a
    /// non-starter (U+0F73), where UAX #15 (and Python's `unicodedata`) compose and reorder.
    static func oracle(_ text: String) -> [UInt32] {
        scalars(text.decomposedStringWithCanonicalMapping.precomposedStringWithCanonicalMapping)
    }

    static let fixed: [(String, String)] = [
        ("plain ASCII", "plain ASCII"),
        ("Cafe\u{301}", "Caf\u{E9}"),
        ("Caf\u{E9}", "Caf\u{E9}"),
        // Marks out of canonical order are sorted (dot below, class 220, before acute, 230), then composed.
        ("e\u{301}\u{323}", "\u{1EB9}\u{301}"),
        ("\u{1E0A}\u{323}", "\u{1E0C}\u{307}"),
        // Two marks of one class: only the first composes.
        ("a\u{301}\u{301}", "\u{E1}\u{301}"),
        // Vietnamese: horn then acute on o.
        ("o\u{31B}\u{301}", "\u{1EDB}"),
        // Singletons and composition exclusions never come back.
        ("\u{212B}", "\u{C5}"), ("\u{2126}", "\u{3A9}"), ("\u{340}", "\u{300}"), ("\u{37E}", ";"),
        ("\u{958}", "\u{915}\u{93C}"), ("\u{915}\u{93C}", "\u{915}\u{93C}"),
        ("\u{F900}", "\u{8C48}"), ("\u{2F800}", "\u{4E3D}"),
        // Greek with breathing, accent and iota subscript.
        ("\u{3B1}\u{313}\u{301}\u{345}", "\u{1F84}"),
        // Hangul: jamo compose algorithmically, LV + T too.
        ("\u{1100}\u{1161}", "\u{AC00}"), ("\u{1100}\u{1161}\u{11A8}", "\u{AC01}"), ("\u{AC00}\u{11A8}", "\u{AC01}"),
        ("\u{AC01}\u{11A8}", "\u{AC01}\u{11A8}"),
        // Beyond the BMP: a pair that composes (Kaithi), and one that does not.
        ("\u{11099}\u{110BA}", "\u{1109A}"), ("\u{10041}\u{301}", "\u{10041}\u{301}"),
        // A mark with nothing to attach to, at the start.
        ("\u{301}a", "\u{301}a"),
        ("\u{1F44D}\u{1F3FD} \u{1F468}\u{200D}\u{1F469}", "\u{1F44D}\u{1F3FD} \u{1F468}\u{200D}\u{1F469}"),
        ("", ""),
    ]

    @Test(arguments: 0..<fixed.count) func fixedCases(_ index: Int) {
        let (input, expected) = Self.fixed[index]
        #expect(Self.scalars(NFC.normalize(input)) == Self.scalars(expected))
    }

    /// Pieces random text is made of: the scripts feeds carry and the cases normalization is about.
    static let pieces: [[String]] = [
        ["a", "e", "o", "u", "A", "C", "n", "s", " ", ".", "1", "z"],
        ["\u{300}", "\u{301}", "\u{302}", "\u{303}", "\u{308}", "\u{30A}", "\u{323}", "\u{327}", "\u{328}", "\u{31B}",
         "\u{345}", "\u{35C}", "\u{5B0}", "\u{64B}", "\u{653}", "\u{93C}", "\u{94D}", "\u{3099}", "\u{1D165}"],
        ["\u{E9}", "\u{C5}", "\u{F1}", "\u{1EC7}", "\u{1A1}", "\u{1B0}", "\u{1EA0}", "\u{1E0A}", "\u{1E69}", "\u{CF}"],
        ["\u{3B1}", "\u{3B9}", "\u{3C9}", "\u{3AC}", "\u{1F00}", "\u{1F71}", "\u{390}", "\u{313}", "\u{314}",
         "\u{342}"],
        ["\u{1100}", "\u{1112}", "\u{1161}", "\u{1175}", "\u{11A8}", "\u{11C2}", "\u{AC00}", "\u{AC01}", "\u{D7A3}"],
        ["\u{4E2D}", "\u{6587}", "\u{304B}", "\u{30AB}", "\u{3099}", "\u{309A}", "\u{FF76}"],
        ["\u{1F600}", "\u{1F44D}", "\u{1F3FD}", "\u{200D}", "\u{FE0F}", "\u{1F1E9}"],
        ["\u{212B}", "\u{2126}", "\u{340}", "\u{341}", "\u{343}", "\u{344}", "\u{374}", "\u{37E}", "\u{387}",
         "\u{F900}", "\u{2F800}", "\u{958}", "\u{FB1D}", "\u{2ADC}", "\u{F73}", "\u{F75}", "\u{F71}", "\u{F72}",
         "\u{1D15E}"],
        ["\u{915}", "\u{928}", "\u{9C7}", "\u{9BE}", "\u{B47}", "\u{B56}", "\u{CC6}", "\u{CD5}", "\u{D46}", "\u{D3E}",
         "\u{DD9}", "\u{DCF}", "\u{1025}", "\u{102E}", "\u{1B05}", "\u{1B35}", "\u{11131}", "\u{11127}"],
    ]

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64]) func randomTextMatchesFoundation(_ seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int.random(in: 1...24, using: &random) {
                let group = Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &random)]
                text += group[Int.random(in: 0..<group.count, using: &random)]
            }
            let ours = NFC.normalize(text)
            #expect(Self.scalars(ours) == Self.oracle(text), "seed \(seed): \(Self.scalars(text))")
            #expect(NFC.isNormalized(ours))
        }
    }

    /// Each scalar the tables cover, alone and (in the BMP) followed by a mark that composes with many letters.
    /// Not beyond: Foundation composes a supplementary scalar and U+0301 as if the scalar were its low 16 bits
    /// (U+10041 U+0301 becomes U+00C1), a fixed case above.
    @Test func everyTableScalarMatchesFoundation() {
        var mismatches: [UInt32] = []
        for value in UInt32(0xA0)..<0x30000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var texts = [String(Character(scalar))]
            if value < 0x10000 { texts.append(String(String.UnicodeScalarView([scalar, "\u{301}"]))) }
            for text in texts
            where Self.scalars(NFC.normalize(text)) != Self.oracle(text) {
                mismatches.append(value)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20).map { String($0, radix: 16) })")
    }

    @Test func normalizedTextComesBackUntouched() {
        let text = "Ünïcödé text, 中文, 한국어, \u{1F600} and plain words"
        #expect(NFC.isNormalized(text))
        #expect(NFC.normalize(text).utf8.elementsEqual(text.utf8))
    }
}
