import FeeddCore
import Foundation
import Testing
import TestSupport

/// Inputs that `scripts/fuzz` found crashing or breaking a property (Tests/Fixtures/fuzz/<target>/), replayed
/// with the same checks as the fuzz targets in Fuzz/FeeddFuzz.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let directory = Fixtures.path("fuzz/" + target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().map { "fuzz/\(target)/\($0)" }
    }

    @Test(arguments: inputs("date")) func date(_ fixture: String) {
        let text = Fixtures.string(fixture)
        guard let date = DateParser.parse(text) else { return }
        let stored = RFC3339.format(date)
        let second = date.timeIntervalSince1970.rounded(.down)
        #expect(RFC3339.parse(stored)?.timeIntervalSince1970 == second, "\(text) stored as \(stored)")
        #expect(DateParser.parse(stored)?.timeIntervalSince1970 == second, "\(text) stored as \(stored)")
    }

    @Test func dateRegressionsAreRejected() {
        // Hour 24 is only midnight's other name; a zone must not push an instant past what RFC 3339 can write.
        #expect(DateParser.parse("9999-12-31T24:59:59Z") == nil)
        #expect(DateParser.parse("9999-12-31T23:00:00-05:00") == nil)
        #expect(DateParser.parse("1000-01-01T00:30:00+01:00") == nil)
        #expect(DateParser.parse("2024-03-03T24:00:01Z") == nil)
        #expect(DateParser.parse("9999-12-31T23:59:59Z").map(RFC3339.format) == "9999-12-31T23:59:59Z")
    }

    @Test(arguments: inputs("url")) func url(_ fixture: String) {
        let text = Fixtures.string(fixture)
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0])
        let reference = parts.count > 1 ? String(parts[1]) : ""
        let canonicalizer = URLCanonicalizer(stripParams: ["ref"])
        for input in [base, reference] {
            guard let canonical = canonicalizer.canonicalize(input) else { continue }
            #expect(canonicalizer.canonicalize(canonical) == canonical, "\(input.debugDescription)")
        }
        _ = canonicalizer.resolve(reference, against: base)
        _ = canonicalizer.canonicalize(reference, base: base)
    }

    @Test(arguments: inputs("record")) func record(_ fixture: String) throws {
        let bytes = Array(Fixtures.string(fixture).utf8)
        let lean = bytes.withUnsafeBytes { Article(identityFieldsOf: $0) }
        guard let lean, let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return }
        #expect(lean.id == object["id"] as? String)
        #expect(lean.source == object["source"] as? String)
    }

    /// A number no Int can hold (a hand-edited record) must not trap the rebuild.
    @Test func outOfRangeNumbersInARecordAreIgnored() throws {
        let line = Array(#"{"id":"b","source":"s","fetched":"2026-01-01T00:00:00Z","revision":1e999,"word_count":-0.5}"#.utf8)
        let lean = try #require(line.withUnsafeBytes { Article(identityFieldsOf: $0) })
        #expect(lean.revision == 1)
        #expect(lean.wordCount == nil)
    }

    @Test(arguments: inputs("config")) func config(_ fixture: String) {
        _ = try? ConfigParser(path: "feeds.conf").parse(Fixtures.string(fixture))
    }
}
