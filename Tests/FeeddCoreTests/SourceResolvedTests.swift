import Testing

@testable import FeeddCore

@Suite struct SourceResolvedTests {
    let parser = ConfigParser(path: "/etc/feedd/feeds.conf")

    /// A value of the right form for `key`, so each can be written in a config.
    static func sample(_ key: ConfigKey) -> String {
        if case .value(let text) = key.defaultValue { return text }
        switch key.unit {
        case .duration: return "2h"
        case .size: return "4M"
        case .count: return "3"
        case .flag: return "yes"
        case .choice, .text, .list: return key.name == "instance" ? "feed-01" : "a, b"
        case .path: return key.name == "password_file" ? #filePath : "/dev/null"
        case .url: return "https://example.org/feed"
        case .header: return "X-Token: 1"
        case .selector: return "article .body"
        case .address: return "127.0.0.1:9477"
        case .rule: return #"title ~ "(?i)news""#
        }
    }

    @Test func theDefaultsComeFromTheTable() {
        let settings = Settings.defaults
        #expect(settings.interval == 15 * 60)
        #expect(settings.maxBytes == 16 << 20)
        #expect(settings.timeout == 60)
        #expect(settings.connectTimeout == 15)
        #expect(settings.maxInterval == 86_400)
        #expect(settings.userAgent == ConfigKey.defaultUserAgent)
        #expect(settings.iframeHosts == ["www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com"])
        #expect(settings.retain == nil)
        let source = Source(name: "a", url: "https://a.example/")
        #expect(source.type == .auto && source.maxArticles == 30 && source.obeyRobots && !source.fullText && !source.insecure)
    }

    @Test func everyKeyOfTheTableIsAcceptedWhereItMayAppear() throws {
        var text = "[feedd]\n"
        for key in ConfigKey.all where key.sections.contains(.feedd) { text += "\(key.name) = \(Self.sample(key))\n" }
        text += "[source s]\n"
        for key in ConfigKey.all where key.sections.contains(.source) {
            text += "\(key.name) = \(key.name == "type" ? "html" : key.name == "robots" ? "ignore" : Self.sample(key))\n"
        }
        let config = try parser.parse(text)
        #expect(config.resolvedSources.count == 1)
    }

    @Test func aKeyOutsideItsSectionIsRefused() {
        #expect(throws: ConfigError.self) { try parser.parse("[feedd]\nrobots = obey\n") }
        #expect(throws: ConfigError.self) { try parser.parse("[source a]\nurl = https://a.example/\nmax_per_host = 3\n") }
    }

    @Test func aSourceOverridesFeeddWhichOverridesTheDefaults() throws {
        let config = try parser.parse(
            """
            [feedd]
            interval = 20m
            timeout = 30s
            connect_timeout = 20s
            strip_params = ref
            near_duplicates = drop
            iframe_hosts = Video.Example
            [source plain]
            url = https://a.example/feed
            [source own]
            url = https://b.example/feed
            interval = 5m
            timeout = 10s
            max_bytes = 1M
            user_agent = mine/1
            strip_params = sid
            near_duplicates = keep
            """)
        let plain = try #require(config.resolved(named: "plain"))
        #expect(plain.interval == 1200)
        #expect(plain.poll.minInterval == 300)
        #expect(plain.timeout == 30 && plain.connectTimeout == 20)
        #expect(plain.maxBytes == 16 << 20)
        #expect(plain.userAgent == ConfigKey.defaultUserAgent)
        #expect(plain.stripParams == ["ref"])
        #expect(plain.nearDuplicates == .drop)
        #expect(plain.iframeHosts == ["video.example"])
        let own = try #require(config.resolved(named: "own"))
        #expect(own.interval == 300)
        #expect(own.timeout == 10 && own.connectTimeout == 10, "connection set-up never outlasts the transfer")
        #expect(own.maxBytes == 1 << 20)
        #expect(own.userAgent == "mine/1")
        #expect(own.stripParams == ["ref", "sid"])
        #expect(own.nearDuplicates == .keep)
        #expect(config.resolvedSources.map(\.name) == ["plain", "own"])
    }

    @Test func resolvedSettingsFollowAChangedConfig() throws {
        var config = try parser.parse("[source a]\nurl = https://a.example/feed\n")
        config.settings.interval = 60
        #expect(config.resolved(named: "a")?.interval == 60)
        config.sources[0].interval = 30
        #expect(config.resolved(config.sources[0]).interval == 30)
        #expect(config.resolved(named: "missing") == nil)
    }

    @Test func minIntervalLongerThanMaxIntervalIsAnError() {
        #expect {
            try parser.parse("[feedd]\nmax_interval = 1h\nmin_interval = 2h\n")
        } throws: { error in
            (error as? ConfigError)?.issues.map(\.description) == ["/etc/feedd/feeds.conf:3: min_interval must not be longer than max_interval"]
        }
    }
}
