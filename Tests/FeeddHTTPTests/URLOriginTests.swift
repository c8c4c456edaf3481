import FeeddCore
import FeeddHTTP
import Testing

/// The host and origin the fetcher keys its limits and robots.txt by, read with FeeddCore's URL rules.
@Suite struct URLOriginTests {
    @Test(arguments: [
        ("http://Example.ORG/feed", "example.org"),
        ("https://user:secret@news.example.org:8443/a?b#c", "news.example.org"),
        ("http://[2001:DB8::1]:8080/x", "[2001:db8::1]"),
        ("https://bücher.example/", "xn--bcher-kva.example"),
        ("HTTP://example.org.", "example.org"),
        ("http://127.0.0.1:631/", "127.0.0.1"),
    ])
    func hostOf(url: String, host: String) {
        #expect(Fetcher.host(of: url) == host)
    }

    @Test(arguments: ["ftp://example.org/", "/relative/path", "http://", "http:///x", "not a url", "http://exa mple.org/"])
    func noHost(url: String) {
        #expect(Fetcher.host(of: url) == nil)
    }

    @Test func originAndTarget() throws {
        let (origin, target) = try #require(URLOrigin.split("HTTPS://Example.org:443/a/b?x=1&utm_source=y#frag"))
        #expect(origin.string == "https://example.org")
        #expect(origin.port == nil)
        #expect(target == "/a/b?x=1&utm_source=y")
        let (other, root) = try #require(URLOrigin.split("http://example.org:8080"))
        #expect(other.string == "http://example.org:8080")
        #expect(other.port == 8080)
        #expect(root == "/")
        #expect(URLOrigin("http://example.org/a") == URLOrigin("http://EXAMPLE.org:80/b"))
        #expect(URLOrigin("http://example.org/") != URLOrigin("https://example.org/"))
    }
}
