import FeeddCore
import Foundation
import Testing

@testable import FeeddStore

/// Near-duplicates as syndication makes them: a copy that is mostly another source's story, whatever was cut
/// or added around it, is marked; a story that only shares some paragraphs or a template is not.
@Suite struct DedupeContainmentTests {
    typealias A = DedupeTestArticles

    /// Ten paragraphs of 40–70 words (seeded), as one text.
    static func paragraphs(_ seed: UInt64, count: Int = 10) -> [String] {
        (0..<UInt64(count)).map { A.text(words: 40 + Int((seed &+ $0) % 31), seed: seed &* 100 &+ $0) }
    }

    static func text(_ paragraphs: [String]) -> String { paragraphs.joined(separator: "\n\n") }

    func indexWithWireStory(_ paragraphs: [String]) -> (DedupeIndex, Article) {
        let index = DedupeIndex()
        let wire = A.article(source: "wire", url: "https://wire.example/story", text: Self.text(paragraphs))
        #expect(index.check(wire) == .new)
        index.insert(wire)
        return (index, wire)
    }

    @Test func trimmedCopiesAreNearDuplicates() {
        let story = Self.paragraphs(1)
        let (index, wire) = indexWithWireStory(story)
        for kept in [8, 6] {
            let copy = A.article(source: "paper-\(kept)", url: "https://paper.example/\(kept)", text: Self.text(Array(story.prefix(kept))))
            #expect(index.check(copy) == .nearDuplicate(of: wire.id), "first \(kept) of 10 paragraphs")
        }
    }

    @Test func copiesWithADatelineACreditOrALocalParagraphAreNearDuplicates() {
        let story = Self.paragraphs(2)
        let (index, wire) = indexWithWireStory(story)
        let dateline = ["RIVERTON (Wire) — " + story[0]] + story.dropFirst()
        let credit = story + ["Copyright 2026 The Wire Service. All rights reserved."]
        let local = story + [A.text(words: 60, seed: 999)]
        let combined = ["RIVERTON (Wire) — " + story[0]] + story[1..<7] + ["Reporting by the Wire Service."]
        for (name, copy) in [("dateline", dateline), ("credit", credit), ("local", local), ("combined", combined)] {
            let article = A.article(source: "paper-\(name)", url: "https://paper.example/\(name)", text: Self.text(copy))
            #expect(index.check(article) == .nearDuplicate(of: wire.id), "\(name)")
        }
    }

    @Test func aFollowUpReusingTwoBackgroundParagraphsIsNew() {
        let story = Self.paragraphs(3)
        let (index, _) = indexWithWireStory(story)
        let followUp = Self.paragraphs(4).prefix(3) + story[4..<6] + Self.paragraphs(4).suffix(7)
        let article = A.article(source: "paper", url: "https://paper.example/follow-up", text: Self.text(Array(followUp)))
        #expect(index.check(article) == .new)
    }

    @Test func templatedReportsWithOtherFiguresAreNew() {
        func report(_ seed: Int) -> String {
            let n = { (k: Int) in String((seed * 7919 + k * 104_729) % 90_000 + 1000) }
            return """
                The benchmark index rose \(n(1)) points, or \(n(2)).\(n(3)) percent, to close at \(n(4)) on Tuesday, \
                while the broader market gained \(n(5)).\(n(6)) percent. Trading volume reached \(n(7)) million \
                shares, above the 30-day average of \(n(8)) million. Advancing issues outnumbered decliners by \
                \(n(9)) to \(n(10)).

                Among the biggest movers, Northwind rose \(n(11)).\(n(12)) percent after reporting quarterly \
                results, and Fabrikam lost \(n(13)).\(n(14)) percent. In currency markets, the dollar traded at \
                \(n(15)).\(n(16)) against the euro. Oil prices climbed \(n(17)) percent to \(n(18)) dollars a \
                barrel, and gold rose to \(n(19)) dollars an ounce.
                """
        }
        let index = DedupeIndex()
        let first = A.article(source: "markets-a", url: "https://a.example/report-1", text: report(1))
        #expect(index.check(first) == .new)
        index.insert(first)
        let second = A.article(source: "markets-b", url: "https://b.example/report-2", text: report(2))
        #expect(index.check(second) == .new)
    }

    @Test func aTrimmedCopyInTheSameSourceIsNotANearDuplicate() {
        let story = Self.paragraphs(5)
        let (index, _) = indexWithWireStory(story)
        let same = A.article(source: "wire", url: "https://wire.example/short", text: Self.text(Array(story.prefix(6))))
        #expect(index.check(same) == .new)
    }

    @Test func theRebuiltIndexFindsTheSameCopies() throws {
        let story = Self.paragraphs(6)
        var wire = A.article(source: "wire", url: "https://wire.example/story", text: Self.text(story))
        wire.digestText()
        let decoded = try #require(Article(record: JSONSerialization.jsonObject(with: Data(wire.jsonObject.utf8)) as! [String: Any]))
        #expect(decoded.minhash == wire.minhash)
        let index = DedupeIndex()
        index.insert(decoded)
        let copy = A.article(source: "paper", url: "https://paper.example/x", text: Self.text(Array(story.prefix(7))))
        #expect(index.check(copy) == .nearDuplicate(of: wire.id))
    }
}
