/// Finds the element(s) holding the story: strips page furniture, scores paragraphs into their ancestors
/// (text length, commas, class/id hints, semantic tags, schema.org `articleBody`), discounts link-heavy
/// candidates, then gathers siblings that belong to the winner.
struct ContentFinder {
    let document: HTMLDocument
    /// The page's visible headline, noted before the strip.
    var headline: HeadlineAnchor? = nil

    /// Tags that never hold article text.
    static func isJunk(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .script, .style, .noscript, .template, .svg, .canvas, .link, .meta, .nav, .aside, .footer, .dialog,
            .button, .select, .input, .textarea, .menu, .object, .embed, .map:
            true
        default: false
        }
    }

    /// Removes scripts, navigation, hidden and unlikely boxes from the whole page, except `protected` and its
    /// ancestors: whatever a rule says of a name or a tag (`has-sidebar`, `paywall`, a `<header>` or `<noscript>`
    /// wrapped around a whole page), no rule removes the element that holds the story.
    /// `measured`: the body's stats from the provisional pass, when nothing has changed since (saves a walk).
    func strip(_ root: HTMLNode, protecting protected: HTMLNode?, measured: StatsTable? = nil) {
        let stats = measured ?? TextMeasure.stats(of: root)
        let total = max(stats[root]?.text ?? document.body.flatMap { stats[$0]?.text } ?? 1, 1)
        var keep: [OpaquePointer] = []
        /// `node` and every box around it.
        func keepWithAncestors(_ node: HTMLNode?) {
            guard let node else { return }
            keep += sequence(first: node, next: \.parent).map(\.pointer)
        }
        keepWithAncestors(protected)
        // And the wrappers inside it that hold most of its text (`elementor-widget-container`,
        // `entry-content-read-more`): removing one would empty the story as surely as removing the story.
        var cursor = protected
        while let node = cursor, let text = stats[node]?.text, text > 0 {
            cursor = node.elementChildren.first {
                guard let inner = stats[$0] else { return false }
                // Not a gallery or a list of teasers (link-heavy), not what the first look skipped.
                return Double(inner.text) >= 0.5 * Double(text) && inner.linkDensity < 0.4 && !Self.skippedBeforeStrip($0)
            }
            if let inner = cursor { keep.append(inner.pointer) }
        }
        // The boxes around the page's `<main>`: a layout wrapper named for what sits beside the content
        // (`left-navigation_page`) holds the content too.
        if let main = Self.mainElement(in: root) { keepWithAncestors(main.parent) }
        // And the boxes around the headline's story: the innermost box around the headline that holds paragraphs
        // of its own (not the header beside the story), and the boxes around that.
        if let path = headline?.path,
            !path.contains(where: { Self.isJunk($0.tag) || Self.isHidden($0) }),
            let story = path.dropFirst().first(where: {
                $0.tag != .header && (stats[$0]?.paragraphs ?? 0) >= Self.headlineStoryParagraphs
            })
        {
            keepWithAncestors(story)
        }
        var doomed: [HTMLNode] = []
        root.forEachDescendantElement { node in
            let tag = node.tag
            if tag == .body || tag == .main || tag == .article { return true }
            if keep.contains(node.pointer) { return true }
            if Self.wrapsStory(node, stats: stats, of: total) { return true }
            if Self.isJunk(tag) || Self.isHidden(node) {
                doomed.append(node)
                return false
            }
            if tag == .header {
                // A page or article header: masthead, navigation, the headline and byline. Never the story,
                // unless a broken template put everything inside it; the article's header holding the standfirst
                // is left to the cleaner, which keeps the standfirst.
                if Double(stats[node]?.text ?? 0) < 0.5 * Double(total), !LeadParagraph.isHeld(by: node, stats: stats),
                    !BoxHeader.isBoxHeader(node, stats: stats)
                {
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
            // However big (a privacy popup can outweigh the story): a wrapper named like furniture around the
            // story itself (`has-sidebar`) is spared by `protected`, when the extractor strips a second time.
            if ClassHints.isUnlikely(key), tag != .a, tag != .html, !Self.isInlineRun(node) {
                doomed.append(node)
                return false
            }
            return true
        }
        for node in doomed { document.detach(node) }
    }

    /// The fewest paragraphs of the box around the headline that the strip spares with its story.
    static let headlineStoryParagraphs = 3

    /// The page's one visible `<main>`, if it has exactly one.
    static func mainElement(in root: HTMLNode) -> HTMLNode? {
        var found: [HTMLNode] = []
        root.forEachDescendantElement { node in
            if node.tag == .main {
                if !isHidden(node) { found.append(node) }
                return false
            }
            return found.count < 2
        }
        return found.count == 1 ? found[0] : nil
    }

    static func isHidden(_ node: HTMLNode) -> Bool {
        if node.hasAttribute("hidden") { return true }
        if node.attribute("aria-hidden", is: "true") { return true }
        // The style lowercased and without spaces, in bytes (see HTMLNode.attribute(_:compactContains:)).
        return node.attribute("style", compactContains: ["display:none", "visibility:hidden"])
    }

    /// What one paragraph adds to its ancestors: more for length and commas (prose), but a list of names or
    /// tags written as one comma-separated line is not prose however many commas it has, and the part of a
    /// paragraph that is links counts for nothing.
    static func paragraphScore(_ measured: TextStats) -> Double {
        // More than a comma every 25 characters is a list (names, tags, figures), not sentences.
        let commas = measured.commas * 25 > measured.text ? 0 : min(Double(measured.commas), maximumCommasPerParagraph)
        return (1 + commas + min(Double(measured.text) / 100, 3)) * (1 - measured.linkDensity)
    }

    static let maximumCommasPerParagraph = 12.0

    /// Where scoring stands after one walk.
    struct Scoring {
        var stats: StatsTable
        var best: HTMLNode?
        var bestScore: Double
        var finals: PointerTable<Double>
        /// The best candidates after the winner, best first (at most `alternativesKept`).
        var runnersUp: [(node: HTMLNode, score: Double)] = []
        /// Every scored element, in the order first scored.
        var candidates: [HTMLNode] = []
    }

    static let alternativesKept = 4
    static let minimumPartText = 80
    static let maximumPartLinkDensity = 0.1
    static let maximumSiblingLinkDensity = 0.33

    /// Elements whose text a first look at an unstripped page does not score: navigation, asides, footers, dialogs,
    /// and what is hidden. Everything else counts, even inside a `<header>` or `<noscript>` (a few templates put
    /// the whole page there).
    static func skippedBeforeStrip(_ node: HTMLNode) -> Bool {
        switch node.tag {
        case .nav, .aside, .footer, .dialog, .menu, .script, .style, .template, .select, .textarea, .button: true
        case .form: !hasParagraphs(node, atLeast: 3)
        case .a: isHidden(node)
        default: isHidden(node) || ClassHints.isNeverStory(ClassHints.key(node))
        }
    }

    /// Tags that usually hold furniture but are only containers: a template that forgets to close its `<nav>`,
    /// wraps the whole page in a `<header>`, or ships the story in `<noscript>` puts the story inside one. (Not
    /// `<form>`: consent managers are forms holding more text than many stories.)
    static func isContainerTag(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .nav, .noscript, .header: true
        default: false
        }
    }

    /// A box whose tag usually marks furniture but that holds the story: a container tag holding most of the text
    /// (`holdsMostText`), or a `<form>` around nearly all of it (ASP.NET WebForms wrap every page in one
    /// `<form>`; a consent manager's form sits beside the page, not around it).
    static func wrapsStory(_ node: HTMLNode, stats: StatsTable, of total: Int) -> Bool {
        let tag = node.tag
        if isContainerTag(tag) { return !isHidden(node) && holdsMostText(node, stats: stats, of: total) }
        guard tag == .form, let measured = stats[node], total > 0 else { return false }
        return Double(measured.text) >= 0.8 * Double(total) && measured.linkDensity < 0.5 && !isHidden(node)
    }

    /// Whether `node` holds most of the text of `total` and is not made of links: whatever its tag says, it
    /// holds the story (or the story is inside it). Hidden boxes are not spared: what a page hides stays hidden.
    static func holdsMostText(_ node: HTMLNode, stats: StatsTable, of total: Int) -> Bool {
        guard let measured = stats[node], total > 0 else { return false }
        return Double(measured.text) >= 0.5 * Double(total) && measured.linkDensity < 0.5
    }

    /// The best candidate on the page as it is, before `strip`, and how much text it shows (what the first look
    /// skips left out): the yardstick for whether stripping gutted the story.
    func provisionalBest(in body: HTMLNode) -> (node: HTMLNode, text: Int, stats: StatsTable)? {
        let scoring = score(in: body) { node, stats in
            guard Self.skippedBeforeStrip(node) else { return false }
            return !Self.wrapsStory(node, stats: stats, of: stats[body]?.text ?? 0)
        }
        guard let best = scoring.best, var text = scoring.stats[best]?.text else { return nil }
        best.forEachDescendantElement { node in
            guard Self.skippedBeforeStrip(node), !Self.holdsMostText(node, stats: scoring.stats, of: text) else {
                return true
            }
            text -= scoring.stats[node]?.text ?? 0
            return false
        }
        return (best, text, scoring.stats)
    }

    /// The story's element(s), in document order; the body when nothing scores.
    func find(in body: HTMLNode) -> [HTMLNode] { findMeasured(in: body).nodes }

    /// `find`, with the stats of the body it scored (nodes detached before are not in them).
    func findMeasured(in body: HTMLNode) -> (nodes: [HTMLNode], stats: StatsTable) {
        let scoring = score(in: body, skip: nil)
        return (pick(scoring, in: body), scoring.stats)
    }

    /// Fewer characters than a story has: what scoring found is a box of the page, not its story.
    static let minimumStoryText = 500

    /// The story's element(s); when scoring found less than a story (`minimumStoryText`) inside the page's `<main>`
    /// or an `<article>` that holds more and is not made of links, that element: a page of short blocks (features
    /// listed with a line each) gives no block the score of a story, and the box that wins is one of them.
    private func pick(_ scoring: Scoring, in body: HTMLNode) -> [HTMLNode] {
        var result = pickScored(scoring, in: body)
        let stats = scoring.stats
        if let first = result.first, let writer = Self.boxWrittenIn(around: first, stats: stats, body: body) {
            result = [writer]
        }
        let found = result.reduce(0) { $0 + (stats[$1]?.text ?? 0) }
        guard found < Self.minimumStoryText, let first = result.first else { return result }
        var ancestor = first.parent
        while let current = ancestor, current != body, current.tag != .html {
            if current.tag == .main || current.tag == .article {
                guard let measured = stats[current], measured.text > found,
                    measured.linkDensity < Self.maximumSiblingLinkDensity
                else { return result }
                return [current]
            }
            ancestor = current.parent
        }
        return result
    }

    /// The box around `node` in which the story is written: one holding paragraphs of prose of its own, as children,
    /// at least a story's worth (`minimumStoryText`). What won the scoring inside it is something the template
    /// embedded in the story (a gallery's captions, a list whose items outscore the prose around them), not the
    /// story. Not past an `<article>` or `<main>` around the winner: that is the story's edge.
    static func boxWrittenIn(around node: HTMLNode, stats: StatsTable, body: HTMLNode) -> HTMLNode? {
        var ancestor = node.parent
        while let current = ancestor, current != body, current.tag != .html {
            var paragraphs = 0
            var prose = 0
            for child in current.elementChildren where child.tag == .p {
                guard let measured = stats[child], measured.text > 80, measured.linkDensity < 0.25 else { continue }
                paragraphs += 1
                prose += measured.text
            }
            if paragraphs >= 3, prose >= minimumStoryText { return current }
            if current.tag == .article || current.tag == .main { return nil }
            ancestor = current.parent
        }
        return nil
    }

    private func pickScored(_ scoring: Scoring, in body: HTMLNode) -> [HTMLNode] {
        let stats = scoring.stats
        let bestScore = scoring.bestScore
        let finals = scoring.finals
        guard var top = scoring.best else { return [body] }
        if let anchor = headline?.anchor(in: body),
            let moved = Self.towardHeadline(top, anchor: anchor, scoring: scoring)
        {
            top = moved
        }
        top = Self.climb(from: top, scoring: scoring, body: body)

        // Siblings that belong with the winner: well scored, or plain paragraphs of prose. A winner that is an only
        // child (of wrappers that hold nothing else) has the siblings, and the repeats, of its outermost wrapper.
        var level = top
        while let outer = level.parent, outer != body, outer.tag != .html, Self.onlyElementChild(outer) == level { level = outer }
        let widened = Self.widenToRepeats(level, stats: stats, body: body)
        if widened != level { (top, level) = (widened, widened) }
        guard let parent = level.parent, level != body else { return [top] }
        let topScore = finals[level.pointer] ?? finals[top.pointer] ?? bestScore
        let threshold = max(10, topScore * 0.2)
        let topClass = level.attribute("class")
        var result: [HTMLNode] = []
        for sibling in parent.elementChildren {
            if sibling == level {
                result.append(top)
                continue
            }
            let siblingKey = ClassHints.key(sibling)
            if ClassHints.isUnlikely(siblingKey) || ClassHints.weight(siblingKey) < 0 { continue }
            var score = finals[sibling.pointer] ?? 0
            let alike = topClass.map { !$0.isEmpty && Self.block(sibling) == Self.block(level) } ?? false
            if let topClass, !topClass.isEmpty, sibling.attribute("class") == topClass { score += topScore * 0.2 }
            // A part of the story in a box of the winner's kind (page builders give every row one class) that holds
            // no paragraph to score: a standfirst written as a heading, a passage in bare text. Prose (a comma at
            // least), not links: a contact box in the same kind of box is lines of names and numbers.
            if alike, let measured = stats[sibling], measured.text >= Self.minimumPartText, measured.commas > 0,
                measured.linkDensity < Self.maximumPartLinkDensity
            {
                result.append(sibling)
                continue
            }
            // A column of teasers scores too, but its headlines are links.
            if score >= threshold, (stats[sibling]?.linkDensity ?? 0) < Self.maximumSiblingLinkDensity {
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

    /// Scores every paragraph into its ancestors and picks the best candidate; `skip` leaves subtrees out.
    func score(in body: HTMLNode, skip: ((HTMLNode, StatsTable) -> Bool)?) -> Scoring {
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

        func credit(_ score: Double, from start: HTMLNode?) {
            var ancestor = start
            var level = 0
            while let current = ancestor, level < 5 {
                if current.tag == .html { break }
                // Inline wrappers around paragraphs (`<span><p>…</p></span>`) are not a level of the layout.
                if Self.isInlineWrapper(current.tag) {
                    ancestor = current.parent
                    continue
                }
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
        }

        body.forEachDescendantElement { node in
            if let skip, skip(node, stats) { return false }
            let tag = node.tag
            let isParagraph: Bool
            switch tag {
            case .p, .pre: isParagraph = true
            case .div, .section, .span, .font, .center, .td:
                // A block without block children stands for a paragraph (text written straight into divs).
                isParagraph = tag != .span && !Self.hasBlockChild(node)
            case .li:
                // A list item of prose (posts written as bullet lists); menus and link lists score nothing
                // through their link density.
                isParagraph = (stats[node]?.text ?? 0) >= 80 && !Self.hasBlockChild(node)
            default: isParagraph = false
            }
            if !isParagraph {
                // Prose written straight into a block beside block children (lines split by `<br>` under a `<p>`
                // headline) is a paragraph of that block.
                if tag == .div || tag == .section || tag == .td || tag == .article || tag == .main || tag == .blockquote,
                    let own = Self.ownInlineText(node, stats: stats), own.text >= 100, own.linkDensity < 0.5,
                    own.commas * 25 < own.text, Self.hasChild(node, .br)
                {
                    // Weighed as the paragraphs it holds, not as one: five paragraphs split by <br> are a story.
                    credit(Self.paragraphScore(own) * max(1, Double(own.text) / 250), from: node)
                }
                return true
            }
            guard var measured = stats[node], measured.text >= 25 else { return true }
            // A list item's commas are more often a citation's or a spec's than prose's.
            if tag == .li { measured.commas = 0 }
            credit(Self.paragraphScore(measured), from: node.parent)
            return tag != .p && tag != .pre
        }

        var best: HTMLNode?
        var bestScore = -Double.infinity
        var finals = PointerTable<Double>()
        var runnersUp: [(node: HTMLNode, score: Double)] = []
        func rank(_ node: HTMLNode, _ score: Double) {
            guard runnersUp.count < Self.alternativesKept || score > runnersUp[runnersUp.count - 1].score else { return }
            let at = runnersUp.firstIndex { score > $0.score } ?? runnersUp.count
            runnersUp.insert((node, score), at: at)
            if runnersUp.count > Self.alternativesKept { runnersUp.removeLast() }
        }
        for node in candidates {
            let density = stats[node]?.linkDensity ?? 0
            let final = scores[node.pointer]! * (1 - density)
            finals[node.pointer] = final
            if final > bestScore || (final == bestScore && best.map { $0.contains(node) } == true) {
                if let previous = best { rank(previous, bestScore) }
                best = node
                bestScore = final
            } else {
                rank(node, final)
            }
        }
        return Scoring(
            stats: stats, best: best, bestScore: bestScore, finals: finals, runnersUp: runnersUp, candidates: candidates)
    }

    /// From the best-scored element up to the box that holds the whole story, when the story is told in several
    /// boxes (sections of a long post, one `<section>` per part, a lede box apart from the body):
    /// - when three of the runners-up score nearly as well (three quarters), their closest common ancestor with
    ///   the winner;
    /// - an ancestor whose score rises above the one below it (more of the story is around it), within the
    ///   ancestors that keep a third of the winner's score.
    static func climb(from best: HTMLNode, scoring: Scoring, body: HTMLNode) -> HTMLNode {
        var top = best
        let bestScore = scoring.bestScore
        guard bestScore > 0 else { return top }
        // Parts of one story are alike (`div.section`, `section.post-part`); a column of teasers is not the story's kind.
        let signature = (best.tag, firstClass(best))
        let close = scoring.runnersUp.filter {
            $0.score >= 0.75 * bestScore && $0.node.tag == signature.0 && firstClass($0.node) == signature.1
                && !$0.node.contains(best) && !best.contains($0.node)
        }
        if close.count >= 3 {
            var ancestor = best.parent
            while let current = ancestor, current != body, current.tag != .html {
                if close.filter({ current.contains($0.node) }).count >= 3 {
                    top = current
                    break
                }
                ancestor = current.parent
            }
        }
        var lastScore = scoring.finals[top.pointer] ?? bestScore
        let floor = lastScore / 3
        var ancestor = top.parent
        while let current = ancestor, current != body, current.tag != .html {
            ancestor = current.parent
            guard let score = scoring.finals[current.pointer] else { continue }
            if score < floor { break }
            if score > lastScore {
                top = current
                break
            }
            lastScore = score
        }
        return top
    }

    /// The text of `node` outside its block children: what sits in it as bare text and inline elements.
    static func ownInlineText(_ node: HTMLNode, stats: StatsTable) -> TextStats? {
        guard var own = stats[node], own.text >= 100 else { return nil }
        var child = node.firstChild
        while let current = child {
            if current.isElement, isBlock(current.tag) || hasBlockChild(current), let measured = stats[current] {
                own.text -= measured.text
                own.link -= measured.link
                own.commas -= measured.commas
            }
            child = current.nextSibling
        }
        return own
    }

    /// A story told in repeated blocks (live-blog entries, paragraphs wrapped one per `div`, a page builder's rows):
    /// when the winner, or an ancestor within five levels (a builder's row stacks five wrappers around its text
    /// boxes), has at least two siblings of the same tag and first class with real text, their common parent is the
    /// story.
    static func widenToRepeats(_ top: HTMLNode, stats: StatsTable, body: HTMLNode) -> HTMLNode {
        var node = top
        for _ in 0..<6 {
            // The repeated unit may be the node inside inline wrappers of its own (`<span><span><div class="step">`).
            var unit = node
            while let outer = unit.parent, isInlineWrapper(outer.tag), onlyElementChild(outer) == unit { unit = outer }
            guard let parent = unit.parent, unit != body, parent != body else { break }
            let signature = (node.name, Self.firstClass(node))
            let ownText = stats[node]?.text ?? 0
            var alike = 0
            for wrapped in parent.elementChildren where wrapped != unit {
                // Look through inline wrappers: `<span><span><div class="step">` repeats `<div class="step">`.
                var sibling = wrapped
                while isInlineWrapper(sibling.tag), let only = Self.onlyElementChild(sibling) { sibling = only }
                guard sibling.name == signature.0, Self.firstClass(sibling) == signature.1,
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

    static func hasParagraphs(_ node: HTMLNode, atLeast wanted: Int) -> Bool {
        var count = 0
        node.forEachDescendantElement { element in
            if element.tag == .p { count += 1 }
            return count < wanted
        }
        return count >= wanted
    }

    /// The first class name: blocks of one kind share it even when one carries a modifier more
    /// (`o-article_block cf` and `o-article_block cf js-after-quote`).
    static func firstClass(_ node: HTMLNode) -> Substring {
        (node.attribute("class") ?? "").split(separator: " ", maxSplits: 1).first ?? ""
    }

    /// The kind of box a first class names: the whole name, or a BEM block (`article` of `article__perex` and
    /// `article__content`, parts of one article).
    static func block(_ node: HTMLNode) -> Substring {
        let name = firstClass(node)
        guard let range = name.range(of: "__"), range.lowerBound > name.startIndex else { return name }
        return name[..<range.lowerBound]
    }

    static func onlyElementChild(_ node: HTMLNode) -> HTMLNode? {
        var found: HTMLNode?
        var child = node.firstChild
        while let current = child {
            if current.isElement {
                if found != nil { return nil }
                found = current
            }
            child = current.nextSibling
        }
        return found
    }

    /// An element that browsers lay out inline (a phrasing tag, or a custom element, inline unless styled) and that
    /// holds no block: words of a line, not a box of the layout. Names mark furniture on boxes; on an inline element
    /// they are often a script's own (a formula renderer's `ContextMenu_Ready`), so the strip leaves it to the cleaner.
    static func isInlineRun(_ node: HTMLNode) -> Bool {
        switch node.tag {
        case .span, .font, .em, .strong, .b, .time, .other: !hasBlockChild(node)
        default: false
        }
    }

    static func isInlineWrapper(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .span, .font, .a, .b, .strong, .em: true
        default: false
        }
    }

    static func hasChild(_ node: HTMLNode, _ tag: HTMLTag) -> Bool {
        var child = node.firstChild
        while let current = child {
            if current.tag == tag { return true }
            child = current.nextSibling
        }
        return false
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
