import FeeddCore

extension ParsedFeed {
    /// The one-line JSON object `feedd parse` prints.
    package var jsonObject: String {
        var w = JSONWriter(capacity: 1024 + items.count * 512)
        w.beginObject()
        w.field("format", format.rawValue)
        w.field("title", title)
        w.field("link", link)
        w.field("description", description)
        w.field("language", language)
        w.key("items")
        w.beginArray()
        for item in items {
            w.beginObject()
            w.field("id", item.id)
            w.field("url", item.url)
            w.field("title", item.title)
            w.field("author", item.authors.isEmpty ? nil : item.authors.joined(separator: ", "))
            w.field("published", item.published.map(RFC3339.format))
            w.field("updated", item.updated.map(RFC3339.format))
            w.field("summary", item.summary)
            w.field("content", item.content)
            w.field("categories", item.categories)
            w.key("enclosures")
            Enclosure.write(item.enclosures, to: &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output
    }
}
