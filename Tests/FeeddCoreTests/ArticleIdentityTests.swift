import Foundation
import Testing

@testable import FeeddCore

@Suite struct ArticleIdentityTests {
    let date = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func idIsSixteenLowercaseHexDigits() {
        let id = ArticleIdentity.id(canonicalURL: "https://example.com/a", source: "s", guid: nil, title: nil, published: nil)
        #expect(id.count == 16)
        #expect(id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(UInt64(id, radix: 16) == ArticleIdentity.value(canonicalURL: "https://example.com/a", source: "s", guid: nil, title: nil, published: nil))
    }

    @Test func urlWinsAndIgnoresSourceGuidAndScheme() {
        let a = ArticleIdentity.id(canonicalURL: "https://example.com/a", source: "one", guid: "g1", title: "T", published: date)
        let b = ArticleIdentity.id(canonicalURL: "http://example.com/a", source: "two", guid: "g2", title: "U", published: nil)
        let c = ArticleIdentity.id(canonicalURL: "https://example.com/b", source: "one", guid: "g1", title: "T", published: date)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func guidWhenThereIsNoURL() {
        let a = ArticleIdentity.id(canonicalURL: nil, source: "one", guid: "urn:1", title: "T", published: date)
        let sameGuidOtherTitle = ArticleIdentity.id(canonicalURL: nil, source: "one", guid: " urn:1 ", title: "X", published: nil)
        let otherSource = ArticleIdentity.id(canonicalURL: nil, source: "two", guid: "urn:1", title: "T", published: date)
        #expect(a == sameGuidOtherTitle)
        #expect(a != otherSource)
        // A guid that moved from http to https (or changed the host's case) is the same guid.
        let http = ArticleIdentity.id(canonicalURL: nil, source: "one", guid: "http://x.example/a", title: nil, published: nil)
        let https = ArticleIdentity.id(canonicalURL: nil, source: "one", guid: "HTTPS://X.example/a", title: nil, published: nil)
        let otherPath = ArticleIdentity.id(canonicalURL: nil, source: "one", guid: "https://x.example/A", title: nil, published: nil)
        #expect(http == https)
        #expect(http != otherPath)
    }

    @Test func titleAndDateLast() {
        let a = ArticleIdentity.id(canonicalURL: nil, source: "one", guid: nil, title: "Hello, World", published: date)
        let recased = ArticleIdentity.id(canonicalURL: nil, source: "one", guid: "  ", title: "hello world", published: date)
        let later = ArticleIdentity.id(canonicalURL: nil, source: "one", guid: nil, title: "Hello, World", published: date + 60)
        let undated = ArticleIdentity.id(canonicalURL: nil, source: "one", guid: nil, title: "Hello, World", published: nil)
        #expect(a == recased)
        #expect(a != later)
        #expect(a != undated)
        #expect(undated == ArticleIdentity.id(canonicalURL: "", source: "one", guid: nil, title: "Hello, World", published: nil))
    }

    @Test func normalizedGUID() {
        #expect(ArticleIdentity.normalizedGUID(" http://Example.COM/Path?x#y ") == "//example.com/Path?x#y")
        #expect(ArticleIdentity.normalizedGUID("https://a.example") == "//a.example")
        #expect(ArticleIdentity.normalizedGUID("tag:example.com,2026:1") == "tag:example.com,2026:1")
        #expect(ArticleIdentity.normalizedGUID("http:opaque") == "http:opaque")
        #expect(ArticleIdentity.normalizedGUID("") == "")
        #expect(ArticleIdentity.normalizedGUID("HTTP://ÉCOLE.Example/Été") == "//école.example/Été")
        #expect(ArticleIdentity.normalizedGUID("https://HOST") == "//host")
        #expect(ArticleIdentity.normalizedGUID("https:/one-slash") == "https:/one-slash")
        #expect(ArticleIdentity.normalizedGUID("\u{00A0}urn:x\n") == "urn:x")
    }

    /// The guid key straight from the guid is the key of its normalized form, whatever path it takes.
    @Test(arguments: [
        "urn:1", " urn:1 ", "http://Example.COM/Path?x#y", "HTTPS://X.example", "https://x?q=A", "https:",
        "http://ÉCOLE.example/a", "tag:example.com,2026:1", "  ", "", "https://h/\u{301}x",
    ])
    func guidKeyMatchesNormalizedGUID(guid: String) {
        let normalized = ArticleIdentity.normalizedGUID(guid)
        let expected = normalized.isEmpty ? nil : ArticleIdentity.guidKey(source: "s", normalizedGUID: normalized)
        #expect(ArticleIdentity.guidKey(source: "s", guid: guid) == expected)
    }

    /// Ids are stored: they must never change for the same inputs.
    @Test func frozen() {
        #expect(ArticleIdentity.id(canonicalURL: "https://example.com/a", source: "s", guid: nil, title: nil, published: nil) == "7e2d20e341263e2d")
        #expect(ArticleIdentity.id(canonicalURL: nil, source: "s", guid: "HTTP://Example.com/?p=1", title: nil, published: nil) == "1ce910f9510245d9")
        #expect(ArticleIdentity.id(canonicalURL: nil, source: "s", guid: " urn:x ", title: nil, published: nil) == "e25b97fc8dca1526")
    }
}
