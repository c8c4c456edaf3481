import CFeeddXML

/// The element names extraction tests, as numbers from libxml2's node name (`CFeeddXML_html_node_tag`), so that
/// the walks switch on an integer instead of making and comparing a String for every element.
/// Alphabetical: the raw values are the places in the C table, which HTMLTagTests check name by name.
package enum HTMLTag: Int32, CaseIterable {
    case other = 0
    case a, address, article, aside, audio, b, blockquote, body, br, button, canvas, caption, center, dd,
        details, dialog, div, dl, dt, em, embed, fieldset, figcaption, figure, font, footer, form, h1, h2, h3, h4, h5,
        h6, head, header, hr, html, iframe, img, input, li, link, main, map, math, menu, meta, nav, noscript, object,
        ol, p, picture, pre, rp, rt, script, section, select, source, span, strong, style, summary, svg, table, tbody, td,
        template, textarea, th, thead, time, title, tr, ul, video

    /// The tag for a lowercase element name; `.other` when extraction has no use for it.
    package init(name: String) {
        self = HTMLTag(rawValue: CFeeddXML_html_tag_lookup(name)) ?? .other
    }

    init(_ node: OpaquePointer) {
        self = HTMLTag(rawValue: CFeeddXML_html_node_tag(node)) ?? .other
    }
}
