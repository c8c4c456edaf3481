import FeeddCore

/// The Channel Definition Format (CDF, 1997): a `CHANNEL` of `ITEM`s whose page is the `HREF`
/// attribute and whose date is `LASTMOD`, with `TITLE` and `ABSTRACT` children. Names are upper case
/// in practice; they are matched in any case.
enum CDFAdapter: FeedFormatAdapter {
    static func isItem(_ ns: XMLNamespace, _ element: FeedElement, _ name: UnsafePointer<CChar>) -> Bool {
        String(cString: name).uppercased() == "ITEM"
    }

    static func start(_ frame: inout FeedDocumentBuilder.Frame, builder: FeedDocumentBuilder)
        -> FeedDocumentBuilder.Capture
    {
        let name = frame.name.uppercased()
        if name == "ITEM", builder.item == nil {
            builder.beginItem(frame)
            let href = frame.attributes.first { $0.name.uppercased() == "HREF" }?.value
            builder.item!.link = builder.resolve(href, in: frame)
            builder.item!.updated = frame.attributes.first { $0.name.uppercased() == "LASTMOD" }?.value
        } else if name == "CHANNEL", builder.feed!.link == nil {
            let href = frame.attributes.first { $0.name.uppercased() == "HREF" }?.value
            builder.feed!.link = builder.resolve(href, in: frame)
        }
        return name == "ABSTRACT" ? .markup : .text
    }

    static func end(_ frame: FeedDocumentBuilder.Frame, text: ElementText, builder: FeedDocumentBuilder) {
        let name = frame.name.uppercased()
        let parent = builder.parentName?.uppercased()
        if builder.item != nil {
            switch (name, parent) {
            case ("ITEM", _): builder.endItem()
            case ("TITLE", "ITEM"): builder.item!.title = TextConstruct(value: text, kind: .html)
            case ("ABSTRACT", "ITEM"):
                if !text.isBlank {
                    builder.item!.description = TextConstruct(value: text, kind: .html, base: builder.base(of: frame))
                }
            default: break
            }
            return
        }
        switch (name, parent) {
        case ("TITLE", "CHANNEL"): builder.feed!.title = TextConstruct(value: text.trimmingASCIISpace(), kind: .html)
        case ("ABSTRACT", "CHANNEL"): builder.feed!.description = TextConstruct(value: text, kind: .html)
        default: break
        }
    }
}
