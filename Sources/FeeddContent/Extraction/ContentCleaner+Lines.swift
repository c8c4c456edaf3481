import Foundation

/// Lines of furniture set into the story as short lines or boxes of their own: a script's controls, links that only
/// lead back, labelled teasers ("SEE TOO: …"), and headings left over a box the cleaner removed.
extension ContentCleaner {
    /// Headings left as the story's last words once `removed` goes, with some of what went after them: each titled
    /// a box that went (a list of teasers, a sign-up form, "Most read"), and goes too. A heading that ends the story
    /// as written stays; so does a bold line (a closing sentence set in bold as often as a box's title).
    static func orphanedHeadings(_ root: HTMLNode, removed: Set<HTMLNode>) -> [HTMLNode] {
        var gone = removed
        var found: [HTMLNode] = []
        var skipped = false
        for _ in 0..<3 {
            guard let last = lastContent(of: root, removed: gone, skipped: &skipped), last != root, skipped,
                isHeadingLine(last)
            else { break }
            found.append(last)
            gone.insert(last)
        }
        return found
    }

    /// An element that a script makes clickable: an `onclick` handler, or the pointer a link shows.
    static func isControl(_ node: HTMLNode) -> Bool {
        node.hasAttribute("onclick") || node.attribute("style", compactContains: ["cursor:pointer"])
    }

    /// Whether an inline element is a line of its own: beside it, up to the nearest block on either side (through the
    /// inline elements around it: `<b><a>…</a></b>`), stand fewer than 20 characters (an arrow, a separator).
    static func standsAlone(_ node: HTMLNode, stats: StatsTable) -> Bool {
        var around = 0
        /// Adds the words of the siblings up to the first block or line break, walking away from the node.
        func count(_ siblings: some Sequence<HTMLNode>) {
            for sibling in siblings {
                if sibling.kind == .text {
                    around += ArticleText.collapse(sibling.nodeText ?? "").count
                } else if sibling.isElement {
                    guard sibling.tag == .a || ContentFinder.isInlineRun(sibling) else { return }
                    around += stats[sibling]?.text ?? 0
                }
            }
        }
        var current = node
        while let parent = current.parent {
            let siblings = Array(parent.children)
            guard let index = siblings.firstIndex(of: current) else { return false }
            count(siblings[..<index].reversed())
            count(siblings[(index + 1)...])
            guard around < 20 else { return false }
            guard parent.tag == .a || ContentFinder.isInlineRun(parent) else { return true }
            current = parent
        }
        return true
    }

    static func isHeading(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .h1, .h2, .h3, .h4, .h5, .h6: true
        default: false
        }
    }

    /// "SEE TOO: <a>Another story</a>": a line that is a short label ending in a colon, then one link to another
    /// page of the same site holding the rest of the line. A teaser set into the story, in any language; a source
    /// named the same way links to another site.
    static func isLabelledTeaser(_ node: HTMLNode, stats: StatsTable, links: LinkTarget) -> Bool {
        var link: HTMLNode?
        var count = 0
        node.forEachDescendantElement { inner in
            if inner.tag == .a, (stats[inner]?.text ?? 0) > 0 {
                link = inner
                count += 1
                return false
            }
            return count < 2
        }
        guard count == 1, let link, links.isSameSite(link.attribute("href") ?? "") else { return false }
        let line = ArticleText.collapse(node.textContent)
        let linked = ArticleText.collapse(link.textContent)
        guard linked.count >= 15, line.hasSuffix(linked) else { return false }
        let label = line.dropLast(linked.count).trimmingCharacters(in: .whitespaces)
        return label.count >= 3 && label.count <= 40 && label.hasSuffix(":") && label.split(separator: " ").count <= 5
    }

    /// The innermost block holding the story's last words or media once `removed` goes (the block itself when they
    /// stand as text beside blocks), nil when nothing is left; `skipped` is set when something with content in
    /// `removed` came after it.
    static func lastContent(of node: HTMLNode, removed: Set<HTMLNode>, skipped: inout Bool) -> HTMLNode? {
        for child in node.children.reversed() {
            if child.kind == .text {
                if child.withTextBytes({ $0.contains { $0 > 0x20 } }) == true { return node }
                continue
            }
            guard child.isElement, hasContent(child) else { continue }
            if removed.contains(child) {
                skipped = true
                continue
            }
            let tag = child.tag
            if isHeading(tag) || tag == .p || tag == .a || isMedia(tag) || ContentFinder.isInlineRun(child) { return child }
            if let inner = lastContent(of: child, removed: removed, skipped: &skipped) { return inner }
        }
        return nil
    }

    /// Whether an element holds any visible words or media (a line break or a rule is neither).
    static func hasContent(_ node: HTMLNode) -> Bool {
        func isShown(_ tag: HTMLTag) -> Bool { isMedia(tag) && tag != .br && tag != .hr }
        if isShown(node.tag) { return true }
        if node.textContent.utf8.contains(where: { $0 > 0x20 }) { return true }
        var media = false
        node.forEachDescendantElement { inner in
            if isShown(inner.tag) { media = true }
            return !media
        }
        return media
    }

    /// A heading (`<h1>`–`<h6>`) under 100 characters.
    static func isHeadingLine(_ node: HTMLNode) -> Bool {
        guard isHeading(node.tag) else { return false }
        let text = ArticleText.collapse(node.textContent)
        return !text.isEmpty && text.count < 100
    }
}
