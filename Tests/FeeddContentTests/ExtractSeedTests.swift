import FeeddCore
import Foundation
import Synchronization
import Testing

@testable import FeeddContent

@Suite("ArticleExtractor on the WordPress news seed page")
struct ExtractSeedTests {
    let article: ExtractedArticle

    init() throws {
        let bytes = try ExtractFixtures.bytes("seed/wp-news-statement.html")
        article = try ArticleExtractor.extract(
            bytes, options: ExtractOptions(url: "https://kabuldailytimes.example/2024/03/14/regional-envoys-urge-inclusive-dialogue/"))
    }

    @Test func textIsExactlyTheStory() throws {
        let expected = try ExtractFixtures.text("seed/wp-news-statement.expected.txt")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(article.text == expected)
    }

    @Test func boilerplateAroundTheStoryIsGone() {
        for furniture in ["Home", "Latest Updates", "About admin", "Check Also", "Share this", "Leave a Reply", "Recent Posts", "UN envoy briefs"] {
            #expect(!article.text.contains(furniture), "\(furniture) leaked into the text")
            #expect(!article.html.contains(furniture), "\(furniture) leaked into the HTML")
        }
    }

    @Test func htmlKeepsTheParagraphs() {
        #expect(article.html.components(separatedBy: "<p>").count - 1 == 6)
        #expect(article.html.contains("<strong>KABUL:</strong>"))
    }

    @Test func metadata() {
        #expect(article.title == "Regional envoys urge inclusive dialogue on Afghanistan’s future")
        #expect(article.authors == ["admin"])
        #expect(article.published.map(RFC3339.format) == "2024-03-14T09:42:17Z")
        #expect(article.updated.map(RFC3339.format) == "2024-03-14T10:05:03Z")
        #expect(article.language == "en-US")
        #expect(article.siteName == "Kabul Daily Times")
        #expect(article.canonicalURL == "https://kabuldailytimes.example/2024/03/14/regional-envoys-urge-inclusive-dialogue/")
        #expect(article.image == "https://kabuldailytimes.example/wp-content/uploads/2024/03/envoys-meeting.jpg")
    }

    @Test func jsonObjectHasTheCommandShape() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(article.jsonObject.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["url", "canonical_url", "title", "author", "published", "language", "image", "text", "html"])
        #expect(object["published"] as? String == "2024-03-14T09:42:17Z")
        #expect(object["author"] as? String == "admin")
    }
}

@Suite("ArticleExtractor from several threads at once")
struct ExtractConcurrencyTests {
    @Test func parallelExtractionsAgree() throws {
        let bytes = try ExtractFixtures.bytes("seed/wp-news-statement.html")
        let expected = try ArticleExtractor.extract(bytes, options: ExtractOptions()).text
        let results = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let text = (try? ArticleExtractor.extract(bytes, options: ExtractOptions()).text) ?? "failed"
            results.withLock { $0.append(text) }
        }
        let texts = results.withLock { $0 }
        #expect(texts.count == 16)
        #expect(texts.allSatisfy { $0 == expected })
    }
}
