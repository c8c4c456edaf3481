/// The standfirst: the sentence or two under the headline that opens the story (`p.lead`, `.standfirst`, `.dek`,
/// `.article-intro`, or any paragraph of prose in the article's `<header>`). Templates put it in the article's
/// header, or beside the body in a box of its own, so the strip removes it with the header or scoring leaves it
/// out; readers see it as the story's first paragraph.
/// Candidates are noted before the strip (they may be detached by it: a detached node stays readable), with the
/// boxes around them; the one nearest before the story that shares its `<article>`, or a box close above it,
/// joins it in front.
struct LeadParagraph {
    static let leadPatterns = [
        "lead", "standfirst", "dek$", "deck$", "intro", "subtitle", "sub-title", "subheadline", "sub-headline",
        "article-lead", "article-intro", "article-summary", "story-summary", "excerpt", "abstract", "epigraph", "bajada",
        "sommario",
    ]
    static let names = PatternSet(leadPatterns, matching: .words)

    /// A lead picture and its caption (`lead-asset`, `lead-image`), or the headline (`intro__title`), are not the
    /// standfirst, unless the name says it is the subtitle.
    static let notLead = PatternSet(
        ["asset", "image", "img", "media", "photo", "picture", "caption", "video", "figure", "title$", "headline$",
         "heading$"],
        matching: .words)
    static let subtitle = PatternSet(["subtitle", "sub-title", "subheadline", "sub-headline"], matching: .words)

    static func isLead(_ key: ClassKey) -> Bool {
        names.matches(key) && (!notLead.matches(key) || subtitle.matches(key))
    }

    /// A box whose tag and name say it is the standfirst.
    static func isNamed(_ node: HTMLNode) -> Bool { naming(node, teaserAllowed: false).named }

    /// A teaser is a standfirst too when it is the page's own: the same words that, on a listing, lead to the story
    /// (TYPO3's `news-single` shows its `teaser-text` above the body). A teaser of another page is a link to it.
    static let teaserNames = PatternSet(["teaser"], matching: .words)
    /// The page's own teaser is prose: a link in a sentence at most.
    static let maximumTeaserLinkDensity = 0.1
    /// A page's own teaser may run longer than a standfirst: it is written to stand for the whole story on a listing.
    static let maximumTeaserText = 1200

    /// Both names at once, for the walk over every element: `names` and `teaserNames` in one scan of the key
    /// (most boxes have neither), each tested on its own only when one of them is there.
    static let leadOrTeaserNames = PatternSet(leadPatterns + ["teaser"], matching: .words)

    /// Whether the box is named as a standfirst (`isNamed`), and whether as the page's own teaser (`p` or `div`,
    /// a name that says teaser, not a picture's or a headline's: `teaser-image`, `teaser__title`), the teaser
    /// only when `teaserAllowed`.
    static func naming(_ node: HTMLNode, teaserAllowed: Bool) -> (named: Bool, teaser: Bool) {
        let tag = node.tag
        guard tag == .p || tag == .div || tag == .h2 || tag == .span else { return (false, false) }
        let key = ClassKey(node)
        guard !key.isEmpty, leadOrTeaserNames.matches(key) else { return (false, false) }
        let teaser = teaserAllowed && (tag == .p || tag == .div) && teaserNames.matches(key) && !notLead.matches(key)
        return (teaser || isLead(key), teaser)
    }

    /// The fewest characters of a standfirst: a named box's, and a header's unnamed paragraph's (a masthead's
    /// tagline or a picture's caption is shorter).
    static let minimumNamed = 40
    static let minimumProse = 80
    /// A standfirst's most characters, and the share of them in links it stays under.
    static let maximumText = 800
    static let maximumLinkDensity = 0.3

    /// Whether a `<header>` is its article's (the nearest sectioning element around it is an `<article>`, not a
    /// `<section>` around a chart) and holds a standfirst: a paragraph of prose (`minimumProse`), or a box named like
    /// one (`isNamed`, `minimumNamed`), mostly not links. Neither the strip nor the cleaner drops such a header
    /// whole: its headline and byline go by their own rules, the standfirst stays.
    static func isHeld(by header: HTMLNode, stats: StatsTable) -> Bool {
        var ancestor = header.parent
        while let current = ancestor, current.tag != .article {
            switch current.tag {
            case .section, .aside, .nav, .body, .html: return false
            default: ancestor = current.parent
            }
        }
        guard ancestor != nil else { return false }
        var found = false
        header.forEachDescendantElement { node in
            if found { return false }
            guard let measured = stats[node], measured.text >= minimumNamed, measured.linkDensity < maximumLinkDensity
            else { return false }
            if node.tag == .p && measured.text >= minimumProse || isNamed(node) {
                found = measured.text <= maximumText
                return false
            }
            return true
        }
        return found
    }

    /// A standfirst set as a heading (`<h2>`, `<h3>`): sentences of prose (`minimumProse` characters, two
    /// sentences or more) that a heading of a section never is.
    static func isProseHeading(_ node: HTMLNode) -> Bool {
        guard node.tag == .h2 || node.tag == .h3 else { return false }
        let text = ArticleText.leadingText(node, limit: maximumText + 1)
        guard text.count >= minimumProse, text.count <= maximumText, let last = text.last, ".!?".contains(last)
        else { return false }
        return text.dropLast().contains(". ")
    }

    /// How many boxes above the story's first element a lead may share with it (outside an `<article>`): templates nest
    /// the body in four or five layout boxes below the one that also holds the page's header.
    static let reach = 5
    /// How many boxes above a candidate are noted.
    static let noted = 6

    /// `named`: the box's name says it is the standfirst (or the page's own teaser, `teaser`: prose, not links);
    /// otherwise it is a paragraph in a `<header>`.
    private var candidates: [
        (node: HTMLNode, article: OpaquePointer?, ancestors: [OpaquePointer], order: Int, named: Bool, teaser: Bool)
    ] = []
    /// The document position of every element, taken before anything is removed.
    private var order = PointerTable<Int>(capacity: 1024)

    init(_ root: HTMLNode) {
        var position = 0
        var articles: [HTMLNode] = []
        var path: [OpaquePointer] = []
        Self.walk(root, position: &position, articles: &articles, path: &path, inHeader: false, into: &self)
    }

    /// `inHeader`: below a `<header>`, where a paragraph is the standfirst whatever its name (the headline,
    /// kicker and byline around it are not paragraphs).
    private static func walk(
        _ node: HTMLNode, position: inout Int, articles: inout [HTMLNode], path: inout [OpaquePointer],
        inHeader: Bool, into lead: inout LeadParagraph
    ) {
        path.append(node.pointer)
        defer { path.removeLast() }
        var child = node.firstChild
        while let current = child {
            child = current.nextSibling
            guard current.isElement else { continue }
            position += 1
            lead.order[current.pointer] = position
            let tag = current.tag
            if tag == .script || tag == .style || tag == .template { continue }
            let (named, teaser) = naming(current, teaserAllowed: !inHeader)
            if named || tag == .p && inHeader || isProseHeading(current) {
                lead.candidates.append(
                    (current, articles.last?.pointer, Array(path.suffix(noted).reversed()), position, named, teaser))
                continue
            }
            let isArticle = tag == .article
            if isArticle { articles.append(current) }
            walk(current, position: &position, articles: &articles, path: &path, inHeader: inHeader || tag == .header, into: &lead)
            if isArticle { articles.removeLast() }
        }
    }

    /// The lead to put before `content`, if one qualifies: before the story's first element in the page, inside
    /// an `<article>` around it or a box at most `reach` levels above it (not the body), not already part of it,
    /// prose of 40 to 800 characters (a header's unnamed paragraph: 80, more than a picture's caption), not
    /// links. The nearest such one.
    func lead(for content: [HTMLNode]) -> HTMLNode? {
        guard let first = content.first, let start = order[first.pointer] else { return nil }
        var articles: [OpaquePointer] = []
        var near: [OpaquePointer] = []
        var ancestor = first.parent
        while let current = ancestor {
            let tag = current.tag
            if tag == .body || tag == .html { break }
            if tag == .article { articles.append(current.pointer) }
            if near.count < Self.reach { near.append(current.pointer) }
            ancestor = current.parent
        }
        for candidate in candidates.reversed() where candidate.order < start {
            let inArticle = candidate.article.map { articles.contains($0) } ?? false
            guard inArticle || candidate.ancestors.contains(where: { near.contains($0) }) else { continue }
            if content.contains(where: { $0.contains(candidate.node) }) { return nil }
            guard let measured = TextMeasure.stats(of: candidate.node)[candidate.node],
                measured.text >= (candidate.named ? Self.minimumNamed : Self.minimumProse),
                measured.text <= (candidate.teaser ? Self.maximumTeaserText : Self.maximumText),
                measured.linkDensity < Self.maximumLinkDensity, !candidate.teaser || measured.linkDensity < Self.maximumTeaserLinkDensity
            else { continue }
            return candidate.node
        }
        return nil
    }
}
