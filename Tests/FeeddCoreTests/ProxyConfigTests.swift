import Testing

@testable import FeeddCore

/// `proxy`: set once in `[feedd]`, overridden or turned off (`none`) per source.
@Suite struct ProxyConfigTests {
    @Test func aSourceInheritsOverridesOrTurnsOffTheFeeddProxy() throws {
        let config = try ConfigParser(path: "/etc/feedd/feeds.conf").parse(
            """
            [feedd]
            proxy = http://proxy.internal:3128
            [source plain]
            url = https://a.example/feed
            [source own]
            url = https://b.example/feed
            proxy = socks5h://127.0.0.1:1080
            [source direct]
            url = https://c.example/feed
            proxy = none
            """)
        #expect(config.resolved(named: "plain")?.proxy == "http://proxy.internal:3128")
        #expect(config.resolved(named: "own")?.proxy == "socks5h://127.0.0.1:1080")
        #expect(config.resolved(named: "direct")?.proxy == "", "empty: no proxy, the environment's included")
    }

    @Test func withoutAProxyKeyTheEnvironmentDecides() throws {
        let config = try ConfigParser(path: "/etc/feedd/feeds.conf").parse("[source a]\nurl = https://a.example/feed\n")
        #expect(config.resolved(named: "a")?.proxy == nil)
        #expect(throws: ConfigError.self) { try ConfigParser(path: "/f.conf").parse("[feedd]\nproxy = not a url\n") }
    }
}
