/// Why an HTML page could not be read or a selector not understood.
package struct ExtractError: Error, Sendable, CustomStringConvertible {
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        package let name: String
        package static let empty = Code(name: "empty")
        package static let unparsable = Code(name: "unparsable")
        package static let invalidSelector = Code(name: "invalid-selector")
        package static let noContent = Code(name: "no-content")
        package var description: String { name }
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }
}
