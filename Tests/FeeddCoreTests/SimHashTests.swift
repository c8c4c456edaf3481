import Testing
import TestSupport

@testable import FeeddCore

@Suite struct SimHashTests {
    static let story = """
        The city council voted on Tuesday to approve a new budget for the public library system, ending months \
        of debate over opening hours and staffing. The plan adds evening hours at four branches, restores the \
        mobile library service that was cut two years ago, and funds repairs to the roof of the central building. \
        Council members who opposed the measure said the money should have gone to road maintenance instead, \
        arguing that potholes cost residents more than shorter library hours. Supporters countered that the \
        libraries serve as warming centers in winter and offer the only free internet access in several \
        neighborhoods. The mayor is expected to sign the budget later this week, and the new hours would take \
        effect at the start of next month according to a statement from the library board.
        """

    static let otherStory = """
        A regional airline announced on Monday that it would add three daily flights between the coastal city \
        and the capital starting in the spring, citing strong demand from business travelers. The carrier said \
        it would use newer turboprop aircraft on the route, which it expects to cut fuel use by a fifth compared \
        with the jets it flew there before the pandemic. Tourism officials welcomed the decision, saying hotel \
        bookings had recovered faster than expected, while residents near the airport renewed complaints about \
        noise from early morning departures. The airline did not say how much the tickets would cost.
        """

    @Test func identicalTextsHaveEqualFingerprints() {
        #expect(SimHash.fingerprint(Self.story) == SimHash.fingerprint(Self.story))
        #expect(SimHash.fingerprint(Self.story) != 0)
    }

    @Test func caseWhitespaceAndPunctuationDoNotMatter() {
        let shouted = Self.story.uppercased()
        let respaced = Self.story.replacingOccurrences(of: " ", with: "  \n ")
        let repunctuated = Self.story.replacingOccurrences(of: ",", with: " —").replacingOccurrences(of: ".", with: "!")
        let base = TextDigest(Self.story)
        for variant in [shouted, respaced, repunctuated] {
            let digest = TextDigest(variant)
            #expect(digest == base)
        }
    }

    @Test func lightEditsStayClose() {
        let base = SimHash.fingerprint(Self.story)
        let oneWord = SimHash.fingerprint(Self.story.replacingOccurrences(of: "Tuesday", with: "Wednesday"))
        let dropped = SimHash.fingerprint(Self.story.replacingOccurrences(of: " instead", with: ""))
        #expect(SimHash.hammingDistance(base, oneWord) <= 12)
        #expect(SimHash.hammingDistance(base, dropped) <= 12)
    }

    @Test func unrelatedTextsAreFarApart() {
        let distance = SimHash.hammingDistance(SimHash.fingerprint(Self.story), SimHash.fingerprint(Self.otherStory))
        #expect(distance >= 16)
    }

    @Test func wordOrderMatters() {
        let words = Self.story.split(separator: " ")
        let shuffled = stride(from: 0, to: words.count, by: 2).map { words[$0] } + stride(from: 1, to: words.count, by: 2).map { words[$0] }
        let distance = SimHash.hammingDistance(SimHash.fingerprint(Self.story), SimHash.fingerprint(shuffled.joined(separator: " ")))
        #expect(distance >= 12)
    }

    @Test func moreEditsMeanMoreDistanceOnAverage() {
        var generator = SplitMix64(seed: 7)
        let words = Self.story.split(separator: " ").map(String.init)
        var totals = [0, 0, 0]
        for _ in 0..<40 {
            for (slot, edits) in [1, 8, 40].enumerated() {
                var edited = words
                for _ in 0..<edits { edited[Int(generator.next() % UInt64(edited.count))] = "zz\(generator.next() % 1000)" }
                totals[slot] += SimHash.hammingDistance(SimHash.fingerprint(Self.story), SimHash.fingerprint(edited.joined(separator: " ")))
            }
        }
        #expect(totals[0] < totals[1])
        #expect(totals[1] < totals[2])
    }

    @Test func emptyAndShortTexts() {
        #expect(SimHash.fingerprint("") == 0)
        #expect(SimHash.fingerprint("  …  !! ") == 0)
        #expect(SimHash.fingerprint("hello") != 0)
        #expect(SimHash.fingerprint("hello") != SimHash.fingerprint("world"))
        #expect(SimHash.fingerprint("hello world") != SimHash.fingerprint("world hello"))
        #expect(TextDigest("").wordCount == 0)
        #expect(TextDigest("").exactHash == 0)
    }

    @Test func wordsAreCountedAcrossScripts() {
        #expect(TextDigest("Hello, world! It's 2026.").wordCount == 5)
        #expect(TextDigest("Ünïcödé STRASSE straße").wordCount == 3)
        #expect(TextDigest("ÜBER über").exactHash == TextDigest("über ÜBER").exactHash)
        // Han and kana characters are words of their own.
        #expect(TextDigest("東京都の天気").wordCount == 6)
        #expect(TextDigest("Привет, мир").wordCount == 2)
        // Broken UTF-8 cannot reach here (String repairs it), but lone surrogates and controls are separators.
        #expect(TextDigest("a\u{0}b\u{FFFD}c").wordCount == 3)
    }

    @Test func hammingDistance() {
        #expect(SimHash.hammingDistance(0, 0) == 0)
        #expect(SimHash.hammingDistance(0, .max) == 64)
        #expect(SimHash.hammingDistance(0b1011, 0b0010) == 2)
    }

    /// The fingerprint is stored in the journal: it must never change for the same text.
    @Test func fingerprintIsFrozen() {
        #expect(Fingerprint.hex(SimHash.fingerprint("the quick brown fox jumps over the lazy dog")) == Self.frozenFox)
        #expect(TextDigest("the quick brown fox jumps over the lazy dog").wordCount == 9)
    }

    static let frozenFox = "8ea22e984612e000"
}
