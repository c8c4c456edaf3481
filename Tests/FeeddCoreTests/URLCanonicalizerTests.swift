import Testing
import TestSupport

@testable import FeeddCore

@Suite struct URLCanonicalizerTests {
    let canonicalizer = URLCanonicalizer()

    @Test(arguments: [
        // Scheme and host case, default ports, empty path.
        ("HTTP://Example.COM", "http://example.com/"),
        ("https://EXAMPLE.com/Path/Stays", "https://example.com/Path/Stays"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:080/", "http://example.com/"),
        ("http://example.com:/a", "http://example.com/a"),
        ("http://example.com./a", "http://example.com/a"),
        // Dot segments.
        ("http://example.com/a/./b/../c", "http://example.com/a/c"),
        ("http://example.com/../../a", "http://example.com/a"),
        ("http://example.com/a/%2E%2E/b", "http://example.com/b"),
        ("http://example.com/a/b/.", "http://example.com/a/b/"),
        // Percent-encoding.
        ("http://example.com/%7Euser/%41%2f%2a", "http://example.com/~user/A%2F%2A"),
        ("http://example.com/a%2fb", "http://example.com/a%2Fb"),
        ("http://example.com/a b", "http://example.com/a%20b"),
        ("http://example.com/ünï", "http://example.com/%C3%BCn%C3%AF"),
        ("http://example.com/100%", "http://example.com/100%25"),
        ("http://example.com/%zz", "http://example.com/%25zz"),
        ("http://example.com/a\"b<c>", "http://example.com/a%22b%3Cc%3E"),
        ("http://example.com/p?q=a+b&r=%e2%82%ac", "http://example.com/p?q=a+b&r=%E2%82%AC"),
        ("http://example.com/p?q=%61%62", "http://example.com/p?q=ab"),
        // Fragments go.
        ("http://example.com/p#section", "http://example.com/p"),
        ("http://example.com/#!/route", "http://example.com/"),
        // Tracking parameters go, the rest keep their order.
        ("http://example.com/?utm_source=rss&utm_medium=feed&id=42&fbclid=abc", "http://example.com/?id=42"),
        ("http://example.com/p?b=2&a=1&utm_campaign=x", "http://example.com/p?b=2&a=1"),
        ("http://example.com/p?UTM_Source=x", "http://example.com/p"),
        ("http://example.com/p?utm%5Fsource=x&k", "http://example.com/p?k"),
        ("http://example.com/p?gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&_ga=6&yclid=7&igshid=8&ref_src=9",
         "http://example.com/p"),
        ("http://example.com/p?pk_campaign=a&mtm_source=b&at_medium=RSS&at_campaign=KARANGA&x=1",
         "http://example.com/p?x=1"),
        ("http://example.com/p?a=1&&b=2&", "http://example.com/p?a=1&b=2"),
        ("http://example.com/p?", "http://example.com/p"),
        ("http://example.com/p?=1", "http://example.com/p?=1"),
        ("http://example.com/p?ref=home", "http://example.com/p?ref=home"),
        // Hosts: IDN to punycode (lowercased first), IPv6, userinfo.
        ("http://Bücher.example/", "http://xn--bcher-kva.example/"),
        ("http://BÜCHER.example/", "http://xn--bcher-kva.example/"),
        ("https://ÉXAMPLE.com/x", "https://xn--xample-9ua.com/x"),
        ("http://例え.テスト/", "http://xn--r8jz45g.xn--zckzah/"),
        ("http://例え。テスト/", "http://xn--r8jz45g.xn--zckzah/"),
        ("http://правда.рф/", "http://xn--80aafi6cg.xn--p1ai/"),
        ("http://xn--bcher-kva.example/", "http://xn--bcher-kva.example/"),
        ("http://b%C3%BCcher.example/", "http://xn--bcher-kva.example/"),
        ("http://[2001:DB8::1]:8080/", "http://[2001:db8::1]:8080/"),
        ("http://[::1]/", "http://[::1]/"),
        ("http://user:pa%3ass@Example.com/", "http://user:pa%3Ass@example.com/"),
        ("http://192.168.0.1:8080/x", "http://192.168.0.1:8080/x"),
        // Surrounding space and line breaks inside.
        ("  http://example.com/a \n", "http://example.com/a"),
        ("http://exa\nmple.com/a\tb", "http://example.com/ab"),
    ])
    func canonicalizes(input: String, expected: String) {
        #expect(canonicalizer.canonicalize(input) == expected)
    }

    @Test(arguments: [
        "", "   ", "example.com", "/relative/path", "//example.com/a", "ftp://example.com/", "mailto:a@b.c",
        "javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "http://", "http:///a", "https://?q",
        "http://exa mple.com/", "http://example.com:99999/", "http://example.com:8o/", "http://example.com:-1/",
        "http://[::1/", "http://[zz::1]/", "http://[::1]x/", "http://a..b/", "http://.example.com/", "http://%zz/",
        "http://%ff/", "http:example.com", "http://exa<mple.com/", "http://example.com\u{0}/",
        "http://" + String(repeating: "a", count: 64) + ".com/", "\u{FEFF}\u{200B}", "😀://x", "http://😀/",
        "http://a@", "http://@/", "http://:80/", "::::", "%%%", "http://\u{3000}/",
        "http://example.com/" + String(repeating: "x", count: 70_000),
    ])
    func rejects(input: String) {
        #expect(canonicalizer.canonicalize(input) == nil)
    }

    @Test func extraParametersFromConfig() {
        let custom = URLCanonicalizer(stripParams: ["ref", "sc_*", " Partner "])
        #expect(custom.canonicalize("https://example.com/a?ref=x&sc_cid=1&SC_X=2&keep=1&partner=p")
            == "https://example.com/a?keep=1")
        #expect(custom.isTrackingParameter("utm_source"))
        #expect(!custom.isTrackingParameter("id"))
        #expect(canonicalizer.canonicalize("https://example.com/a?ref=x") == "https://example.com/a?ref=x")
    }

    @Test func resolvesThenCanonicalizes() {
        #expect(canonicalizer.canonicalize("../b?utm_source=x#top", base: "https://Example.com/a/c/d")
            == "https://example.com/a/b")
        #expect(canonicalizer.canonicalize("https://other.example/x", base: "https://example.com/") == "https://other.example/x")
        #expect(canonicalizer.canonicalize("mailto:x@example.com", base: "https://example.com/") == nil)
        #expect(canonicalizer.canonicalize("/x", base: "not a url") == nil)
    }

    /// Random URL-like strings: never a trap, and canonical output is a fixed point.
    @Test func randomInputIsSafeAndCanonicalFormIsStable() {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("hts:p/.?#&=%_-~@[]:80aAzZ09 éü例\u{0}\t\\+;,'\"<>{}|^`")
        let prefixes = ["http://", "https://", "HTTP://", "", "//", "http:", "https://[", "http://%"]
        var canonicalCount = 0
        for _ in 0..<3000 {
            let length = Int(generator.next() % 40)
            var text = prefixes[Int(generator.next() % UInt64(prefixes.count))]
            if generator.next() % 2 == 0 { text += "example.com" }
            for _ in 0..<length { text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            guard let canonical = canonicalizer.canonicalize(text) else { continue }
            canonicalCount += 1
            #expect(canonicalizer.canonicalize(canonical) == canonical, "not stable: \(text) -> \(canonical)")
            #expect(canonical.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "not ASCII: \(canonical)")
        }
        #expect(canonicalCount > 100)
    }
}


@Suite struct URLCanonicalizerFuzzRegressionTests {
    /// "&" followed by a combining mark is a single Character; splitting the query on Characters kept it
    /// together on the first pass and split it on the second, so canonicalization was not idempotent.
    @Test func aCombiningMarkAfterAnAmpersandStillSplitsTheQuery() throws {
        let canonicalizer = URLCanonicalizer()
        let once = try #require(canonicalizer.canonicalize("http://a.example/p?AM&q&&&&&&\u{591}er&x=1"))
        #expect(canonicalizer.canonicalize(once) == once)
        #expect(once == "http://a.example/p?AM&q&%D6%91er&x=1")
    }

    /// The same for every other delimiter: a combining mark right after `#`, `?`, `/` or `..` must not hide it.
    @Test(arguments: [
        ("http://a.example/p#\u{301}frag", "http://a.example/p"),
        ("http://a.example/p?\u{301}=1", "http://a.example/p?%CC%81=1"),
        ("http://a.example/a/\u{301}b", "http://a.example/a/%CC%81b"),
        ("http://a.example/a/b/../\u{301}c", "http://a.example/a/%CC%81c"),
        ("http://a.example/a/..\u{301}/c", "http://a.example/a/..%CC%81/c"),
    ])
    func combiningMarksAfterOtherDelimiters(input: String, expected: String) throws {
        let canonicalizer = URLCanonicalizer()
        let once = try #require(canonicalizer.canonicalize(input))
        #expect(once == expected)
        #expect(canonicalizer.canonicalize(once) == once)
    }

    @Test func dotSegmentsAreRemovedScalarByScalar() {
        #expect(URLReference.removeDotSegments("/a/b/c/./../../g") == "/a/g")
        #expect(URLReference.removeDotSegments("mid/content=5/../6") == "mid/6")
        #expect(URLReference.removeDotSegments("/a/\u{301}/../b") == "/a/b")
        #expect(URLReference.removeDotSegments("/..") == "/")
        #expect(URLReference.removeDotSegments("..") == "")
    }
}
