import CFeeddXML

/// Namespaces recognized by URI in CFeeddXML (feedd_xml_feed.h), mirrored as a Swift enum.
enum XMLNamespace: Int32 {
    case none = 0, other, atom10, atom03, rdf, rss10, rss090, dc, content, sy, media, itunes, slash, xhtml, xml, wfw,
        feedburner

    init(_ raw: Int32) { self = XMLNamespace(rawValue: raw) ?? .other }

    /// Elements of RSS proper, whatever version: no namespace, RSS 1.0 or RSS 0.90.
    var isRSSCore: Bool { self == .none || self == .rss10 || self == .rss090 }
    var isAtom: Bool { self == .atom10 || self == .atom03 }
}

/// One attribute of an element, decoded.
struct XMLAttribute {
    var ns: XMLNamespace
    var name: String
    var value: String
}

extension Array where Element == XMLAttribute {
    /// The value of the attribute `name` in no namespace (or in `ns`).
    func value(_ name: String, ns: XMLNamespace = .none) -> String? {
        first { $0.name == name && $0.ns == ns }?.value
    }
}
