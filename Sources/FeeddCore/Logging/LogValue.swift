/// A field's value, typed so that JSON logs write numbers and booleans as JSON numbers and booleans.
/// logfmt prints all of them as text.
package enum LogValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case number(Double)
    case flag(Bool)

    /// Integers of any width, Double, Bool and String keep their type; anything else is its description.
    package init(_ value: Any) {
        switch value {
        case let text as String: self = .text(text)
        case let number as Int: self = .integer(Int64(number))
        case let number as Int64: self = .integer(number)
        case let number as Int32: self = .integer(Int64(number))
        case let number as UInt32: self = .integer(Int64(number))
        case let number as UInt64 where number <= UInt64(Int64.max): self = .integer(Int64(number))
        case let flag as Bool: self = .flag(flag)
        case let number as Double: self = number.isFinite ? .number(number) : .text(String(describing: number))
        default: self = .text(String(describing: value))
        }
    }

    /// The text logfmt prints.
    package var text: String {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .flag(let flag): return flag ? "true" : "false"
        }
    }
}
