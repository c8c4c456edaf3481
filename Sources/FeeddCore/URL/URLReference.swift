/// feedd's one URL type: a URI reference split into its five RFC 3986 components (Appendix B), with the
/// recomposition, dot-segment removal and reference resolution of §5.2 (`URLReference+Resolve.swift`),
/// the parts a caller asks about (host, port, origin: `URLReference+Parts.swift`) and the escaped form a
/// browser would request (`URLReference+Escaping.swift`). Splitting never fails: whatever is not a valid
/// scheme or authority simply becomes part of the path; callers decide what to reject.
package struct URLReference: Sendable, Equatable {
    package var scheme: String?
    package var authority: String?
    package var path: String
    package var query: String?
    package var fragment: String?

    package init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// Delimiters are found as scalars, not `Character`s: a combining mark after `#`, `?`, `:` or `/` would
    /// otherwise hide the delimiter inside one grapheme. (Searched as UTF-8 bytes: an ASCII byte is always a
    /// whole scalar, and the byte search skips decoding every scalar before it.)
    package init(parsing text: String) {
        var rest = Substring(text)
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(rest.unicodeScalars[rest.unicodeScalars.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            query = String(rest.unicodeScalars[rest.unicodeScalars.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")), !rest.utf8[..<colon].contains(UInt8(ascii: "/")),
            Self.isScheme(rest[..<colon])
        {
            scheme = String(rest[..<colon])
            rest = Substring(rest.unicodeScalars[rest.unicodeScalars.index(after: colon)...])
        }
        if rest.utf8.starts(with: "//".utf8) {
            let afterSlashes = Substring(rest.unicodeScalars.dropFirst(2))
            let end = afterSlashes.utf8.firstIndex(of: UInt8(ascii: "/")) ?? afterSlashes.endIndex
            authority = String(afterSlashes[..<end])
            rest = afterSlashes[end...]
        }
        path = String(rest)
    }

    /// ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, isAlpha(first) else { return false }
        return text.utf8.allSatisfy { isAlpha($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// RFC 3986 §5.3.
    package var string: String {
        var result = ""
        if let scheme { result += scheme + ":" }
        if let authority { result += "//" + authority }
        result += path
        if let query { result += "?" + query }
        if let fragment { result += "#" + fragment }
        return result
    }

    /// RFC 3986 §5.2.4: resolves "." and ".." segments. ".." never climbs above the root. Works on scalars
    /// (see `init(parsing:)`).
    package static func removeDotSegments(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: ".")) else { return path }
        var input = Substring(path).unicodeScalars
        var output: [Substring.UnicodeScalarView] = []
        func starts(_ prefix: String) -> Bool { input.starts(with: prefix.unicodeScalars) }
        func equals(_ whole: String) -> Bool { input.elementsEqual(whole.unicodeScalars) }
        while !input.isEmpty {
            if starts("../") {
                input = input.dropFirst(3)
            } else if starts("./") {
                input = input.dropFirst(2)
            } else if starts("/./") {
                input = input.dropFirst(2)
            } else if equals("/.") {
                input = Substring("/").unicodeScalars
            } else if starts("/../") {
                input = input.dropFirst(3)
                if !output.isEmpty { output.removeLast() }
            } else if equals("/..") {
                input = Substring("/").unicodeScalars
                if !output.isEmpty { output.removeLast() }
            } else if equals(".") || equals("..") {
                input = input.dropFirst(input.count)
            } else {
                // Move the first segment (with its leading "/", if any) to the output.
                let start = starts("/") ? input.index(after: input.startIndex) : input.startIndex
                let end = input[start...].firstIndex(of: "/") ?? input.endIndex
                output.append(input[..<end])
                input = input[end...]
            }
        }
        return output.map { String($0) }.joined()
    }

    /// RFC 3986 §5.2.2 (with the §5.4.2 allowance: "http:g" against an http base is relative).
    package func resolved(against base: URLReference) -> URLReference {
        var reference = self
        if let scheme = reference.scheme, scheme.lowercased() == base.scheme?.lowercased(),
            reference.authority == nil
        {
            reference.scheme = nil
        }
        var target = URLReference(scheme: nil, authority: nil, path: "", query: nil, fragment: reference.fragment)
        if let scheme = reference.scheme {
            target.scheme = scheme
            target.authority = reference.authority
            target.path = Self.removeDotSegments(reference.path)
            target.query = reference.query
            return target
        }
        target.scheme = base.scheme
        if let authority = reference.authority {
            target.authority = authority
            target.path = Self.removeDotSegments(reference.path)
            target.query = reference.query
            return target
        }
        target.authority = base.authority
        if reference.path.isEmpty {
            target.path = base.path
            target.query = reference.query ?? base.query
        } else {
            if reference.path.hasPrefix("/") {
                target.path = Self.removeDotSegments(reference.path)
            } else {
                target.path = Self.removeDotSegments(Self.merge(base: base, reference.path))
            }
            target.query = reference.query
        }
        return target
    }

    /// RFC 3986 §5.2.3.
    private static func merge(base: URLReference, _ path: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return String(base.path[...slash]) + path
    }
}
