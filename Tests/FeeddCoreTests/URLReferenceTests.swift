import Testing

@testable import FeeddCore

@Suite struct URLReferenceTests {
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
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
    ]

    @Test(arguments: 0..<rfc.count) func rfcExamples(_ index: Int) {
        let (reference, expected) = Self.rfc[index]
        #expect(URLReference.resolve(reference, against: "http://a/b/c/d;p?q") == expected, "\(reference)")
        #expect(URLReference.Base("http://a/b/c/d;p?q")?.resolve(reference) == expected, "\(reference)")
    }

    @Test func feedCases() {
        #expect(URLReference.resolve("  /x  ", against: "https://example.org/feed") == "https://example.org/x")
        #expect(URLReference.resolve("x", against: "https://example.org") == "https://example.org/x")
        #expect(URLReference.resolve("/x", against: nil) == "/x")
        #expect(URLReference.resolve("/x", against: "not a url") == "/x")
        // A reference with a scheme is absolute already: kept as written.
        #expect(URLReference.resolve("HTTPS://Example.org/A/../B", against: "https://b.example/") == "HTTPS://Example.org/A/../B")
        // The base's scheme is lowercased, its fragment dropped.
        #expect(URLReference.resolve("x", against: "HTTPS://b.example/a#top") == "https://b.example/x")
        #expect(URLReference.resolve("", against: "https://b.example/a?q#top") == "https://b.example/a?q")
    }

    @Test func networkPathReferencesTakeTheBaseScheme() {
        #expect(URLReference.resolve("//cdn.example/img/../a.png", against: "https://b.example/x") == "https://cdn.example/a.png")
        #expect(URLReference.resolve("//cdn.example", against: "http://b.example/x") == "http://cdn.example")
        #expect(URLReference.resolve("//[2001:db8::1]:8080/a", against: "https://b.example/") == "https://[2001:db8::1]:8080/a")
    }

    @Test func fragmentsAndQueries() {
        let base = URLReference.Base("https://h.example/a/b?q=1#old")
        #expect(base?.resolve("#new") == "https://h.example/a/b?q=1#new")
        #expect(base?.resolve("?r=2#f") == "https://h.example/a/b?r=2#f")
        #expect(base?.resolve("c#f?x") == "https://h.example/a/c#f?x")
        #expect(base?.origin == "https://h.example")
    }

    @Test func schemeAndHost() {
        #expect(URLReference.scheme(of: "JavaScript:alert(1)") == "javascript")
        #expect(URLReference.scheme(of: "/path:with:colons") == nil)
        #expect(URLReference.scheme(of: "1http://x") == nil)
        #expect(URLReference.host(of: "https://user:pw@WWW.Example.org:8443/p?q") == "www.example.org")
        #expect(URLReference.host(of: "https://example.org") == "example.org")
        #expect(URLReference.host(of: "/relative") == nil)
        #expect(URLReference.host(of: "https://[2001:DB8::1]:443/x") == "[2001:db8::1]")
        #expect(URLReference.host(of: "https://[::1]") == "[::1]")
    }

    @Test(arguments: [
        ("https://user:pw@WWW.Example.org:8443/p?q#f", "www.example.org", 8443, "https://www.example.org:8443", "/p?q"),
        ("HTTP://Example.org", "example.org", nil, "http://example.org", "/"),
        ("https://[2001:db8::1]:8080/a/b", "[2001:db8::1]", 8080, "https://[2001:db8::1]:8080", "/a/b"),
        ("https://[::1]/", "[::1]", nil, "https://[::1]", "/"),
        ("https://bücher.example/ä?x=ü", "bücher.example", nil, "https://bücher.example", "/ä?x=ü"),
        ("http://h.example:/x", "h.example", nil, "http://h.example", "/x"),
    ] as [(String, String, Int?, String, String)])
    func parts(_ url: String, host: String, port: Int?, origin: String, target: String) {
        let reference = URLReference(parsing: url)
        #expect(reference.host == host)
        #expect(URLReference.host(of: url) == host)
        #expect(reference.port == port)
        #expect(reference.hasValidPort)
        #expect(reference.origin == origin)
        #expect(reference.pathAndQuery == target)
    }

    @Test func badInputNeverTraps() {
        for text in ["", ":", "//", "http://", "http://:80", "https://[::1", "https://h:99999/", "https://h:8x/", "%", "#", "?",
            "\u{0}", "http://a\u{301}/\u{301}#\u{301}", "a:b:c", "[", "http://@", "http://u@:1/"]
        {
            let reference = URLReference(parsing: text)
            _ = (reference.host, reference.port, reference.origin, reference.pathAndQuery, reference.escaped.string)
            _ = URLReference.resolve(text, against: "https://b.example/a/")
            _ = URLReference.host(of: text)
        }
        #expect(!URLReference(parsing: "https://h:99999/").hasValidPort)
        #expect(!URLReference(parsing: "https://h:8x/").hasValidPort)
        #expect(URLReference(parsing: "https://h:99999/").port == nil)
        #expect(URLReference(parsing: "http://").host == "")
        #expect(URLReference(parsing: "http://").origin == nil)
        #expect(URLReference(parsing: "/relative").origin == nil)
        #expect(URLReference(parsing: "mailto:a@b.example").host == nil)
        #expect(URLReference.Base("no scheme here") == nil)
    }

    @Test func escapedFormEncodesWhatAURLCannotHold() {
        #expect(URLReference(parsing: "https://h.example/a b/ä?q=x y|z#f g").escaped.string
            == "https://h.example/a%20b/%C3%A4?q=x%20y%7Cz#f%20g")
        #expect(URLReference(parsing: "https://h.example/%41%zz{x}").escaped.string == "https://h.example/%41%25zz%7Bx%7D")
        #expect(URLReference(parsing: "https://Bücher.example/x").escaped.string == "https://xn--bcher-kva.example/x")
        #expect(URLReference(parsing: "https://[2001:db8::1]:8080/[x]").escaped.string == "https://[2001:db8::1]:8080/%5Bx%5D")
        let clean = "HTTPS://Example.org/a/../b;p?q=1&r=(2)#s"
        #expect(URLReference(parsing: clean).escaped.string == clean, "an already valid URL is left as written")
    }
}

extension URLReferenceTests {
    @Test func validity() {
        #expect(URLReference(parsing: "https://bücher.example:8080/x").hasValidHost)
        #expect(URLReference(parsing: "https://[2001:db8::1]/x").hasValidHost)
        #expect(URLReference(parsing: "http://192.0.2.1/x").hasValidHost)
        #expect(!URLReference(parsing: "http://Two Words: more/x").hasValidHost)
        #expect(!URLReference(parsing: "http:///x").hasValidHost)
        #expect(!URLReference(parsing: "http://h:99999/").hasValidHost)
        #expect(!URLReference(parsing: "/x").hasValidHost)
        // RFC 3986 §4.2: a relative path's first segment cannot hold a colon.
        #expect(URLReference(parsing: "%20http://h.example/x").hasColonInFirstSegment)
        #expect(URLReference(parsing: "!x:y/z").hasColonInFirstSegment)
        #expect(!URLReference(parsing: "./a:b").hasColonInFirstSegment)
        #expect(!URLReference(parsing: "a/b:c").hasColonInFirstSegment)
        #expect(!URLReference(parsing: "https://h/a:b").hasColonInFirstSegment)
    }
}
