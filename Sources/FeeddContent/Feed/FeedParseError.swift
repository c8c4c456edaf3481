/// Why a document could not be read as a feed. A failing feed is data: the daemon logs and backs off.
package struct FeedParseError: Error, Sendable, CustomStringConvertible {
    package struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        package var rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        /// Well-formed or not, the document is no RSS, Atom, RDF or JSON Feed (an HTML page, say).
        package static let notAFeed = Code(rawValue: "not-a-feed")
        /// The document holds nothing: no bytes, or only whitespace, an XML declaration and comments.
        package static let empty = Code(rawValue: "empty")
        /// The bytes are broken beyond recovery.
        package static let malformed = Code(rawValue: "malformed")
        package static let tooLarge = Code(rawValue: "too-large")
        package static let tooDeep = Code(rawValue: "too-deep")
        /// The system ran out of memory or libxml2 failed to start.
        package static let internalError = Code(rawValue: "internal")
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }
}
