import Testing

@testable import FeeddCore

@Suite struct ConfigParserTests {
    let parser = ConfigParser(path: "/etc/feedd/feeds.conf")

    @Test func parsesSettingsAndSources() throws {
        let config = try parser.parse(
            """
            # comment
            [feedd]
            store = ./data            # journal directory
            interval = 15m
            user_agent = feedd/0.1 (+https://example.org/)

            [source afghanistan-times]
            url = https://www.afghanistantimes.af/feed/
            type = auto               # auto | rss | atom | json | html
            interval = 10m
            headers = Cookie: a=b
            headers = X-Token: 1
            tags = news, asia
            """)
        #expect(config.settings.store == "/etc/feedd/data")
        #expect(config.settings.interval == 900)
        #expect(config.settings.userAgent == "feedd/0.1 (+https://example.org/)")
        #expect(config.sources.count == 1)
        let source = try #require(config.sources.first)
        #expect(source.name == "afghanistan-times")
        #expect(source.url == "https://www.afghanistantimes.af/feed/")
        #expect(source.type == .auto)
        #expect(source.interval == 600)
        #expect(source.headers == [HTTPHeader(name: "Cookie", value: "a=b"), HTTPHeader(name: "X-Token", value: "1")])
        #expect(source.tags == ["news", "asia"])
        #expect(source.line == 7)
    }

    @Test func reportsEveryErrorWithItsLine() {
        let text = """
            [feedd]
            interval = soon
            colour = blue

            [source Bad_Name]
            url = ftp://example.org/

            [source ok]
            url = https://example.org/feed
            intervall = 10m

            [source ok]
            url = https://example.org/other
            [source nourl]
            type = rss
            garbage line
            """
        #expect {
            try parser.parse(text)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            let lines = error.issues.map(\.description)
            return lines == [
                "/etc/feedd/feeds.conf:2: interval must be a duration such as 90s, 15m, 2h, 1d or 1w, not \"soon\"",
                "/etc/feedd/feeds.conf:3: unknown key \"colour\" in [feedd]",
                "/etc/feedd/feeds.conf:5: invalid source name \"Bad_Name\" (use lowercase letters, digits, \".\", \"_\" and \"-\")",
                "/etc/feedd/feeds.conf:6: url must be an absolute http:// or https:// URL, not \"ftp://example.org/\"",
                "/etc/feedd/feeds.conf:10: unknown key \"intervall\" in [source ok]",
                "/etc/feedd/feeds.conf:12: duplicate source name \"ok\" (first defined on line 8)",
                "/etc/feedd/feeds.conf:16: expected \"key = value\", found \"garbage line\"",
                "/etc/feedd/feeds.conf:5: [source Bad_Name] has no url (add \"url = https://…\")",
                "/etc/feedd/feeds.conf:14: [source nourl] has no url (add \"url = https://…\")",
            ]
        }
    }

    @Test(arguments: [
        ("90s", 90.0), ("15m", 900), ("2h", 7200), ("1d", 86400), ("1h30m", 5400), ("45", 45),
    ])
    func durations(text: String, seconds: Double) {
        #expect(ConfigValue.duration(text) == seconds)
    }

    @Test(arguments: ["", "m", "10x", "1.2.3s", "-5m"])
    func badDurations(text: String) {
        #expect(ConfigValue.duration(text) == nil)
    }

    @Test func sizes() {
        #expect(ConfigValue.size("16M") == 16 << 20)
        #expect(ConfigValue.size("16MiB") == 16 << 20)
        #expect(ConfigValue.size("512K") == 512 << 10)
        #expect(ConfigValue.size("20G") == 20 << 30)
        #expect(ConfigValue.size("1000") == 1000)
        #expect(ConfigValue.size("lots") == nil)
    }

    func issues(_ text: String) -> [String] {
        do {
            _ = try parser.parse(text)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func badSelectorsAreRefusedAtLoadWithTheirLine() {
        let lines = issues(
            """
            [source site]
            url = https://example.org/
            type = html
            links = h2 >> a[
            content = article .body
            exclude = ..foo
            """)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("/etc/feedd/feeds.conf:4: links is not a valid CSS selector: selector \"h2 >> a[\"") == true)
        #expect(lines.last?.hasPrefix("/etc/feedd/feeds.conf:6: exclude is not a valid CSS selector: selector \"..foo\": expected a class name") == true)
    }

    @Test func linksOnADeclaredFeedIsRefusedButAllowedOnAutoAndHTML() {
        #expect(
            issues(
                """
                [source news]
                links = h2 a
                url = https://example.org/feed
                type = rss
                """) == [
                    "/etc/feedd/feeds.conf:2: links applies only to type = html (or auto); [source news] has type = rss, whose items come from the feed"
                ])
        for type in ["auto", "html"] {
            #expect(issues("[source s]\nurl = https://example.org/\ntype = \(type)\nlinks = h2 a, .list > a[href]\n").isEmpty)
        }
    }

    @Test func zeroDurationSaysAboveZero() {
        #expect(
            issues("[feedd]\ninterval = 0s\n") == ["/etc/feedd/feeds.conf:2: interval must be above zero, not \"0s\""])
        #expect(issues("[feedd]\ninterval = 1w\nhost_delay = 0s\n").isEmpty)
    }

    @Test func missingFileSaysHowToCreateOne() {
        #expect {
            try ConfigParser.load(path: "/nonexistent-feedd-dir/feeds.conf")
        } throws: { error in
            let text = (error as? ConfigError)?.description ?? ""
            return text.contains("does not exist") && text.contains("feedd check-config") == false && text.contains("--config")
        }
    }

    @Test func keyBeforeSectionAndDuplicateKey() {
        #expect {
            try parser.parse("store = x\n[feedd]\ninterval = 1m\ninterval = 2m\n")
        } throws: { error in
            (error as? ConfigError)?.issues.map(\.line) == [1, 4]
        }
    }

    @Test func hashInsideURLIsNotAComment() throws {
        let config = try parser.parse("[source a]\nurl = https://example.org/feed#top\n")
        #expect(config.sources[0].url == "https://example.org/feed#top")
    }
}

/// `shard`, `membership` and `instance` in `[feedd]`.
@Suite struct ShardConfigTests {
    let parser = ConfigParser(path: "/etc/feedd/feeds.conf")

    @Test func defaultsPollEverythingStatically() throws {
        let config = try parser.parse("[feedd]\n")
        #expect(config.settings.shard == .all)
        #expect(config.settings.membership == .static)
        #expect(config.settings.instance == nil)
        #expect(InstanceName.isValid(config.settings.instanceName))
    }

    @Test func readsShardAndInstance() throws {
        let config = try parser.parse("[feedd]\nshard = 2/3\ninstance = ingest-02.dc1\n")
        #expect(config.settings.shard == (try ShardSpec(parsing: "2/3")))
        #expect(config.settings.instanceName == "ingest-02.dc1")
    }

    @Test(arguments: [
        ("shard = 4/3", 3, "shard 4/3: K must be from 1 to N (3)"),
        ("shard = half", 3, "shard must be K/N"),
        ("membership = gossip", 3, "membership must be static or nats, not \"gossip\""),
        ("membership = nats", 3, "membership = nats needs an [output nats] section"),
        ("instance = a b", 3, "instance must be 1 to 64 letters"),
        ("instance = .a", 3, "instance must be"),
    ])
    func errorsNameFileAndLine(line: String, number: Int, message: String) {
        do {
            _ = try parser.parse("# shards\n[feedd]\n\(line)\n")
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.line == number)
            #expect(error.issues.first?.path == "/etc/feedd/feeds.conf")
            #expect(error.issues.first?.message.contains(message) == true, "\(error.description)")
        }
    }

    @Test func membershipIsCheckedInOnePlace() {
        var settings = Settings(store: "/tmp")
        #expect(ConfigParser.membershipIssue(settings, natsOutput: false, shardSet: true) == nil)
        settings.membership = .nats
        #expect(ConfigParser.membershipIssue(settings, natsOutput: false, shardSet: false)?.contains("[output nats]") == true)
        #expect(ConfigParser.membershipIssue(settings, natsOutput: true, shardSet: false) == nil)
        #expect(ConfigParser.membershipIssue(settings, natsOutput: true, shardSet: true)?.contains("remove shard") == true)
    }
}
