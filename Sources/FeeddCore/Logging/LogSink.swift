import Foundation
import Synchronization

/// Where log lines go and how they look. The one shared, mutable piece of logging:
/// the level can change at run time (SIGUSR1, reload), guarded by a mutex.
package final class LogSink: Sendable {
    package enum Style: Sendable {
        /// Under journald: `<6>` priority prefix, no timestamp (journald adds its own).
        case journald
        /// A terminal or file: `ts=… level=…` first.
        case stream
    }

    private struct State {
        var level: LogLevel
        var format: LogFormat
    }

    private let state: Mutex<State>
    private let style: Style
    private let write: @Sendable (String) -> Void

    package init(
        level: LogLevel = .info, format: LogFormat = .logfmt, style: Style,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.state = Mutex(State(level: level, format: format))
        self.style = style
        self.write = write
    }

    /// stderr, styled for journald when `$JOURNAL_STREAM` says stderr is connected to it.
    package static func standardError(level: LogLevel = .info, format: LogFormat = .logfmt) -> LogSink {
        let style: Style = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil ? .journald : .stream
        return LogSink(level: level, format: format, style: style) { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    package var level: LogLevel {
        get { state.withLock { $0.level } }
        set { state.withLock { $0.level = newValue } }
    }

    package var format: LogFormat {
        get { state.withLock { $0.format } }
        set { state.withLock { $0.format = newValue } }
    }

    package func isEnabled(_ level: LogLevel) -> Bool { level >= self.level }

    func emit(level: LogLevel, event: String, fields: [(String, LogValue)], message: String?) {
        let format = self.format
        var line = style == .journald ? "<\(level.priority)>" : ""
        switch format {
        case .logfmt:
            var parts: [String] = []
            if style == .stream {
                parts.append("ts=\(RFC3339.format(Date()))")
                parts.append("level=\(level.name)")
            }
            parts.append("event=\(Self.logfmtValue(event))")
            for (key, value) in fields { parts.append("\(key)=\(Self.logfmtValue(value.text))") }
            if let message { parts.append("msg=\(Self.logfmtValue(message))") }
            line += parts.joined(separator: " ")
        case .json:
            var json = JSONWriter(capacity: 256)
            json.beginObject()
            if style == .stream { json.field("ts", RFC3339.format(Date())) }
            json.field("level", level.name)
            json.field("event", event)
            for (key, value) in fields {
                switch value {
                case .text(let text): json.field(key, text)
                case .integer(let number): json.field(key, number)
                case .number(let number): json.field(key, number)
                case .flag(let flag): json.field(key, flag)
                }
            }
            if let message { json.field("msg", message) }
            json.endObject()
            line += json.output
        }
        write(line + "\n")
    }

    /// Bare when safe, otherwise double-quoted with `"` and `\` escaped and control characters removed.
    package static func logfmtValue(_ value: String) -> String {
        if !value.isEmpty,
            value.utf8.allSatisfy({ $0 > 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "=") && $0 != 0x7F && $0 != UInt8(ascii: "\\") })
        {
            return value
        }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r", "\t": quoted += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
