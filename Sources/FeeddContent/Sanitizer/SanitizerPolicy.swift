/// What the sanitizer keeps. Anything not listed is unwrapped (tag dropped, content kept) unless it
/// is in `droppedWithContent`.
enum SanitizerPolicy {
    static let globalAttributes: Set<String> = ["title", "lang", "dir"]

    static let allowed: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for tag in [
            "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "b", "i", "u", "s", "strong", "em", "small", "sub", "sup",
            "mark", "abbr", "cite", "pre", "code", "kbd", "samp", "var", "ul", "li", "dl", "dt", "dd", "thead",
            "tbody", "tfoot", "tr", "caption", "figure", "figcaption", "div", "span", "section", "article", "aside",
            "header", "footer", "details", "summary", "ruby", "rt", "rp", "wbr", "picture", "strike", "tt", "big",
            "dfn", "bdi", "bdo", "center", "main", "nav", "hgroup",
        ] {
            table[tag] = []
        }
        table["a"] = ["href"]
        table["img"] = ["src", "alt", "width", "height", "srcset", "sizes"]
        table["blockquote"] = ["cite"]
        table["q"] = ["cite"]
        table["del"] = ["cite", "datetime"]
        table["ins"] = ["cite", "datetime"]
        table["time"] = ["datetime"]
        table["ol"] = ["start", "reversed", "type"]
        table["table"] = ["summary"]
        table["th"] = ["colspan", "rowspan", "scope", "align"]
        table["td"] = ["colspan", "rowspan", "align"]
        table["col"] = ["span"]
        table["colgroup"] = ["span"]
        table["audio"] = ["src", "controls", "preload"]
        table["video"] = ["src", "poster", "controls", "width", "height", "preload"]
        table["source"] = ["src", "srcset", "type", "media", "sizes"]
        table["track"] = ["src", "kind", "label", "srclang"]
        table["iframe"] = ["src", "width", "height", "allowfullscreen", "frameborder"]
        return table
    }()

    static let urlAttributes: Set<String> = ["href", "src", "cite", "poster"]

    static let voidElements: Set<String> = ["br", "hr", "img", "wbr", "source", "track", "col", "area", "input", "embed",
                                            "meta", "link", "base", "param"]

    /// Dropped together with everything inside: scripts and styles, what only shows without them or in
    /// a document head, and foreign markup whose parsing rules differ from HTML's (SVG and MathML are
    /// where mutation-XSS tricks live). Other removed elements (forms, `object`, `canvas`, `marquee`…)
    /// are unwrapped: their tags go, their text stays, and what is inside is sanitized like the rest.
    static let droppedWithContent: Set<String> = [
        "script", "style", "template", "noscript", "applet", "frameset", "frame", "noembed", "noframes", "title",
        "head", "plaintext", "svg", "math", "iframe-blocked", "meta", "link", "base", "input", "embed", "param",
        "area", "keygen", "isindex", "select", "datalist",
    ]

    /// Elements whose content is raw text in HTML: skipped by searching for the end tag.
    static let rawTextElements: Set<String> = [
        "script", "style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext", "noscript", "iframe",
    ]

    /// An opening tag (key) implicitly closes an open element of these names at the top of the stack.
    static let implicitlyClosedBy: [String: Set<String>] = [
        "p": ["p"], "li": ["li"], "dt": ["dt", "dd"], "dd": ["dt", "dd"], "tr": ["tr", "td", "th"],
        "td": ["td", "th"], "th": ["td", "th"], "h1": ["p"], "h2": ["p"], "h3": ["p"], "h4": ["p"], "h5": ["p"],
        "h6": ["p"], "ul": ["p"], "ol": ["p"], "blockquote": ["p"], "pre": ["p"], "table": ["p"], "div": ["p"],
        "figure": ["p"], "hr": ["p"],
    ]

    /// Hosts that serve nothing but tracking images.
    static let trackerHosts: Set<String> = [
        "pixel.wp.com", "stats.wordpress.com", "feeds.feedblitz.com", "pixel.quantserve.com",
        "www.google-analytics.com", "google-analytics.com", "stats.g.doubleclick.net", "ad.doubleclick.net",
        "pi.feedsportal.com", "da.feedsportal.com", "res3.feedsportal.com", "pixel.mathtag.com",
        "sb.scorecardresearch.com", "b.scorecardresearch.com", "analytics.twitter.com",
        "pixel.facebook.com", "mf.feeds.reuters.com", "feedproxy.google.com", "counter.theconversation.com",
        "ct.pinterest.com", "bat.bing.com", "px.ads.linkedin.com", "track.hubspot.com",
        "email.mg.substack.com", "eotrx.substackcdn.com", "pixel.newscred.com",
    ]
}
