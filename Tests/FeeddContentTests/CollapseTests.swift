import Testing

@testable import FeeddContent

@Suite("ArticleText.collapse")
struct CollapseTests {
    @Test(arguments: [
        ("", ""), ("one", "one"), ("one two", "one two"), (" one", "one"), ("one ", "one"), ("one  two", "one two"),
        ("one\ttwo", "one two"), ("\n one \u{A0} two\r\n", "one two"), ("one\u{2009}two", "one two"), (" ", ""),
        ("café au lait", "café au lait"), ("a\u{3000}b", "a b"),
    ])
    func collapses(_ input: String, _ expected: String) {
        #expect(ArticleText.collapse(input) == expected)
    }

    @Test(arguments: ["", "one", "one two", "é è"])
    func recognisesCollapsedText(_ text: String) {
        var text = text
        let collapsed = text.withUTF8(ArticleText.isCollapsed)
        #expect(collapsed)
    }

    @Test(arguments: [" one", "one ", "one  two", "one\ntwo", "one\u{A0}two", " "])
    func recognisesUncollapsedText(_ text: String) {
        var text = text
        let collapsed = text.withUTF8(ArticleText.isCollapsed)
        #expect(!collapsed)
    }
}
