import Foundation

/// Reads feeds.conf: `[feedd]` and `[source NAME]` sections of `key = value` lines, `#` comments.
/// Collects every problem with its line instead of stopping at the first, so one
/// `feedd check-config` run shows the admin everything to fix.
package struct ConfigParser {
    /// The path used in messages (as the user gave it).
    package let path: String
    /// Relative `store` and `ca_file` paths are resolved against this directory.
    package let baseDirectory: String

    /// systemd's directory of the unit's credentials (`LoadCredential=`), where `credential:NAME` points.
    package let credentialsDirectory: String?
    /// `password_file = credential:NAME` names a file in `credentialsDirectory`.
    package static let credentialPrefix = "credential:"

    package init(
        path: String, credentialsDirectory: String? = ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"]
    ) {
        self.path = path
        self.credentialsDirectory = credentialsDirectory
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        self.baseDirectory = (absolute as NSString).deletingLastPathComponent
    }

    /// Reads and parses the file at `path`.
    package static func load(path: String) throws(ConfigError) -> Config {
        let parser = ConfigParser(path: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            guard FileManager.default.fileExists(atPath: path) else {
                throw ConfigError(missing: path)
            }
            throw ConfigError(issues: [ConfigIssue(path: path, line: 0, message: "cannot read the file (check its permissions)")])
        }
        return try parser.parse(String(decoding: data, as: UTF8.self))
    }

    package func parse(_ text: String) throws(ConfigError) -> Config {
        var issues: [ConfigIssue] = []
        var settings = Settings(store: resolve("./data"))
        var sources: [Source] = []
        var section: Section? = nil
        var seenKeys: Set<String> = []
        var sourceNames: [String: Int] = [:]
        var sawFeeddSection = false
        var settingLines: [String: Int] = [:]
        var linksLines: [Int: Int] = [:]  // source index → line of its `links`
        var natsOutput: NATSOutputSettings? = nil

        func issue(_ line: Int, _ message: String) { issues.append(ConfigIssue(path: path, line: line, message: message)) }

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = Self.stripComment(rawLine).trimmingSpaces
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                seenKeys = []
                guard line.hasSuffix("]") else {
                    issue(lineNumber, "section header is missing its closing \"]\"")
                    section = .invalid
                    continue
                }
                let inner = line.dropFirst().dropLast().trimmingSpaces
                let words = inner.split(separator: " ", omittingEmptySubsequences: true)
                if words.count == 1, words[0] == "feedd" {
                    if sawFeeddSection { issue(lineNumber, "duplicate [feedd] section (merge it with the first one)") }
                    sawFeeddSection = true
                    section = .feedd
                } else if words.count == 2, words[0] == "source" {
                    let name = String(words[1])
                    if !Self.isValidName(name) {
                        issue(lineNumber, "invalid source name \"\(name)\" (use lowercase letters, digits, \".\", \"_\" and \"-\")")
                    }
                    if let first = sourceNames[name] {
                        issue(lineNumber, "duplicate source name \"\(name)\" (first defined on line \(first))")
                    } else {
                        sourceNames[name] = lineNumber
                    }
                    var source = Source(name: name, url: "")
                    source.line = lineNumber
                    sources.append(source)
                    section = .source(sources.count - 1)
                } else if words.count == 2, words[0] == "output" {
                    guard words[1] == "nats" else {
                        issue(lineNumber, "unknown output [\(inner)] (the one output is [output nats])")
                        section = .invalid
                        continue
                    }
                    if let first = natsOutput {
                        issue(lineNumber, "duplicate [output nats] section (first defined on line \(first.line))")
                        section = .invalid
                        continue
                    }
                    natsOutput = NATSOutputSettings()
                    natsOutput?.line = lineNumber
                    section = .outputNATS
                } else {
                    issue(lineNumber, "unknown section [\(inner)] (expected [feedd], [source NAME] or [output nats])")
                    section = .invalid
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                issue(lineNumber, "expected \"key = value\", found \"\(line)\"")
                continue
            }
            let key = String(line[..<equals].trimmingSpaces)
            let value = String(line[line.index(after: equals)...].trimmingSpaces)
            guard let current = section else {
                issue(lineNumber, "\"\(key)\" appears before any section (put it under [feedd] or [source NAME])")
                continue
            }
            if key.isEmpty {
                issue(lineNumber, "missing key before \"=\"")
                continue
            }
            let repeatable = ["headers", "keep", "block"].contains(key)
            if !repeatable, seenKeys.contains(key) {
                issue(lineNumber, "duplicate key \"\(key)\" in \(current.label(sources))")
                continue
            }
            seenKeys.insert(key)
            switch current {
            case .invalid: continue
            case .feedd:
                guard ConfigKey.named(key, in: .feedd) != nil else {
                    issue(lineNumber, "unknown key \"\(key)\" in [feedd]")
                    continue
                }
                settingLines[key] = lineNumber
                if let message = settings.apply(key, value, path: resolve) { issue(lineNumber, message) }
            case .source(let at):
                guard ConfigKey.named(key, in: .source) != nil else {
                    issue(lineNumber, "unknown key \"\(key)\" in \(current.label(sources))")
                    continue
                }
                if key == "links" { linksLines[at] = lineNumber }
                if let message = sources[at].apply(key, value, path: resolve) {
                    issue(lineNumber, message.replacingOccurrences(of: "{section}", with: current.label(sources)))
                }
            case .outputNATS:
                guard ConfigKey.named(key, in: .outputNATS) != nil else {
                    issue(lineNumber, "unknown key \"\(key)\" in [output nats]")
                    continue
                }
                if let message = natsOutput?.apply(key, value, path: resolve) { issue(lineNumber, "[output nats] " + message) }
            }
        }
        for source in sources where source.url.isEmpty {
            issue(source.line, "[source \(source.name)] has no url (add \"url = https://…\")")
        }
        for (at, line) in linksLines.sorted(by: { $0.value < $1.value }) where sources[at].type.isFeedFormat {
            issue(
                line,
                "links applies only to type = html (or auto); [source \(sources[at].name)] has type = \(sources[at].type.rawValue), whose items come from the feed")
        }
        for source in sources {
            guard let credentials = source.credentials else { continue }
            if credentials.username.isEmpty {
                issue(source.line, "[source \(source.name)] has a password_file but no username")
            } else if credentials.password.isEmpty {
                issue(source.line, "[source \(source.name)] has a username but no password_file")
            }
        }
        if settings.minInterval > settings.maxInterval {
            issue(
                settingLines["min_interval"] ?? settingLines["max_interval"] ?? 0,
                "min_interval must not be longer than max_interval")
        }
        if let natsOutput {
            for problem in natsOutput.problems() { issue(natsOutput.line, problem) }
        }
        if let message = Self.membershipIssue(settings, natsOutput: natsOutput != nil, shardSet: settingLines["shard"] != nil) {
            issue(settingLines["membership"] ?? 0, message)
        }
        if !issues.isEmpty { throw ConfigError(issues: issues) }
        var config = Config(path: path, settings: settings, sources: sources)
        config.natsOutput = natsOutput
        return config
    }

    private enum Section {
        case feedd, source(Int), outputNATS, invalid
        func label(_ sources: [Source]) -> String {
            switch self {
            case .feedd: return "[feedd]"
            case .outputNATS: return "[output nats]"
            case .source(let at): return "[source \(sources[at].name)]"
            case .invalid: return "this section"
            }
        }
    }

    /// A `#` starts a comment at the start of a line or after white space (so URLs keep their fragments).
    static func stripComment(_ line: Substring) -> Substring {
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if character == "#", previous == " " || previous == "\t" { return line[..<index] }
            previous = character
        }
        return line
    }

    package static func isValidName(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E || byte == 0x5F
                    || byte == 0x2D
            }
    }

    /// An absolute path for `path`: relative ones against feeds.conf's directory, `credential:NAME` in
    /// `credentialsDirectory` (left as it is when there is none, for the caller to say so).
    func resolve(_ path: String) -> String {
        if path.hasPrefix(Self.credentialPrefix) {
            let name = path.dropFirst(Self.credentialPrefix.count)
            guard let directory = credentialsDirectory, !directory.isEmpty, !name.isEmpty, !name.contains("/") else {
                return path
            }
            return directory + "/" + name
        }
        if path.hasPrefix("/") { return (path as NSString).standardizingPath }
        return ((baseDirectory + "/" + path) as NSString).standardizingPath
    }
}

extension SourceType {
    /// A declared feed format: its items come from the feed, so listing-page keys like `links` do not apply.
    fileprivate var isFeedFormat: Bool { self == .rss || self == .atom || self == .json }
}
