/// One syndication format's reading of elements. The builder owns the stack and the text; an
/// adapter decides what an element means. Adapters are stateless (state lives in the drafts), so the
/// builder holds an adapter's type and calls it without copying an existential on every element.
protocol FeedFormatAdapter {
    /// True for the element that delimits one item (`item`, `entry`).
    static func isItem(_ ns: XMLNamespace, _ element: FeedElement, _ name: UnsafePointer<CChar>) -> Bool
    /// Called when an element starts (pushed on the stack right after); says how to capture its content.
    static func start(_ frame: inout FeedDocumentBuilder.Frame, builder: FeedDocumentBuilder)
        -> FeedDocumentBuilder.Capture
    /// Called when an element ends with its text (markup, for capturing elements); already popped.
    static func end(_ frame: FeedDocumentBuilder.Frame, text: ElementText, builder: FeedDocumentBuilder)
}

/// Picks the format (and its adapter) from the root element.
enum FeedFormatDetector {
    static func detect(_ ns: XMLNamespace, _ name: String, _ attributes: [XMLAttribute])
        -> (FeedFormat, any FeedFormatAdapter.Type)?
    {
        switch (ns, name) {
        case (.none, "rss"), (.other, "rss"):
            let version = attributes.value("version")?.trimmingASCIISpace() ?? "2.0"
            let format: FeedFormat = version.hasPrefix("0.9") ? .rss09x : .rss20
            return (format, RSSAdapter.self)
        case (.none, "channel"):
            return (.rss20, RSSAdapter.self)  // a bare channel: RSS without its <rss> wrapper
        case (.rss10, "Channel"), (.other, "Channel"):
            return (.rss10, RSSAdapter.self)  // RSS 1.1: the RSS 1.0 elements under a `Channel` root
        case (.none, "CHANNEL"):
            return (.cdf, CDFAdapter.self)  // Netscape/Microsoft Channel Definition Format
        case (.rdf, "RDF"), (.rss10, "RDF"), (.rss090, "RDF"), (.none, "RDF"), (.other, "RDF"), (.none, "rdf"):
            return (.rss10, RSSAdapter.self)  // becomes rss0.9x when the channel is in the 0.90 namespace
        case (.atom10, "feed"), (.other, "feed"):
            return (.atom10, AtomAdapter.self)  // a feed root in an unknown namespace reads as Atom
        case (.atom10, "entry"), (.none, "entry"):
            return (.atom10, AtomAdapter.self)  // an Atom entry document: a feed of one entry
        case (.atom03, "entry"):
            return (.atom03, AtomAdapter.self)
        case (.atom03, "feed"):
            return (.atom03, AtomAdapter.self)
        case (.none, "feed"):
            // Atom without its namespace: trust the version attribute when there is one.
            return (attributes.value("version") == "0.3" ? .atom03 : .atom10, AtomAdapter.self)
        default:
            return nil
        }
    }
}
