import FeeddCore

extension OPMLDocument {
    /// OPML 2.0 for the sources of a config: a source's title (else its name) is the outline's text and
    /// title, its tags its `category`, so `configSections` reads back the same title and tags.
    package static func export(_ config: Config, title: String = "feedd subscriptions", now: String) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head>
                <title>\(escape(title))</title>
                <dateCreated>\(escape(now))</dateCreated>
              </head>
              <body>

            """
        for source in config.sources where source.type != .html {
            let label = escape(source.title ?? source.name)
            var attributes = "type=\"rss\" text=\"\(label)\" title=\"\(label)\" xmlUrl=\"\(escape(source.url))\""
            if !source.tags.isEmpty { attributes += " category=\"\(escape(source.tags.joined(separator: ",")))\"" }
            out += "    <outline \(attributes)/>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
}
