import Testing

@testable import FeeddContent

/// Pages of our own (Tests/Fixtures/html/classes) whose story box holds lines of the page's furniture that no name
/// or phrase tells: what they do (where a link leads, what a heading titles) does.
@Suite("ArticleExtractor leaves the page's furniture out of the story")
struct ExtractFurnitureLineTests {
    static let pages: [ExtractStoryPartsTests.Page] = [
        // A link back to the listing above the page (its path a part of the page's own) and a `history.back()`
        // link, each a line of its own at the end of the story: navigation. The same listing linked from inside a
        // sentence is words of it.
        .init(
            name: "back-links", opens: "The old harbour wall has leaned towards the sea",
            holds: ["Other pieces in this series of essays have looked"],
            ends: "can be moved to the river for a month.", lacks: ["Back to all essays", "Go back"]),
        // Teasers set between the story's paragraphs as a label and one link to another page of the site ("TAMBIÉN
        // HOY: …", "Vea: …"), with labels no phrase list knows; a source named the same way links to another site
        // and stays.
        .init(
            name: "labelled-teasers", opens: "El puerto de la villa abrió este lunes",
            holds: ["Fuente de los datos: Informe anual de la flota de bajura"], ends: "que se acercaron a verlos.",
            lacks: ["TAMBIÉN HOY", "carretera de la costa", "Vea:", "regatas"]),
        // Boxes of teasers at the end of the story, each under a heading: the teasers go as link lists and leave
        // their headings last, titling nothing. A heading inside the story stays, and so does a closing line in bold.
        .init(
            name: "trailing-headings", opens: "Walkers will be able to follow the cliffs",
            holds: ["Where to start"], ends: "The path opens on the first of May.",
            lacks: ["More walks on this coast", "Have you read these?", "dunes loop"]),
        // A script's buttons drawn as boxes (a print button with the pointer a link shows, a toggle with a click
        // handler): a word or two that say what a click does. A paragraph with a click handler stays.
        .init(
            name: "script-controls", opens: "The town library will open on Sunday afternoons",
            ends: "which was the second wish in the letter.", lacks: ["Print", "Show all opening hours"]),
    ]

    @Test(arguments: pages)
    func leavesTheLineOut(_ page: ExtractStoryPartsTests.Page) throws { try ExtractStoryPartsTests.expectStory(page) }
}
