import Foundation

/// What must never appear in the HTML sanitizer's output, whatever the input: it is stored and later shown in
/// readers, so active content there is stored XSS. The output is feedd's own serialization (text escaped,
/// attribute values double-quoted), so a small tag scanner reads it exactly.
package enum SanitizedCheck {
    package static let forbiddenTags: Set<String> = [
        "script", "style", "svg", "math", "object", "embed", "form", "input", "textarea", "meta", "link", "base",
        "frame", "frameset", "template", "noscript", "xmp", "plaintext", "applet",
    ]
    package static let dangerousSchemes = ["javascript:", "vbscript:", "data:text/html", "livescript:"]

    /// A description of the first violation, or nil when the output is safe.
    package static func problem(in output: String) -> String? {
        let bytes = Array(output.utf8)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "/") { i += 1 }
            let nameStart = i
            while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
            let name = lower(bytes[nameStart..<i])
            if name.isEmpty { return "has a raw '<' outside a tag" }
            if forbiddenTags.contains(name) { return "has <\(name)>" }
            // Attributes: name="value" pairs up to '>'.
            while i < bytes.count, bytes[i] != UInt8(ascii: ">") {
                if bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "/") {
                    i += 1
                    continue
                }
                let attributeStart = i
                while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
                let attribute = lower(bytes[attributeStart..<i])
                if attribute.isEmpty { return "has a malformed attribute in <\(name)>" }
                if attribute.hasPrefix("on") || attribute == "style" || attribute == "srcdoc" || attribute == "formaction" {
                    return "keeps \(attribute)= on <\(name)>"
                }
                guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { continue }
                i += 1
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return "has an unquoted attribute value" }
                i += 1
                let valueStart = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
                let value = decodedURL(bytes[valueStart..<min(i, bytes.count)])
                if ["href", "src", "cite", "poster", "srcset"].contains(attribute),
                    dangerousSchemes.contains(where: { value.hasPrefix($0) })
                {
                    return "keeps a \(value.prefix(20)) URL in \(attribute)= on <\(name)>"
                }
                i += 1
            }
            i += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
    }

    private static func lower(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// The value as a browser would see its scheme: entities for letters and colons decoded, whitespace and
    /// control characters (which browsers skip inside schemes) removed, lowercased.
    private static func decodedURL(_ bytes: ArraySlice<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        for (entity, character) in [("&colon;", ":"), ("&#58;", ":"), ("&#x3a;", ":"), ("&#x3A;", ":"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return String(text.lowercased().unicodeScalars.filter { $0.value > 0x20 })
    }
}
