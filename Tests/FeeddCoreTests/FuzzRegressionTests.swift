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
        #expect(FuzzProperties.date(Fixtures.string(fixture)) == nil)
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
        #expect(FuzzProperties.url(Fixtures.string(fixture)) == nil)
    }

    @Test(arguments: inputs("record")) func record(_ fixture: String) {
        #expect(FuzzProperties.record(Array(Fixtures.string(fixture).utf8)) == nil)
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
