/// The benchmarks' options: `--flag`, `--option VALUE` or `--option=VALUE`, and positionals; `finish()` rejects
/// anything left over, so a mistyped option fails instead of silently measuring the default.
struct BenchArguments {
    let benchmark: String
    private var items: [String]

    init(benchmark: String, _ items: [String]) {
        self.benchmark = benchmark
        self.items = items
    }

    mutating func flag(_ name: String) -> Bool {
        guard let index = items.firstIndex(of: "--\(name)") else { return false }
        items.remove(at: index)
        return true
    }

    mutating func option(_ name: String) throws(BenchUsageError) -> String? {
        if let index = items.firstIndex(where: { $0.hasPrefix("--\(name)=") }) {
            return String(items.remove(at: index).dropFirst(name.count + 3))
        }
        guard let index = items.firstIndex(of: "--\(name)") else { return nil }
        guard index + 1 < items.count else { throw BenchUsageError("--\(name) needs a value") }
        defer { items.removeSubrange(index...(index + 1)) }
        return items[index + 1]
    }

    /// `--name N` as a whole number of at least `minimum`; `otherwise` when absent.
    mutating func integer(_ name: String, otherwise: Int, minimum: Int = 0) throws(BenchUsageError) -> Int {
        guard let text = try option(name) else { return otherwise }
        guard let value = Int(text), value >= minimum else {
            throw BenchUsageError("--\(name) needs a whole number of at least \(minimum), not \"\(text)\"")
        }
        return value
    }

    mutating func positional(_ what: String) throws(BenchUsageError) -> String {
        guard let index = items.firstIndex(where: { !$0.hasPrefix("--") }) else {
            throw BenchUsageError("missing \(what)")
        }
        return items.remove(at: index)
    }

    func finish() throws(BenchUsageError) {
        if let extra = items.first {
            throw BenchUsageError(extra.hasPrefix("--") ? "unknown option \(extra)" : "unexpected argument \"\(extra)\"")
        }
    }
}

/// Wrong use of a benchmark's options; exit code 64.
struct BenchUsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
