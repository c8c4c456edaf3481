import FeeddCore

/// How to read one page: where it came from and, optionally, which element holds the article.
package struct ExtractOptions: Sendable {
    /// The page URL, for resolving relative links and the URL-date fallback.
    package var url: String?
    /// The HTTP Content-Type header, for its charset.
    package var contentType: String?
    /// When set, the body is exactly the first element matching this selector.
    package var contentSelector: String?
    /// Elements matching this selector are removed before anything else.
    package var excludeSelector: String?

    package init(url: String? = nil, contentType: String? = nil, contentSelector: String? = nil, excludeSelector: String? = nil) {
        self.url = url
        self.contentType = contentType
        self.contentSelector = contentSelector
        self.excludeSelector = excludeSelector
    }

    /// For an article page of `source` at `url`: the source's `content` and `exclude` selectors.
    package init(source: Source.Resolved, url: String?, contentType: String? = nil) {
        self.init(url: url, contentType: contentType, contentSelector: source.content, excludeSelector: source.exclude)
    }
}
