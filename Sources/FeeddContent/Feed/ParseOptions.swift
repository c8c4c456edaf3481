import FeeddCore
import Foundation

/// What the parser needs to know besides the bytes.
package struct ParseOptions: Sendable {
    /// The feed's URL, for resolving relative links.
    package var url: String?
    /// The HTTP Content-Type, whose charset parameter names the encoding.
    package var contentType: String?
    /// Larger documents are refused with `.tooLarge`.
    package var maxBytes: Int
    /// Deeper element nesting is refused with `.tooDeep`.
    package var maxDepth: Int
    /// Hosts whose iframes (video players) survive sanitizing; subdomains included.
    package var iframeHosts: [String]

    package init(
        url: String? = nil, contentType: String? = nil, maxBytes: Int = Int(Settings.defaults.maxBytes),
        maxDepth: Int = 256, iframeHosts: [String] = Settings.defaults.iframeHosts
    ) {
        self.url = url
        self.contentType = contentType
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.iframeHosts = iframeHosts
    }

    /// For a document fetched for `source` from `url` (its effective URL after redirects).
    package init(source: Source.Resolved, url: String?, contentType: String?) {
        self.init(url: url, contentType: contentType, maxBytes: Int(source.maxBytes), iframeHosts: source.iframeHosts)
    }

    /// The charset parameter of `contentType`, lowercased, if any.
    var charset: String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")).lowercased()
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
