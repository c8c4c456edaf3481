/// Finds the element(s) holding the story: strips page furniture, scores paragraphs into their ancestors
/// (text length, commas, class/id hints, semantic tags, schema.org `articleBody`), discounts link-heavy
/// candidates, then gathers siblings that belong to the winner.
struct ContentFinder {
    let document: HTMLDocument

    /// Tags that never hold article text.
    static func isJunk(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .script, .style, .noscript, .template, .svg, .canvas, .link, .meta, .nav, .aside, .footer, .dialog,
            .button, .select, .input, .textarea, .menu, .object, .embed, .map, .math:
            true
        default: false
        }
    }

    /// Removes scripts, navigation, hidden and unlikely boxes from the whole page.
    func strip(_ root: HTMLNode) {
        let stats = TextMeasure.stats(of: root)
        let total = max(stats[root]?.text ?? 1, 1)
        var doomed: [HTMLNode] = []
        root.forEachDescendantElement { node in
            let tag = node.tag
            if tag == .body || tag == .main || tag == .article { return true }
            if Self.isJunk(tag) || Self.isHidden(node) {
                doomed.append(node)
                return false
            }
            if tag == .header {
                // A page or article header: masthead, navigation, the headline and byline. Never the story,
                // unless a broken template put everything inside it.
                if Double(stats[node]?.text ?? 0) < 0.5 * Double(total) {
                    doomed.append(node)
                    return false
                }
                return true
            }
            if tag == .form, (stats[node]?.paragraphs ?? 0) < 3 {
                doomed.append(node)
                return false
            }
            let key = ClassHints.key(node)
            if ClassHints.isUnlikely(key), tag != .a, tag != .html {
                let share = Double(stats[node]?.text ?? 0) / Double(total)
                // Wrappers with names like `has-sidebar` hold the whole page; keep anything that big.
                if share < 0.5 || (key.contains("comment") && !key.contains("comments-open")) {
                    doomed.append(node)
                    return false
                }
            }
            return true
        }
        for node in doomed { document.detach(node) }
    }

    static func isHidden(_ node: HTMLNode) -> Bool {
        if node.hasAttribute("hidden") { return true }
        if node.attribute("aria-hidden") == "true" { return true }
        if let style = node.attribute("style") {
            let compact = style.lowercased().filter { $0 != " " }
            if compact.utf8Contains("display:none") || compact.utf8Contains("visibility:hidden") { return true }
        }
        return false
    }

    /// The story's element(s), in document order; the body when nothing scores.
    func find(in body: HTMLNode) -> [HTMLNode] {
        let stats = TextMeasure.stats(of: body)
        // Pointer-keyed (no SipHash per lookup); `candidates` keeps the scored elements in the order first scored.
        var scores = PointerTable<Double>()
        var candidates: [HTMLNode] = []

        func initialScore(_ node: HTMLNode) -> Double {
            var score: Double
            switch node.tag {
            case .div, .section: score = 5
            case .article: score = 10
            case .main: score = 5
            case .pre, .td, .blockquote: score = 3
            case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score = -3
            case .h1, .h2, .h3, .h4, .h5, .h6, .th: score = -5
            case .body, .html: score = -10
            default: score = 0
            }
            // A good name on a box with a single paragraph (a Bootstrap `card-body`) counts for less.
            let weight = ClassHints.weight(ClassHints.key(node))
            let measured = stats[node] ?? TextStats()
            score += weight > 0 && measured.paragraphs < 2 && measured.text < 500 ? weight / 5 : weight
            if let itemprop = node.attribute("itemprop"), itemprop.utf8Contains("articleBody") { score += 50 }
            if let type = node.attribute("itemtype"), type.utf8Contains("Article") || type.utf8Contains("BlogPosting") {
                score += 15
            }
            return score
        }

        body.forEachDescendantElement { node in
            let tag = node.tag
            let isParagraph: Bool
            switch tag {
            case .p, .pre: isParagraph = true
            case .div, .section, .span, .font, .center, .td:
                // A block without block children stands for a paragraph (text written straight into divs).
                isParagraph = tag != .span && !Self.hasBlockChild(node)
            default: isParagraph = false
            }
            guard isParagraph, let measured = stats[node], measured.text >= 25 else { return true }
            let score = 1 + Double(measured.commas) + min(Double(measured.text) / 100, 3)
            var ancestor = node.parent
            var level = 0
            while let current = ancestor, level < 5 {
                if current.tag == .html { break }
                let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level) * 3)
                if let previous = scores[current.pointer] {
                    scores[current.pointer] = previous + score / divider
                } else {
                    candidates.append(current)
                    scores[current.pointer] = initialScore(current) + score / divider
                }
                ancestor = current.parent
                level += 1
            }
            return tag != .p && tag != .pre
        }

        var best: HTMLNode?
        var bestScore = -Double.infinity
        var finals = PointerTable<Double>()
        for node in candidates {
            let density = stats[node]?.linkDensity ?? 0
            let final = scores[node.pointer]! * (1 - density)
            finals[node.pointer] = final
            if final > bestScore || (final == bestScore && best.map { $0.contains(node) } == true) {
                best = node
                bestScore = final
            }
        }
        guard var top = best else { return [body] }
        top = Self.widenToRepeats(top, stats: stats, body: body)

        // Siblings that belong with the winner: well scored, or plain paragraphs of prose.
        guard let parent = top.parent, top != body else { return [top] }
        let threshold = max(10, bestScore * 0.2)
        let topClass = top.attribute("class")
        var result: [HTMLNode] = []
        for sibling in parent.elementChildren {
            if sibling == top {
                result.append(sibling)
                continue
            }
            let siblingKey = ClassHints.key(sibling)
            if ClassHints.isUnlikely(siblingKey) || ClassHints.weight(siblingKey) < 0 { continue }
            var score = finals[sibling.pointer] ?? 0
            if let topClass, !topClass.isEmpty, sibling.attribute("class") == topClass { score += bestScore * 0.2 }
            if score >= threshold {
                result.append(sibling)
                continue
            }
            guard sibling.name == "p", let measured = stats[sibling] else { continue }
            let density = measured.linkDensity
            if measured.text > 80, density < 0.25 {
                result.append(sibling)
            } else if measured.text > 0, measured.text <= 80, density == 0 {
                let text = ArticleText.collapse(sibling.textContent)
                if let last = text.last, ".!?…\"”".contains(last) { result.append(sibling) }
            }
        }
        return result
    }

    /// A story told in repeated blocks (live-blog entries, paragraphs wrapped one per `div`): when the winner,
    /// or an ancestor within two levels, has at least two siblings of the same tag and class with real text,
    /// their common parent is the story.
    static func widenToRepeats(_ top: HTMLNode, stats: StatsTable, body: HTMLNode) -> HTMLNode {
        var node = top
        for _ in 0..<3 {
            guard let parent = node.parent, node != body, parent != body else { break }
            let signature = (node.name, node.attribute("class") ?? "")
            let ownText = stats[node]?.text ?? 0
            var alike = 0
            for sibling in parent.elementChildren where sibling != node {
                guard sibling.name == signature.0, (sibling.attribute("class") ?? "") == signature.1,
                    let measured = stats[sibling], measured.text >= max(25, ownText / 4), measured.linkDensity < 0.3
                else { continue }
                alike += 1
            }
            if alike >= 2 { return parent }
            node = parent
        }
        return top
    }

    static func isBlock(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .address, .article, .aside, .blockquote, .dd, .div, .dl, .dt, .fieldset, .figure, .footer, .form, .h1,
            .h2, .h3, .h4, .h5, .h6, .header, .hr, .li, .main, .nav, .ol, .p, .pre, .section, .table, .ul, .tr, .td,
            .th, .tbody, .thead:
            true
        default: false
        }
    }

    static func hasBlockChild(_ node: HTMLNode) -> Bool {
        var child = node.firstChild
        while let current = child {
            if isBlock(current.tag) { return true }
            child = current.nextSibling
        }
        return false
    }
}
