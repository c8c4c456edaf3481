/// One problem in feeds.conf, located by file and line so an admin can go straight to it.
package struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    package var path: String
    package var line: Int
    package var message: String

    package init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `PATH:LINE: message`, the form editors and `grep -n` users jump to.
    package var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}

/// feeds.conf could not be used; `issues` holds every problem found, not just the first.
package struct ConfigError: Error, Sendable, CustomStringConvertible {
    package var issues: [ConfigIssue]
    /// No file at the path: nothing is wrong with its content, there is none yet.
    package private(set) var isMissingFile = false
    package init(issues: [ConfigIssue]) { self.issues = issues }

    package init(missing path: String) {
        let message =
            "does not exist; create it from the commented example feeds.conf of the feedd sources "
            + "(sudo ./scripts/install puts one at /etc/feedd/feeds.conf), or pass --config PATH"
        self.issues = [ConfigIssue(path: path, line: 0, message: message)]
        self.isMissingFile = true
    }
    package var description: String { issues.map(\.description).joined(separator: "\n") }
}
