import FeeddContent
import Testing

@Suite struct SanitizerTests {
    let sanitizer = Sanitizer(baseURL: "https://example.org/blog/post", iframeHosts: ["www.youtube.com", "player.vimeo.com"])

    /// Input → exact output for the cases that matter most.
    static let exact: [(String, String)] = [
        ("<p>Hello <b>world</b></p>", "<p>Hello <b>world</b></p>"),
        ("<P>Upper <STRONG>case</STRONG></P>", "<p>Upper <strong>case</strong></p>"),
        ("<script>alert(1)</script><p>after</p>", "<p>after</p>"),
        ("<SCRIPT type=\"text/javascript\">var a = '</p>';</SCRIPT>x", "x"),
        ("<style>p { color: red }</style><p>styled</p>", "<p>styled</p>"),
        ("<p onclick=\"steal()\" onmouseover=x>click</p>", "<p>click</p>"),
        ("<a href=\"javascript:alert(1)\">js</a>", "<a>js</a>"),
        ("<a href=\"JaVaScRiPt:alert(1)\">js</a>", "<a>js</a>"),
        ("<a href=\"java\tscript:alert(1)\">js</a>", "<a>js</a>"),
        ("<a href=\"&#106;avascript:alert(1)\">js</a>", "<a>js</a>"),
        ("<a href=\"&#x6A;&#x61;vascript&#x3A;alert(1)\">js</a>", "<a>js</a>"),
        ("<a href=\" javascript:alert(1)\">js</a>", "<a>js</a>"),
        ("<a href=\"vbscript:msgbox(1)\">vb</a>", "<a>vb</a>"),
        ("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">d</a>", "<a>d</a>"),
        ("<img src=\"data:image/png;base64,iVBORw0KGgo=\">", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">"),
        ("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", ""),
        ("<img src=\"javascript:alert(1)\">", ""),
        ("<img src=x onerror=alert(1)>", "<img src=\"https://example.org/blog/x\">"),
        ("<img src=\"/pixel.gif\" width=\"1\" height=\"1\">", ""),
        ("<img src=\"https://pixel.wp.com/g.gif?x=1\">", ""),
        ("<img src=\"https://feeds.feedburner.com/~r/example/~4/abc\">", ""),
        ("<img src=\"https://stats.wordpress.com/b.gif\" alt=\"\">", ""),
        ("<img src=\"photo.jpg\" alt=\"A &amp; B\" width=\"640\" height=\"480\">",
         "<img src=\"https://example.org/blog/photo.jpg\" alt=\"A &amp; B\" width=\"640\" height=\"480\">"),
        ("<a href=\"../other\">rel</a>", "<a href=\"https://example.org/other\" rel=\"noopener noreferrer nofollow\">rel</a>"),
        ("<a href=\"/x/y?q=1&amp;r=../2#f\">root</a>",
         "<a href=\"https://example.org/x/y?q=1&amp;r=../2#f\" rel=\"noopener noreferrer nofollow\">root</a>"),
        ("<a href=/x/y?q=.>root</a>",
         "<a href=\"https://example.org/x/y?q=.\" rel=\"noopener noreferrer nofollow\">root</a>"),
        ("<img src=\"/a/./b/../c.jpg\">", "<img src=\"https://example.org/a/c.jpg\">"),
        ("<img src=\"//cdn.example/c.jpg\">", "<img src=\"https://cdn.example/c.jpg\">"),
        ("<img src=\"/\">", "<img src=\"https://example.org/\">"),
        ("<a href=\"#frag\">f</a>", "<a href=\"https://example.org/blog/post#frag\" rel=\"noopener noreferrer nofollow\">f</a>"),
        ("<a href=\"mailto:a@example.org\">m</a>", "<a href=\"mailto:a@example.org\" rel=\"noopener noreferrer nofollow\">m</a>"),
        ("<a href=\"https://x.example/?a=1&b=2\">q</a>",
         "<a href=\"https://x.example/?a=1&amp;b=2\" rel=\"noopener noreferrer nofollow\">q</a>"),
        ("<iframe src=\"https://www.youtube.com/embed/abc\"></iframe>",
         "<iframe src=\"https://www.youtube.com/embed/abc\" sandbox=\"allow-scripts allow-same-origin allow-popups\"></iframe>"),
        ("<iframe src=\"https://evil.example/embed\">fallback <b>text</b></iframe>after", "after"),
        ("<iframe src=\"http://www.youtube.com/embed/abc\"></iframe>", ""),
        ("<iframe src=\"https://www.youtube.com.evil.example/\"></iframe>", ""),
        // Removed elements other than scripts and styles keep their text.
        ("<form action=\"/x\"><input name=a><button>Go</button></form> text", "Go text"),
        ("safe<object data=\"x.swf\">description</object>", "safedescription"),
        ("<marquee>moving</marquee><canvas>fallback</canvas>", "movingfallback"),
        ("<noscript><img src=\"https://example.org/a.png\"></noscript><style>p{}</style>kept", "kept"),
        ("<svg><script>alert(1)</script><a xlink:href=\"javascript:x\">s</a></svg>ok", "ok"),
        ("<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>ok", "ok"),
        ("<object data=\"x.swf\"><embed src=\"x.swf\"></object>ok", "ok"),
        ("<p style=\"background:url(javascript:x)\">s</p>", "<p>s</p>"),
        ("<div class=\"a\" id=\"b\">c</div>", "<div>c</div>"),
        ("<p>unclosed <b>bold <i>italic", "<p>unclosed <b>bold <i>italic</i></b></p>"),
        ("</b>stray end</i>", "stray end"),
        ("<b><i>misnested</b></i>", "<b><i>misnested</i></b>"),
        ("<p>one<p>two", "<p>one</p><p>two</p>"),
        ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
        ("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"),
        ("AT&T &amp; &copy; &#169; &bogus;", "AT&amp;T &amp; © © &amp;bogus;"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<!-- comment --><p>x</p><!-- <script>alert(1)</script> -->", "<p>x</p>"),
        ("<![CDATA[<script>alert(1)</script>]]>ok", "ok"),
        ("<p title=\"a&quot;onmouseover=&quot;x\">t</p>", "<p title=\"a&quot;onmouseover=&quot;x\">t</p>"),
        ("<p title='x\" onclick=\"y'>t</p>", "<p title=\"x&quot; onclick=&quot;y\">t</p>"),
        ("<img src=\"a.jpg\"/><br/><hr>", "<img src=\"https://example.org/blog/a.jpg\"><br><hr>"),
        ("<noscript><img src=\"x.jpg\"></noscript>n", "n"),
        ("<template><p>t</p></template>t", "t"),
        ("<base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0\"><link rel=stylesheet href=x>ok", "ok"),
        ("<textarea><script>alert(1)</script></textarea>ok", "ok"),
        ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
        ("<a href=\"https://example.org/\" target=\"_blank\">t</a>",
         "<a href=\"https://example.org/\" rel=\"noopener noreferrer nofollow\">t</a>"),
        ("<video src=\"v.mp4\" poster=\"javascript:x\" controls></video>",
         "<video src=\"https://example.org/blog/v.mp4\" controls=\"\"></video>"),
        ("<img srcset=\"a.jpg 1x, javascript:x 2x, /b.jpg 3x\" src=\"a.jpg\">",
         "<img srcset=\"https://example.org/blog/a.jpg 1x, https://example.org/b.jpg 3x\" src=\"https://example.org/blog/a.jpg\">"),
        ("<table><tr><td>1<td>2</table>", "<table><tr><td>1</td><td>2</td></tr></table>"),
        ("<blockquote cite=\"javascript:x\">q</blockquote>", "<blockquote>q</blockquote>"),
        ("<font color=red>unwrapped</font> <center>c</center>", "unwrapped <center>c</center>"),
        ("text\u{0}with\u{1}controls", "textwithcontrols"),
        ("<p>trailing <", "<p>trailing &lt;</p>"),
        ("<p>half a tag <a href=\"x", "<p>half a tag <a href=\"https://example.org/blog/x\" rel=\"noopener noreferrer nofollow\"></a></p>"),
        ("", ""),
    ]

    @Test(arguments: 0..<exact.count) func exactOutput(_ index: Int) {
        let (input, output) = Self.exact[index]
        #expect(sanitizer.sanitize(input) == output, "input: \(input)")
    }

    /// Properties that must hold for any output, checked over attack strings.
    static let attacks = [
        "<img src=x onerror=alert(1)//", "<svg/onload=alert(1)>", "<body onload=alert(1)>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", "<img src=\"x\" style=\"x:expression(alert(1))\">",
        "<a href=\"  javascript:alert(1)\">", "<div onmouseover='alert(1)'>", "<input onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>", "<marquee onstart=alert(1)>", "<object data=\"javascript:alert(1)\">",
        "<embed src=\"javascript:alert(1)\">", "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">", "<meta http-equiv=refresh content=\"0;url=javascript:x\">",
        "<<script>script>alert(1)<</script>/script>", "<img \"\"\"><script>alert(1)</script>\">",
        "<a href=javascript&colon;alert(1)>x</a>", "<xss onafterscriptexecute=alert(1)><script>1</script>",
        "<img src=`javascript:alert(1)`>", "<p/onclick=alert(1)>x", "<a/href=\"javascript:alert(1)\">x</a>",
    ]

    @Test(arguments: attacks) func attackNeutralized(_ input: String) {
        let output = sanitizer.sanitize(input).lowercased()
        #expect(!output.contains("<script"), "\(output)")
        #expect(!output.contains("=\"javascript:"), "\(output)")
        #expect(!output.contains(" on"), "event handler in \(output)")
        #expect(!output.contains("<svg") && !output.contains("<math") && !output.contains("<object") && !output.contains("<embed"))
        #expect(!output.contains("<iframe"), "\(output)")
        #expect(!output.contains("data:text"), "\(output)")
    }

    @Test func outputIsStableWhenSanitizedTwice() {
        for (input, _) in Self.exact {
            let once = sanitizer.sanitize(input)
            #expect(sanitizer.sanitize(once) == once, "input: \(input)")
        }
    }

    @Test func relativeURLsStayRelativeWithoutBase() {
        let plain = Sanitizer(baseURL: nil, iframeHosts: [])
        #expect(plain.sanitize("<a href=\"/x\">x</a>") == "<a href=\"/x\" rel=\"noopener noreferrer nofollow\">x</a>")
        #expect(plain.sanitize("<iframe src=\"https://www.youtube.com/embed/a\"></iframe>") == "")
    }
}
