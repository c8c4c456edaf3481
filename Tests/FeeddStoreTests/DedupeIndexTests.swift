import FeeddCore
import Foundation
import Testing

@testable import FeeddStore

@Suite struct DedupeIndexTests {
    typealias A = DedupeTestArticles

    /// Checks and, when the daemon would store it, inserts; returns the decision.
    @discardableResult
    func ingest(_ index: DedupeIndex, _ article: Article) -> DedupeDecision {
        let decision = index.check(article)
        if let stored = A.stored(article, decision: decision) { index.insert(stored) }
        return decision
    }

    @Test func newThenUnchangedRepollIsDuplicate() {
        let index = DedupeIndex()
        let article = A.article(source: "s", url: "https://example.com/a", guid: "g1", text: A.text(words: 80, seed: 1))
        #expect(ingest(index, article) == .new)
        #expect(index.check(article) == .duplicate(of: article.id))
        #expect(index.count == 1)
        // A re-poll that lost its text (a truncated feed) is not a change either.
        var truncated = article
        truncated.text = nil
        truncated.fingerprint = nil
        #expect(index.check(truncated) == .duplicate(of: article.id))
    }

    @Test func guidMovingFromHTTPToHTTPSIsTheSameItem() {
        let index = DedupeIndex()
        let old = A.article(source: "s", url: nil, guid: "http://x.example/a", title: "Story")
        #expect(ingest(index, old) == .new)
        let moved = A.article(source: "s", url: nil, guid: "https://x.example/a", title: "Story")
        #expect(index.check(moved) == .duplicate(of: old.id))
        // Also when the link moved along with it.
        let linked = A.article(source: "t", url: "http://x.example/b", guid: "http://x.example/b", title: "B")
        #expect(ingest(index, linked) == .new)
        let both = A.article(source: "t", url: "https://x.example/b", guid: "https://x.example/b", title: "B")
        #expect(index.check(both) == .duplicate(of: linked.id))
    }

    @Test func trackingTaggedLinkInAnotherSourceIsDuplicate() {
        let index = DedupeIndex()
        let original = A.article(source: "site", url: "https://news.example/2026/story", guid: "p=1")
        #expect(ingest(index, original) == .new)
        let shared = A.article(
            source: "aggregator", url: "https://NEWS.example:443/2026/story?utm_source=rss&utm_medium=feed#comments",
            guid: "agg-99", title: "Different headline")
        #expect(index.check(shared) == .duplicate(of: original.id))
    }

    @Test func sameTextInTwoSourcesIsDuplicate() {
        let index = DedupeIndex()
        let text = A.text(words: 120, seed: 2)
        let first = A.article(source: "wire", url: "https://wire.example/1", guid: "w1", text: text)
        #expect(ingest(index, first) == .new)
        let copy = A.article(
            source: "paper", url: "https://paper.example/x", guid: "p1", title: "Other title",
            text: "  " + text.uppercased().replacingOccurrences(of: " ", with: ",\n ") + ".")
        #expect(index.check(copy) == .duplicate(of: first.id))
        // Short texts are not compared: "Read more." is no evidence.
        let short1 = A.article(source: "wire", url: "https://wire.example/2", text: "Read more on our site")
        let short2 = A.article(source: "paper", url: "https://paper.example/2", text: "Read more on our site")
        #expect(ingest(index, short1) == .new)
        #expect(index.check(short2) == .new)
    }

    @Test func lightlyEditedWireStoryInAnotherSourceIsNearDuplicate() {
        let index = DedupeIndex()
        let text = A.text(words: 600, seed: 3)
        let original = A.article(source: "wire", url: "https://wire.example/story", guid: "w", text: text)
        #expect(ingest(index, original) == .new)
        // One changed word.
        var words = text.split(separator: " ").map(String.init)
        let position = 350
        words[position] = "edited"
        let edited = words.joined(separator: " ")
        let republished = A.article(source: "paper", url: "https://paper.example/story", guid: "p", title: "New headline", text: edited)
        #expect(ingest(index, republished) == .nearDuplicate(of: original.id))
        // Marked copies are stored but are never the target: a third copy points at the original.
        let third = A.article(source: "blog", url: "https://blog.example/s", title: "Third", text: edited + " extra")
        if case .nearDuplicate(let target) = index.check(third) { #expect(target == original.id) }
        // A light edit inside the original's own source is not a near-duplicate (and the marked copy is
        // never a target).
        words[position] = "changed"
        let sameSource = A.article(source: "wire", url: "https://wire.example/story-2", guid: "w2", text: words.joined(separator: " "))
        #expect(index.check(sameSource) == .new)
        // Unrelated text is new.
        let other = A.article(source: "paper", url: "https://paper.example/other", text: A.text(words: 600, seed: 4))
        #expect(index.check(other) == .new)
    }

    @Test func nearDuplicatesNeedLongTexts() {
        let index = DedupeIndex(settings: DedupeSettings(minTextLength: 50))
        let text = A.text(words: 30, seed: 5)
        #expect(ingest(index, A.article(source: "a", url: "https://a.example/1", text: text)) == .new)
        var words = text.split(separator: " ").map(String.init)
        words[10] = "edited"
        #expect(index.check(A.article(source: "b", url: "https://b.example/1", text: words.joined(separator: " "))) == .new)
    }

    @Test func nearDuplicateDetectionCanBeTurnedOff() {
        let index = DedupeIndex(settings: DedupeSettings(nearDuplicateContainment: -1))
        let text = A.text(words: 600, seed: 3)
        let original = A.article(source: "wire", url: "https://wire.example/story", text: text)
        #expect(ingest(index, original) == .new)
        var words = text.split(separator: " ").map(String.init)
        words[300] = "edited"
        #expect(index.check(A.article(source: "p", url: "https://p.example/s", text: words.joined(separator: " "))) == .new)
        // Exact text still counts.
        #expect(index.check(A.article(source: "p", url: "https://p.example/t", text: text)) == .duplicate(of: original.id))
    }

    @Test func editedTitleOrTextIsARevision() {
        let index = DedupeIndex()
        let text = A.text(words: 100, seed: 6)
        let first = A.article(source: "s", url: "https://s.example/a", guid: "1", title: "Mayor resigns", text: text)
        #expect(ingest(index, first) == .new)
        // Case and punctuation only: nothing new.
        let recased = A.article(source: "s", url: "https://s.example/a", guid: "1", title: "MAYOR RESIGNS!", text: text)
        #expect(index.check(recased) == .duplicate(of: first.id))
        let retitled = A.article(source: "s", url: "https://s.example/a", guid: "1", title: "Mayor resigns over budget", text: text)
        #expect(ingest(index, retitled) == .revision(of: first.id, revision: 2))
        #expect(index.check(retitled) == .duplicate(of: first.id))
        let rewritten = A.article(
            source: "s", url: "https://s.example/a", guid: "1", title: "Mayor resigns over budget", text: text + " update")
        #expect(ingest(index, rewritten) == .revision(of: first.id, revision: 3))
        #expect(index.check(rewritten) == .duplicate(of: first.id))
        #expect(index.count == 1)
        // The revised text is the one that counts for copies elsewhere.
        let copy = A.article(source: "other", url: "https://o.example/a", text: text + " update")
        #expect(index.check(copy) == .duplicate(of: first.id))
    }

    @Test func movedURLWithSameGUIDIsARevision() {
        let index = DedupeIndex()
        let first = A.article(source: "s", url: "https://s.example/2026/old-slug", guid: "?p=7", title: "Old title")
        #expect(ingest(index, first) == .new)
        let moved = A.article(source: "s", url: "https://s.example/2026/new-slug", guid: "?p=7", title: "New title")
        #expect(ingest(index, moved) == .revision(of: first.id, revision: 2))
        // The new URL now leads to the same article, from anywhere.
        let elsewhere = A.article(source: "t", url: "https://s.example/2026/new-slug", guid: "t1", title: "x")
        #expect(index.check(elsewhere) == .duplicate(of: first.id))
    }

    @Test func unstableGUIDsFallBackToURL() {
        let index = DedupeIndex(settings: DedupeSettings(unstableGuidStrikes: 3))
        let text = A.text(words: 80, seed: 7)
        var items: [Article] = []
        for number in 0..<4 {
            let item = A.article(source: "flaky", url: "https://f.example/\(number)", guid: "poll-1-\(number)",
                                 title: "Item \(number)", text: text + " \(number)")
            #expect(ingest(index, item) == .new)
            items.append(item)
        }
        // A stable source: a guid seen before with another URL and text is the same item, edited.
        let stableText = A.text(words: 80, seed: 11)
        let stable = A.article(source: "stable", url: "https://st.example/1", guid: "g", title: "One", text: stableText)
        #expect(ingest(index, stable) == .new)
        let stableMoved = A.article(source: "stable", url: "https://st.example/2", guid: "g", title: "Two", text: stableText + " z")
        #expect(index.check(stableMoved) == .revision(of: stable.id, revision: 2))

        // Next poll: every guid changed, URLs and texts did not.
        for (number, item) in items.enumerated() {
            var repoll = item
            repoll.guid = "poll-2-\(number)"
            #expect(index.check(repoll) == .duplicate(of: item.id))
        }
        #expect(index.unstableGuidSources == ["flaky"])
        #expect(index.takeNewlyUnstableGuidSources() == ["flaky"])
        #expect(index.takeNewlyUnstableGuidSources() == [])

        // Now a guid that points at an old item but comes with a new URL is not trusted: a new article.
        let reused = A.article(source: "flaky", url: "https://f.example/new", guid: "poll-1-0", title: "Fresh", text: A.text(words: 80, seed: 8))
        #expect(index.check(reused) == .new)
        #expect(index.unstableGuidSources == ["flaky"])
    }

    @Test func itemsWithoutURLOrGUIDMatchByTitleAndDate() {
        let index = DedupeIndex()
        let item = A.article(source: "s", url: nil, guid: nil, title: "Weekly notes", text: A.text(words: 40, seed: 9))
        #expect(ingest(index, item) == .new)
        #expect(index.check(item) == .duplicate(of: item.id))
        let nextWeek = A.article(source: "s", url: nil, guid: nil, title: "Weekly notes", text: A.text(words: 40, seed: 10),
                                 published: A.fetched + 7 * 86_400)
        #expect(index.check(nextWeek) == .new)
        // A guid that changes on every poll, no URL: title and date still find it.
        let flaky = A.article(source: "s", url: nil, guid: "r-1", title: "Flaky", text: "body")
        #expect(ingest(index, flaky) == .new)
        let flakyAgain = A.article(source: "s", url: nil, guid: "r-2", title: "Flaky", text: "body")
        #expect(index.check(flakyAgain) == .duplicate(of: flaky.id))
    }

    @Test func idsNotMadeByArticleIdentityComeBackAsGiven() {
        let index = DedupeIndex()
        var article = A.article(source: "s", url: "https://s.example/custom")
        article.id = "custom-id-1"
        index.insert(article)
        #expect(index.check(article) == .duplicate(of: "custom-id-1"))
    }

    /// The budget is per article; the chain heads (SimHash 4 MiB, MinHash bands 4 MiB) are a fixed cost.
    /// Every record has its sketch and band links, text or not.
    @Test func memoryStaysUnder128BytesPerArticle() {
        let index = DedupeIndex()
        let count = 100_000
        for number in 0..<count {
            let url = "https://s\(number % 50).example/\(number)"
            let id = ArticleIdentity.id(canonicalURL: url, source: "s", guid: nil, title: nil, published: nil)
            index.insert(Article(id: id, source: "s\(number % 50)", url: url, guid: "g\(number)", title: "t\(number)",
                                 fetched: A.fetched, fingerprint: nil))
        }
        #expect(index.count == count)
        let perArticle = Double(index.approximateMemoryBytes - index.fixedMemoryBytes) / Double(count)
        #expect(index.fixedMemoryBytes <= 8_400_000)
        #expect(perArticle <= 128, "\(perArticle) bytes per article")
    }
}
