import Foundation

/// Removes what templates embed inside the story: share bars, author boxes ("About admin"), teasers
/// ("Check Also …", "Read more: …"), breadcrumbs, newsletter and cookie boxes, link lists, bylines,
/// empty wrappers and the headline itself. Keeps figures and captions, lists, quotes, headings, tables.
struct ContentCleaner {
    let document: HTMLDocument
    /// The headline, so that a copy of it at the top of the body can go.
    let title: String?
    /// Where the story's links lead, from the page's address.
    let links: LinkTarget

    init(document: HTMLDocument, title: String?, pageURL: String?, canonicalURL: String? = nil) {
        self.document = document
        self.title = title
        links = LinkTarget(pageURL: pageURL, canonicalURL: canonicalURL)
    }

    /// Tags that go whole from inside the story (embedded frames stay).
    static func isRemoved(_ tag: HTMLTag) -> Bool {
        ContentFinder.isJunk(tag) || tag == .form || tag == .header
    }

    /// Tags that are content without any text.
    static func isMedia(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .img, .picture, .video, .audio, .iframe, .embed, .object, .source, .figure, .table, .hr, .br: true
        default: false
        }
    }

    func clean(_ roots: [HTMLNode]) {
        for root in roots { clean(root) }
        if let first = roots.first { removeLeadingTitle(first) }
        for root in roots { removeEmpty(root) }
    }

    /// The most of the story's text that the rules judging names, first words and link density may take
    /// together. Past it they are wrong about this page (a builder that names every box `widget`, headings
    /// slugged into ids), and they step back: only what can never be text goes.
    static let maximumJudgedShare = 0.6

    private func clean(_ root: HTMLNode) {
        let stats = TextMeasure.stats(of: root)
        let total = Double(max(stats[root]?.text ?? 1, 1))
        var certain: [HTMLNode] = []
        var doomed: [HTMLNode] = []
        root.forEachDescendantElement { node in
            let tag = node.tag
            if ContentFinder.wrapsStory(node, stats: stats, of: Int(total)) {
                return true  // the story itself, inside a `<noscript>` (Blogger), an unclosed `<nav>`, a page-wide `<form>`
            }
            if tag == .header, !ContentFinder.isHidden(node), LeadParagraph.isHeld(by: node, stats: stats) {
                return true  // the article's header with its standfirst: the headline and byline go by the rules below
            }
            if tag == .header, !ContentFinder.isHidden(node), BoxHeader.isBoxHeader(node, stats: stats), !isTitle(node) {
                return true  // a folding panel's title: its heading stays with the panel
            }
            if Self.isRemoved(tag) || ContentFinder.isHidden(node) {
                certain.append(node)
                return false
            }
            let measured = stats[node] ?? TextStats()
            let share = Double(measured.text) / total
            if tag == .img {
                if node.attribute("width") == "1" || node.attribute("height") == "1" { certain.append(node) }
                return false
            }
            let key = ClassHints.key(node)
            // A link inside a sentence is words of it whatever its class says (`a.popup` for a glossary note); so is
            // any inline element there, unless its name is one that only furniture carries (`span.byline`); a
            // place set off by a dash that opens the sentence ("KOBE – ") is its first words whatever its name.
            if share < 0.5, tag != .figure, tag != .figcaption, !key.isEmpty,
                ClassHints.strongBoilerplate(key)
                    ? !((tag == .a || Self.isDashedLead(node)) && Self.isInProse(node, stats: stats))
                    : ClassHints.isUnlikely(key) && share < 0.25
                        && !((tag == .a || ContentFinder.isInlineRun(node)) && Self.isInProse(node, stats: stats))
            {
                doomed.append(node)
                return false
            }
            if tag == .figcaption || Self.isBlockish(tag), share < 0.25, measured.text < 120,
                Self.isCreditLine(node, caption: tag == .figcaption)
            {
                doomed.append(node)
                return false
            }
            // A script's control written as a box (a print or fold button drawn as a `<div>`): it reacts to a click and
            // says what it does in a word or two.
            if tag != .a, measured.text > 0, measured.text < 40, share < 0.25, Self.isControl(node) {
                doomed.append(node)
                return false
            }
            // "Back to the list", "‹ back": a link standing as a line of its own that only leads back (the browser's
            // history, the listing above the page) is the page's navigation, in any language.
            if tag == .a, measured.text > 0, measured.text < 60, share < 0.25, Self.standsAlone(node, stats: stats),
                links.leadsBack(node.attribute("href") ?? "")
            {
                doomed.append(node)
                return false
            }
            guard Self.isBlockish(tag) else { return true }
            // A paragraph of prose that opens with a picture and its credit ("© Provided by …") is still prose: only
            // the label inside it goes (tested when the walk reaches it).
            if share < 0.35, measured.text < 1500, !Self.isInline(tag) || measured.text < 40,
                Self.startsWithBoilerplate(node), tag != .p || !Self.opensWithMinorChild(node, stats: stats)
            {
                doomed.append(node)
                return false
            }
            if share < 0.25, measured.text < 150, Self.startsWithShortLabel(node) {
                doomed.append(node)
                return false
            }
            if share < 0.25, measured.text < 200, tag == .p || tag == .div || Self.isHeading(tag),
                Self.isLabelledTeaser(node, stats: stats, links: links)
            {
                doomed.append(node)
                return false
            }
            if share < 0.25, measured.text < 500, !Self.isInline(tag), Self.isNote(node) {
                doomed.append(node)
                return false
            }
            let density = measured.linkDensity
            // A teaser card: a small box whose first words are a link (headline) with a line of summary.
            if tag == .div || tag == .section, measured.text < 300, density >= 0.25, share < 0.3, Self.startsWithLink(node) {
                doomed.append(node)
                return false
            }
            // "Comments (3)", "Reader responses": the heading and everything after it in its box.
            if tag == .h2 || tag == .h3 || tag == .h4, measured.text < 60, Self.isDiscussionHeading(node) {
                var sibling: HTMLNode? = node
                while let current = sibling {
                    if current.isElement { doomed.append(current) }
                    sibling = current.nextSibling
                }
                return false
            }
            switch tag {
            case .p where density > 0.8 && measured.text < 200,
                .ul where density > 0.6, .ol where density > 0.6,
                .div where density > 0.5 && measured.text < 1000 && share < 0.5,
                .section where density > 0.5 && measured.text < 1000 && share < 0.5,
                .table where density > 0.5 && share < 0.5 && !Self.hasHeaderCells(node),
                .li where density > 0.8 && measured.text < 200 && share < 0.2:
                doomed.append(node)
                return false
            default:
                break
            }
            if tag == .p || tag == .div || tag == .span || tag == .li || tag == .font, measured.text < 120,
                Self.isByline(node)
                    || (measured.text < 60
                        && (Self.isOnlyTime(node, stats: stats)
                            || LooseDate.parse(ArticleText.collapse(node.textContent)) != nil))
            {
                doomed.append(node)
                return false
            }
            return true
        }
        // The judged removals are disjoint subtrees (the walk does not enter a doomed box), so their texts add up.
        let judged = doomed.reduce(0) { $0 + (stats[$1]?.text ?? 0) }
        let confident = Double(judged) <= Self.maximumJudgedShare * total || total < 200
        var removed = Set(certain)
        if confident { removed.formUnion(doomed) }
        if confident { doomed += Self.orphanedHeadings(root, removed: removed) }
        for node in certain { document.detach(node) }
        guard confident else { return }
        for node in doomed { document.detach(node) }
    }

    /// A table with header cells (`<th>`) is data, a fact box with labelled rows, however many of its values
    /// are links; a link list laid out as a table has none.
    static func hasHeaderCells(_ table: HTMLNode) -> Bool {
        var found = false
        table.forEachDescendantElement { node in
            if found { return false }
            if node.tag == .th { found = true }
            return node.tag != .table  // a nested table is judged on its own
        }
        return found
    }

    /// A short inline element that opens its parent and ends with a dash: a dateline's place ("KOBE – ").
    static func isDashedLead(_ node: HTMLNode) -> Bool {
        guard ContentFinder.isInlineRun(node), let parent = node.parent else { return false }
        let opening = parent.children.first { child in
            child.isElement || (child.kind == .text && !ArticleText.collapse(child.nodeText ?? "").isEmpty)
        }
        guard opening == node else { return false }
        let text = ArticleText.collapse(node.textContent)
        guard !text.isEmpty, text.count < 40, let last = text.last else { return false }
        return last == "–" || last == "—"
    }

    /// Whether the text around `node` in its parent is more than three times its own.
    static func isInProse(_ node: HTMLNode, stats: StatsTable) -> Bool {
        guard let parent = node.parent, let around = stats[parent]?.text, let own = stats[node]?.text else { return false }
        return around > 3 * own
    }

    /// Whether the first visible text of `node` lies in a child element that holds under half of its text (a
    /// picture with its credit at the head of a paragraph).
    static func opensWithMinorChild(_ node: HTMLNode, stats: StatsTable) -> Bool {
        guard let total = stats[node]?.text, total > 0 else { return false }
        var child = node.firstChild
        while let current = child {
            switch current.kind {
            case .text:
                if current.withTextBytes({ $0.contains { $0 > 0x20 } }) == true { return false }
            case .element:
                if let inner = stats[current], inner.text > 0 { return inner.text * 2 < total }
            default: break
            }
            child = current.nextSibling
        }
        return false
    }

    /// Inline elements: only a short one alone is tested for a teaser start (its block is tested anyway).
    static func isInline(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .span, .strong, .em, .b, .font: true
        default: false
        }
    }

    static func isBlockish(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .p, .div, .section, .ul, .ol, .li, .h2, .h3, .h4, .h5, .h6, .dl, .table, .span, .strong, .em, .b, .font:
            true
        default: false
        }
    }

    /// Whether the first visible text below the node sits inside a link.
    static func startsWithLink(_ node: HTMLNode) -> Bool {
        var answer: Bool?
        func visit(_ current: HTMLNode, inLink: Bool) {
            var child = current.firstChild
            while let c = child, answer == nil {
                switch c.kind {
                case .text:
                    if c.withTextBytes({ $0.contains { $0 > 0x20 } }) == true { answer = inLink }
                case .element:
                    visit(c, inLink: inLink || c.isElement("a"))
                default: break
                }
                child = c.nextSibling
            }
        }
        visit(node, inLink: false)
        return answer ?? false
    }

    /// "By Jane Doe", "Posted on March 3, 2024 by admin": short lines that name the author or date.
    /// A line whose whole text is one `<time>` element with a date in its `datetime` (a year first; a recipe's
    /// `PT15M` is a duration): a dateline in any language, whether or not `LooseDate` reads its month names.
    static func isOnlyTime(_ node: HTMLNode, stats: StatsTable) -> Bool {
        guard let text = stats[node]?.text, text > 0 else { return false }
        var found = false
        node.forEachDescendantElement { inner in
            if found { return false }
            if inner.tag == .time {
                let year = (inner.attribute("datetime") ?? "").utf8.prefix(5)
                found = stats[inner]?.text == text && year.count == 5 && year.prefix(4).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                    && year.last == UInt8(ascii: "-")
                return false
            }
            return true
        }
        return found
    }

    static func isByline(_ node: HTMLNode) -> Bool {
        // Every form below starts with one of these letters: skip the rest without reading the text.
        guard let first = ArticleText.leadingText(node, limit: 1).first, "BbPpWwUuLl".contains(first) else { return false }
        let text = ArticleText.collapse(node.textContent)
        let lower = text.lowercased()
        if lower.hasPrefix("posted on ") || lower.hasPrefix("published on ") || lower.hasPrefix("updated on ")
            || lower.hasPrefix("posted by ") || lower.hasPrefix("written by ") || lower.hasPrefix("published:")
            || lower.hasPrefix("updated:") || lower.hasPrefix("last updated")
        {
            return true
        }
        if lower.hasPrefix("by "), text.split(separator: " ").count <= 8, let last = text.last, !".!?".contains(last) {
            let second = text.dropFirst(3).first
            return second.map { $0.isUppercase } ?? false
        }
        return false
    }

    /// Whether an element's text is the headline's (a copy of it in a box's header goes with that header).
    private func isTitle(_ node: HTMLNode) -> Bool {
        guard let title, !title.isEmpty else { return false }
        return ArticleText.collapse(node.textContent).lowercased() == ArticleText.collapse(title).lowercased()
    }

    /// A first heading that repeats the headline.
    private func removeLeadingTitle(_ root: HTMLNode) {
        guard let title, !title.isEmpty else { return }
        let wanted = ArticleText.collapse(title).lowercased()
        var found: HTMLNode?
        var seenText = false
        root.forEachDescendantElement { node in
            if found != nil || seenText { return false }
            switch node.tag {
            case .p, .li, .blockquote, .pre, .table:
                let text = ArticleText.collapse(node.textContent)
                if text.lowercased() == wanted {
                    found = node
                } else if !text.isEmpty {
                    seenText = true
                }
                return false
            default:
                // Headings, and title-named divs of table layouts: compare whole text, then look inside.
                let lead = ArticleText.leadingText(node, limit: wanted.count + 1).lowercased()
                if lead == wanted {
                    found = node
                    return false
                }
                return !lead.isEmpty
            }
        }
        if let found { document.detach(found) }
    }

    /// Drops elements left with neither text nor media, deepest first.
    private func removeEmpty(_ root: HTMLNode) {
        var doomed: [HTMLNode] = []
        func visit(_ node: HTMLNode) -> Bool {
            // Returns whether the node has content.
            var hasContent = false
            var child = node.firstChild
            while let current = child {
                child = current.nextSibling
                switch current.kind {
                case .text:
                    if let blank = current.withTextBytes({ $0.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D } }),
                        !blank
                    {
                        hasContent = true
                    }
                case .element:
                    if Self.isMedia(current.tag) {
                        hasContent = true
                    } else if visit(current) {
                        hasContent = true
                    } else {
                        doomed.append(current)
                    }
                default: break
                }
            }
            return hasContent
        }
        _ = visit(root)
        for node in doomed { document.detach(node) }
    }
}
