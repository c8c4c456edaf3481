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
    /// Runs for every short link of the story: counts on the bytes, one walk over each parent's children, no Strings.
    static func standsAlone(_ node: HTMLNode, stats: StatsTable) -> Bool {
        var around = 0
        var current = node
        while let parent = current.parent {
            // Words of the inline siblings since the last block before the node, and up to the first block after it.
            var before = 0
            var after = 0
            var seen = false
            var child = parent.firstChild
            while let sibling = child {
                child = sibling.nextSibling
                if sibling == current {
                    seen = true
                    continue
                }
                let words: Int
                if sibling.kind == .text {
                    words = sibling.withTextBytes(collapsedLength) ?? 0
                } else if sibling.isElement {
                    guard sibling.tag == .a || ContentFinder.isInlineRun(sibling) else {
                        if seen { break }
                        before = 0
                        continue
                    }
                    words = stats[sibling]?.text ?? 0
                } else {
                    continue
                }
                if seen { after += words } else { before += words }
                if seen, around + before + after >= 20 { break }
            }
            around += before + after
            guard around < 20 else { return false }
            guard parent.tag == .a || ContentFinder.isInlineRun(parent) else { return true }
            current = parent
        }
        return true
    }

    /// Characters (Unicode scalars, as `TextStats` counts them) of a text once whitespace runs are one space and
    /// the ends are trimmed.
    static func collapsedLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var pendingSpace = false
        var i = 0
        while i < bytes.count {
            let width = ArticleText.whitespaceWidth(bytes, i)
            if width > 0 {
                pendingSpace = count > 0
                i += width
                continue
            }
            if pendingSpace { count += 1 }
            pendingSpace = false
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
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

    /// Whether an element holds any visible words or media (a line break or a rule is neither). Walks the nodes and
    /// stops at the first: this runs on the story's last boxes, which can hold most of its text.
    static func hasContent(_ node: HTMLNode) -> Bool {
        if isShownMedia(node.tag) { return true }
        var child = node.firstChild
        while let current = child {
            switch current.kind {
            case .text:
                if current.withTextBytes({ $0.contains { $0 > 0x20 } }) == true { return true }
            case .element:
                if hasContent(current) { return true }
            default: break
            }
            child = current.nextSibling
        }
        return false
    }

    private static func isShownMedia(_ tag: HTMLTag) -> Bool { isMedia(tag) && tag != .br && tag != .hr }

    /// A heading (`<h1>`–`<h6>`) under 100 characters.
    static func isHeadingLine(_ node: HTMLNode) -> Bool {
        guard isHeading(node.tag) else { return false }
        let text = ArticleText.collapse(node.textContent)
        return !text.isEmpty && text.count < 100
    }
}
