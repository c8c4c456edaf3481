import Foundation

/// The `[output nats]` section: where stored records are published (a JetStream stream) and how the
/// instances share exact dedupe keys (key-value buckets). Defaults come from `ConfigKey.all`. Secrets read
/// from files are kept here and never shown by `description`.
package struct NATSOutputSettings: Sendable, Equatable, CustomStringConvertible {
    /// How exact duplicates are found across instances.
    package enum Dedupe: String, Sendable, CaseIterable {
        /// Claimed in the `<bucket_prefix>-dedupe` key-value bucket, so one instance stores a story.
        case shared
        /// Each instance's own index only (what a single feedd does).
        case local
    }

    /// `nats://host:port` or `tls://host:port`, in the order given.
    package var urls: [String] = []
    package var stream: String = ""
    /// The subject template; `<source>` stands for `subjectToken(source)`.
    package var subject: String = ""
    /// Seconds; JetStream drops a message whose `Nats-Msg-Id` it saw within this window.
    package var duplicateWindow: Double = 0
    package var credentialsFile: String?
    package var username: String?
    /// The first line of `password_file`, read when feeds.conf is loaded.
    package var password: String?
    /// The first line of `token_file`, read when feeds.conf is loaded.
    package var token: String?
    package var tlsCA: String?
    package var tlsCertificate: String?
    package var tlsKey: String?
    package var bucketPrefix: String = ""
    package var dedupe: Dedupe = .shared
    /// The line of the `[output nats]` header, for messages.
    package var line: Int = 0

    /// Every value at its default (`url` is required and stays empty).
    package init() {
        for key in ConfigKey.all where key.sections == [.outputNATS] {
            guard case .value(let text) = key.defaultValue else { continue }
            if let problem = apply(key.name, text, path: { $0 }) {
                preconditionFailure("ConfigKey.all: bad default for \(key.name): \(problem)")
            }
        }
    }

    /// The same settings, wherever the section stands in the file (`line` is for messages only).
    package static func == (a: NATSOutputSettings, b: NATSOutputSettings) -> Bool {
        a.urls == b.urls && a.stream == b.stream && a.subject == b.subject && a.duplicateWindow == b.duplicateWindow
            && a.credentialsFile == b.credentialsFile && a.username == b.username && a.password == b.password
            && a.token == b.token && a.tlsCA == b.tlsCA && a.tlsCertificate == b.tlsCertificate && a.tlsKey == b.tlsKey
            && a.bucketPrefix == b.bucketPrefix && a.dedupe == b.dedupe
    }

    /// The subject a record of `source` is published on.
    /// Plain string slicing, not Foundation's `replacingOccurrences`: it runs for every published record, and
    /// that search was 40% of building a message.
    package func subject(for source: String) -> String {
        var rest = Substring(subject)
        guard var found = rest.firstRange(of: Self.sourcePlaceholder) else { return subject }
        let token = Self.subjectToken(source)
        var result = ""
        while true {
            result += rest[..<found.lowerBound]
            result += token
            rest = rest[found.upperBound...]
            guard let next = rest.firstRange(of: Self.sourcePlaceholder) else { break }
            found = next
        }
        return result + rest
    }

    package static let sourcePlaceholder = "<source>"

    /// A source name as one subject token: `.` separates tokens in a subject, so it becomes `_` (the other
    /// characters of a source name, `a-z 0-9 _ -`, are valid as they are).
    package static func subjectToken(_ source: String) -> String {
        source.utf8.contains(UInt8(ascii: ".")) ? String(source.map { $0 == "." ? "_" : $0 }) : source
    }

    /// The key-value bucket of the shared dedupe keys.
    package var dedupeBucket: String { bucketPrefix + "-dedupe" }

    package var description: String {
        var parts = ["url=\(urls.joined(separator: ","))", "stream=\(stream)", "subject=\(subject)"]
        if let username { parts.append("username=\(username)") }
        if password != nil { parts.append("password=<redacted>") }
        if token != nil { parts.append("token=<redacted>") }
        return parts.joined(separator: " ")
    }

    /// Applies one `key = value`; nil when applied, else a message saying what is expected.
    mutating func apply(_ key: String, _ value: String, path: (String) -> String) -> String? {
        switch key {
        case "url":
            let urls = ConfigValue.list(value)
            guard !urls.isEmpty else { return "url needs at least one NATS server, such as nats://127.0.0.1:4222" }
            for url in urls where !Self.isServerURL(url) {
                return "url must list nats://host:port or tls://host:port servers, comma-separated, not \"\(url)\""
            }
            self.urls = urls
        case "stream":
            guard Self.isName(value, extra: []) else {
                return "stream must be a JetStream stream name (letters, digits, \"_\", \"-\"), not \"\(value)\""
            }
            self.stream = value
        case "subject":
            guard Self.isSubject(value.replacingOccurrences(of: Self.sourcePlaceholder, with: "x")) else {
                return "subject must be dot-separated tokens without spaces, \"*\" or \">\" (<source> stands for the "
                    + "source name), such as feedd.articles.<source>, not \"\(value)\""
            }
            self.subject = value
        case "duplicate_window":
            guard let seconds = ConfigValue.duration(value), seconds.isFinite, seconds > 0 else {
                return "duplicate_window must be a duration above zero such as 2m or 1h, not \"\(value)\""
            }
            self.duplicateWindow = seconds
        case "credentials":
            let file = path(value)
            guard FileManager.default.fileExists(atPath: file) else { return "credentials \"\(file)\" does not exist" }
            self.credentialsFile = file
        case "username":
            guard !value.isEmpty, !value.contains(" ") else { return "username must be a non-empty name without spaces" }
            self.username = value
        case "password_file", "token_file":
            let file = path(value)
            if file.hasPrefix(ConfigParser.credentialPrefix) {
                return "\(key) = \(value) needs $CREDENTIALS_DIRECTORY (systemd sets it for LoadCredential=)"
            }
            switch HTTPCredentials.password(fromFile: file) {
            case .failure(let error): return error.message.replacingOccurrences(of: "password_file", with: key)
            case .success(let secret):
                if key == "token_file" { self.token = secret } else { self.password = secret }
            }
        case "tls_ca", "tls_cert", "tls_key":
            let file = path(value)
            guard FileManager.default.fileExists(atPath: file) else { return "\(key) \"\(file)\" does not exist" }
            switch key {
            case "tls_ca": self.tlsCA = file
            case "tls_cert": self.tlsCertificate = file
            default: self.tlsKey = file
            }
        case "bucket_prefix":
            guard Self.isName(value, extra: []) else {
                return "bucket_prefix must be letters, digits, \"_\" and \"-\", not \"\(value)\""
            }
            self.bucketPrefix = value
        case "dedupe":
            guard let mode = Dedupe(rawValue: value) else { return "dedupe must be shared or local, not \"\(value)\"" }
            self.dedupe = mode
        default: return "unknown key \"\(key)\" in [output nats]"
        }
        return nil
    }

    /// Problems of the section as a whole (keys that need each other), after all its lines were read.
    func problems() -> [String] {
        var problems: [String] = []
        if urls.isEmpty { problems.append("[output nats] has no url (add \"url = nats://127.0.0.1:4222\")") }
        if username != nil, password == nil { problems.append("[output nats] has a username but no password_file") }
        if password != nil, username == nil { problems.append("[output nats] has a password_file but no username") }
        if (tlsCertificate == nil) != (tlsKey == nil) {
            problems.append("[output nats] needs tls_cert and tls_key together (a client certificate and its key)")
        }
        let methods = [credentialsFile != nil, username != nil, token != nil].count { $0 }
        if methods > 1 {
            problems.append("[output nats] takes one of credentials, username with password_file, or token_file")
        }
        return problems
    }

    /// `nats://host:port` or `tls://host:port` (the port may be left out: 4222).
    static func isServerURL(_ text: String) -> Bool {
        let reference = URLReference(parsing: text)
        guard let scheme = reference.scheme?.lowercased(), scheme == "nats" || scheme == "tls",
            reference.hasValidPort, !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F })
        else { return false }
        let rest = text.drop { $0 != ":" }.dropFirst()
        return rest.hasPrefix("//") && rest.count > 2
    }

    /// A stream or bucket name: ASCII letters, digits, `_`, `-`.
    static func isName(_ text: String, extra: Set<UInt8>) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x5F || byte == 0x2D || extra.contains(byte)
            }
    }

    /// A subject to publish on: non-empty tokens separated by `.`, no white space, no wildcards.
    static func isSubject(_ text: String) -> Bool {
        !text.isEmpty
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { token in
                !token.isEmpty && token != "*" && token != ">"
                    && !token.utf8.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: ">") }
            }
    }
}
