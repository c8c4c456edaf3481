import Testing

@testable import FeeddContent

@Suite("HTMLTag: element names as numbers")
struct HTMLTagTests {
    /// The Swift cases and the C table must stay in the same order: every case's name maps back to it.
    @Test(arguments: HTMLTag.allCases.filter { $0 != .other })
    func nameRoundTrips(_ tag: HTMLTag) {
        #expect(HTMLTag(name: "\(tag)") == tag)
    }

    @Test func unknownNamesAreOther() {
        #expect(HTMLTag(name: "blink") == .other)
        #expect(HTMLTag(name: "") == .other)
        #expect(HTMLTag(name: "divx") == .other)
        #expect(HTMLTag(name: "h7") == .other)
        #expect(HTMLTag(name: "DIV") == .other)
    }

    @Test func nodesCarryTheirTag() throws {
        let document = try HTMLDocument(
            bytes: Array("<html><body><ARTICLE><p>one <blink>two</blink></p><textarea>x</textarea></ARTICLE></body></html>".utf8),
            encoding: "UTF-8")
        let body = try #require(document.body)
        #expect(body.tag == .body)
        let article = try #require(body.firstChild)
        #expect(article.tag == .article)
        let p = try #require(article.firstChild)
        #expect(p.tag == .p)
        #expect(p.children.map(\.tag) == [.other, .other])
        #expect(p.nextSibling?.tag == .textarea)
        #expect(document.root?.tag == .html)
    }
}
