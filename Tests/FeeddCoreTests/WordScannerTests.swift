import Testing

@testable import FeeddCore

/// Words are what fingerprints are made of: the table of common scalars must split and lowercase exactly as
/// the Unicode properties say, or stored fingerprints would stop matching new ones.
@Suite struct WordScannerTests {
    /// The hashes of the words of `text`, in order.
    static func words(_ text: String) -> [UInt64] {
        var hashes: [UInt64] = []
        WordScanner.forEachWord(in: text) { hash, _ in hashes.append(hash) }
        return hashes
    }

    /// The hash of a word of these (already lowercased) UTF-8 bytes.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var word = WordScanner.WordHash()
        for byte in bytes { word.add(byte) }
        return word.finish()
    }

    @Test func everyScalarOfTheTableSplitsAndLowercasesAsItsPropertiesSay() {
        for value in UInt32(0x80)..<WordScanner.commonScalarLimit {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "x" + String(scalar) + "y"
            if WordScanner.isWordScalar(scalar) {
                let lowered = scalar.properties.changesWhenLowercased ? scalar.properties.lowercaseMapping : String(scalar)
                #expect(Self.words(text) == [Self.hash(Array(("x" + lowered + "y").utf8))], "U+\(String(value, radix: 16))")
            } else {
                #expect(Self.words(text) == [Self.hash([0x78]), Self.hash([0x79])], "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func wordsInOtherScriptsAreCaseFolded() {
        #expect(Self.words("ΕΙΡΗΝΗ ΣΤΗΝ Καμπούλ") == Self.words("ειρηνη στην καμπούλ"))
        #expect(Self.words("Переговоры, В КАБУЛЕ!") == Self.words("переговоры в кабуле"))
        #expect(Self.words("Bộ TRƯỞNG") == Self.words("bộ trưởng"))
        #expect(Self.words("مرحبا بالعالم").count == 2)
    }
}
