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
