/// A `<header>` that titles one box inside the story (an accordion's panel, a card, a list item): only a short
/// heading, no links, above the box's own text, in a box that is not the article itself. Page builders put the
/// title of every folding panel in one; it is the panel's heading, not the page's or the article's header
/// (masthead, navigation, headline, byline), which the strip and the cleaner still remove.
enum BoxHeader {
    /// The longest heading such a header holds: a title, not a standfirst.
    static let maximumText = 160

    static func isBoxHeader(_ header: HTMLNode, stats: StatsTable) -> Bool {
        guard header.tag == .header, let parent = header.parent else { return false }
        switch parent.tag {
        case .article, .body, .main, .html: return false  // the article's or the page's own header
        default: break
        }
        guard let measured = stats[header], measured.text > 0, measured.text <= maximumText, measured.link == 0
        else { return false }
        var headings = 0
        for child in header.children where child.isElement {
            switch child.tag {
            case .h2, .h3, .h4, .h5, .h6: headings += 1
            default: return false
            }
        }
        guard headings == 1 else { return false }
        // The box's text follows it: a header that titles nothing is a label or the page's furniture.
        var sibling = header.nextSibling
        while let node = sibling {
            if node.isElement, (stats[node]?.text ?? 0) > measured.text { return true }
            sibling = node.nextSibling
        }
        return false
    }
}
