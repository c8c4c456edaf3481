import FeeddCore
import Synchronization

/// A streaming allowlist HTML sanitizer: one pass over tokens, no DOM. Keeps safe structure and
/// formatting, drops scripts, styles, event handlers, forms, dangerous URLs, foreign iframes,
/// tracking pixels and SVG/MathML, closes what was left open, and makes URLs absolute.
package struct Sanitizer: Sendable {
    let baseURL: String?
    let iframeHosts: [String]
    /// The base, parsed the first time a relative URL needs it: most items have none, and parsing the
    /// base cost about as much as sanitizing a short item.
    private let parsedBase: ParsedBase

    var base: URLReference.Base? { parsedBase.value.base }
    /// The base's scheme is http or https: relative references resolve to safe URLs.
    var baseIsHTTP: Bool { parsedBase.value.isHTTP }
    /// The base's `scheme://authority`, which a root-relative path is appended to.
    var origin: [UInt8] { parsedBase.value.origin }

    /// `iframeHosts`: the hosts (subdomains included) whose https iframes are kept, from the source's
    /// settings (`iframe_hosts`); the sanitizer has no list of its own.
    package init(baseURL: String?, iframeHosts: [String]) {
        self.baseURL = baseURL
        self.parsedBase = ParsedBase(baseURL)
        // Hosts come lowercase from the defaults and the config: share the array rather than lowercase
        // (and allocate) every host again for each feed. Every feed passes the same array, so the last
        // one found lowercase is remembered (by its storage) and not checked again.
        if Self.lastLowercaseHosts.withLock({ Self.sameStorage($0, iframeHosts) }) {
            self.iframeHosts = iframeHosts
        } else if iframeHosts.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) } }) {
            self.iframeHosts = iframeHosts
            Self.lastLowercaseHosts.withLock { $0 = iframeHosts }
        } else {
            self.iframeHosts = iframeHosts.map { $0.lowercased() }
        }
    }

    /// Kept alive here, the remembered array's storage cannot be freed and reused for another array.
    private static let lastLowercaseHosts = Mutex<[String]>([])

    private static func sameStorage(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { $0.baseAddress == x.baseAddress } }
    }

    package func sanitize(_ html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var run = SanitizerRun(sanitizer: self, input: bytes)
            return run.run()
        }
    }

    /// As `sanitize(_:)`, for UTF-8 the parser already holds. `html` must be valid UTF-8, as all text
    /// from `XMLStreamReader` is (the output is made from it without validating again).
    func sanitize(utf8 html: [UInt8]) -> String {
        html.withUnsafeBufferPointer { bytes in
            var run = SanitizerRun(sanitizer: self, input: bytes)
            return run.run()
        }
    }

    func allowsIframe(_ url: String) -> Bool {
        guard URLReference.scheme(of: url) == "https", let host = URLReference.host(of: url) else { return false }
        return iframeHosts.contains { host == $0 || host.hasSuffix("." + $0) }
    }
}

/// A sanitizer's base URL, parsed once on first use (sanitizers are shared by the items of a feed, and
/// may be shared between threads).
private final class ParsedBase: Sendable {
    struct Parts: Sendable {
        let base: URLReference.Base?
        let isHTTP: Bool
        let origin: [UInt8]
    }

    private let url: String?
    private let parts = Mutex<Parts?>(nil)

    init(_ url: String?) { self.url = url }

    var value: Parts {
        parts.withLock { parts in
            if let parts { return parts }
            let base = URLReference.Base(url)
            let made = Parts(base: base, isHTTP: base.map { $0.scheme == "http" || $0.scheme == "https" } ?? false,
                             origin: Array((base?.origin ?? "").utf8))
            parts = made
            return made
        }
    }
}

/// The state of one sanitize call. Tags and attributes are handled as numbers from
/// `SanitizerTables`; attribute values stay byte ranges of the input unless they must change.
private struct SanitizerRun {
    let sanitizer: Sanitizer
    let tables = SanitizerTables.shared
    var tokenizer: HTMLTokenizer
    var out: [UInt8] = []
    /// Tag numbers of the elements written and not yet closed.
    var open: [Int] = []
    /// The attributes kept on the start tag at hand (reused from tag to tag).
    var kept: [(attribute: Int, value: AttributeValue)] = []

    enum AttributeValue {
        /// Input bytes without references: written as they are (escaped).
        case bytes(Range<Int>)
        /// Decoded or rewritten.
        case text(String)
        /// A root-relative path in the input, resolved: the base's origin, then these bytes.
        case rooted(Range<Int>)
    }

    init(sanitizer: Sanitizer, input: UnsafeBufferPointer<UInt8>) {
        self.sanitizer = sanitizer
        self.tokenizer = HTMLTokenizer(input)
        // Output runs a little longer than input when relative URLs become absolute: room for that,
        // so the buffer is not copied to grow near the end.
        out.reserveCapacity(input.count + input.count / 8 + 64)
        // `open` and `kept` get their room with the first known tag: much of what feeds carry has none.
    }

    mutating func run() -> String {
        let bytes = tokenizer.bytes
        while true {
            // Text is copied from where the tokenizer stands: the scan that escapes it also finds the
            // `<` that ends it, so the tokenizer does not search for that first.
            let position = tokenizer.position
            if position < bytes.count && bytes[position] != UInt8(ascii: "<") {
                tokenizer.skip(to: appendText(position..<bytes.count, untilMarkup: true))
                continue
            }
            guard let token = tokenizer.next() else { break }
            switch token {
            case .text(let range): appendText(range, untilMarkup: false)
            case .startTag(let name, let attributes, let selfClosing): startTag(name, attributes, selfClosing)
            case .endTag(let name): endTag(name)
            }
        }
        while let name = open.popLast() { appendEnd(name) }
        // Trim surrounding whitespace only; inner whitespace matters in <pre>.
        var start = 0, end = out.count
        while start < end, HTMLTokenizer.isSpace(out[start]) { start += 1 }
        while end > start, HTMLTokenizer.isSpace(out[end - 1]) { end -= 1 }
        // Valid UTF-8 in, valid UTF-8 out: input is only ever cut at ASCII bytes, and everything else
        // written is ASCII or encoded from scalars here. So the string is made without validating
        // the output again (a fifth of the sanitizing time); debug builds check.
        let result = out.span.extracting(start..<end)
        assert((try? UTF8Span(validating: result)) != nil, "sanitizer output is not valid UTF-8")
        return String(copying: unsafe UTF8Span(unchecked: result))
    }

    // MARK: Text

    /// Copies text, keeping valid character references and escaping everything else that is special.
    /// With `untilMarkup`, stops at the first `<` instead of escaping it. Returns where it stopped.
    @discardableResult mutating func appendText(_ range: Range<Int>, untilMarkup: Bool) -> Int {
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
            case UInt8(ascii: "<"):
                if untilMarkup { return i }
                out.append(contentsOf: Self.lt)
            case UInt8(ascii: ">"): out.append(contentsOf: Self.gt)
            default: break  // control characters are dropped
            }
            i += 1
            run = i
        }
        out.append(contentsOf: bytes[run..<range.upperBound])
        return range.upperBound
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

    mutating func startTag(_ name: Range<Int>, _ attributeRange: Range<Int>, _ selfClosing: Bool) {
        guard let tag = tables.tags.number(of: tokenizer.bytes[name]) else { return }  // unknown: unwrap
        if kept.capacity == 0 {
            open.reserveCapacity(16)
            kept.reserveCapacity(8)
        }
        let rule = tables.rules[tag]
        if rule.dropsContent {
            if !selfClosing && !rule.isVoid { skipElement(tag, rawText: rule.isRawText) }
            return
        }
        guard let allowedAttributes = rule.attributes else { return }  // unwrap: keep content
        collectAttributes(attributeRange, allowed: allowedAttributes)
        // URLs: resolved, then checked by scheme; a failing URL drops the attribute.
        var index = 0
        while index < kept.count {
            let attribute = kept[index].attribute
            if tables.urlAttributes.contains(attribute) {
                // Fast paths: an absolute http(s) URL without whitespace or controls is kept as written;
                // a plain root-relative path (`/a/b`) against an http(s) base is the origin and itself.
                if case .bytes(let range) = kept[index].value {
                    let shape = URLShape(tokenizer.bytes[range])
                    if shape == .plainHTTP {
                        index += 1
                        continue
                    }
                    if shape == .other, sanitizer.baseIsHTTP, URLShape.isPlainRootPath(tokenizer.bytes[range]) {
                        kept[index].value = .rooted(range)
                        index += 1
                        continue
                    }
                }
                let value = string(kept[index].value)
                let isImageSource = tag == tables.img && attribute == tables.src
                if let safe = safeURL(value, isLink: attribute == tables.href, isImageSource: isImageSource) {
                    kept[index].value = .text(safe)
                } else {
                    kept.remove(at: index)
                    continue
                }
            } else if attribute == tables.srcset {
                kept[index].value = .text(safeSrcset(string(kept[index].value)))
            }
            index += 1
        }
        if tag == tables.img {
            guard let source = keptString(tables.src) else { return }
            if isTrackingPixel(source, width: keptString(tables.width), height: keptString(tables.height)) { return }
        } else if tag == tables.iframe {
            guard let source = keptString(tables.src), sanitizer.allowsIframe(source) else {
                skipElement(tag, rawText: true)
                return
            }
            kept.append((tables.sandbox, .text("allow-scripts allow-same-origin allow-popups")))
        } else if tag == tables.a, kept.contains(where: { $0.attribute == tables.href }) {
            kept.append((tables.rel, .text("noopener noreferrer nofollow")))
        }
        // Implied end tags: a new <p> or <li> closes an open one, as browsers do.
        if !rule.closes.isEmpty, let top = open.last, rule.closes.contains(top) {
            open.removeLast()
            appendEnd(top)
        }
        out.append(contentsOf: tables.openings[tag])
        for (attribute, value) in kept {
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: tables.attributes.names[attribute])
            out.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            switch value {
            case .bytes(let range): appendAttributeValue(UnsafeBufferPointer(rebasing: tokenizer.bytes[range]))
            case .text(var text): text.withUTF8 { appendAttributeValue($0) }
            case .rooted(let range):
                sanitizer.origin.withUnsafeBufferPointer { appendAttributeValue($0) }
                appendAttributeValue(UnsafeBufferPointer(rebasing: tokenizer.bytes[range]))
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: ">"))
        if !rule.isVoid {
            if selfClosing { appendEnd(tag) } else { open.append(tag) }
        }
    }

    /// Fills `kept` with the tag's allowed attributes in source order, the first of each name.
    private mutating func collectAttributes(_ range: Range<Int>, allowed: NameSet) {
        kept.removeAll(keepingCapacity: true)
        let bytes = tokenizer.bytes
        var index = range.lowerBound
        while let (name, raw) = tokenizer.nextAttribute(&index, end: range.upperBound) {
            guard let attribute = tables.attributes.number(of: bytes[name]), allowed.contains(attribute),
                !kept.contains(where: { $0.attribute == attribute })
            else { continue }
            if bytes[raw].contains(UInt8(ascii: "&")) {
                kept.append((attribute, .text(HTMLEntities.decode(String(decoding: bytes[raw], as: UTF8.self)))))
            } else {
                kept.append((attribute, .bytes(raw)))
            }
        }
    }

    private func string(_ value: AttributeValue) -> String {
        switch value {
        case .bytes(let range): String(decoding: tokenizer.bytes[range], as: UTF8.self)
        case .text(let text): text
        case .rooted(let range): String(decoding: sanitizer.origin + tokenizer.bytes[range], as: UTF8.self)
        }
    }

    private func keptString(_ attribute: Int) -> String? {
        kept.first(where: { $0.attribute == attribute }).map { string($0.value) }
    }

    mutating func endTag(_ name: Range<Int>) {
        guard let tag = tables.tags.number(of: tokenizer.bytes[name]), let index = open.lastIndex(of: tag) else {
            return
        }
        // Close everything opened inside it, so output stays balanced.
        while open.count > index { appendEnd(open.removeLast()) }
    }

    private mutating func appendEnd(_ tag: Int) {
        out.append(contentsOf: tables.endTags[tag])
    }

    private mutating func appendAttributeValue(_ bytes: UnsafeBufferPointer<UInt8>) {
        var run = 0
        var i = TextScan.skipOrdinaryInAttribute(bytes, from: 0, to: bytes.count)
        while i < bytes.count {
            out.append(contentsOf: bytes[run..<i])
            switch bytes[i] {
            case UInt8(ascii: "&"): out.append(contentsOf: Self.amp)
            case UInt8(ascii: "\""): out.append(contentsOf: Self.quot)
            case UInt8(ascii: "<"): out.append(contentsOf: Self.lt)
            case UInt8(ascii: ">"): out.append(contentsOf: Self.gt)
            default: break  // control characters are dropped
            }
            run = i + 1
            i = TextScan.skipOrdinaryInAttribute(bytes, from: run, to: bytes.count)
        }
        out.append(contentsOf: bytes[run...])
    }

    static let quot = Array("&quot;".utf8)

    /// Skips an element and everything inside it, counting nested elements of the same name.
    private mutating func skipElement(_ tag: Int, rawText: Bool) {
        if rawText {
            tokenizer.skipRawText(until: tables.tags.names[tag])
            return
        }
        var depth = 1
        while depth > 0, let token = tokenizer.next() {
            switch token {
            case .startTag(let name, _, let selfClosing):
                guard let inner = tables.tags.number(of: tokenizer.bytes[name]) else { continue }
                if inner == tag && !selfClosing {
                    depth += 1
                } else if tables.rules[inner].isRawText {
                    tokenizer.skipRawText(until: tables.tags.names[inner])
                }
            case .endTag(let name) where tables.tags.number(of: tokenizer.bytes[name]) == tag: depth -= 1
            default: break
            }
        }
    }

    // MARK: URLs

    /// `isLink`: an `href`, which may also use mail, phone and chat schemes; `isImageSource`: an
    /// image's `src`, which may be an inline image (`data:image/…`).
    private func safeURL(_ raw: String, isLink: Bool, isImageSource: Bool) -> String? {
        // Fast path: an absolute http(s) URL without whitespace or control characters is kept as is.
        // Checked on the bytes: most attributes of a feed are such URLs or relative paths.
        let shape = URLShape(raw)
        if shape == .plainHTTP { return raw }
        // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
        let compact = shape == .spaced ? String(raw.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }) : raw
        if compact.isEmpty { return nil }
        if let scheme = URLReference.scheme(of: compact) {
            switch scheme {
            case "http", "https": return raw.trimmingASCIISpace()
            case "mailto", "tel", "ftp", "magnet", "xmpp", "irc", "ircs", "geo", "sms":
                return isLink ? raw.trimmingASCIISpace() : nil
            case "data":
                let lower = compact.lowercased()
                let isImage = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/jpg",
                               "data:image/webp", "data:image/avif"].contains { lower.hasPrefix($0) }
                return isImage && isImageSource ? compact : nil
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
            guard let first = parts.first, let url = safeURL(String(first), isLink: false, isImageSource: false) else {
                return nil
            }
            return ([url] + parts.dropFirst().map(String.init)).joined(separator: " ")
        }.joined(separator: ", ")
    }

    private func isTrackingPixel(_ source: String, width: String?, height: String?) -> Bool {
        if Self.isTiny(width) && Self.isTiny(height) { return true }
        guard let host = URLReference.host(of: source) else { return false }
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
        // ASCII (the usual case): the digits are exactly the bytes 0-9, read in place. Once the
        // number passes 1 it can only grow, so reading stops there (and never overflows).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var value = 0
            var sawDigit = false
            for c in text.utf8 where c >= 48 && c <= 57 {
                value = value * 10 + Int(c - 48)
                if value > 1 { return false }
                sawDigit = true
            }
            return sawDigit
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
