import Testing

@testable import FeeddCore

/// The `listen` key: absent means no listener; a value is host:port with a port from 1 to 65535.
@Suite struct ListenKeyTests {
    let parser = ConfigParser(path: "/etc/feedd/feeds.conf")

    @Test func absentMeansNoListener() throws {
        #expect(try parser.parse("[feedd]\nstore = /tmp/s\n").settings.listen == nil)
    }

    @Test func hostAndPort() throws {
        let config = try parser.parse("[feedd]\nstore = /tmp/s\nlisten = 127.0.0.1:9477\n")
        #expect(config.settings.listen == ListenAddress(host: "127.0.0.1", port: 9477))
        #expect(try parser.parse("[feedd]\nlisten = [::1]:9477\n").settings.listen?.host == "::1")
    }

    @Test(arguments: ["9477", "127.0.0.1:0", "127.0.0.1:70000", "localhost:", ":9477", "::1:9477"])
    func refused(value: String) {
        #expect(throws: ConfigError.self) { try parser.parse("[feedd]\nlisten = \(value)\n") }
    }
}
