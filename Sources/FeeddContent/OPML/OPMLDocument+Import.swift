import FeeddCore
import Foundation

extension OPMLDocument {
    /// feeds.conf sections for the outlines: names transliterated from titles (or hosts), unique among
    /// themselves and `taken`; the title kept as `title`; folders and categories become tags; a URL
    /// already present is left out.
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
            let title = outline.title.map(Self.configValue).flatMap { $0.isEmpty ? nil : $0 }
            let base = title.flatMap(Self.sectionName) ?? Self.host(outline.xmlURL).flatMap(Self.sectionName) ?? "feed"
            var name = base
            var counter = 2
            while names.contains(name) {
                name = "\(base)-\(counter)"
                counter += 1
            }
            names.insert(name)
            text += "\n[source \(name)]\nurl = \(outline.xmlURL)\n"
            if let title { text += "title = \(title)\n" }
            var tags: [String] = []
            for label in outline.folders + outline.categories {
                let tag = Self.configValue(label).replacingOccurrences(of: ",", with: " ")
                if !tag.isEmpty, !tags.contains(tag) { tags.append(tag) }
            }
            if !tags.isEmpty { text += "tags = \(tags.joined(separator: ", "))\n" }
            added += 1
        }
        return (text, added, skipped)
    }

    /// Text that reads back unchanged as a feeds.conf value: one line, no `#` that would start a comment.
    static func configValue(_ text: String) -> String {
        var out = ""
        var previous: Character = " "
        for character in text {
            let next: Character = character.isNewline || character == "\t" ? " " : character
            if next == "#", previous == " " { continue }  // a comment would start here
            if next == " ", previous == " " { continue }
            out.append(next)
            previous = next
        }
        return String(out.trimmingSpacesAndMarks)
    }

    /// A readable section name: letters transliterated to ASCII (`Café Müller` → `cafe-muller`), other
    /// runs folded into one `-`, at most 48 characters; nil when no letter is left (a title in
    /// another script), so the caller falls back to the host.
    static func sectionName(_ title: String) -> String? {
        var out = ""
        var lastDash = false
        for scalar in title.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let ascii: String?
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "." || scalar == "_" {
                ascii = String(scalar)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue  // the accent of a decomposed letter
            } else {
                ascii = latinLetters[scalar]
            }
            if let ascii {
                out += ascii
                lastDash = false
            } else if !lastDash, !out.isEmpty {
                out += "-"
                lastDash = true
            }
        }
        while out.hasSuffix("-") || out.hasSuffix(".") { out.removeLast() }
        if out.count > 48 { out = String(out.prefix(48)) }
        while out.hasSuffix("-") || out.hasSuffix(".") { out.removeLast() }
        // Digits alone ("1" from "Новости #1") say nothing about the feed: the host says more.
        return out.unicodeScalars.contains { $0 >= "a" && $0 <= "z" } ? out : nil
    }

    /// Latin letters with no canonical decomposition into a base letter and a mark.
    static let latinLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h",
        "ŋ": "n", "ſ": "s",
    ]

    static func host(_ url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" }
        return host.isEmpty ? nil : String(host.hasPrefix("www.") ? host.dropFirst(4) : host)
    }
}

extension String {
    fileprivate var trimmingSpacesAndMarks: Substring {
        var result = Substring(self)
        while let first = result.first, first == " " { result = result.dropFirst() }
        while let last = result.last, last == " " { result = result.dropLast() }
        return result
    }
}
