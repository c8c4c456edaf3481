/// The visible headline as a landmark: the `<h1>` (or `<h2>`) that says what the page's title says. The story is
/// told under it; a box that meets it only above the headline's part of the page (a sign-in dialog beside the
/// layout, a slider of other news, a review widget, another story of an endless page) is not the story, however
/// much text it holds. Noted before the strip, which often removes the header the headline sits in: the
/// headline's ancestors stay, and the innermost of them still in the page stands for it.
struct HeadlineAnchor {
    /// The headline and its ancestors, innermost first.
    let path: [HTMLNode]

    init?(root: HTMLNode, title: String?) {
        guard let title, !title.isEmpty else { return nil }
        let wanted = PageMetadata.fold(title)
        guard let headline = Self.first(.h1, in: root, saying: wanted) ?? Self.first(.h2, in: root, saying: wanted)
        else { return nil }
        path = Array(sequence(first: headline, next: \.parent).prefix { $0.tag != .html })
    }

    /// The first heading of that tag whose text is the title (folded), or the title with the site's name at one end.
    private static func first(_ tag: HTMLTag, in root: HTMLNode, saying title: String) -> HTMLNode? {
        var found: HTMLNode?
        root.forEachDescendantElement { node in
            guard found == nil else { return false }
            guard node.tag == tag else { return true }
            let text = PageMetadata.fold(node.textContent)
            if text == title || PageMetadata.agrees(folded: text, with: title, site: nil)
                || PageMetadata.agrees(folded: title, with: text, site: nil)
            {
                found = node
            }
            return false
        }
        return found
    }

    /// The innermost element of the headline's path still in `body`.
    func anchor(in body: HTMLNode) -> HTMLNode? { path.first { body.contains($0) } }
}

extension ContentFinder {
    /// The least an alternative under the headline must score, as a share of the winner's score, and the fewest
    /// characters it must hold: a caption or a byline beside the headline is not the story.
    static let anchoredShare = 0.3
    static let anchoredText = 150

    /// The best candidate in the headline's part of the page, when the winner lies elsewhere: it meets the
    /// headline only above the box that holds the headline's part (a dialog beside the page's layout, a slider of
    /// other stories, another story of an endless page). Nil when the winner is with the headline (inside the box
    /// that holds the headline, around it, or in the headline's `<article>`), or nothing there holds a story.
    static func towardHeadline(_ best: HTMLNode, anchor: HTMLNode, scoring: Scoring) -> HTMLNode? {
        if best.contains(anchor) || anchor.contains(best) { return nil }
        var article: HTMLNode? = anchor
        while let current = article, current.tag != .article { article = current.parent }
        if let article, article.contains(best) { return nil }
        var meet = anchor.parent
        while let current = meet, !current.contains(best) { meet = current.parent }
        guard let meet else { return nil }
        // The headline's part of the page: the child of the meeting point on the way to the headline.
        var region = anchor
        while let outer = region.parent, outer != meet { region = outer }
        var alternative: HTMLNode?
        var alternativeScore = -Double.infinity
        for candidate in scoring.candidates where region.contains(candidate) {
            if let score = scoring.finals[candidate.pointer], score > alternativeScore {
                alternative = candidate
                alternativeScore = score
            }
        }
        guard let alternative, alternativeScore >= anchoredShare * scoring.bestScore,
            (scoring.stats[alternative]?.text ?? 0) >= anchoredText
        else { return nil }
        return alternative
    }
}
