import Testing

@testable import FeeddContent

@Suite("CSSSelector")
struct SelectorTests {
    static let page = """
        <html><body>
        <div id="main" class="content wide"><article class="post"><h2 class="title">A</h2><p class="lead">one</p>
        <div class="share"><a href="/s" rel="nofollow" data-kind="share-x">x</a></div><p>two</p></article></div>
        <aside><p class="lead">side</p><ul><li><a href="https://other.example/a" lang="en-GB">ext</a></li></ul></aside>
        </body></html>
        """

    func names(_ selector: String) throws -> [String] {
        let document = try HTMLDocument(bytes: Array(Self.page.utf8), encoding: "UTF-8")
        let root = try #require(document.root)
        return root.select(try CSSSelector(selector)).map { node in
            node.name + (node.attribute("class").map { ".\($0)" } ?? "") + (node.textContent.isEmpty ? "" : ":" + node.textContent.prefix(8))
        }
    }

    @Test func simpleSelectors() throws {
        #expect(try names("h2") == ["h2.title:A"])
        #expect(try names(".lead") == ["p.lead:one", "p.lead:side"])
        #expect(try names("#main").count == 1)
        #expect(try names("div.content.wide").count == 1)
        #expect(try names("div.content.narrow").isEmpty)
        #expect(try names("[rel]") == ["a:x"])
        #expect(try names("a[rel=nofollow]") == ["a:x"])
        #expect(try names("a[rel='nofollow']") == ["a:x"])
        #expect(try names("[data-kind^=share]") == ["a:x"])
        #expect(try names("[href$='/a']") == ["a:ext"])
        #expect(try names("[href*=other]") == ["a:ext"])
        #expect(try names("[lang|=en]") == ["a:ext"])
        #expect(try names("[class~=wide]").count == 1)
        #expect(try names("*").count == 13)  // descendants of <html>
    }

    @Test func combinators() throws {
        #expect(try names("article p") == ["p.lead:one", "p:two"])
        #expect(try names("article > p") == ["p.lead:one", "p:two"])
        #expect(try names("#main > p").isEmpty)
        #expect(try names("#main p") == ["p.lead:one", "p:two"])
        #expect(try names("body > div > article > .share > a") == ["a:x"])
        #expect(try names("aside  ul   a") == ["a:ext"])
        #expect(try names("div>article>h2") == ["h2.title:A"])
    }

    @Test func listsAndNot() throws {
        #expect(try names("h2, aside p") == ["h2.title:A", "p.lead:side"])
        #expect(try names("p:not(.lead)") == ["p:two"])
        #expect(try names("article :not(p):not(a)").map { String($0.prefix(2)) } == ["h2", "di"])
        #expect(try names("p:not(.lead, .x)") == ["p:two"])
    }

    @Test(arguments: ["", "div >", "p[", "p[a=", "p:hover", ".", "#", "a[x!=y]", "p)", ", p", "p:not(.a"])
    func invalidSelectorsThrow(_ text: String) {
        #expect(throws: ExtractError.self) { try CSSSelector(text) }
    }
}
