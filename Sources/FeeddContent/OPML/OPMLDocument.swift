import Foundation
import FeeddCore

/// The subscriptions of an OPML file: every outline with a feed URL, with the folders around it.
/// Real-world quirks handled: nested folders, `xmlUrl` spelled in any case, outlines with no
/// title (the `text` attribute, then the host, stands in), the same URL listed twice, and
/// `category` lists (`a,b` or `/Tags/a`).
package struct OPMLDocument: Sendable, Equatable {
    package struct Outline: Sendable, Equatable {
        package var title: String?
        package var xmlURL: String
        package var htmlURL: String?
        /// Enclosing folder titles, outermost first.
        package var folders: [String]
        /// The `category` attribute's entries: comma-separated, each maybe a `/`-path whose last part is the label.
        package var categories: [String] = []
    }

    package var title: String?
    package var outlines: [Outline]

    package static func parse(_ bytes: [UInt8]) throws(FeedParseError) -> OPMLDocument {
        let collector = Collector()
        let outcome = bytes.withUnsafeBytes { buffer in
            XMLStreamReader.parse(buffer, charset: nil, maxDepth: 256, handler: collector)
        }
        if outcome.tooDeep {
            throw FeedParseError(.tooDeep, "the OPML nests outlines deeper than 256 levels")
        }
        guard collector.sawRoot else {
            throw FeedParseError(.notAFeed, "not an OPML document (no <opml> root element)")
        }
        return OPMLDocument(title: collector.title, outlines: collector.outlines)
    }

    private final class Collector: XMLEventHandler {
        var sawRoot = false
        var title: String?
        var outlines: [Outline] = []
        /// For each open <outline>: the folder title it opened, or nil for a feed outline.
        var stack: [String?] = []
        var inHeadTitle = false
        var titleText = ""

        func startElement(_ ns: XMLNamespace, _ name: UnsafePointer<CChar>, element: FeedElement,
                          attributes: [XMLAttribute]) {
            switch String(cString: name).lowercased() {
            case "opml": sawRoot = true
            case "title" where stack.isEmpty:
                inHeadTitle = true
                titleText = ""
            case "outline":
                func attribute(_ key: String) -> String? {
                    attributes.first { $0.name.lowercased() == key }.map(\.value).flatMap {
                        let trimmed = TextNormalizer.plainText($0)
                        return trimmed.isEmpty ? nil : trimmed
                    }
                }
                let label = attribute("title") ?? attribute("text")
                if let url = attributes.first(where: { $0.name.lowercased() == "xmlurl" })?.value
                    .trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty
                {
                    let categories = (attribute("category") ?? "").split(separator: ",").compactMap { entry in
                        entry.split(separator: "/").last.map { String($0).trimmingCharacters(in: .whitespaces) }
                    }.filter { !$0.isEmpty }
                    outlines.append(
                        Outline(
                            title: label, xmlURL: url, htmlURL: attribute("htmlurl"), folders: stack.compactMap { $0 },
                            categories: categories))
                    stack.append(nil)
                } else {
                    stack.append(label ?? "")
                }
            default: break
            }
        }

        func endElement(_ ns: XMLNamespace, _ name: @autoclosure () -> String) {
            switch name().lowercased() {
            case "outline": if !stack.isEmpty { stack.removeLast() }
            case "title" where inHeadTitle:
                inHeadTitle = false
                let text = TextNormalizer.plainText(titleText)
                title = text.isEmpty ? nil : text
            default: break
            }
        }

        func text(_ bytes: UnsafeRawBufferPointer) {
            if inHeadTitle { titleText += String(decoding: bytes, as: UTF8.self) }
        }
    }
}
