import FeeddCore
import FeeddStore
import Testing

/// The shared-dedupe step of the decision point: an article's exact keys, and an article whose key another
/// instance holds turned into a duplicate that is neither stored nor remembered.
@Suite struct DedupeClaimsTests {
    typealias A = DedupeTestArticles

    @Test func exactKeysAreTheCanonicalURLAndALongEnoughText() {
        let index = DedupeIndex()
        let long = A.article(source: "a", url: "https://news.example/story?utm_source=x", text: A.text(words: 40, seed: 1))
        let keys = index.exactClaimKeys(of: long)
        #expect(keys.count == 2)
        #expect(keys[0] == "url:" + Fingerprint.hex(ArticleIdentity.urlKey("https://news.example/story")))
        #expect(keys[1].hasPrefix("text:") && keys[1].count == 21)
        // The same text from another source, under another URL, has the same text key.
        let copy = A.article(source: "b", url: "https://other.example/s", text: A.text(words: 40, seed: 1))
        #expect(index.exactClaimKeys(of: copy)[1] == keys[1])
        // A short text (a caption) and no URL: no key at all.
        #expect(index.exactClaimKeys(of: A.article(source: "a", url: nil, guid: "g", text: "Four words only here")).isEmpty)
    }

    @Test func anArticleHeldElsewhereBecomesADuplicateAndLeavesTheReservation() {
        let index = DedupeIndex()
        let first = A.article(source: "a", url: "https://a.example/1", text: A.text(words: 40, seed: 2))
        let second = A.article(source: "a", url: "https://a.example/2", text: A.text(words: 40, seed: 3))
        var outcome = index.decide([first, second], nearDuplicates: .mark)
        #expect(DedupeIndex.claimCandidates(outcome) == [0, 1])
        index.withdraw(&outcome, heldElsewhere: [1: "00000000000000aa"])
        #expect(outcome.toStore.map(\.id) == [first.id])
        #expect(outcome.decided[1].decision == .duplicate(of: "00000000000000aa"))
        #expect(outcome.duplicates == 1 && outcome.new == 1)
        #expect(index.pendingCount == 1)
        index.acknowledge(outcome.reservation)
        #expect(index.count == 1)
        // The withdrawn article was never learned: decided again, it is new (and claims again).
        #expect(index.check(second) == .new)
    }

    @Test func withdrawingEveryArticleEmptiesTheReservation() {
        let index = DedupeIndex()
        let only = A.article(source: "a", url: "https://a.example/1", text: A.text(words: 40, seed: 4))
        var outcome = index.decide([only], nearDuplicates: .mark)
        index.withdraw(&outcome, heldElsewhere: [0: "00000000000000bb"])
        #expect(outcome.toStore.isEmpty && outcome.reservation == .empty && index.pendingCount == 0)
    }
}
