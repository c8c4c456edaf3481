import FeeddCore

extension OPMLDocument {
    /// OPML 2.0 for the sources of a config; a source's tags become its `category`.
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
            var attributes = "type=\"rss\" text=\"\(escape(source.name))\" title=\"\(escape(source.name))\" xmlUrl=\"\(escape(source.url))\""
            if !source.tags.isEmpty { attributes += " category=\"\(escape(source.tags.joined(separator: ",")))\"" }
            out += "    <outline \(attributes)/>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    static func escape(_ text: String) -> String { HTMLEscape.text(text) }

    /// feeds.conf sections for the outlines: names derived from titles (or hosts), unique among
    /// themselves and `taken`; folders become tags; a URL already present is left out.
    package func configSections(taken: Set<String>, existingURLs: Set<String>) -> (text: String, added: Int, skipped: [String]) {
        var names = taken
        var urls = existingURLs
        var text = ""
        var added = 0
        var skipped: [String] = []
        for outline in outlines {
            guard outline.xmlURL.hasPrefix("http://") || outline.xmlURL.hasPrefix("https://") else {
                skipped.append("\(outline.xmlURL): not an http(s) URL")
                continue
            }
            guard urls.insert(outline.xmlURL).inserted else {
                skipped.append("\(outline.xmlURL): listed already")
                continue
            }
            let base = Self.sectionName(outline.title ?? Self.host(outline.xmlURL) ?? "feed")
            var name = base
            var counter = 2
            while names.contains(name) {
                name = "\(base)-\(counter)"
                counter += 1
            }
            names.insert(name)
            text += "\n[source \(name)]\nurl = \(outline.xmlURL)\n"
            let tags = outline.folders.map(Self.sectionName).filter { !$0.isEmpty }
            if !tags.isEmpty { text += "tags = \(tags.joined(separator: ", "))\n" }
            added += 1
        }
        return (text, added, skipped)
    }

    /// Lowercase `a-z0-9._-`, other runs folded into one `-`, at most 48 characters.
    static func sectionName(_ title: String) -> String {
        var out = ""
        var lastDash = false
        for scalar in title.lowercased().unicodeScalars {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "." || scalar == "_"
            if ok {
                out.unicodeScalars.append(scalar)
                lastDash = false
            } else if !lastDash, !out.isEmpty {
                out += "-"
                lastDash = true
            }
        }
        while out.hasSuffix("-") || out.hasSuffix(".") { out.removeLast() }
        if out.count > 48 { out = String(out.prefix(48)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "feed" : out
    }

    static func host(_ url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" }
        return host.isEmpty ? nil : String(host.hasPrefix("www.") ? host.dropFirst(4) : host)
    }
}
