import FeeddContent
import Foundation
import Testing
import TestSupport

/// Seeded mutations of every fixture (truncation, byte flips, inserted markup) must parse or fail
/// with a `FeedParseError`, never crash, and what parses must serialize to valid JSON.
@Suite struct FeedFuzzTests {
    static let inserts: [[UInt8]] = [
        "<", "&", "]]>", "<![CDATA[", "<item>", "</item>", "<entry>", "</channel>", "&#0;", "&#xD800;", "&nbsp",
        "\u{0}", "\u{FEFF}", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "<?xml version=\"1.0\" encoding=\"utf-16\"?>",
        "<script>", "\"", "'", "<!--", "-->", "<a href=\"javascript:x\">",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80]]

    @Test func mutatedFixturesNeverCrash() throws {
        let root = FeedFixtureTests.root
        let inputs = FeedFixtureTests.cases.compactMap { name -> [UInt8]? in
            guard let spec = try? JSONSerialization.jsonObject(
                with: Data(contentsOf: root.appendingPathComponent(name + ".expected.json"))) as? [String: Any],
                let input = spec["input"] as? String
            else { return nil }
            let url = root.appendingPathComponent(name).deletingLastPathComponent().appendingPathComponent(input)
            return (try? Data(contentsOf: url)).map(Array.init)
        }.filter { !$0.isEmpty }
        #expect(inputs.count > 300)
        var generator = SplitMix64(seed: 20_261_130)
        var parsed = 0
        for original in inputs {
            for _ in 0..<8 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0...bytes.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: bytes.removeSubrange(position...)
                    case 1: if position < bytes.count { bytes[position] = UInt8.random(in: 0...255, using: &generator) }
                    case 2: bytes.insert(contentsOf: Self.inserts.randomElement(using: &generator)!, at: position)
                    default:
                        let end = min(bytes.count, position + Int.random(in: 1...64, using: &generator))
                        bytes.removeSubrange(position..<end)
                    }
                }
                do {
                    let feed = try FeedParser.parse(bytes, options: ParseOptions(url: "https://example.org/feed"))
                    let json = try JSONSerialization.jsonObject(with: Data(feed.jsonObject.utf8))
                    #expect(json is [String: Any])
                    parsed += 1
                } catch let error as FeedParseError {
                    #expect(!error.message.isEmpty)
                }
            }
        }
        #expect(parsed > 100)
    }
}
