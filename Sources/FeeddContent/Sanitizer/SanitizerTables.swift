/// `SanitizerPolicy` compiled for lookups on the bytes of a tag: tag and attribute names numbered
/// by `NameTable`s, one `TagRule` per tag number, and the numbers the sanitizer treats specially.
/// Built once from the policy's sets, so the two cannot disagree. A class: each sanitize call holds the
/// shared tables with one reference, where a copy of the struct retained each of its arrays.
final class SanitizerTables: Sendable {
    static let shared = SanitizerTables()

    let tags: NameTable
    let attributes: NameTable
    /// By tag number.
    let rules: [TagRule]
    /// `<name` and `</name>` by tag number, each written with one append.
    let openings: [[UInt8]], endTags: [[UInt8]]
    let urlAttributes: NameSet
    let a: Int, img: Int, iframe: Int
    let href: Int, src: Int, srcset: Int, width: Int, height: Int
    /// Attributes the sanitizer adds itself (never kept from the input: no tag allows them).
    let rel: Int, sandbox: Int

    private init() {
        let tagNames = Set(SanitizerPolicy.allowed.keys).union(SanitizerPolicy.droppedWithContent)
            .union(SanitizerPolicy.voidElements).union(SanitizerPolicy.rawTextElements).sorted()
        let attributeNames = SanitizerPolicy.allowed.values.reduce(SanitizerPolicy.globalAttributes) { $0.union($1) }
            .union(SanitizerPolicy.urlAttributes).union(["rel", "sandbox"]).sorted()
        precondition(tagNames.count <= NameSet.capacity && attributeNames.count <= NameSet.capacity)
        let tags = NameTable(tagNames)
        let attributes = NameTable(attributeNames)
        func tag(_ name: String) -> Int { tags.number(of: name)! }
        func attribute(_ name: String) -> Int { attributes.number(of: name)! }
        rules = tagNames.map { name in
            TagRule(
                attributes: SanitizerPolicy.allowed[name].map {
                    NameSet($0.union(SanitizerPolicy.globalAttributes).map(attribute))
                },
                dropsContent: SanitizerPolicy.droppedWithContent.contains(name),
                isVoid: SanitizerPolicy.voidElements.contains(name),
                isRawText: SanitizerPolicy.rawTextElements.contains(name),
                closes: NameSet((SanitizerPolicy.implicitlyClosedBy[name] ?? []).map(tag)))
        }
        openings = tags.names.map { Array("<".utf8) + $0 }
        endTags = tags.names.map { Array("</".utf8) + $0 + Array(">".utf8) }
        urlAttributes = NameSet(SanitizerPolicy.urlAttributes.map(attribute))
        (a, img, iframe) = (tag("a"), tag("img"), tag("iframe"))
        (href, src, srcset) = (attribute("href"), attribute("src"), attribute("srcset"))
        (width, height) = (attribute("width"), attribute("height"))
        (rel, sandbox) = (attribute("rel"), attribute("sandbox"))
        self.tags = tags
        self.attributes = attributes
    }
}

/// Everything the sanitizer needs to know about one known tag, found with a single lookup. Tags
/// not in `SanitizerTables.tags` are unwrapped (tag dropped, content kept).
struct TagRule: Sendable {
    /// Attribute numbers kept on the tag; nil when the tag itself is not kept.
    var attributes: NameSet?
    /// Dropped together with its content.
    var dropsContent: Bool
    var isVoid: Bool
    var isRawText: Bool
    /// Tag numbers of open elements this tag implicitly closes (`<p>` closes an open `<p>`).
    var closes: NameSet
}
