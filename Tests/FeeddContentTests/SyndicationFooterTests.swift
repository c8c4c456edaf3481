import Testing

@testable import FeeddContent

/// The WordPress footer goes whatever script the story is written in, and nothing else goes with it.
@Suite struct SyndicationFooterTests {
    static let footer = "<p>The post <a href=\"https://site.example/a\">Заголовок</a> appeared first on <a href=\"https://site.example\">Сайт</a>.</p>"

    @Test func theFooterOfAStoryInAnotherScriptGoes() {
        let body = "<p>Министр заявил в понедельник, что переговоры возобновятся.</p><p>Ελλάδα — ειρήνη.</p>"
        #expect(SyndicationFooter.strip(html: body + "\n" + Self.footer + " \n") == body)
        #expect(SyndicationFooter.strip(html: body + "\u{A0}" + Self.footer) == body)
    }

    @Test func textAfterTheFooterKeepsIt() {
        let html = "<p>Первый.</p>" + Self.footer + "<p>После.</p>"
        #expect(SyndicationFooter.strip(html: html) == html)
        let unclosed = "<p>Первый.</p><p>The post here appeared first on Monday."
        #expect(SyndicationFooter.strip(html: unclosed) == unclosed)
    }

    /// Only the last paragraph is searched, and only when the HTML ends in `</p>`: what that skips could
    /// never have held the footer.
    @Test func onlyALastParagraphFooterGoes() {
        let body = "<p>Один.</p><p>Два.</p>"
        #expect(SyndicationFooter.strip(html: Self.footer) == "")
        #expect(SyndicationFooter.strip(html: body + Self.footer + "\u{3000}") == body)
        #expect(SyndicationFooter.strip(html: Self.footer + body) == Self.footer + body)
        #expect(SyndicationFooter.strip(html: body + Self.footer + "<br>") == body + Self.footer + "<br>")
        let twice = body + Self.footer + Self.footer
        #expect(SyndicationFooter.strip(html: twice) == body + Self.footer)
        let footerThenText = body + "<p>The post x appeared first on y.</p>tail"
        #expect(SyndicationFooter.strip(html: footerThenText) == footerThenText)
    }

    @Test func thePlainTextLineGoesOnlyAfterALineOrASentence() {
        let text = "Переговоры возобновятся.\n\nThe post Заголовок appeared first on Сайт."
        #expect(SyndicationFooter.strip(text: text) == "Переговоры возобновятся.")
        let inside = "Слово The post Заголовок appeared first on Сайт."
        #expect(SyndicationFooter.strip(text: inside) == "Слово")
        let glued = "СловоThe post x appeared first on y."
        #expect(SyndicationFooter.strip(text: glued) == glued)
        let twoLines = "The post x appeared first on\ny."
        #expect(SyndicationFooter.strip(text: twoLines) == twoLines)
    }
}
