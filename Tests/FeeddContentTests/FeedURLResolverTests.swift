import FeeddContent
import Testing

@Suite struct FeedURLResolverTests {
    // RFC 3986 section 5.4 examples, base "http://a/b/c/d;p?q".
    static let rfc: [(String, String)] = [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"),
        ("./", "http://a/b/c/"), ("..", "http://a/b/"), ("../", "http://a/b/"), ("../g", "http://a/b/g"),
        ("../..", "http://a/"), ("../../", "http://a/"), ("../../g", "http://a/g"), ("../../../g", "http://a/g"),
        ("/./g", "http://a/g"), ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"),
        ("g..", "http://a/b/c/g.."), ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"),
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"),
    ]

    @Test(arguments: 0..<rfc.count) func rfcExamples(_ index: Int) {
        let (reference, expected) = Self.rfc[index]
        #expect(URLResolver.resolve(reference, against: "http://a/b/c/d;p?q") == expected, "\(reference)")
    }

    @Test func feedCases() {
        #expect(URLResolver.resolve("  /x  ", against: "https://example.org/feed") == "https://example.org/x")
        #expect(URLResolver.resolve("x", against: "https://example.org") == "https://example.org/x")
        #expect(URLResolver.resolve("/x", against: nil) == "/x")
        #expect(URLResolver.resolve("/x", against: "not a url") == "/x")
        #expect(URLResolver.resolve("HTTPS://Example.org/A", against: "https://b.example/") == "HTTPS://Example.org/A")
    }

    @Test func schemeAndHost() {
        #expect(URLResolver.scheme(of: "JavaScript:alert(1)") == "javascript")
        #expect(URLResolver.scheme(of: "/path:with:colons") == nil)
        #expect(URLResolver.scheme(of: "1http://x") == nil)
        #expect(URLResolver.host(of: "https://user:pw@WWW.Example.org:8443/p?q") == "www.example.org")
        #expect(URLResolver.host(of: "https://example.org") == "example.org")
        #expect(URLResolver.host(of: "/relative") == nil)
    }
}
