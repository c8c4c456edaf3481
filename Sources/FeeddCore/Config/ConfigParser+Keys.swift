import Foundation

// The keys each section accepts (`ConfigKey.all` lists them). Every function returns nil when the
// value was applied, or a message saying what is wrong and what is expected. `path` makes a path
// from feeds.conf absolute. The defaults of `ConfigKey.all` go through the same functions.
extension Settings {
    mutating func apply(_ key: String, _ value: String, path: (String) -> String) -> String? {
        switch key {
        case "store":
            guard !value.isEmpty else { return "store needs a directory path" }
            self.store = path(value)
        case "interval": return duration(key, value) { self.interval = $0 }
        case "user_agent":
            guard !value.isEmpty else { return "user_agent must not be empty" }
            self.userAgent = value
        case "log_level":
            guard let level = LogLevel(name: value) else {
                return "log_level must be one of \(LogLevel.allCases.map(\.name).joined(separator: ", ")), not \"\(value)\""
            }
            self.logLevel = level
        case "log_format":
            guard let format = LogFormat(rawValue: value) else { return "log_format must be logfmt or json, not \"\(value)\"" }
            self.logFormat = format
        case "max_connections": return count(key, value, 1...1024) { self.maxConnections = $0 }
        case "max_per_host": return count(key, value, 1...64) { self.maxPerHost = $0 }
        case "host_delay": return duration(key, value, allowZero: true) { self.hostDelay = $0 }
        case "max_bytes": return size(key, value) { self.maxBytes = $0 }
        case "timeout": return duration(key, value) { self.timeout = $0 }
        case "connect_timeout": return duration(key, value) { self.connectTimeout = $0 }
        case "min_interval": return duration(key, value) { self.minInterval = $0 }
        case "max_interval": return duration(key, value) { self.maxInterval = $0 }
        case "max_backoff": return duration(key, value) { self.maxBackoff = $0 }
        case "revalidate": return duration(key, value) { self.revalidate = $0 }
        case "summary_interval": return duration(key, value) { self.summaryInterval = $0 }
        case "stop_timeout": return duration(key, value) { self.stopTimeout = $0 }
        case "listen":
            guard let address = ListenAddress(parsing: value) else {
                return "listen must be host:port with a port from 1 to 65535, such as 127.0.0.1:9477, not \"\(value)\""
            }
            self.listen = address
        case "retain": return duration(key, value) { self.retain = $0 }
        case "retain_bytes": return size(key, value) { self.retainBytes = $0 }
        case "near_duplicates":
            guard let policy = NearDuplicatePolicy(rawValue: value) else { return "near_duplicates must be mark, drop or keep, not \"\(value)\"" }
            self.nearDuplicates = policy
        case "strip_params": self.stripParams = ConfigValue.list(value)
        case "iframe_hosts": self.iframeHosts = ConfigValue.list(value).map { $0.lowercased() }
        case "keep", "block": return rule(key, value) { self.rules.append($0) }
        case "proxy": return proxyURL(value) { self.proxy = $0 }
        case "shard":
            do {
                self.shard = try ShardSpec(parsing: value)
            } catch {
                return error.message
            }
        case "membership":
            guard let membership = Membership(rawValue: value) else { return "membership must be static or nats, not \"\(value)\"" }
            self.membership = membership
        case "instance":
            guard InstanceName.isValid(value) else { return InstanceName.rule(value) }
            self.instance = value
        case "membership_ttl":
            guard let seconds = ConfigValue.duration(value), seconds >= 1, seconds <= 3600 else {
                return "membership_ttl must be a duration from 1s to 1h, such as 15s, not \"\(value)\""
            }
            self.membershipTTL = seconds
        default: return "unknown key \"\(key)\" in [feedd]"
        }
        return nil
    }
}

extension Source {
    mutating func apply(_ key: String, _ value: String, path: (String) -> String) -> String? {
        switch key {
        case "url":
            // Valid when it has a canonical form: http(s), a host that can be looked up, a port that is one.
            guard URLCanonicalizer().canonicalize(value) != nil else {
                return "url must be an absolute http:// or https:// URL, not \"\(value)\""
            }
            self.url = value
        case "type":
            guard let type = SourceType(rawValue: value) else {
                return "type must be one of \(SourceType.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(value)\""
            }
            self.type = type
        case "interval": return duration(key, value) { self.interval = $0 }
        case "user_agent":
            guard !value.isEmpty else { return "user_agent must not be empty" }
            self.userAgent = value
        case "headers":
            guard let colon = value.firstIndex(of: ":"), !value[..<colon].trimmingSpaces.isEmpty,
                !value.contains("\r")
            else { return "headers must look like \"Name: value\", not \"\(value)\"" }
            self.headers.append(
                HTTPHeader(name: String(value[..<colon].trimmingSpaces), value: String(value[value.index(after: colon)...].trimmingSpaces)))
        case "proxy": return proxyURL(value) { self.proxy = $0 }
        case "timeout": return duration(key, value) { self.timeout = $0 }
        case "max_bytes": return size(key, value) { self.maxBytes = $0 }
        case "username":
            // RFC 7617: the user name of Basic authentication cannot hold a colon.
            guard !value.isEmpty, !value.contains(":") else { return "username must be a non-empty name without \":\"" }
            self.credentials = HTTPCredentials(username: value, password: self.credentials?.password ?? "")
        case "password_file":
            let file = path(value)
            if file.hasPrefix(ConfigParser.credentialPrefix) {
                return "password_file = \(value) needs $CREDENTIALS_DIRECTORY (systemd sets it for LoadCredential=)"
            }
            switch HTTPCredentials.password(fromFile: file) {
            case .failure(let error): return error.message
            case .success(let password):
                self.credentials = HTTPCredentials(username: self.credentials?.username ?? "", password: password)
            }
        case "ca_file":
            let file = path(value)
            guard FileManager.default.fileExists(atPath: file) else { return "ca_file \"\(file)\" does not exist" }
            self.caFile = file
        case "insecure": return flag(key, value) { self.insecure = $0 }
        case "tags": self.tags = ConfigValue.list(value)
        case "title":
            guard !value.isEmpty else { return "title must not be empty" }
            self.title = value
        case "links":
            if let message = selector(key, value) { return message }
            self.links = value
        case "max_articles": return count(key, value, 1...1000) { self.maxArticles = $0 }
        case "content":
            if let message = selector(key, value) { return message }
            self.content = value
        case "exclude":
            if let message = selector(key, value) { return message }
            self.exclude = value
        case "full_text": return flag(key, value) { self.fullText = $0 }
        case "robots":
            switch value {
            case "obey": self.obeyRobots = true
            case "ignore": self.obeyRobots = false
            default: return "robots must be obey or ignore, not \"\(value)\""
            }
        case "allow_private": return flag(key, value) { self.allowPrivate = $0 }
        case "near_duplicates":
            guard let policy = NearDuplicatePolicy(rawValue: value) else { return "near_duplicates must be mark, drop or keep, not \"\(value)\"" }
            self.nearDuplicates = policy
        case "strip_params": self.stripParams = ConfigValue.list(value)
        case "keep", "block": return rule(key, value) { self.rules.append($0) }
        default: return "unknown key \"\(key)\" in {section}"
        }
        return nil
    }
}

/// The value forms, each checked and applied the same way in both sections.
private func duration(_ key: String, _ value: String, allowZero: Bool = false, _ apply: (Double) -> Void) -> String? {
    guard let seconds = ConfigValue.duration(value), seconds.isFinite else {
        return "\(key) must be a duration such as 90s, 15m, 2h, 1d or 1w, not \"\(value)\""
    }
    guard seconds > 0 || (allowZero && seconds == 0) else {
        return "\(key) must be above zero, not \"\(value)\""
    }
    apply(seconds)
    return nil
}

/// A selector is checked with the grammar the extractor uses, so a typo fails here, not at poll time.
private func selector(_ key: String, _ value: String) -> String? {
    guard !value.isEmpty else { return "\(key) needs a CSS selector" }
    do {
        _ = try SelectorSyntax(value)
        return nil
    } catch {
        return "\(key) is not a valid CSS selector: \(error.message)"
    }
}

private func size(_ key: String, _ value: String, _ apply: (Int64) -> Void) -> String? {
    guard let bytes = ConfigValue.size(value), bytes > 0 else {
        return "\(key) must be a size such as 512K, 16M or 2G, not \"\(value)\""
    }
    apply(bytes)
    return nil
}

private func count(_ key: String, _ value: String, _ range: ClosedRange<Int>, _ apply: (Int) -> Void) -> String? {
    guard let number = Int(value), range.contains(number) else {
        return "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(value)\""
    }
    apply(number)
    return nil
}

private func flag(_ key: String, _ value: String, _ apply: (Bool) -> Void) -> String? {
    guard let flag = ConfigValue.bool(value) else { return "\(key) must be yes or no, not \"\(value)\"" }
    apply(flag)
    return nil
}

private func rule(_ key: String, _ value: String, _ apply: (ArticleRule) -> Void) -> String? {
    do {
        apply(try ArticleRule(key == "keep" ? .keep : .block, parsing: value))
        return nil
    } catch {
        return error.message
    }
}

/// A proxy URL, or `none` (applied as "": no proxy, the environment's included).
private func proxyURL(_ value: String, _ apply: (String) -> Void) -> String? {
    if value == "none" {
        apply("")
        return nil
    }
    let proxy = URLReference(parsing: value)
    guard proxy.scheme != nil, proxy.hasValidPort, !value.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
        return "proxy must be a URL such as http://proxy:3128, or none, not \"\(value)\""
    }
    apply(value)
    return nil
}
