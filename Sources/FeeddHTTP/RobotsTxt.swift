/// The rules of a robots.txt that apply to one user agent (RFC 9309): the group naming our
/// product token, else the `*` group; the longest matching `Allow`/`Disallow` path wins, with
/// `Allow` winning ties; `*` matches any run of characters and a final `$` anchors the end.
package struct RobotsTxt: Sendable, Equatable {
    package struct Rule: Sendable, Equatable {
        package var allow: Bool
        package var pattern: String
    }

    package private(set) var rules: [Rule]
    /// `Crawl-delay` in seconds, when the group gives one.
    package private(set) var crawlDelay: Double?

    /// Everything allowed (no robots.txt, or a 4xx for it, per RFC 9309 §2.3.1.3).
    package static let allowAll = RobotsTxt(rules: [], crawlDelay: nil)

    init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Parses `text` for the agent whose product token is `agent` (e.g. "feedd"), case-insensitively.
    package init(_ text: String, agent: String) {
        struct Group {
            var agents: [String] = []
            var rules: [Rule] = []
            var delay: Double?
        }
        var groups: [Group] = []
        var current = Group()
        var inRules = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingSpaces.lowercased()
            let value = String(line[line.index(after: colon)...].trimmingSpaces)
            switch key {
            case "user-agent":
                if inRules {
                    groups.append(current)
                    current = Group()
                    inRules = false
                }
                current.agents.append(value.lowercased())
            case "allow", "disallow":
                inRules = true
                // An empty Disallow allows everything; it adds no rule.
                if !value.isEmpty { current.rules.append(Rule(allow: key == "allow", pattern: value)) }
            case "crawl-delay":
                inRules = true
                current.delay = Double(value)
            default:
                continue
            }
        }
        groups.append(current)
        let token = agent.lowercased()
        let chosen = groups.filter { $0.agents.contains { $0 != "*" && token.hasPrefix($0) } }
        let applicable = chosen.isEmpty ? groups.filter { $0.agents.contains("*") } : chosen
        self.init(rules: applicable.flatMap(\.rules), crawlDelay: applicable.compactMap(\.delay).max())
    }

    /// Whether `path` (path and query, starting with "/") may be fetched.
    package func allows(_ path: String) -> Bool {
        var best: Rule? = nil
        for rule in rules where Self.matches(rule.pattern, path) {
            guard let current = best else {
                best = rule
                continue
            }
            let longer = rule.pattern.count > current.pattern.count
            if longer || (rule.pattern.count == current.pattern.count && rule.allow) { best = rule }
        }
        return best?.allow ?? true
    }

    /// Glob match from the start of `path`: `*` any run, `$` at the end anchors.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Array(pattern.utf8)
        let anchored = pattern.last == UInt8(ascii: "$")
        if anchored { pattern.removeLast() }
        let text = Array(path.utf8)
        // Iterative wildcard matching with backtracking to the last `*`.
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = p
                mark = t
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p == pattern.count, !anchored {
                return true
            } else if star >= 0 {
                p = star + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
