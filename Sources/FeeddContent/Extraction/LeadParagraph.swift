/// The standfirst: the sentence or two under the headline that opens the story (`p.lead`, `.standfirst`, `.dek`,
/// `.article-intro`). Templates put it in the article's header, or beside the body in a box of its own, so the
/// strip removes it with the header or scoring leaves it out; readers see it as the story's first paragraph.
/// Candidates are noted before the strip (they may be detached by it: a detached node stays readable), and the
/// first one that sits in the story's `<article>`, before the story, joins it in front.
struct LeadParagraph {
    static let names = PatternSet(
        ["lead", "standfirst", "dek$", "deck$", "intro", "subtitle", "sub-title", "subheadline", "sub-headline",
         "article-lead", "article-intro", "article-summary", "story-summary", "post-excerpt"],
        matching: .words)

    private var candidates: [(node: HTMLNode, article: OpaquePointer, order: Int)] = []
    /// The document position of every element, taken before anything is removed.
    private var order = PointerTable<Int>(capacity: 1024)

    init(_ root: HTMLNode) {
        var position = 0
        var articles: [HTMLNode] = []
        Self.walk(root, position: &position, articles: &articles, into: &self)
    }

    private static func walk(_ node: HTMLNode, position: inout Int, articles: inout [HTMLNode], into lead: inout LeadParagraph) {
        var child = node.firstChild
        while let current = child {
            child = current.nextSibling
            guard current.isElement else { continue }
            position += 1
            lead.order[current.pointer] = position
            let tag = current.tag
            if tag == .script || tag == .style || tag == .template { continue }
            if let article = articles.last, tag == .p || tag == .div || tag == .h2 || tag == .span,
                names.matches(ClassKey(current))
            {
                lead.candidates.append((current, article.pointer, position))
                continue
            }
            let isArticle = tag == .article
            if isArticle { articles.append(current) }
            walk(current, position: &position, articles: &articles, into: &lead)
            if isArticle { articles.removeLast() }
        }
    }

    /// The lead to put before `content`, if one qualifies: inside the same `<article>` as the story's first
    /// element, before it in the page, not already part of it, prose of 40 to 800 characters, not links.
    func lead(for content: [HTMLNode]) -> HTMLNode? {
        guard let first = content.first, let start = order[first.pointer] else { return nil }
        var article: HTMLNode? = first
        while let current = article, current.tag != .article { article = current.parent }
        guard let article else { return nil }
        for candidate in candidates where candidate.article == article.pointer && candidate.order < start {
            if content.contains(where: { $0.contains(candidate.node) }) { return nil }
            guard let measured = TextMeasure.stats(of: candidate.node)[candidate.node],
                measured.text >= 40, measured.text <= 800, measured.linkDensity < 0.3
            else { continue }
            return candidate.node
        }
        return nil
    }
}
