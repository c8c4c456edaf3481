/// What class and id names say about an element. Lists are lowercase names matched as words of the class or the id
/// (`PatternSet.Matching.words`): `share` finds `share-bar` and `shareBox`, not `no-share`; `ad$` is the word `ad` only.
enum ClassHints {
    /// Names that mark article text.
    static let positive = [
        "article", "content", "entry", "hentry", "h-entry", "main", "post", "blog", "story", "prose", "rich-text",
        "richtext", "single", "news-detail", "detail", "articlebody", "article-body", "post-body", "entry-body",
        "story-body", "body-text", "bodytext", "text-body", "article-text", "story-text", "post-text", "posttext",
        "entry-text", "main-text", "maintext", "field-body", "govspeak", "markup",
    ]
    /// Names that mark page furniture.
    static let negative = [
        "hidden", "banner", "combx", "comment", "com$", "contact", "foot", "footnote", "gdpr", "masthead",
        "outbrain", "taboola", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags", "tool", "widget", "nav", "menu", "breadcrumb", "social", "newsletter", "subscribe",
        "cookie", "popup", "modal", "author-bio", "authorbio", "author-box", "byline", "meta", "advert", "teaser",
        "recommend", "trending", "more-stories", "read-more", "readmore", "also-read", "pagination", "pager",
        "response", "contact",
    ]
    /// Names of boxes that are never part of the story, whatever else they say (removed before scoring).
    static let unlikely = [
        "ad$", "ads$", "ad-slot", "ad-container", "adsbygoogle", "banner", "breadcrumb", "combx", "comment", "community",
        "disqus", "footer", "gdpr", "consent", "cookie", "header", "masthead", "menu", "related", "remark",
        "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "pagination",
        "pager", "popup", "newsletter", "subscribe", "share", "sharing", "sharedaddy", "author-box", "authorbox",
        "about-author", "author-bio", "author-info", "post-author", "also-read", "read-more", "readmore",
        "more-stories", "recommended", "trending", "widget", "outbrain", "taboola", "post-navigation", "nav-links",
        "navigation", "toolbar", "signup", "sign-up", "promo", "printfriendly", "jp-relatedposts", "yarpp", "post-tags",
        "entry-tags", "tag-list", "tags-links", "cat-links", "entry-meta", "post-meta", "article-meta", "byline",
        "dateline", "entry-footer", "related-posts", "wp-block-buttons", "newsletter", "paywall", "skip-link",
        "screen-reader", "sr-only", "visually-hidden", "caption-credit-hidden", "ad-unit", "advert", "responses",
        "reader-response", "contact-info", "ez-toc", "table-of-contents", "toc-container", "toc-wrapper", "lwptoc", "disclaimer",
        "disclosure",
    ]
    /// Names that keep an element even when an unlikely name also matches (`article-body share-ready`).
    static let maybe = ["article", "body", "column", "content", "main", "shadow", "entry", "story", "post-body"]

    static func key(_ node: HTMLNode) -> ClassKey { ClassKey(node) }

    /// Boxes whose names never hold a story, however much text they carry: readers' discussion, consent and
    /// cookie notices, popups, sign-up boxes. (Unlike `sidebar`, `widget` or `share`, which real templates also
    /// put on the story's own wrappers.)
    static func isNeverStory(_ key: ClassKey) -> Bool {
        // One scan for both lists; the `comments-open` exception only matters once something matched.
        !key.isEmpty && neverStorySet.matches(key) && !openOrClosedSet.matches(key)
    }

    static let discussionNames = ["comment", "disqus", "replies", "respond", "reader-response", "responses$"]
    static let neverStorySet = PatternSet(
        discussionNames + ["cookie", "consent", "gdpr", "dsgvo", "popup", "newsletter", "signup", "sign-up"],
        matching: .words)

    static let openOrClosedSet = PatternSet(["comments-open", "comments-closed", "comment-count"], matching: .words)

    /// +25 for article-like names, -25 for furniture-like names (both may apply).
    static func weight(_ key: ClassKey) -> Double {
        guard !key.isEmpty else { return 0 }
        var weight = 0.0
        if negativeSet.matches(key) { weight -= 25 }
        if positiveSet.matches(key) { weight += 25 }
        return weight
    }

    static func isUnlikely(_ key: ClassKey) -> Bool {
        guard !key.isEmpty, unlikelySet.matches(key) else { return false }
        return !maybeSet.matches(key) || strongBoilerplate(key)
    }

    /// Names so specific that even an `article`/`content` word beside them does not save the box.
    static func strongBoilerplate(_ key: ClassKey) -> Bool {
        if strongSet.matches(key) { return true }
        // Whole words inside BEM-style names: `node__meta`, `c-article__byline`, `post_tags`.
        return key.containsWord(in: strongWords)
    }

    static let positiveSet = PatternSet(positive, matching: .words)
    static let negativeSet = PatternSet(negative, matching: .words)
    static let unlikelySet = PatternSet(unlikely, matching: .words)
    static let maybeSet = PatternSet(maybe, matching: .words)
    static let strongSet = PatternSet(strong, matching: .words)
    static let strong = [
            "comment", "related", "share", "sharing", "sharedaddy", "author-box", "authorbox", "about-author",
            "author-bio", "newsletter", "breadcrumb", "cookie", "also-read", "read-more", "readmore", "more-stories",
            "recommended", "post-navigation", "nav-links", "jp-relatedposts", "yarpp", "post-tags", "entry-tags",
            "tags-links", "entry-meta", "post-meta", "article-meta", "byline", "dateline", "entry-footer",
            "sidebar", "widget", "social", "subscribe", "ad-slot", "ad-container", "advert", "sr-only",
            "screen-reader", "visually-hidden", "signup", "sign-up", "paywall", "ez-toc", "table-of-contents", "toc-container", "toc-wrapper", "lwptoc",
            "disclaimer", "disclosure", "affiliate-disclosure", "affiliate-note",
        ]

    static let strongWords: [[UInt8]] = [
        "meta", "byline", "dateline", "share", "sharing", "social", "related", "breadcrumb", "breadcrumbs",
        "newsletter", "subscribe", "comments", "tags", "author", "toolbar", "promo", "advertisement", "date", "dates",
        "timestamp", "time", "metadata", "contact", "published", "responses", "byline", "credits",
    ].map { Array($0.utf8) }
}
