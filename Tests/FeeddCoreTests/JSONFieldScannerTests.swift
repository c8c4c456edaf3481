import Foundation
import Testing

@testable import FeeddCore

@Suite struct JSONFieldScannerTests {
    func scanAll(_ json: String) -> [String: JSONFieldScanner.Value]? {
        var seen: [String: JSONFieldScanner.Value] = [:]
        let ok = Array(json.utf8).withUnsafeBytes { bytes in
            JSONFieldScanner.scan(bytes) { key, value in seen[String(decoding: key, as: UTF8.self)] = value() }
        }
        return ok ? seen : nil
    }

    @Test func decodesStringsNumbersLiteralsAndSkipsContainers() {
        let fields = scanAll(#"{"a":"x\"y\\z\n\u00e9\ud83d\ude00","n":-12.5e1,"t":true,"f":false,"z":null,"l":["]",{"q":"}"}],"o":{"k":[1,2]},"after":"ok"}"#)
        #expect(fields?["a"] == .string("x\"y\\z\né😀"))
        #expect(fields?["n"] == .number(-125))
        #expect(fields?["t"] == .bool(true))
        #expect(fields?["f"] == .bool(false))
        #expect(fields?["z"] == .null)
        #expect(fields?["l"] == .skipped)
        #expect(fields?["o"] == .skipped)
        #expect(fields?["after"] == .string("ok"))
        // Keys with escapes are handed over decoded.
        #expect(scanAll(#"{"a\u0062":1,"c\"d":2}"#) == ["ab": .number(1), "c\"d": .number(2)])
    }

    @Test(arguments: ["", "[]", "{", #"{"a":}"#, #"{"a":"unterminated}"#, #"{"a" 1}"#, #"{"a":1,}"#, "{\"a\":[1,2}"])
    func rejectsMalformedObjects(json: String) {
        #expect(scanAll(json) == nil)
    }

    @Test func anArticlesIdentityFieldsMatchTheFullDecode() throws {
        var article = Article(
            id: "0123456789abcdef", source: "wire", url: "https://n.example/a?x=1", guid: "g-\u{1F600}",
            title: "Quote \" and back\\slash", author: "A", published: Date(timeIntervalSince1970: 1_487_914_200),
            publishedEstimated: true, fetched: Date(timeIntervalSince1970: 1_487_914_260), summary: "s",
            content: "<p>x</p>", text: "Line one.\n\nLine two \u{0007} é", categories: ["c"],
            enclosures: [Enclosure(url: "https://n.example/a.mp3", type: "audio/mpeg", length: 5)], tags: ["t"],
            fingerprint: 0xDEAD_BEEF_0000_0001, revision: 3, duplicateOf: "fedcba9876543210")
        let line = Array(article.jsonObject.utf8)
        let lean = try #require(line.withUnsafeBytes { Article(identityFieldsOf: $0) })
        #expect(lean.id == article.id)
        #expect(lean.source == article.source)
        #expect(lean.url == article.url)
        #expect(lean.guid == article.guid)
        #expect(lean.title == article.title)
        #expect(lean.published == article.published)
        #expect(lean.publishedEstimated)
        #expect(lean.fetched == article.fetched)
        #expect(lean.text == article.text)
        #expect(lean.fingerprint == article.fingerprint)
        #expect(lean.revision == 3)
        #expect(lean.duplicateOf == article.duplicateOf)
        #expect(lean.content == nil && lean.categories.isEmpty)
        article.published = nil
        article.fingerprint = nil
        let sparse = try #require(Array(article.jsonObject.utf8).withUnsafeBytes { Article(identityFieldsOf: $0) })
        #expect(sparse.published == nil && sparse.fingerprint == nil)
        #expect(Array(#"{"id":"x"}"#.utf8).withUnsafeBytes { Article(identityFieldsOf: $0) } == nil)
    }
}
