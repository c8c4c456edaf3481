import FeeddCore
import Foundation
import TestSupport
import Testing

/// A wire story and another outlet's copy of it (one verb form changed, a date added, one sentence appended),
/// through the real binary: the copy is stored marked `duplicate_of` the wire story. Their SimHashes are
/// further apart than a near-duplicate threshold could allow; the copy is almost wholly contained in the story.
@Suite(.serialized) struct WireCopyTests {
    let fixture: EndToEndFixture
    var server: TestHTTPServer { fixture.server }
    var directory: TemporaryDirectory { fixture.directory }

    init() throws {
        fixture = try EndToEndFixture()
        for name in ["wire-story", "wire-copy"] {
            server.route(
                "/\(name).xml",
                TestResponse(
                    headers: [HTTPHeader(name: "Content-Type", value: "application/rss+xml; charset=UTF-8")],
                    body: Fixtures.data("e2e/\(name).xml")))
        }
    }

    func writeConfig(withCopy: Bool) throws -> String {
        try directory.write(
            "feeds.conf",
            """
            [feedd]
            store = ./store
            interval = 10m

            [source wire]
            url = \(server.url("/wire-story.xml"))
            \(withCopy ? "\n[source courier]\nurl = \(server.url("/wire-copy.xml"))\n" : "")
            """)
    }

    func storedRecords() throws -> [[String: Any]] { try fixture.storedRecords() }

    @Test func theCopyIsMarkedDuplicateOfTheWireStory() throws {
        defer { fixture.tearDown() }
        // The wire story first; the copy arrives in a later run, after the index was rebuilt from the journal.
        let first = try FeeddBinary.run(["run", "--once", "--config", writeConfig(withCopy: false)])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let second = try FeeddBinary.run(["run", "--once", "--config", writeConfig(withCopy: true)])
        #expect(second.status == 0, "stderr: \(second.stderr)")

        let records = try storedRecords()
        #expect(records.count == 2)
        let wire = try #require(records.first { $0["source"] as? String == "wire" })
        let copy = try #require(records.first { $0["source"] as? String == "courier" })
        #expect(wire["duplicate_of"] == nil)
        #expect(copy["duplicate_of"] as? String == wire["id"] as? String)
        #expect((wire["minhash"] as? String)?.count == 128)
        #expect((wire["shingles"] as? Int ?? 0) > 100)
        // SimHash alone could not tell: the two fingerprints are more than 5 bits apart.
        let a = try #require((wire["fingerprint"] as? String).flatMap { UInt64($0, radix: 16) })
        let b = try #require((copy["fingerprint"] as? String).flatMap { UInt64($0, radix: 16) })
        #expect((a ^ b).nonzeroBitCount > 5)
    }
}
