import Testing

@testable import FeeddCore

@Suite struct MinHashSketchTests {
    static let story = """
        The harbour board agreed on Monday to extend the night ferry service until the end of the year, after \
        passenger numbers rose for the third month running. The late crossing had been due to stop in October. \
        Board members said the cost would be met from the summer surplus, and that a decision on the winter \
        timetable would follow once the new boats are delivered.
        """

    /// The sketch is stored in the journal (`minhash`, `shingles`): its recipe is frozen.
    @Test func frozenValue() {
        let sketch = TextDigest(Self.story).minhash
        #expect(sketch.shingles == 63)
        #expect(String(sketch.hex.prefix(32)) == "124b8ded90746901c08bd772fdcc20cf")
    }

    @Test func hexRoundTrips() throws {
        let sketch = TextDigest(Self.story).minhash
        #expect(sketch.hex.count == 128)
        #expect(MinHashSketch(hex: sketch.hex, shingles: sketch.shingles) == sketch)
        #expect(MinHashSketch(hex: String(sketch.hex.dropLast()), shingles: 1) == nil)
        #expect(MinHashSketch(hex: sketch.hex + "0", shingles: 1) == nil)
        #expect(MinHashSketch(hex: "g" + sketch.hex.dropFirst(), shingles: 1) == nil)
    }

    @Test func caseAndPunctuationDoNotMatter() {
        let plain = TextDigest(Self.story).minhash
        let shouted = TextDigest(Self.story.uppercased().replacingOccurrences(of: ",", with: " ;")).minhash
        #expect(plain == shouted)
    }

    @Test func shortAndEmptyTexts() {
        #expect(TextDigest("").minhash == .empty)
        #expect(TextDigest("one").minhash.shingles == 1)
        #expect(TextDigest("one two").minhash.shingles == 1)
        #expect(TextDigest("one two").minhash != TextDigest("one three").minhash)
        // Every bin is filled, even from one feature, so equal short texts agree on all of them.
        #expect(TextDigest("one two").minhash.matches(TextDigest("One, two!").minhash) == MinHashSketch.binCount)
        #expect(TextDigest("", computeSimHash: false).minhash == .empty)
    }

    @Test func digitShinglesCountThrice() {
        #expect(TextDigest("the ferry runs daily").minhash.shingles == 2)
        // "the ferry runs" once, "ferry runs 7" and "runs 7 days" three times each.
        #expect(TextDigest("the ferry runs 7 days").minhash.shingles == 1 + 2 * 3)
        #expect(TextDigest("the ferry runs twice now").minhash.shingles == 3)
    }

    @Test func containmentFromResemblanceAndSizes() {
        // B inside A, B half of A: J = 0.5, containment of B in A = 1.
        #expect(abs(MinHashSketch.containment(jaccard: 0.5, 200, 100) - 1) < 1e-9)
        // Disjoint sets: nothing contained.
        #expect(MinHashSketch.containment(jaccard: 0, 200, 100) == 0)
        #expect(MinHashSketch.resemblance(matches: 32, bits: 8) == 1)
        #expect(MinHashSketch.resemblance(matches: 0, bits: 8) == 0)
    }

    @Test func aTrimmedTextIsContainedInItsOriginal() {
        let words = (0..<400).map { "w\($0 % 97)x\($0 % 13)" }
        let full = TextDigest(words.joined(separator: " ")).minhash
        let trimmed = TextDigest(words.prefix(240).joined(separator: " ")).minhash
        let jaccard = MinHashSketch.resemblance(matches: full.matches(trimmed), bits: 16)
        #expect(MinHashSketch.containment(jaccard: jaccard, full.shingles, trimmed.shingles) > 0.8)
    }
}
