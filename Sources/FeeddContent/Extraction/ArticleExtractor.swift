import Foundation

/// Reads one article page: metadata by precedence, the story's element by scoring, boilerplate removed
/// inside it, then HTML (unsanitized) and plain text. See docs/EXTRACTION.md for the heuristics.
package enum ArticleExtractor {
    /// Below this share of the provisional story's text, the ordinary strip is taken to have gutted the story.
    static let guttedShare = 0.5

    /// Whether the strip removed the provisional story, or most of its text, and what was found instead is
    /// smaller than the story was. A provisional winner that the strip left whole was only a bigger block (a gallery, a list of
    /// teasers) that the scoring after the strip rightly passed over.
    /// `stats`: the body as scored after the strip; a node the strip detached is not in them (no text left).
    static func gutted(_ provisional: (node: HTMLNode, text: Int), result: [HTMLNode], stats: StatsTable) -> Bool {
        let found = result.reduce(0) { $0 + (stats[$1]?.text ?? 0) }
        guard found < provisional.text else { return false }
        return Double(stats[provisional.node]?.text ?? 0) < guttedShare * Double(provisional.text)
    }

    package static func extract(_ bytes: [UInt8], options: ExtractOptions) throws(ExtractError) -> ExtractedArticle {
        let contentSelector = try options.contentSelector.map { (text) throws(ExtractError) in try CSSSelector(text) }
        let excludeSelector = try options.excludeSelector.map { (text) throws(ExtractError) in try CSSSelector(text) }
        var document = try HTMLDocument(bytes: bytes, contentType: options.contentType, lean: true)
        guard var root = document.root else { throw ExtractError(.noContent, "the page has no elements") }

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
            var finder = ContentFinder(document: document, headline: HeadlineAnchor(root: root, title: metadata.title))
            var leads = LeadParagraph(root)
            let provisional = finder.provisionalBest(in: document.body ?? root)
            finder.strip(root, protecting: nil, measured: provisional?.stats)
            let found = finder.findMeasured(in: document.body ?? root)
            content = found.nodes
            if let provisional, Self.gutted((provisional.node, provisional.text), result: content, stats: found.stats) {
                // Stripping took the story's own box or most of it: a name or tag rule hit it (`has-sidebar`,
                // `elementor-widget`, a `<header>` around the page). Read the page again and strip around the story.
                document = try HTMLDocument(bytes: bytes, contentType: options.contentType, lean: true)
                guard let again = document.root else { throw ExtractError(.noContent, "the page has no elements") }
                root = again
                if let excludeSelector {
                    for node in root.select(excludeSelector).reversed() { document.detach(node) }
                }
                finder = ContentFinder(document: document, headline: HeadlineAnchor(root: root, title: metadata.title))
                leads = LeadParagraph(root)
                let story = finder.provisionalBest(in: document.body ?? root)?.node
                finder.strip(root, protecting: story)
                content = finder.find(in: document.body ?? root)
                // Scored again, the story's boxes still carry their names (every box of some page builders says
                // `widget`): when the winner lies outside the story, the story is the answer.
                if let story, !content.contains(where: { $0.contains(story) || story.contains($0) }) { content = [story] }
            }
            if let lead = leads.lead(for: content) { content.insert(lead, at: 0) }
            ContentCleaner(document: document, title: metadata.title, pageURL: options.url, canonicalURL: metadata.canonicalURL)
                .clean(content)
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
