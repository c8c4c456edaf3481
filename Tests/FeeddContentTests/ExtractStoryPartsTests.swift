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

    /// The body copy is an only child of its wrapper; the standfirst sits in a wrapper beside it.
    @Test func aStandfirstBesideTheWrapperOfTheCopy() throws {
        let text = try Self.extract("story-in-parts")
        #expect(text.hasPrefix("For eleven summers, a group of volunteers"))
        #expect(text.contains("between the first-aid kit and the spare oars."))
        #expect(text.hasSuffix("is welcome to come along."))
        #expect(!text.contains("Latest essays"))
        #expect(!text.contains("wartime photographs"))
        #expect(!text.contains("written by volunteers"))
    }

    /// The standfirst in a box of its own beside the body, on a page without `<article>`; the lead picture's
    /// caption above it is not the standfirst.
    @Test func aStandfirstOutsideAnArticle() throws {
        let text = try Self.extract("lead-outside-article")
        #expect(text.hasPrefix("The old harbour ferry is back in service from Monday"))
        #expect(text.hasSuffix("until the end of the month."))
        #expect(!text.contains("repair yard in the spring"))
    }

    /// The standfirst is a paragraph in the article's `<header>`, beside the headline and byline, named by no
    /// rule; the page's masthead, a `<header>` with a short tagline, still goes.
    @Test func aStandfirstInsideTheArticlesHeader() throws {
        let text = try Self.extract("standfirst-in-header")
        #expect(text.hasPrefix("Growers in the upper valley are stretching fine nets"))
        #expect(text.hasSuffix("few growers wanted to wait and see."))
        #expect(!text.contains("News from the hills"))
        #expect(!text.contains("Marta Lind"))
        #expect(!text.contains("Farming"))
    }

    /// A page builder puts every row in a box of one class; the standfirst row holds only a heading (no paragraph
    /// to score). A contact row (no sentence) and a row of links beside them are not the story.
    @Test func aStandfirstHeadingInARowOfItsOwn() throws {
        let text = try Self.extract("heading-row-standfirst")
        #expect(text.hasPrefix("The wardens of the upper river counted fewer salmon"))
        #expect(text.hasSuffix("to decide what happens next season."))
        #expect(!text.contains("Press office"))
        #expect(!text.contains("Trout stocking"))
    }

    /// A fact box is a table of labelled rows (`<th>`) whose values are links: data, not a link list; a table
    /// of links without labels still goes.
    @Test func aFactBoxOfLinkedValues() throws {
        let text = try Self.extract("fact-box-table")
        #expect(text.contains("North Valley"))
        #expect(text.contains("Kell Beck"))
        #expect(text.hasSuffix("walkers come from far away to look at them."))
        #expect(!text.contains("Hollin Water"))
    }

    /// Glossary notes as links with a furniture class (`a.popup`) inside bare text in a table cell: their words
    /// are words of the sentence.
    @Test func linksNamedLikeFurnitureInsideProse() throws {
        let text = try Self.extract("notes-in-a-table-layout")
        #expect(text.contains("I kept the light on the point for eleven winters"))
        #expect(text.contains("because the inspectors came each spring"))
    }

    /// Lines wrapped in `javascript:` links (notes) are not link lists: such a link goes nowhere.
    @Test func linesWrappedInScriptLinks() throws {
        let text = try Self.extract("script-links")
        #expect(text.contains("Across the grey water, before the first bell,"))
        #expect(text.contains("which is why I am poor and content."))
        #expect(text.hasSuffix("too slow by half."))
        #expect(!text.contains("Privacy"))
    }

    /// A paragraph that opens with a picture and its credit is prose; only the credit goes.
    @Test func aPictureCreditOpeningAParagraph() throws {
        let text = try Self.extract("picture-opens-paragraph")
        #expect(text.contains("Night buses will run between the valley towns again from next month"))
        #expect(!text.contains("Provided by"))
    }

    /// ASP.NET WebForms wrap the whole page in one `<form>`; forms are otherwise furniture.
    @Test func aPageWrappedInAForm() throws {
        let text = try Self.extract("page-in-a-form")
        #expect(text.hasPrefix("Every time it rains for more than an hour"))
        #expect(text.contains("without digging up half the plot?"))
        #expect(text.hasSuffix("has coped with every storm since."))
        #expect(!text.contains("Log in"))
        #expect(!text.contains("Contact the moderators"))
    }
}

/// What the plain text keeps of the story's characters (Tests/Fixtures/html/classes).
@Suite("ArticleExtractor's plain text")
struct ExtractPlainTextTests {
    @Test func rubyReadingsAreNotPartOfTheText() throws {
        let article = try ArticleExtractor.extract(
            ExtractFixtures.bytes("classes/ruby-readings.html"), options: ExtractOptions(url: "https://yasashii.example/kawa"))
        #expect(article.text.hasPrefix("町の真ん中を流れる川の水が、十年前よりずっときれいになりました。"))
        #expect(!article.text.contains("まち"))
        // The HTML keeps the readings for a reader that shows them.
        #expect(article.html.contains("<rt>まち</rt>"))
    }
}
