import Foundation

/// Reads one article page: metadata by precedence, the story's element by scoring, boilerplate removed
/// inside it, then HTML (unsanitized) and plain text. See docs/EXTRACTION.md for the heuristics.
package enum ArticleExtractor {
    package static func extract(_ bytes: [UInt8], options: ExtractOptions) throws(ExtractError) -> ExtractedArticle {
        let contentSelector = try options.contentSelector.map { (text) throws(ExtractError) in try CSSSelector(text) }
        let excludeSelector = try options.excludeSelector.map { (text) throws(ExtractError) in try CSSSelector(text) }
        let document = try HTMLDocument(bytes: bytes, contentType: options.contentType, lean: true)
        guard let root = document.root else { throw ExtractError(.noContent, "the page has no elements") }

        let metadata = PageMetadata.collect(document, pageURL: options.url)
        if let excludeSelector {
            // Reverse document order: inner matches go before the outer ones that hold them.
            for node in root.select(excludeSelector).reversed() { document.detach(node) }
        }

        var content: [HTMLNode]
        if let contentSelector, let chosen = root.first(contentSelector) {
            // The configured element is the body; only what can never be text goes.
            var doomed: [HTMLNode] = []
            chosen.forEachDescendantElement { node in
                let name = node.name
                if name == "script" || name == "style" || name == "noscript" || name == "template" {
                    doomed.append(node)
                    return false
                }
                return true
            }
            for node in doomed { document.detach(node) }
            content = [chosen]
        } else {
            let finder = ContentFinder(document: document)
            finder.strip(root)
            let body = document.body ?? root
            content = finder.find(in: body)
            ContentCleaner(document: document, title: metadata.title).clean(content)
        }

        let text = ArticleText.render(content)
        let html = content.count == 1 ? content[0].innerHTML : content.map(\.outerHTML).joined()
        var language = metadata.language
        if language == nil { language = LanguageGuess.guess(text) }
        return ExtractedArticle(
            url: options.url, canonicalURL: metadata.canonicalURL, title: metadata.title, authors: metadata.authors,
            published: metadata.published, updated: metadata.updated, language: language, image: metadata.image,
            siteName: metadata.siteName, description: metadata.description, text: text, html: html)
    }
}
