import FeeddContent
import FeeddCore
import Foundation

/// Turns what a source published (a feed item or an extracted page) into the one stored article shape:
/// canonical URL and stable id, UTC dates with estimates marked, plain-text title/summary/text,
/// sanitized HTML content, fingerprint, and the source's tags.
package struct ArticleNormalizer: Sendable {
    package let source: Source
    package let canonicalizer: URLCanonicalizer
    package let now: Date
    /// Dates further ahead than this are clamped to `now` and marked as estimated.
    package static let futureSkew: Double = 10 * 60

    package init(source: Source, settings: Settings, now: Date) {
        self.source = source
        self.canonicalizer = URLCanonicalizer(stripParams: settings.stripParams + source.stripParams)
        self.now = now
    }

    package func article(from item: FeedItem, feed: ParsedFeed, feedURL: String) -> Article {
        let base = feed.link ?? feedURL
        let url = item.url.flatMap { canonicalizer.canonicalize($0, base: base) }
        let content = item.content.flatMap { $0.isEmpty ? nil : $0 }
        let text = content.map(HTMLText.render) ?? item.summary ?? ""
        return make(
            url: url, guid: item.id, title: item.title, authors: item.authors, published: item.published,
            updated: item.updated, language: item.language ?? feed.language, summary: item.summary,
            content: content, text: text, categories: item.categories, image: item.image,
            enclosures: item.enclosures)
    }

    /// An article page extracted from HTML; `sanitizer` resolves its links against the page.
    package func article(fromPage page: ExtractedArticle, pageURL: String, sanitizer: Sanitizer) -> Article {
        let url = (page.canonicalURL ?? page.url ?? pageURL)
        let canonical = canonicalizer.canonicalize(url, base: pageURL) ?? canonicalizer.canonicalize(pageURL)
        return make(
            url: canonical, guid: nil, title: page.title, authors: page.authors, published: page.published,
            updated: page.updated, language: page.language, summary: page.description,
            content: page.html.isEmpty ? nil : sanitizer.sanitize(page.html), text: page.text, categories: [],
            image: page.image, enclosures: [])
    }

    package func make(
        url: String?, guid: String?, title: String?, authors: [String], published: Date?, updated: Date?,
        language: String?, summary: String?, content: String?, text: String, categories: [String],
        image: String?, enclosures: [Enclosure]
    ) -> Article {
        let cleanTitle = title.map(TextNormalizer.plainText).flatMap { $0.isEmpty ? nil : $0 }
        var publishedDate = published ?? updated
        var estimated = false
        if let date = publishedDate, date.timeIntervalSince(now) > Self.futureSkew {
            publishedDate = now
            estimated = true
        }
        if publishedDate == nil {
            publishedDate = now
            estimated = true
        }
        let cleanText = text.isEmpty ? nil : text
        let summaryText = summary.map(TextNormalizer.plainText).flatMap { $0.isEmpty ? nil : $0 }
        var article = Article(
            id: ArticleIdentity.id(canonicalURL: url, source: source.name, guid: guid, title: cleanTitle, published: published),
            source: source.name, url: url, guid: guid, title: cleanTitle,
            author: authors.isEmpty ? nil : authors.joined(separator: ", "),
            published: publishedDate, publishedEstimated: estimated, updated: updated, fetched: now,
            language: language.map { $0.lowercased() }, summary: summaryText, content: content, text: cleanText,
            categories: categories, image: image, enclosures: enclosures, tags: source.tags)
        article.digestText()
        return article
    }
}
