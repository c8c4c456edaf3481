import Foundation

/// Turns the many spellings of one article URL into one string, so that identity and duplicate checks can
/// compare URLs byte for byte. Only http and https URLs are canonical; everything else yields nil.
///
/// Steps (docs/DEDUPE.md has examples): scheme and host lowercased; IDN host labels to punycode; default
/// port, userinfo-free empty port and fragment dropped; percent-encoding normalized (unreserved escapes
/// decoded, other escapes uppercase, unsafe bytes escaped); dot segments resolved; empty path becomes "/";
/// tracking parameters removed and the rest kept in their order; an empty query dropped.
/// Never traps on any input.
package struct URLCanonicalizer: Sendable {
    private let exactNames: Set<String>
    private let prefixes: [String]

    /// `stripParams`: extra parameters from feeds.conf `strip_params`; an entry ending in `*` is a prefix.
    package init(stripParams: [String] = []) {
        var names = Set(TrackingParameters.names)
        var prefixes = TrackingParameters.prefixes
        for entry in stripParams {
            let name = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if name.hasSuffix("*") {
                if name.count > 1 { prefixes.append(String(name.dropLast())) }
            } else if !name.isEmpty {
                names.insert(name)
            }
        }
        self.exactNames = names
        self.prefixes = prefixes
    }

    /// True when a query parameter named `name` (already decoded) is removed.
    package func isTrackingParameter(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return exactNames.contains(lowered) || prefixes.contains { lowered.hasPrefix($0) }
    }

    /// The canonical form of an absolute http(s) URL, or nil.
    package func canonicalize(_ url: String) -> String? {
        guard let cleaned = Self.clean(url) else { return nil }
        let reference = URLReference(parsing: cleaned)
        guard let scheme = reference.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let authority = reference.authority,
            let canonicalAuthority = Self.canonicalAuthority(authority, scheme: scheme)
        else { return nil }

        var path = PercentEncoding.normalize(reference.path, as: .path)
        path = URLReference.removeDotSegments(path)
        if path.isEmpty { path = "/" }
        let query = reference.query.flatMap(canonicalQuery)
        return URLReference(scheme: scheme, authority: canonicalAuthority, path: path, query: query, fragment: nil)
            .string
    }

    /// `url` resolved against `base` when given (for links found in a page or feed), then canonicalized.
    package func canonicalize(_ url: String, base: String?) -> String? {
        guard let base else { return canonicalize(url) }
        return resolve(url, against: base).flatMap(canonicalize)
    }

    /// RFC 3986 §5: the absolute form of `relative` against the absolute `base`. The result is not
    /// canonicalized (fragments stay); nil when `base` is not absolute or the result is not http(s).
    package func resolve(_ relative: String, against base: String) -> String? {
        guard let cleanedBase = Self.clean(base), let cleanedRelative = Self.clean(relative, allowEmpty: true)
        else { return nil }
        let baseReference = URLReference(parsing: cleanedBase)
        guard let baseScheme = baseReference.scheme?.lowercased(), baseScheme == "http" || baseScheme == "https",
            let baseAuthority = baseReference.authority, !baseAuthority.isEmpty
        else { return nil }
        var target = URLReference(parsing: cleanedRelative).resolved(against: baseReference)
        guard let scheme = target.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let authority = target.authority, !authority.isEmpty
        else { return nil }
        target.scheme = scheme
        return target.string
    }

    // MARK: - Steps

    /// Maximum input we look at; longer strings are not URLs anyone links to.
    static let maximumLength = 64 * 1024

    /// Trims surrounding spaces and control characters and removes tabs and line breaks inside
    /// (as browsers do for links wrapped across lines in markup).
    static func clean(_ text: String, allowEmpty: Bool = false) -> String? {
        guard text.utf8.count <= maximumLength else { return nil }
        var bytes = Array(text.utf8)
        bytes.removeAll { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        while let last = bytes.last, last <= 0x20 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 > 0x20 } ?? bytes.endIndex
        let trimmed = bytes[start...]
        guard allowEmpty || !trimmed.isEmpty else { return nil }
        return String(decoding: trimmed, as: UTF8.self)
    }

    /// userinfo@host:port with host lowercased (punycode for IDN) and the default port removed.
    static func canonicalAuthority(_ authority: String, scheme: String) -> String? {
        var rest = Substring(authority)
        var userinfo: String? = nil
        if let at = rest.lastIndex(of: "@") {
            userinfo = PercentEncoding.normalize(rest[..<at], as: .userinfo)
            rest = rest[rest.index(after: at)...]
        }
        var hostText: Substring
        var portText: Substring? = nil
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            hostText = rest[...close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostText = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            hostText = rest
        }
        guard let host = canonicalHost(hostText) else { return nil }
        var result = ""
        if let userinfo, !userinfo.isEmpty { result += userinfo + "@" }
        result += host
        if let portText, !portText.isEmpty {
            guard portText.utf8.count <= 5, portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let port = Int(portText), port <= 65535
            else { return nil }
            let isDefault = (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
            if !isDefault { result += ":" + String(port) }
        }
        return result
    }

    /// The host in lowercase ASCII: IPv6 literals lowercased, names percent-decoded, IDN labels in punycode.
    static func canonicalHost(_ text: Substring) -> String? {
        if text.hasPrefix("[") {
            let lowered = text.lowercased()
            let inner = lowered.utf8.dropFirst().dropLast()
            guard !inner.isEmpty, inner.contains(UInt8(ascii: ":")),
                inner.allSatisfy({ PercentEncoding.hexValue($0) != nil || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return nil }
            return lowered
        }
        guard var decoded = PercentEncoding.decode(text) else { return nil }
        if decoded.utf8.contains(where: { $0 >= 0x80 }) {
            // Unicode host: NFC, lowercase, ideographic full stops as dots, then punycode per label.
            decoded = NFC.normalize(decoded).lowercased()
            for stop in ["\u{3002}", "\u{FF0E}", "\u{FF61}"] {
                decoded = decoded.replacingOccurrences(of: stop, with: ".")
            }
        } else {
            decoded = decoded.lowercased()
        }
        if decoded.hasSuffix(".") { decoded.removeLast() }
        guard !decoded.isEmpty, decoded.utf8.count <= 253 else { return nil }
        var labels: [String] = []
        for label in decoded.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty else { return nil }
            var ascii = String(label)
            if label.utf8.contains(where: { $0 >= 0x80 }) {
                guard label.unicodeScalars.allSatisfy(isHostScalar), let encoded = Punycode.encode(String(label))
                else { return nil }
                ascii = "xn--" + encoded
            }
            guard ascii.utf8.count <= 63, ascii.utf8.allSatisfy(isHostByte) else { return nil }
            labels.append(ascii)
        }
        let host = labels.joined(separator: ".")
        return host.utf8.count <= 253 ? host : nil
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
            UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    /// Non-ASCII characters allowed in an IDN label: letters, marks and digits (no spaces, symbols, controls).
    private static func isHostScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isHostByte(UInt8(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Removes tracking parameters and empty pieces, normalizes the escapes of the rest, keeps their order.
    func canonicalQuery(_ query: String) -> String? {
        var kept: [String] = []
        // Split on scalars, not Characters: "&" followed by a combining mark is one Character, and
        // would otherwise survive this pass only to split on the next (found by fuzzing).
        for scalars in query.unicodeScalars.split(separator: "&", omittingEmptySubsequences: true) {
            let piece = String(String.UnicodeScalarView(scalars))
            let name = scalars.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { String(String.UnicodeScalarView($0)) } ?? piece
            if let decoded = PercentEncoding.decode(name, plusAsSpace: true), isTrackingParameter(decoded) {
                continue
            }
            kept.append(PercentEncoding.normalize(piece, as: .query))
        }
        return kept.isEmpty ? nil : kept.joined(separator: "&")
    }
}
