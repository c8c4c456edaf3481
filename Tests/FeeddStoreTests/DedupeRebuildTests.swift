import FeeddCore
import Foundation
import Testing

@testable import FeeddStore

@Suite struct DedupeRebuildTests {
    typealias A = DedupeTestArticles

    /// A mixed stream: originals, re-polls, edits, copies across sources, near-duplicates.
    func stream() -> [Article] {
        var articles: [Article] = []
        var generator: UInt64 = 0x5EED
        func next() -> UInt64 {
            generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return generator >> 11
        }
        var originals: [Article] = []
        for number in 0..<2000 {
            let source = "source-\(next() % 12)"
            switch originals.isEmpty ? 0 : next() % 10 {
            case 0..<6:
                let article = A.article(source: source, url: "https://\(source).example/\(number)", guid: "g\(number)",
                                        title: "Title \(number)", text: A.text(words: 60 + Int(next() % 200), seed: UInt64(number)))
                originals.append(article)
                articles.append(article)
            case 6:
                articles.append(originals[Int(next()) % originals.count])  // re-poll
            case 7:
                var edited = originals[Int(next()) % originals.count]  // edit in place
                edited.title = (edited.title ?? "") + " (updated)"
                articles.append(edited)
            case 8:
                let base = originals[Int(next()) % originals.count]  // the same text elsewhere
                articles.append(A.article(source: source, url: "https://copy.example/\(number)", title: "Copy", text: base.text))
            default:
                let base = originals[Int(next()) % originals.count]  // a light edit elsewhere
                var words = (base.text ?? "").split(separator: " ").map(String.init)
                if !words.isEmpty { words[Int(next()) % words.count] = "edited" }
                articles.append(A.article(source: source, url: "https://near.example/\(number)", title: "Near",
                                          text: words.joined(separator: " ")))
            }
        }
        return articles
    }

    /// The daemon's path: a real journal, read back with the lean decoder. Records with `text_hash`,
    /// `word_count` and `minhash` are not re-digested; records written before `minhash`, or before all three,
    /// are; all must give the index the incremental inserts built.
    @Test func rebuildFromAJournalOfNewAndOlderRecordsEqualsTheIncrementalState() throws {
        let incremental = DedupeIndex()
        var stored: [Article] = []
        var decisions: [String: Int] = [:]
        for article in stream() {
            let decision = incremental.check(article)
            decisions[String(describing: decision).prefix(while: { $0 != "(" }).description, default: 0] += 1
            if var record = A.stored(article, decision: decision) {
                incremental.insert(record)
                record.content = "<p>" + (record.text ?? "") + "</p>"
                record.digestText()
                if stored.count % 3 == 1 {
                    record.minhash = nil  // as feedd wrote it before the sketch
                } else if stored.count % 3 == 2 {
                    record.textHash = nil  // as older feedd wrote it
                    record.wordCount = nil
                    record.minhash = nil
                }
                stored.append(record)
            }
        }
        // The stream exercises every kind of decision, and both kinds of record.
        #expect(decisions.keys.sorted() == ["duplicate", "nearDuplicate", "new", "revision"])
        #expect(stored.contains { $0.textHash != nil } && stored.contains { $0.textHash == nil && $0.text != nil })
        #expect(stored.contains { $0.minhash != nil } && stored.contains { $0.textHash != nil && $0.minhash == nil })
        let directory = TemporaryDirectory("rebuild")
        defer { directory.remove() }
        let journal = try Journal.open(directory: directory.store, logger: LogCapture().logger)
        _ = try journal.append(stored.map(JournalRecord.article))
        journal.close()

        let rebuilt = DedupeIndex()
        rebuilt.insert(A.article(source: "stale", url: "https://stale.example/"))  // replaced by the rebuild
        rebuilt.rebuild(fromJournal: try JournalReader(directory: directory.store).records())
        #expect(rebuilt.count == incremental.count)
        #expect(rebuilt.snapshot() == incremental.snapshot())
        // Every probe gets the same answer from both.
        for probe in stream().prefix(500) {
            #expect(rebuilt.check(probe) == incremental.check(probe))
        }
        #expect(rebuilt.check(A.article(source: "stale", url: "https://stale.example/")) == .new)
    }

    /// The lean decoder leaves the text out when the record carries its digest.
    @Test func leanRecordsCarryTheDigestInsteadOfTheText() throws {
        var article = A.article(source: "s", url: "https://s.example/1", text: A.text(words: 80, seed: 7))
        let computed = article.digestText()
        let digest = try #require(computed)
        let line = Array(article.jsonObject.utf8)
        let lean = try #require(line.withUnsafeBytes { Article(identityFieldsOf: $0) })
        #expect(lean.text == nil)
        #expect(lean.storedTextDigest == digest)
        #expect(digest.wordCount == 80)

        article.textHash = nil
        let older = try #require(Array(article.jsonObject.utf8).withUnsafeBytes { Article(identityFieldsOf: $0) })
        #expect(older.text == article.text)
        #expect(older.storedTextDigest == nil)
    }
}
