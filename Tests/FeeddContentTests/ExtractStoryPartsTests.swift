import Testing

@testable import FeeddContent

/// Pages of our own (Tests/Fixtures/html/classes) whose story is told in more than one box: the best-scored box
/// is only a part of it.
@Suite("ArticleExtractor gathers a story told in several boxes")
struct ExtractStoryPartsTests {
    static func extract(_ name: String) throws -> String {
        try ArticleExtractor.extract(
            ExtractFixtures.bytes("classes/\(name).html"), options: ExtractOptions(url: "https://notes.example/essays/\(name)")
        ).text
    }

    /// One page of ours and what its text must open with, hold, end with and leave out.
    struct Page: Sendable, CustomTestStringConvertible {
        let name: String
        var opens: String?
        var holds: [String] = []
        var ends: String?
        var lacks: [String] = []
        var testDescription: String { name }
    }

    static let pages: [Page] = [
        // The body copy is an only child of its wrapper; the standfirst sits in a wrapper beside it.
        Page(
            name: "story-in-parts", opens: "For eleven summers, a group of volunteers",
            holds: ["between the first-aid kit and the spare oars."], ends: "is welcome to come along.",
            lacks: ["Latest essays", "wartime photographs", "written by volunteers"]),
        // The standfirst in a box of its own beside the body, on a page without `<article>`; the lead picture's
        // caption above it is not the standfirst.
        Page(
            name: "lead-outside-article", opens: "The old harbour ferry is back in service from Monday",
            ends: "until the end of the month.", lacks: ["repair yard in the spring"]),
        // The standfirst is a paragraph in the article's `<header>`, beside the headline and byline, named by no
        // rule; the page's masthead, a `<header>` with a short tagline, still goes.
        Page(
            name: "standfirst-in-header", opens: "Growers in the upper valley are stretching fine nets",
            ends: "few growers wanted to wait and see.", lacks: ["News from the hills", "Marta Lind", "Farming"]),
        // A page builder puts every row in a box of one class; the standfirst row holds only a heading (no
        // paragraph to score). A contact row (no sentence) and a row of links beside them are not the story.
        Page(
            name: "heading-row-standfirst", opens: "The wardens of the upper river counted fewer salmon",
            ends: "to decide what happens next season.", lacks: ["Press office", "Trout stocking"]),
        // A fact box is a table of labelled rows (`<th>`) whose values are links: data, not a link list; a table
        // of links without labels still goes.
        Page(
            name: "fact-box-table", holds: ["North Valley", "Kell Beck"],
            ends: "walkers come from far away to look at them.", lacks: ["Hollin Water"]),
        // Glossary notes as links with a furniture class (`a.popup`) inside bare text in a table cell: their
        // words are words of the sentence.
        Page(
            name: "notes-in-a-table-layout",
            holds: ["I kept the light on the point for eleven winters", "because the inspectors came each spring"]),
        // Lines wrapped in `javascript:` links (notes) are not link lists: such a link goes nowhere.
        Page(
            name: "script-links",
            holds: ["Across the grey water, before the first bell,", "which is why I am poor and content."],
            ends: "too slow by half.", lacks: ["Privacy"]),
        // A paragraph that opens with a picture and its credit is prose; only the credit goes.
        Page(
            name: "picture-opens-paragraph",
            holds: ["Night buses will run between the valley towns again from next month"], lacks: ["Provided by"]),
        // ASP.NET WebForms wrap the whole page in one `<form>`; forms are otherwise furniture.
        Page(
            name: "page-in-a-form", opens: "Every time it rains for more than an hour",
            holds: ["without digging up half the plot?"], ends: "has coped with every storm since.",
            lacks: ["Log in", "Contact the moderators"]),
        // The date under the headline is a line holding only a `<time>`, its month in a language whose names
        // `LooseDate` does not read.
        Page(
            name: "dateline-in-time", opens: "Kunta rakentaa saariston lautalle uuden laiturin",
            ends: "kulkee ympäri vuoden.", lacks: ["huhtikuuta", "Satamakatu"]),
        // The story's paragraphs stand in the `<article>` itself, so the article is the story, and its standfirst,
        // a box named like one, is in the article's `<header>` after the story's first element in the page.
        Page(
            name: "standfirst-box-in-header", opens: "Two extra crossings a day will run from May",
            ends: "until the end of the year.", lacks: ["Lake ferry timetable", "Ines Hale", "Shore Weekly"]),
        // A page of short blocks in `<main>` (features with a line each) where a notice box is the best-scored
        // block: less than a story, so the page's `<main>` is.
        Page(
            name: "features-in-main", opens: "Pattern grid",
            holds: ["Count how much of each yarn", "open the file in Loom Studio."],
            ends: "More on the library", lacks: ["Support", "former mill"]),
        // BEM names: the standfirst box (`story__perex`, a name no rule knows) and the body (`story__content`) are
        // elements of one block.
        Page(
            name: "bem-parts", opens: "Lávka pro pěší a cyklisty spojila oba břehy",
            ends: "přes most se silnicí a bez chodníku.", lacks: ["Doprava", "Most na silnici", "Náměstí"]),
        // A gallery embedded in the story, its captions written as list items, outscores the story's own
        // paragraphs: the box holding those paragraphs is the story, not the gallery inside it.
        Page(
            name: "gallery-inside-story", opens: "The town council has agreed to spend the money",
            holds: ["Work will start in the autumn"], ends: "the engineers who drew them up.",
            lacks: ["Sport", "Quay Street"]),
        // A page builder's rows, each a stack of five wrappers around its text boxes: the story's rows repeat one
        // kind of box, five levels above the box of paragraphs that wins the scoring.
        Page(
            name: "builder-rows", opens: "A plot of your own gives you a season of work",
            holds: ["nobody moves your beans", "not yet sure they want a plot"],
            ends: "from the plots that are free.", lacks: ["Green Streets", "Privacy"]),
        // A news page that shows its own teaser (`teaser-text`, longer than most standfirsts, a link in a sentence)
        // above the body: the standfirst. A teaser of another story beside it leads there by a link, and stays out.
        Page(
            name: "news-teaser-text", opens: "Am Seeufer stehen seit dieser Woche zwölf neue Bänke",
            holds: ["gebaut von der Holzwerkstatt des Jugendzentrums"],
            ends: "wenn das Geld reicht.", lacks: ["Wochenmarkt", "Kirchplatz", "Impressum"]),
        // The standfirst in a box named `excerpt`, between the headline and the body, outside any `<article>`.
        Page(
            name: "excerpt-standfirst", opens: "After eleven years without them, sleeper trains will run",
            ends: "is being studied.", lacks: ["May 2", "Popular", "valley line"]),
        // The standfirst in the page's `<header>` above a body nested five boxes deep: the box they share, `<main>`, is
        // five levels above the body.
        Page(
            name: "lead-above-deep-body", opens: "Do you nod off at your desk every afternoon at two?",
            ends: "can all feel the same at first.", lacks: ["Well Daily", "Imprint"]),
        // The standfirst in a box named in the page's language (`sommario`; Spanish pages say `bajada`).
        Page(
            name: "sommario-standfirst", opens: "Dopo due anni di lavori il vecchio mercato coperto",
            ends: "durante la chiusura.", lacks: ["3 maggio", "Contatti"]),
    ]

    @Test(arguments: pages)
    func findsTheWholeStoryAndNothingElse(_ page: Page) throws { try Self.expectStory(page) }

    /// The page's text opens with, holds, ends with and leaves out what `page` says.
    static func expectStory(_ page: Page) throws {
        let text = try extract(page.name)
        if let opens = page.opens { #expect(text.hasPrefix(opens)) }
        for words in page.holds { #expect(text.contains(words)) }
        if let ends = page.ends { #expect(text.hasSuffix(ends)) }
        for words in page.lacks { #expect(!text.contains(words)) }
    }
}

/// What the plain text keeps of the story's characters (Tests/Fixtures/html/classes).
@Suite("ArticleExtractor's plain text")
struct ExtractPlainTextTests {

    /// Words of a line the story keeps, whatever the element around them is named or set as.
    static let pages: [ExtractStoryPartsTests.Page] = [
        // A dateline in an element of its own, named `dateline`, opening the story's first paragraph: the place is
        // the paragraph's first words; a byline in its own line still goes.
        .init(
            name: "dateline-opens-paragraph", opens: "PORTHAVEN – The town will build a new pier",
            lacks: ["By Ruth Weller", "Quay Street"]),
        // A standfirst set as a heading of two sentences, in a page builder's row of its own above the body's row
        // inside the story's `<article>`: it opens the story.
        .init(
            name: "standfirst-as-heading", opens: "Volunteers counted nearly four thousand wading birds",
            holds: ["Lapwing numbers rose the most"], lacks: ["Mill Lane"]),
        // Folding boxes in the story's list, each titled by a heading in a `<header>` of its own: the heading is the
        // box's title, not the page's header, and stays with the box's text; the site's header still goes.
        .init(
            name: "box-heads-in-headers",
            holds: ["What a boat loan gives you:", "What renting costs you:", "at the yard's own prices.",
                "Paying outright is cheapest"],
            lacks: ["Loans", "Lock Lane"]),
        // Formulas set by a script into elements named for its context menu (`ContextMenu_Ready`): inline
        // elements in the story's sentences are words of them, whatever a furniture word in their name says.
        .init(
            name: "inline-math-named-menu",
            holds: ["the period is close to T = 2π √(L / g), which is why", "length L and gravity g,", "ΔL = α L ΔT"],
            lacks: ["Tools", "written in a shed"]),
        // A map in an `<iframe>` between paragraphs: the words written inside the frame are a fallback that browsers
        // never show.
        .init(
            name: "iframe-fallback", opens: "From Monday the first ferry to the mainland",
            ends: "already on the boards at both piers.", lacks: ["Your browser cannot show"]),
    ]

    @Test(arguments: pages)
    func keepsTheWordsOfTheLine(_ page: ExtractStoryPartsTests.Page) throws { try ExtractStoryPartsTests.expectStory(page) }
    @Test func rubyReadingsAreNotPartOfTheText() throws {
        let article = try ArticleExtractor.extract(
            ExtractFixtures.bytes("classes/ruby-readings.html"), options: ExtractOptions(url: "https://yasashii.example/kawa"))
        #expect(article.text.hasPrefix("町の真ん中を流れる川の水が、十年前よりずっときれいになりました。"))
        #expect(!article.text.contains("まち"))
        // The HTML keeps the readings for a reader that shows them.
        #expect(article.html.contains("<rt>まち</rt>"))
    }
}
