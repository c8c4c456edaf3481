import Testing

@testable import FeeddContent

/// Pages of our own (Tests/Fixtures/html/classes) where a text-rich box that is not the story outscores it: the
/// story is the one in the page's `<main>`.
@Suite("ArticleExtractor finds the story by the page's landmarks")
struct ExtractLandmarkTests {
    typealias Page = ExtractStoryPartsTests.Page

    static let pages: [Page] = [
        // The `<main>` sits in a layout wrapper named for the menu beside it (`left-navigation_page`): the strip
        // must not take the wrapper, and the story with it, leaving a slider of other news to win.
        Page(
            name: "main-in-a-navigation-wrapper", opens: "The food bank in the old market opened a second hall",
            ends: "gave the keys to its cold room.", lacks: ["Annual meeting", "treasurer"]),
    ]

    @Test(arguments: pages)
    func findsTheStoryAndNothingElse(_ page: Page) throws {
        let text = try ExtractStoryPartsTests.extract(page.name)
        if let opens = page.opens { #expect(text.hasPrefix(opens)) }
        for words in page.holds { #expect(text.contains(words)) }
        if let ends = page.ends { #expect(text.hasSuffix(ends)) }
        for words in page.lacks { #expect(!text.contains(words)) }
    }
}
