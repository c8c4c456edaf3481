/// Severity, ordered from most to least verbose. `priority` is the syslog/sd-daemon number.
package enum LogLevel: Int, Sendable, CaseIterable, Comparable {
    case debug = 0, info, notice, warning, error

    package var name: String {
        switch self {
        case .debug: return "debug"
        case .info: return "info"
        case .notice: return "notice"
        case .warning: return "warning"
        case .error: return "error"
        }
    }

    /// The `<N>` prefix journald reads from a stream (sd-daemon(3)).
    package var priority: Int {
        switch self {
        case .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        }
    }

    package init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.name == name.lowercased() }) else {
            if name.lowercased() == "warn" { self = .warning; return }
            return nil
        }
        self = level
    }

    package static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
