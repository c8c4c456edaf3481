/// A logger value: a sink plus fields added to every line (e.g. `source=…`).
/// Lower layers are handed a logger; they never make one. One line per event:
/// a stable `event` name, then `key=value` fields, then an optional short message.
package struct Logger: Sendable {
    package let sink: LogSink
    package private(set) var fields: [(String, LogValue)] = []

    package init(sink: LogSink) { self.sink = sink }

    /// A logger that adds `key=value` to every line.
    package func with(_ key: String, _ value: String) -> Logger { with(key, LogValue.text(value)) }

    /// A logger that adds `key=value` to every line, the value typed (a number stays a number in JSON).
    package func with(_ key: String, _ value: LogValue) -> Logger {
        var copy = self
        copy.fields.append((key, value))
        return copy
    }

    package func log(_ level: LogLevel, _ event: String, _ values: KeyValuePairs<String, Any?>, _ message: String?) {
        guard sink.isEnabled(level) else { return }
        var all = fields
        for (key, value) in values {
            // nil (at any depth of optionals) leaves the field out rather than printing "nil".
            guard let value, let unwrapped = (value as? OptionalDescribable).map({ $0.unwrapped }) ?? value
            else { continue }
            all.append((key, LogValue(unwrapped)))
        }
        sink.emit(level: level, event: event, fields: all, message: message)
    }

    package func debug(_ event: String, _ values: KeyValuePairs<String, Any?> = [:], _ message: String? = nil) {
        log(.debug, event, values, message)
    }
    package func info(_ event: String, _ values: KeyValuePairs<String, Any?> = [:], _ message: String? = nil) {
        log(.info, event, values, message)
    }
    package func notice(_ event: String, _ values: KeyValuePairs<String, Any?> = [:], _ message: String? = nil) {
        log(.notice, event, values, message)
    }
    package func warning(_ event: String, _ values: KeyValuePairs<String, Any?> = [:], _ message: String? = nil) {
        log(.warning, event, values, message)
    }
    package func error(_ event: String, _ values: KeyValuePairs<String, Any?> = [:], _ message: String? = nil) {
        log(.error, event, values, message)
    }
}

/// Lets `nil` field values be left out of the line instead of printing "nil".
private protocol OptionalDescribable {
    var unwrapped: Any? { get }
}

extension Optional: OptionalDescribable {
    /// The value inside, however deep the optionals; nil when any level is empty.
    fileprivate var unwrapped: Any? {
        switch self {
        case .none: return nil
        case .some(let value): return (value as? OptionalDescribable).map { $0.unwrapped } ?? value
        }
    }
}

/// Durations in log lines: `15m`, `90s`, `2h30m`, `1d`.
package enum LogDuration {
    package static func format(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return total % 60 == 0 ? "\(total / 60)m" : "\(total / 60)m\(total % 60)s" }
        if total < 86_400 { return total % 3600 == 0 ? "\(total / 3600)h" : "\(total / 3600)h\(total % 3600 / 60)m" }
        return total % 86_400 == 0 ? "\(total / 86_400)d" : "\(total / 86_400)d\(total % 86_400 / 3600)h"
    }
}
