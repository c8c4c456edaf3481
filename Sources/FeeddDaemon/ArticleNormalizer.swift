import FeeddContent
import FeeddCore
import Foundation

/// Turns what a source published (a feed item or an extracted page) into the one stored article shape:
/// canonical URL and stable id, UTC dates with estimates marked, plain-text title/summary/text,
/// sanitized HTML content, fingerprint, and the source's tags.
package struct ArticleNormalizer: Sendable {
    package let source: Source.Resolved
    package let canonicalizer: URLCanonicalizer
    package let now: Date
    /// Dates further ahead than this are clamped to `now` and marked as estimated.
    package static let futureSkew: Double = 10 * 60

    package init(source: Source.Resolved, now: Date) {
        self.source = source
        self.canonicalizer = URLCanonicalizer(stripParams: source.stripParams)
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

    /// An article page extracted from HTML; its content is sanitized with links resolved against the page.
    package func article(fromPage page: ExtractedArticle, pageURL: String) -> Article {
        let url = (page.canonicalURL ?? page.url ?? pageURL)
        let canonical = canonicalizer.canonicalize(url, base: pageURL) ?? canonicalizer.canonicalize(pageURL)
        return make(
            url: canonical, guid: nil, title: page.title, authors: page.authors, published: page.published,
            updated: page.updated, language: page.language, summary: page.description,
            content: sanitized(page, pageURL: pageURL), text: page.text, categories: [],
            image: page.image, enclosures: [])
    }

    /// A feed article whose teaser is replaced by the body extracted from its page (`full_text` sources):
    /// the page's sanitized content and text, and its author and image where the feed had none.
    package func completed(_ article: Article, with page: ExtractedArticle, pageURL: String) -> Article {
        var article = article
        article.content = sanitized(page, pageURL: pageURL)
        article.text = page.text
        article.digestText()
        if article.author == nil, !page.authors.isEmpty { article.author = page.authors.joined(separator: ", ") }
        if article.image == nil { article.image = page.image }
        return article
    }

    /// A `feedd import` record: HTML content sanitized against the article's URL, plain text made paragraphs;
    /// an `id` given in the record is kept as the stored id.
    package func article(fromImport record: ImportedRecord) -> Article {
        let content: String?
        if let html = record.html {
            content = Sanitizer(baseURL: record.url, iframeHosts: source.iframeHosts).sanitize(html)
        } else if let text = record.text {
            content = text.components(separatedBy: "\n\n").map { "<p>\(HTMLEscape.text($0))</p>" }.joined()
        } else {
            content = nil
        }
        var article = make(
            url: record.url, guid: record.id, title: record.title.map(TextNormalizer.plainText),
            authors: record.author.map { [TextNormalizer.plainText($0)] } ?? [], published: record.published,
            updated: nil, language: record.language, summary: record.summary.map(TextNormalizer.plainText),
            content: content, text: content.map(HTMLText.render) ?? "", categories: record.categories, image: nil,
            enclosures: [])
        if let id = record.id, !id.isEmpty { article.id = id }
        return article
    }

    private func sanitized(_ page: ExtractedArticle, pageURL: String) -> String? {
        page.html.isEmpty ? nil : Sanitizer(baseURL: pageURL, iframeHosts: source.iframeHosts).sanitize(page.html)
    }

    package func make(
        url: String?, guid: String?, title: String?, authors: [String], published: Date?, updated: Date?,
        language: String?, summary: String?, content: String?, text: String, categories: [String],
        image: String?, enclosures: [Enclosure]
    ) -> Article {
        // Titles and summaries arrive as plain text (the parsers and the extractor made them so, and the import
        // path does for its records): stripping markup again would delete text such as "the <blink> tag".
        let cleanTitle = title.flatMap { $0.isEmpty ? nil : $0 }
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
        let summaryText = summary.flatMap { $0.isEmpty ? nil : $0 }
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
