import Testing

@testable import FeeddContent

/// One story of our own, rendered into the layouts in which real templates hide it: each case reproduces a class
/// of page on which boilerplate rules used to remove the story's own box (names that merely contain a furniture
/// word, builders that name every box `widget`, a `<header>` or `<noscript>` around everything, bare text with
/// `<br>`s, comments longer than the post).
@Suite("ArticleExtractor keeps the story whatever its box is called")
struct ExtractLayoutClassTests {
    static let paragraphs = [
        "The foreign ministers of six neighbouring countries said on Tuesday that they would keep their embassies in Kabul open through the winter, and asked for the road crossings closed since August to reopen for food, fuel and medicine.",
        "In a joint statement read at the end of a two-day meeting in Tashkent, the ministers called for an inclusive government, for girls to return to secondary schools, and for a regional fund to pay teachers and health workers directly.",
        "Officials from two delegations said the text had been argued over until late at night, with one country asking for firmer language on security along the northern border and another for a timetable on trade corridors.",
        "Aid agencies welcomed the statement but warned that pledges made at earlier meetings had been only partly paid, and that more than half of the population would need help with food before the spring harvest.",
        "The ministers agreed to meet again in March, and said envoys would travel to Kabul before then to discuss the border crossings and the payment of salaries with the authorities there.",
    ]

    static let story = paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n")

    static let sidebar = """
        <aside class="widget-area"><h3>Most Read</h3><ul>
        <li><a href="/a">Markets steady as traders wait for figures</a></li>
        <li><a href="/b">Weather service warns of heavy snow in the passes</a></li>
        <li><a href="/c">Cricket board names squad for the spring series</a></li></ul></aside>
        """

    static let footer = """
        <footer class="site-footer"><p>Kabul Daily Times, 14 Example Road, Shar-e Naw, Kabul. Telephone 000 000 0000.
        Copyright 2024, all rights reserved, reproduction without permission is prohibited.</p></footer>
        """

    /// A real page's furniture outweighs its story: a long menu and a block of short notices under it. (Rules
    /// that only spared a box holding half the page's text did not spare the story on such pages.)
    static let menu = (1...30).map { #"<a href="/section/\#($0)">Section number \#($0)</a>"# }.joined(separator: " ")

    static let notices = """
        <div id="bottom-region"><div class="region-inner">
        \((1...8).map { #"<p><a href="/notices/\#($0)">Notice \#($0): the office is closed on public holidays</a> and opens at eight</p>"# }.joined())
        </div></div>
        """

    static func page(_ body: String) -> [UInt8] {
        Array(
            """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Neighbours pledge to keep embassies open</title></head>
            <body><nav class="menu">\(menu)</nav>
            \(body)
            \(notices)
            \(footer)</body></html>
            """.utf8)
    }

    static func extract(_ body: String) throws -> String {
        try ArticleExtractor.extract(page(body), options: ExtractOptions(url: "https://news.example/2024/03/12/neighbours-pledge/")).text
    }

    static func expectWholeStory(_ text: String, _ comment: Comment) {
        for paragraph in paragraphs { #expect(text.contains(paragraph), comment) }
        #expect(!text.contains("Most Read"), comment)
        #expect(!text.contains("Telephone"), comment)
        #expect(!text.contains("Notice 3"), comment)
    }

    static let wrappers: [(String, String)] = [
        ("a layout wrapper named after its sidebar",
         #"<div class="content-sidebar-wrap"><main class="content"><article><div class="entry-content">\#(story)</div></article></main>\#(sidebar)</div>"#),
        ("a two-column panel named sidebar-right",
         #"<div class="panel-two-col-sidebar-right-mix"><div class="panel-main">\#(story)</div>\#(sidebar)</div>"#),
        ("a page-builder row whose name contains pager",
         #"<div class="PageBuilder-pageRow"><div class="PageBuilder-col">\#(story)</div></div><div class="pager"><a href="/p/2">Next page</a></div>"#),
        ("a body named entry-content-read-more",
         #"<article><div class="entry-content entry-content-read-more">\#(story)</div></article>\#(sidebar)"#),
        ("a metered story marked paywall",
         #"<article><div class="article-text paywall isPaywall">\#(story)</div></article>\#(sidebar)"#),
        ("ad margins around the page",
         #"<div class="Page-ad-margins"><div class="Page-content">\#(story)</div></div>\#(sidebar)"#),
        ("a page builder that names every box widget",
         #"<div class="elementor-section"><div class="elementor-widget-wrap"><div class="elementor-element post-content elementor-widget"><div class="elementor-widget-container">\#(story)</div></div></div></div>\#(sidebar)"#),
        ("a story whose share bar is switched off",
         #"<div class="post no-share"><div class="entry-content no-share">\#(story)</div></div>\#(sidebar)"#),
        ("a docked share bar named on the article",
         #"<article class="article-container docked-sharebar-content"><div class="paragraphs">\#(story)</div></article>\#(sidebar)"#),
        ("a header element around the whole page",
         #"<header class="main-header"><div class="logo">Kabul Daily Times</div><div class="content-news">\#(story)</div></header>\#(sidebar)"#),
        ("a story only inside noscript",
         #"<noscript><div id="main-column"><div id="text-column">\#(story)</div></div></noscript>\#(sidebar)"#),
    ]

    @Test(arguments: wrappers.indices)
    func storyInsideAWrapperNamedLikeFurniture(_ index: Int) throws {
        let (name, body) = Self.wrappers[index]
        Self.expectWholeStory(try Self.extract(body), "\(name)")
    }

    @Test func sectionsWithSlugIdsAreNotFurniture() throws {
        // Documentation pages give each section the slug of its heading; `sharing-…` names the text, not a share bar.
        let sections = Self.paragraphs.enumerated().map { index, paragraph in
            #"<div class="section" id="sharing-the-work-between-delegations-\#(index)"><h2>Part \#(index + 1)</h2><p>\#(paragraph)</p></div>"#
        }.joined()
        Self.expectWholeStory(try Self.extract(#"<div class="content">\#(sections)</div>\#(Self.sidebar)"#), "slug ids")
    }

    @Test func sectionsWithSlugIdsAndAGeneratedSuffixAreNotFurniture() throws {
        // Book-like pages make each slug unique with a suffix of their own: `…-replies-from-the-ministers-Xq7Tb2`.
        let sections = Self.paragraphs.enumerated().map { index, paragraph in
            #"<section id="replies-from-the-ministers-\#(index)-Xq7Tb\#(index)"><h2>Part \#(index + 1)</h2><p>\#(paragraph)</p></section>"#
        }.joined()
        Self.expectWholeStory(try Self.extract(#"<div class="content">\#(sections)</div>\#(Self.sidebar)"#), "slug ids")
    }

    @Test func bareTextWithLineBreaksBesideAHeadline() throws {
        // The story is bare text split by <br>s beside a headline too short to score; the only scored paragraphs
        // are in an "about" box, which used to win.
        let bare = Self.paragraphs.joined(separator: "<br><br>\n")
        let about = """
            <div class="site-info"><p>The Kabul Daily Times has reported from the region since 2009, with offices in \
            Kabul and Herat, and publishes in English, Dari and Pashto every day.</p><p>Letters, corrections and tips \
            reach the newsroom by post, by telephone or through the form on our contact page, and are answered within \
            a week.</p></div>
            """
        let text = try Self.extract(#"<div id="story"><p><b>Embassies stay open</b></p>\#(bare)</div>\#(about)"#)
        Self.expectWholeStory(text, "bare text")
        #expect(!text.contains("reported from the region since 2009"))
    }

    @Test func stepsWrappedInSpansAreOneStory() throws {
        let steps = Self.paragraphs.map {
            #"<span><span><div class="mod step"><div class="content"><span><p>\#($0)</p></span></div></div></span></span>"#
        }.joined()
        Self.expectWholeStory(try Self.extract("<article>\(steps)</article>\(Self.sidebar)"), "span-wrapped steps")
    }

    @Test func aListOfNamesIsNotProse() throws {
        // A "kudos" line of reader names: thousands of commas, no sentence.
        let names = (1...600).map { "reader\($0)" }.joined(separator: ", ")
        let body = #"<div id="work"><div class="chapter">\#(Self.story)</div></div><div id="kudos"><p>\#(names) left kudos on this work!</p></div>"#
        let text = try Self.extract(body)
        Self.expectWholeStory(text, "kudos")
        #expect(!text.contains("reader42"))
    }

    @Test func nulBytesDoNotEndThePage() throws {
        // libxml2 stops reading at a NUL byte; browsers read on. `@@` marks where two NUL bytes go.
        let marked = Self.page(#"<div class="tracking">@@</div><article><div class="entry-content">\#(Self.story)</div></article>"#)
        let at = try #require((0..<(marked.count - 1)).first { marked[$0] == 0x40 && marked[$0 + 1] == 0x40 })
        var bytes = marked
        bytes[at] = 0
        bytes[at + 1] = 0
        let text = try ArticleExtractor.extract(bytes, options: ExtractOptions()).text
        Self.expectWholeStory(text, "NUL")
    }

    @Test func storyInsideNoscriptInsideThePost() throws {
        // Blogger's templates write the post into <noscript> for readers without script.
        let body = #"<div class="post"><div class="post-body"><div class="post-content"><script>render()</script><noscript>\#(Self.story)</noscript></div></div></div>\#(Self.sidebar)"#
        Self.expectWholeStory(try Self.extract(body), "noscript")
    }

    @Test func anUnclosedNavigationHoldsThePage() throws {
        let body = #"<nav class="navbar"><a href="/">Home</a> <a href="/news">News</a><div class="container"><article><div class="entry-content">\#(Self.story)</div></article>"#
        Self.expectWholeStory(try Self.extract(body), "unclosed nav")
    }

    @Test func aPrivacyPopupOutweighingTheStoryGoes() throws {
        let clause = "<p>We and our partners store and read information on your device, such as cookies, to measure visits, to show content and to improve this service, as described in section \(0).</p>"
        let popup = #"<div class="privacy-popup popup-overlay">\#((1...30).map { clause.replacingOccurrences(of: "\(0)", with: "\($0)") }.joined())</div>"#
        let text = try Self.extract(#"<article><div class="entry-content">\#(Self.story)</div></article>\#(popup)"#)
        Self.expectWholeStory(text, "privacy popup")
        #expect(!text.contains("our partners store"))
    }

    @Test(arguments: [
        #"<article><header><h1>Neighbours pledge to keep embassies open</h1><p class="standfirst">\#(standfirst)</p></header><div class="entry-content">\#(story)</div></article>"#,
        #"<article><div class="articlehead"><p class="subtitle">\#(standfirst)</p></div><div class="text">\#(story)</div></article>"#,
    ])
    func theStandfirstOpensTheStory(_ body: String) throws {
        let text = try Self.extract(body + Self.sidebar)
        Self.expectWholeStory(text, "standfirst")
        #expect(text.hasPrefix(Self.standfirst))
    }

    @Test func formulasStayInTheStory() throws {
        let formula = #"<p>The fund grows as <math><mi>x</mi><mo>=</mo><mn>42</mn></math> million each year, the ministers said in their statement on Tuesday.</p>"#
        let body = #"<article><div class="entry-content">\#(Self.story)\#(formula)</div></article>"#
        let text = try Self.extract(body)
        Self.expectWholeStory(text, "math")
        #expect(text.contains("x=42") || text.contains("x = 42"))
    }

    static let standfirst = "Six governments promise to stay in Kabul through the winter and ask for the border crossings to reopen."

    @Test func aPostWrittenAsBulletPoints() throws {
        let bullets = Self.paragraphs.map { "<li>\($0)</li>" }.joined()
        let body = #"<main><article class="post"><h2>This week</h2><ul>\#(bullets)</ul></article><div class="about"><p>We are a small team of reporters who have covered the region since 2009, from two offices.</p></div></main>"#
        let text = try Self.extract(body)
        Self.expectWholeStory(text, "bullet points")
        #expect(!text.contains("small team of reporters"))
    }

    @Test func commentsLongerThanThePostDoNotWin() throws {
        let comment = "I read the statement twice and I still do not see who will pay for the teachers, which is the whole question for families here, and nobody at the meeting answered it."
        let comments = (1...12).map {
            #"<li class="comment"><div class="comment-body"><p>Reader \#($0) wrote:</p><p>\#(comment)</p><p>\#(comment)</p></div></li>"#
        }.joined()
        let body = #"<div id="content"><article class="post"><div class="entry">\#(Self.story)</div></article><div id="comments"><h3>12 Responses</h3><ol class="commentlist">\#(comments)</ol></div></div>"#
        let text = try Self.extract(body)
        Self.expectWholeStory(text, "comments")
        #expect(!text.contains("Reader 3 wrote"))
    }
}

@Suite("ArticleExtractor drops the boxes templates put inside the story")
struct ExtractInBodyBoxTests {
    typealias Page = ExtractLayoutClassTests

    static let boxes: [(marker: String, html: String)] = [
        ("reader-supported",
         "<p><em>Kabul Daily Times is reader-supported. When you buy through links on our site, we may earn an affiliate commission.</em></p>"),
        ("Medical disclaimer",
         #"<div class="health-note"><p><strong>Medical disclaimer:</strong> this article is for information only and is not a substitute for professional medical advice.</p></div>"#),
        ("Table of Contents",
         ##"<div id="ez-toc-container"><p class="ez-toc-title">Table of Contents</p><ul><li><a href="#statement">The statement</a></li><li><a href="#reaction">Reaction</a></li></ul></div>"##),
        ("Contents hide",
         "<div><p>Contents hide</p><ol><li>The statement</li><li>Reaction</li></ol></div>"),
        ("weekly newsletter",
         #"<div class="inline-signup"><p>Sign up for our weekly newsletter on the region, sent every Friday.</p><form><input type="email"></form></div>"#),
        ("may contain affiliate",
         "<p>This post may contain affiliate links; see our policy for details.</p>"),
    ]

    @Test(arguments: boxes.indices)
    func boxInsideTheStoryGoes(_ index: Int) throws {
        let box = Self.boxes[index]
        var parts = Page.paragraphs.map { "<p>\($0)</p>" }
        parts.insert(box.html, at: 2)
        let body = #"<article><div class="entry-content">\#(parts.joined(separator: "\n"))</div></article>\#(Page.sidebar)"#
        let text = try Page.extract(body)
        Page.expectWholeStory(text, "\(box.marker)")
        #expect(!text.contains(box.marker), "\(box.marker) stayed in the text")
    }
}

@Suite("ArticleExtractor drops teaser labels in other languages")
struct ExtractShortLabelTests {
    typealias Page = ExtractLayoutClassTests

    @Test(arguments: ["Das könnte Sie auch interessieren", "Mehr zum Thema", "À lire aussi", "Reklama", "Lee también"])
    func aShortLabelInsideTheStoryGoes(_ label: String) throws {
        var parts = Page.paragraphs.map { "<p>\($0)</p>" }
        parts.insert("<p><strong>\(label)</strong></p>", at: 3)
        let text = try Page.extract(#"<article><div class="entry-content">\#(parts.joined())</div></article>"#)
        Page.expectWholeStory(text, "\(label)")
        #expect(!text.contains(label))
    }

    @Test func proseThatStartsLikeALabelStays() throws {
        let prose = "Mehr zum Thema Grenzübergänge sagten die Minister nicht, doch sie versprachen, im März wieder zusammenzukommen und bis dahin Gesandte nach Kabul zu schicken."
        let body = #"<article><div class="entry-content">\#(Page.story)<p>\#(prose)</p></div></article>"#
        #expect(try Page.extract(body).contains(prose))
    }
}

@Suite("ArticleExtractor drops picture credits, keeps captions")
struct ExtractCreditTests {
    typealias Page = ExtractLayoutClassTests

    static func text(_ figure: String) throws -> String {
        var parts = Page.paragraphs.map { "<p>\($0)</p>" }
        parts.insert(figure, at: 1)
        return try Page.extract(#"<article><div class="entry-content">\#(parts.joined())</div></article>"#)
    }

    @Test(arguments: [
        #"<figure><img src="/a.jpg"><figcaption>Foto: Jane Doe / Example Agency</figcaption></figure>"#,
        #"<figure><img src="/a.jpg"><figcaption>Jane Doe / Getty Images</figcaption></figure>"#,
        #"<p><small>Photo by Jane Doe</small></p>"#,
    ])
    func aCreditAloneGoes(_ figure: String) throws {
        let text = try Self.text(figure)
        Page.expectWholeStory(text, "credit")
        #expect(!text.contains("Jane Doe"))
    }

    @Test func aCaptionThatDescribesThePictureStays() throws {
        let caption = "The ministers arrive at the meeting in Tashkent on Monday morning. Jane Doe / Getty Images"
        let text = try Self.text(#"<figure><img src="/a.jpg"><figcaption>\#(caption)</figcaption></figure>"#)
        #expect(text.contains("The ministers arrive at the meeting in Tashkent"))
        // Prose that names an agency is not a credit.
        let prose = "The figures were first reported by Reuters."
        #expect(try Self.text("<p>\(prose)</p>").contains(prose))
    }
}

@Suite("Class and id names read as words")
struct ClassHintWordTests {
    static func matches(_ patterns: [String], _ classValue: String) throws -> Bool {
        let document = try HTMLDocument(bytes: Array("<div class=\"\(classValue)\">x</div>".utf8), contentType: nil, lean: false)
        let node = try #require(document.body?.elementChildren.first)
        return PatternSet(patterns, matching: .words).matches(ClassKey(node))
    }

    @Test(arguments: [
        ("share", "share-bar", true), ("share", "shareBox", true), ("share", "post-share", true),
        ("share", "no-share", false), ("share", "noShare", false), ("share", "unshared", false),
        ("pager", "PageBuilder-pageRow", false), ("pager", "pager", true), ("pager", "c-pager__item", true),
        ("ad$", "Page-ad-margins", true), ("ad$", "address", false), ("ad$", "admin-bar", false),
        ("read-more", "read_more", true), ("read-more", "readMore", true), ("read-more", "read-moreover", true),
        ("sidebar", "has-sidebar", true), ("sidebar", "sidebars", true), ("sidebar", "nosidebar", false),
        ("comment", "commentlist", true), ("comment", "comments-area", true),
    ])
    func wordMatching(_ pattern: String, _ classValue: String, _ expected: Bool) throws {
        #expect(try Self.matches([pattern], classValue) == expected, "\(pattern) in \(classValue)")
    }

    @Test func tableOfContentsAnchorsAreNotBoxes() throws {
        // Sections that a table of contents links to carry ids like `TOC_TITLE_1`: they hold the story.
        let document = try HTMLDocument(
            bytes: Array(#"<div id="TOC_TITLE_1">x</div><div id="ez-toc-container">y</div><div class="toc-container">z</div>"#.utf8),
            contentType: nil, lean: false)
        let nodes = try #require(document.body?.elementChildren)
        #expect(!ClassHints.isUnlikely(ClassKey(nodes[0])))
        #expect(ClassHints.isUnlikely(ClassKey(nodes[1])))
        #expect(ClassHints.isUnlikely(ClassKey(nodes[2])))
    }

    @Test func slugIdsAreIgnored() throws {
        let document = try HTMLDocument(
            bytes: Array(
                #"<div id="sharing-with-a-single-developer">x</div><div id="share-tools">y</div><div id="sharing-with-a-single-team-K2pQ">z</div><div id="shareBox-X2">w</div>"#
                    .utf8),
            contentType: nil, lean: false)
        let nodes = try #require(document.body?.elementChildren)
        let set = PatternSet(["share"], matching: .words)
        #expect(!set.matches(ClassKey(nodes[0])))
        #expect(set.matches(ClassKey(nodes[1])))
        // A slug made unique by a generated suffix is still a slug; a short id with a suffix is a name.
        #expect(!set.matches(ClassKey(nodes[2])))
        #expect(set.matches(ClassKey(nodes[3])))
        // The cleaner's whole-word test reads ids the same way: a docs section about sharing is not a share bar.
        #expect(!ClassHints.strongBoilerplate(ClassKey(nodes[0])))
        #expect(ClassHints.strongBoilerplate(ClassKey(nodes[1])))
    }
}
