import Foundation
import Testing

@testable import FeeddCore

/// `keep` and `block`: how feeds.conf spells them, what check-config says about a bad one, and which
/// articles a set of rules lets through.
@Suite struct ArticleRuleTests {
    let parser = ConfigParser(path: "/etc/feedd/feeds.conf")

    static func article(
        title: String? = nil, url: String? = nil, author: String? = nil, text: String? = nil,
        categories: [String] = [], tags: [String] = []
    ) -> Article {
        Article(
            id: "x", source: "s", url: url, title: title, author: author, fetched: Date(timeIntervalSince1970: 0),
            text: text, categories: categories, tags: tags)
    }

    @Test func rulesAreRepeatableAndASourceAddsToFeedd() throws {
        let config = try parser.parse(
            """
            [feedd]
            block = url ~ "/sponsored/"
            block = author ~ "(?i)^promo"

            [source news]
            url = https://news.example/feed
            keep = title ~ "(?i)afghan"
            keep = tags ~ "^asia$"

            [source other]
            url = https://other.example/feed
            """)
        #expect(config.settings.rules.map(\.description) == [#"url ~ "/sponsored/""#, #"author ~ "(?i)^promo""#])
        let news = try #require(config.resolved(named: "news")).filter
        #expect(news.block.count == 2)
        #expect(news.keep.map(\.field) == [.title, .tags])
        let other = try #require(config.resolved(named: "other")).filter
        #expect(other.keep.isEmpty)
        #expect(other.block.count == 2)
    }

    @Test func badRulesAreReportedWithTheirLine() {
        let text = """
            [feedd]
            keep = subject ~ "x"
            block = title "x"
            keep = title ~ "(unclosed"
            block = title ~ x
            keep = title ~ ""
            [source a]
            url = https://a.example/feed
            block = text ~ "\(String(repeating: "a", count: ArticleRule.maxPatternLength + 1))"
            """
        #expect(throws: ConfigError.self) { try parser.parse(text) }
        do {
            _ = try parser.parse(text)
        } catch {
            let lines = error.issues.map(\.line)
            #expect(lines == [2, 3, 4, 5, 6, 9])
            let messages = error.issues.map(\.message)
            #expect(messages[0].contains("unknown field \"subject\""))
            #expect(messages[1].contains("missing \"~\""))
            #expect(messages[2].contains("bad regular expression"))
            #expect(messages[3].contains("double quotes"))
            #expect(messages[4].contains("empty"))
            #expect(messages[5].contains("at most 512"))
        }
    }

    @Test func blockWinsAndKeepRulesAreAlternatives() throws {
        let filter = ArticleFilter([
            try ArticleRule(.keep, parsing: #"title ~ "(?i)afghan""#),
            try ArticleRule(.keep, parsing: #"tags ~ "^asia$""#),
            try ArticleRule(.block, parsing: #"url ~ "/sponsored/""#),
        ])
        #expect(filter.admits(Self.article(title: "AFGHAN elections", url: "https://n.example/a")))
        #expect(filter.admits(Self.article(title: "Markets", categories: ["asia"])))
        #expect(filter.admits(Self.article(title: "Markets", tags: ["asia"])), "source tags count as tags")
        #expect(!filter.admits(Self.article(title: "Markets", categories: ["europe", "asian food"])))
        #expect(!filter.admits(Self.article(title: "Afghan carpets", url: "https://n.example/sponsored/1")))
        #expect(!filter.admits(Self.article(title: nil)), "an absent field matches no keep rule")
    }

    @Test func withoutKeepRulesEverythingNotBlockedPasses() throws {
        let filter = ArticleFilter([try ArticleRule(.block, parsing: #"author ~ "Advertorial""#)])
        #expect(filter.admits(Self.article(title: "a")))
        #expect(filter.admits(Self.article(title: "a", author: "Desk")))
        #expect(!filter.admits(Self.article(title: "a", author: "Advertorial team")))
        #expect(ArticleFilter().isEmpty)
        #expect(ArticleFilter().admits(Self.article()))
    }

    @Test func caseFoldingIsUnicode() throws {
        let rule = try ArticleRule(.keep, parsing: #"title ~ "(?i)éTÉ à kaboul""#)
        #expect(rule.matches(Self.article(title: "Un ÉTÉ À KABOUL")))
    }

    @Test func textFallsBackToTheSummaryAndOnlyItsStartIsSearched() throws {
        let rule = try ArticleRule(.block, parsing: #"text ~ "needle""#)
        var article = Self.article()
        article.summary = "a needle here"
        #expect(rule.matches(article))
        let filler = String(repeating: "é", count: ArticleRule.maxMatchedBytes / 2 - 3)
        #expect(rule.matches(Self.article(text: filler + "needle")), "the needle starts inside the cap")
        #expect(!rule.matches(Self.article(text: filler + "ab needle")), "the needle lies beyond the cap")
    }

    @Test func anInnerQuoteBelongsToTheExpression() throws {
        let rule = try ArticleRule(.keep, parsing: #"title ~ "say \"hi\"""#)
        #expect(rule.pattern == #"say \"hi\""#)
        #expect(rule.matches(Self.article(title: #"they say "hi""#)))
    }
}
