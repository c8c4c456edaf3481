import FeeddCore
import Foundation
import Testing

@testable import FeeddContent

/// Every page of the evaluation corpus (Tests/Fixtures/html/eval, written by scripts/eval/make_corpus.py):
/// the body text must be exactly the story, and title, date and authors must match.
@Suite("ArticleExtractor on the evaluation corpus")
struct ExtractCorpusTests {
    struct Expected: Decodable {
        let title: String
        let authors: [String]
        let published: String
        let language: String
        let text: String
    }

    static let pages: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: ExtractFixtures.url("eval").path)) ?? []
        return names.filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func corpusIsThere() {
        #expect(Self.pages.count >= 40)
    }

    @Test(arguments: pages)
    func page(_ name: String) throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: ExtractFixtures.url("eval/\(name).expected.json")))
        let article = try ArticleExtractor.extract(
            try ExtractFixtures.bytes("eval/\(name).html"), options: ExtractOptions(url: "https://example.test/\(name)/"))
        #expect(article.text == expected.text)
        #expect(article.title == expected.title)
        #expect(article.authors == expected.authors)
        #expect(article.published.map { String(RFC3339.format($0).prefix(10)) } == expected.published)
        #expect(article.language.map { String($0.prefix(2)).lowercased() } == expected.language)
    }
}

/// The holdout pages (Tests/Fixtures/html/holdout): layouts written after tuning. Judged by word overlap, since
/// their expectations encode choices (a video caption left out) that the extractor need not share exactly.
@Suite("ArticleExtractor on the holdout corpus")
struct ExtractHoldoutTests {
    static let pages: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: ExtractFixtures.url("holdout").path)) ?? []
        return names.filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static func words(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { counts[String(word), default: 0] += 1 }
        return counts
    }

    @Test(arguments: pages)
    func page(_ name: String) throws {
        let expected = try JSONDecoder().decode(
            ExtractCorpusTests.Expected.self, from: Data(contentsOf: ExtractFixtures.url("holdout/\(name).expected.json")))
        let article = try ArticleExtractor.extract(try ExtractFixtures.bytes("holdout/\(name).html"), options: ExtractOptions())
        let got = Self.words(article.text)
        let want = Self.words(expected.text)
        let overlap = got.reduce(0) { $0 + min($1.value, want[$1.key] ?? 0) }
        let precision = Double(overlap) / Double(max(got.values.reduce(0, +), 1))
        let recall = Double(overlap) / Double(max(want.values.reduce(0, +), 1))
        #expect(precision >= 0.9, "precision \(precision)")
        #expect(recall >= 0.95, "recall \(recall)")
        #expect(article.title == expected.title)
        #expect(article.authors == expected.authors)
    }
}
