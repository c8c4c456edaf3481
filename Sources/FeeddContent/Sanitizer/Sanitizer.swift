import FeeddCore

/// A streaming allowlist HTML sanitizer: one pass over tokens, no DOM. Keeps safe structure and
/// formatting, drops scripts, styles, event handlers, forms, dangerous URLs, foreign iframes,
/// tracking pixels and SVG/MathML, closes what was left open, and makes URLs absolute.
package struct Sanitizer: Sendable {
    package static let defaultIframeHosts = [
        "www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com", "www.dailymotion.com",
        "player.twitch.tv", "open.spotify.com", "w.soundcloud.com", "bandcamp.com",
    ]

    let baseURL: String?
    let base: URLResolver.Base?
    let iframeHosts: [String]
    /// The base's scheme is http or https: relative references resolve to safe URLs.
    let baseIsHTTP: Bool

    package init(baseURL: String?, iframeHosts: [String]) {
        self.baseURL = baseURL
        self.base = URLResolver.Base(baseURL)
        self.baseIsHTTP = base.map { $0.scheme == "http" || $0.scheme == "https" } ?? false
        self.iframeHosts = iframeHosts.map { $0.lowercased() }
    }

    package func sanitize(_ html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var run = SanitizerRun(sanitizer: self, input: bytes)
            return run.run()
        }
    }

    /// As `sanitize(_:)`, for UTF-8 the parser already holds.
    func sanitize(utf8 html: [UInt8]) -> String {
        html.withUnsafeBufferPointer { bytes in
            var run = SanitizerRun(sanitizer: self, input: bytes)
            return run.run()
        }
    }

    func allowsIframe(_ url: String) -> Bool {
        guard URLResolver.scheme(of: url) == "https", let host = URLResolver.host(of: url) else { return false }
        return iframeHosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }
}

/// The state of one sanitize call.
private struct SanitizerRun {
    let sanitizer: Sanitizer
    var tokenizer: HTMLTokenizer
    var out: [UInt8] = []
    var open: [String] = []

    init(sanitizer: Sanitizer, input: UnsafeBufferPointer<UInt8>) {
        self.sanitizer = sanitizer
        self.tokenizer = HTMLTokenizer(input)
        out.reserveCapacity(input.count)
    }

    mutating func run() -> String {
        while let token = tokenizer.next() {
            switch token {
            case .text(let range): appendText(range)
            case .startTag(let name, let attributes, let selfClosing): startTag(name, attributes, selfClosing)
            case .endTag(let name): endTag(name)
            }
        }
        while let name = open.popLast() { appendEnd(name) }
        // Trim surrounding whitespace only; inner whitespace matters in <pre>.
        var start = 0, end = out.count
        while start < end, HTMLTokenizer.isSpace(out[start]) { start += 1 }
        while end > start, HTMLTokenizer.isSpace(out[end - 1]) { end -= 1 }
        return String(decoding: out[start..<end], as: UTF8.self)
    }

    // MARK: Text

    /// Copies text, keeping valid character references and escaping everything else that is special.
    mutating func appendText(_ range: Range<Int>) {
        let bytes = tokenizer.bytes
        var i = range.lowerBound
        var run = i
        let special = Self.specialBytes
        while i < range.upperBound {
            let c = bytes[i]
            // Most bytes are ordinary text: copied in runs, found eight bytes at a time where possible.
            if !special[Int(c)] {
                i = TextScan.skipOrdinary(bytes, from: i + 1, to: range.upperBound)
                continue
            }
            out.append(contentsOf: bytes[run..<i])
            switch c {
            case UInt8(ascii: "&"):
                if let (value, used) = HTMLEntities.reference(bytes, at: i), i + used <= range.upperBound {
                    appendEscaped(value)
                    i += used
                    run = i
                    continue
                }
                out.append(contentsOf: Self.amp)
            case UInt8(ascii: "<"): out.append(contentsOf: Self.lt)
            case UInt8(ascii: ">"): out.append(contentsOf: Self.gt)
            default: break  // control characters are dropped
            }
            i += 1
            run = i
        }
        out.append(contentsOf: bytes[run..<range.upperBound])
    }

    /// A decoded code point back into the output: markup characters and invisible ones as references.
    private mutating func appendEscaped(_ value: UInt32) {
        switch value {
        case 38: out.append(contentsOf: Self.amp)
        case 60: out.append(contentsOf: Self.lt)
        case 62: out.append(contentsOf: Self.gt)
        case 34: out.append(contentsOf: Array("&quot;".utf8))
        case 0xA0: out.append(contentsOf: Array("&nbsp;".utf8))
        case 0..<9, 11, 12, 14..<32, 127: break
        default: HTMLEntities.appendUTF8(value, to: &out)
        }
    }

    /// Bytes that text cannot carry as they are: markup characters and controls (not tab/newline/CR).
    static let specialBytes: [Bool] = (0..<256).map { c in
        c == 0x26 || c == 0x3C || c == 0x3E || c == 0x7F || (c < 0x20 && c != 9 && c != 10 && c != 13)
    }

    static let amp = Array("&amp;".utf8)
    static let lt = Array("&lt;".utf8)
    static let gt = Array("&gt;".utf8)

    // MARK: Tags

    mutating func startTag(_ name: String, _ attributeRange: Range<Int>, _ selfClosing: Bool) {
        let rule = TagRule.table[name] ?? TagRule.unknown
        if rule.dropsContent {
            if !selfClosing && !rule.isVoid { skipElement(name, rawText: rule.isRawText) }
            return
        }
        guard let allowedAttributes = rule.attributes else { return }  // unwrap: keep content
        var attributes: [(String, String)] = []
        var width: String?, height: String?
        tokenizer.forEachAttribute(in: attributeRange) { attribute, raw in
            guard allowedAttributes.contains(attribute) else { return }
            if attributes.contains(where: { $0.0 == attribute }) { return }
            let text = String(decoding: raw, as: UTF8.self)
            let value = raw.contains(UInt8(ascii: "&")) ? HTMLEntities.decode(text) : text
            if attribute == "width" { width = value }
            if attribute == "height" { height = value }
            attributes.append((attribute, value))
        }
        // URLs: resolved, then checked by scheme; a failing URL drops the attribute.
        var index = 0
        while index < attributes.count {
            let (attribute, value) = attributes[index]
            if SanitizerPolicy.urlAttributes.contains(attribute) {
                if let safe = safeURL(value, attribute: attribute, tag: name) {
                    attributes[index].1 = safe
                } else {
                    attributes.remove(at: index)
                    continue
                }
            } else if attribute == "srcset" {
                attributes[index].1 = safeSrcset(value)
            }
            index += 1
        }
        switch name {
        case "img":
            guard let source = attributes.first(where: { $0.0 == "src" })?.1 else { return }
            if isTrackingPixel(source, width: width, height: height) { return }
        case "iframe":
            guard let source = attributes.first(where: { $0.0 == "src" })?.1, sanitizer.allowsIframe(source) else {
                skipElement(name, rawText: true)
                return
            }
            attributes.append(("sandbox", "allow-scripts allow-same-origin allow-popups"))
        case "a":
            if attributes.contains(where: { $0.0 == "href" }) { attributes.append(("rel", "noopener noreferrer nofollow")) }
        default: break
        }
        // Implied end tags: a new <p> or <li> closes an open one, as browsers do.
        if !rule.closes.isEmpty, let top = open.last, rule.closes.contains(top) {
            open.removeLast()
            appendEnd(top)
        }
        out.append(UInt8(ascii: "<"))
        appendUTF8(name)
        for (attribute, value) in attributes {
            out.append(UInt8(ascii: " "))
            appendUTF8(attribute)
            out.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            appendAttributeValue(value)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: ">"))
        if !rule.isVoid {
            if selfClosing { appendEnd(name) } else { open.append(name) }
        }
    }

    mutating func endTag(_ name: String) {
        guard let index = open.lastIndex(of: name) else { return }
        // Close everything opened inside it, so output stays balanced.
        while open.count > index { appendEnd(open.removeLast()) }
    }

    private mutating func appendEnd(_ name: String) {
        out.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        appendUTF8(name)
        out.append(UInt8(ascii: ">"))
    }

    /// Appends a string's bytes in one copy (appending a `String.UTF8View` goes element by element).
    @inline(__always) private mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    private mutating func appendAttributeValue(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            let special = Self.specialInAttribute
            var run = 0
            for i in 0..<bytes.count where special[Int(bytes[i])] {
                out.append(contentsOf: bytes[run..<i])
                switch bytes[i] {
                case UInt8(ascii: "&"): out.append(contentsOf: Self.amp)
                case UInt8(ascii: "\""): out.append(contentsOf: Self.quot)
                case UInt8(ascii: "<"): out.append(contentsOf: Self.lt)
                case UInt8(ascii: ">"): out.append(contentsOf: Self.gt)
                default: break  // control characters are dropped
                }
                run = i + 1
            }
            out.append(contentsOf: bytes[run...])
        }
    }

    /// Bytes an attribute value cannot carry as they are: `&`, `"`, `<`, `>` and controls.
    static let specialInAttribute: [Bool] = (0..<256).map { c in
        c == 0x26 || c == 0x22 || c == 0x3C || c == 0x3E || c < 0x20 || c == 0x7F
    }

    static let quot = Array("&quot;".utf8)

    /// Skips an element and everything inside it, counting nested elements of the same name.
    private mutating func skipElement(_ name: String, rawText: Bool) {
        if rawText {
            tokenizer.skipRawText(until: name)
            return
        }
        var depth = 1
        while depth > 0, let token = tokenizer.next() {
            switch token {
            case .startTag(let inner, _, let selfClosing) where inner == name && !selfClosing: depth += 1
            case .startTag(let inner, _, _) where SanitizerPolicy.rawTextElements.contains(inner):
                tokenizer.skipRawText(until: inner)
            case .endTag(let inner) where inner == name: depth -= 1
            default: break
            }
        }
    }

    // MARK: URLs

    private func safeURL(_ raw: String, attribute: String, tag: String) -> String? {
        // Fast path: an absolute http(s) URL without whitespace or control characters is kept as is.
        // Checked on the bytes: most attributes of a feed are such URLs or relative paths.
        let shape = URLShape(raw)
        if shape == .plainHTTP { return raw }
        // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
        let compact = shape == .spaced ? String(raw.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }) : raw
        if compact.isEmpty { return nil }
        if let scheme = URLResolver.scheme(of: compact) {
            switch scheme {
            case "http", "https": return raw.trimmingASCIISpace()
            case "mailto", "tel", "ftp", "magnet", "xmpp", "irc", "ircs", "geo", "sms":
                return attribute == "href" ? raw.trimmingASCIISpace() : nil
            case "data":
                let lower = compact.lowercased()
                let isImage = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/jpg",
                               "data:image/webp", "data:image/avif"].contains { lower.hasPrefix($0) }
                return isImage && tag == "img" && attribute == "src" ? compact : nil
            default: return nil
            }
        }
        guard let base = sanitizer.base else { return raw.trimmingASCIISpace() }
        // A reference without a scheme takes the base's scheme, so the result is safe exactly when
        // the base is http(s): no need to parse the resolved URL again.
        return sanitizer.baseIsHTTP ? base.resolve(raw) : nil
    }

    private func safeSrcset(_ value: String) -> String {
        value.split(separator: ",").compactMap { candidate -> String? in
            let parts = candidate.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            guard let first = parts.first, let url = safeURL(String(first), attribute: "src", tag: "source") else {
                return nil
            }
            return ([url] + parts.dropFirst().map(String.init)).joined(separator: " ")
        }.joined(separator: ", ")
    }

    private func isTrackingPixel(_ source: String, width: String?, height: String?) -> Bool {
        if Self.isTiny(width) && Self.isTiny(height) { return true }
        guard let host = URLResolver.host(of: source) else { return false }
        if SanitizerPolicy.trackerHosts.contains(host) { return true }
        if host == "feeds.feedburner.com" { return source.utf8.starts(with: "https://feeds.feedburner.com/~r/".utf8)
            || source.utf8.starts(with: "http://feeds.feedburner.com/~r/".utf8) }
        // Subdomains of tracker hosts count too (scanned as bytes: hosts are ASCII in practice, and a
        // candidate starting mid-character matches no entry anyway).
        let utf8 = host.utf8
        var index = utf8.startIndex
        while let dot = utf8[index...].firstIndex(of: UInt8(ascii: ".")) {
            index = utf8.index(after: dot)
            if SanitizerPolicy.trackerHosts.contains(String(decoding: utf8[index...], as: UTF8.self)) { return true }
        }
        return false
    }

    /// A width or height of at most one pixel: its digits read as a number ≤ 1.
    private static func isTiny(_ text: String?) -> Bool {
        guard let text = text?.trimmingASCIISpace(), !text.isEmpty else { return false }
        // ASCII (the usual case): the digits are exactly the bytes 0-9; no Character iteration.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let digits = text.utf8.filter { $0 >= 48 && $0 <= 57 }
            guard let value = Int(String(decoding: digits, as: UTF8.self)) else { return false }
            return value <= 1
        }
        guard let value = Int(text.filter(\.isNumber)) else { return false }
        return value <= 1
    }
}

extension String {
    /// Trimmed of ASCII whitespace and controls at both ends; `self` (no copy) when there is none.
    func trimmingASCIISpace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20 && last > 0x20 { return self }
        guard let start = utf8.firstIndex(where: { $0 > 0x20 }) else { return "" }
        let end = utf8.lastIndex(where: { $0 > 0x20 })!
        return String(self[start...end])
    }
}
