import FeeddContent
import Testing

@Suite struct TextRendererTests {
    static let cases: [(String, String)] = [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<p>Line<br>break</p>", "Line\nbreak"),
        ("<h1>Title</h1>Body text", "Title\n\nBody text"),
        ("<ul><li>a</li><li>b</li></ul>after", "a\nb\n\nafter"),
        ("<p>  lots \n of   space </p>", "lots of space"),
        ("<pre>keep\n  this</pre>", "keep\n  this"),
        ("<p>A &amp; B &lt;tag&gt;</p>", "A & B <tag>"),
        ("<script>hidden()</script><p>shown</p>", "shown"),
        ("<div><div><p>deep</p></div></div>", "deep"),
        ("plain text only", "plain text only"),
        ("<img src=\"x.png\" alt=\"A cat\"> sits", "A cat sits"),
        ("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>", "1 2\n3"),
        ("<p>x&nbsp;y</p>", "x y"),
        ("", ""),
    ]

    @Test(arguments: 0..<cases.count) func render(_ index: Int) {
        let (html, text) = Self.cases[index]
        #expect(HTMLText.render(html) == text, "\(html)")
    }
}
