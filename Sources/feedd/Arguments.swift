/// A small hand-written argument reader: `--flag`, `--option VALUE`, `--option=VALUE`, positionals.
/// Each command pulls what it knows, then calls `finish()` so leftovers become a clear usage error.
struct Arguments {
    private var items: [String]
    let command: String

    init(command: String, _ items: [String]) {
        self.command = command
        self.items = items
    }

    /// True (and consumed) when `--name` is present.
    mutating func flag(_ name: String) -> Bool {
        guard let index = items.firstIndex(of: "--\(name)") else { return false }
        items.remove(at: index)
        return true
    }

    /// The value of `--name VALUE` or `--name=VALUE`, consumed; nil when absent.
    mutating func option(_ name: String) throws(UsageError) -> String? {
        if let index = items.firstIndex(where: { $0.hasPrefix("--\(name)=") }) {
            let value = String(items[index].dropFirst(name.count + 3))
            items.remove(at: index)
            return value
        }
        guard let index = items.firstIndex(of: "--\(name)") else { return nil }
        guard index + 1 < items.count else { throw UsageError(command: command, "--\(name) needs a value") }
        let value = items[index + 1]
        items.removeSubrange(index...(index + 1))
        return value
    }

    /// The next positional argument (`-` counts as one), consumed.
    mutating func positional() -> String? {
        guard let index = items.firstIndex(where: { !$0.hasPrefix("--") || $0 == "-" }) else { return nil }
        return items.remove(at: index)
    }

    /// Fails on anything not consumed.
    func finish() throws(UsageError) {
        if let extra = items.first {
            throw UsageError(command: command, extra.hasPrefix("--") ? "unknown option \(extra)" : "unexpected argument \"\(extra)\"")
        }
    }
}

/// Wrong use of the command line; printed with a pointer to `--help`, exit code 64.
struct UsageError: Error {
    let command: String
    let message: String
    init(command: String, _ message: String) {
        self.command = command
        self.message = message
    }
}
