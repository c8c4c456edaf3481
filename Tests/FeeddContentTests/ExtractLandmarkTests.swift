import Testing

@testable import FeeddContent

/// Pages of our own (Tests/Fixtures/html/classes) where a text-rich box that is not the story outscored it, or the
/// strip took the story's box for furniture: the story is the one told under the page's visible headline, or in
/// its `<main>`.
@Suite("ArticleExtractor finds the story by the page's landmarks")
struct ExtractLandmarkTests {
    typealias Page = ExtractStoryPartsTests.Page

    static let pages: [Page] = [
        // A sign-in dialog outside the page's layout holds more prose than the short story under the headline.
        Page(
            name: "story-under-its-headline", opens: "The new tram line from the station to the harbour",
            ends: "signed off the last stop the next morning.", lacks: ["Sign in", "password"]),
        // The story's `<article>` sits in a layout slot named like an advertisement's (`WidePageBannerPlaceHolder`),
        // beside a column of gallery titles: the strip must not take the boxes around the headline's story.
        Page(
            name: "story-in-a-banner-slot", opens: "Households in Upper Mill must boil their tap water",
            ends: "at the school from Wednesday morning.", lacks: ["Picture galleries", "Sculpture trail"]),
        // The steps of a tip sit in a box named for printing (`tip-print-step`): a print button's name, not a
        // box of furniture; without it a list of other tips won.
        Page(
            name: "printable-steps", opens: "You know it: you cut a tomato in half",
            ends: "even when the tomato is very ripe.", lacks: ["Blind baking", "Save tip"]),
        // The `<main>` sits in a layout wrapper named for the menu beside it (`left-navigation_page`): the strip
        // must not take the wrapper, and the story with it, leaving a slider of other news to win.
        Page(
            name: "main-in-a-navigation-wrapper", opens: "The food bank in the old market opened a second hall",
            ends: "gave the keys to its cold room.", lacks: ["Annual meeting", "treasurer"]),
    ]

    @Test(arguments: pages)
    func findsTheStoryAndNothingElse(_ page: Page) throws { try ExtractStoryPartsTests.expectStory(page) }
}
