import Testing

@testable import FeeddCore

/// RFC 3986 §5.4: every normal and abnormal example against the base `http://a/b/c/d;p?q`.
@Suite struct URLCanonicalizerResolveTests {
    let canonicalizer = URLCanonicalizer()
    static let base = "http://a/b/c/d;p?q"

    @Test(arguments: [
        // §5.4.1 normal examples ("g:h" is not http, see below).
        ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
        ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
        // §5.4.2 abnormal examples.
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
        ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
        // The backward-compatible reading the RFC allows: a same-scheme reference without authority is relative.
        ("http:g", "http://a/b/c/g"),
        // Absolute references stand alone.
        ("https://other.example/x/../y", "https://other.example/y"),
        ("HTTPS://other.example/", "https://other.example/"),
    ])
    func resolves(reference: String, expected: String) {
        #expect(canonicalizer.resolve(reference, against: Self.base) == expected)
    }

    @Test func refusesNonHTTPResultsAndBadBases() {
        #expect(canonicalizer.resolve("g:h", against: Self.base) == nil)
        #expect(canonicalizer.resolve("mailto:a@b", against: Self.base) == nil)
        #expect(canonicalizer.resolve("g", against: "/relative/base") == nil)
        #expect(canonicalizer.resolve("g", against: "ftp://a/b") == nil)
        #expect(canonicalizer.resolve("g", against: "http:///b") == nil)
        #expect(canonicalizer.resolve("g", against: "") == nil)
    }

    @Test func baseWithoutPath() {
        #expect(canonicalizer.resolve("g", against: "http://a") == "http://a/g")
        #expect(canonicalizer.resolve("?x", against: "http://a") == "http://a?x")
    }
}
