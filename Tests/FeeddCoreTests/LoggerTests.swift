import Foundation
import Synchronization
import Testing

@testable import FeeddCore

/// Collects what a sink writes.
final class LineCollector: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func sink(_ level: LogLevel = .info, format: LogFormat = .logfmt, style: LogSink.Style) -> LogSink {
        LogSink(level: level, format: format, style: style) { line in self.lines.withLock { $0.append(line) } }
    }
}

@Suite struct LoggerTests {
    @Test func journaldLinesStartWithThePriorityAndCarryStableKeys() {
        let collector = LineCollector()
        let logger = Logger(sink: collector.sink(style: .journald)).with("source", "bbc-world")
        logger.info("poll", ["status": 200, "new": 3, "next_in": "15m"])
        logger.warning("poll_failed", ["error": "could not resolve host \"x\"", "streak": 1])
        logger.error("store_failed", ["missing": Optional<String>.none, "present": Optional("yes")], "disk full")
        #expect(
            collector.all == [
                "<6>event=poll source=bbc-world status=200 new=3 next_in=15m\n",
                "<4>event=poll_failed source=bbc-world error=\"could not resolve host \\\"x\\\"\" streak=1\n",
                "<3>event=store_failed source=bbc-world present=yes msg=\"disk full\"\n",
            ])
    }

    @Test func streamLinesStartWithTimeAndLevel() throws {
        let collector = LineCollector()
        Logger(sink: collector.sink(style: .stream)).notice("started", ["sources": 4])
        let line = try #require(collector.all.first)
        #expect(line.hasPrefix("ts=20"))
        #expect(line.contains("Z level=notice event=started sources=4\n"))
    }

    @Test func levelsBelowTheSinkLevelAreDroppedAndTheLevelCanChange() {
        let collector = LineCollector()
        let sink = collector.sink(.warning, style: .journald)
        let logger = Logger(sink: sink)
        logger.info("poll")
        logger.debug("detail")
        #expect(collector.all.isEmpty)
        sink.level = .debug
        logger.debug("detail")
        #expect(collector.all == ["<7>event=detail\n"])
    }

    @Test func jsonFormatIsOneObjectPerLine() throws {
        let collector = LineCollector()
        Logger(sink: collector.sink(format: .json, style: .journald)).info("poll", ["source": "a", "new": 2], "multi\nline")
        let line = try #require(collector.all.first)
        #expect(line.hasPrefix("<6>{"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.dropFirst(3).utf8)) as? [String: Any])
        #expect(object["source"] as? String == "a")
        #expect(object["msg"] as? String == "multi\nline")
        #expect(line.contains("\"new\":2"), "a count is a JSON number: \(line)")
    }

    /// Shippers sum and compare numbers: JSON logs write them as numbers, whichever way the field was added.
    @Test func jsonNumbersAndBooleansKeepTheirType() throws {
        let collector = LineCollector()
        let optional: Int? = 304
        Logger(sink: collector.sink(format: .json, style: .journald))
            .with("status", .integer(200)).with("source", "a")
            .info("poll", ["bytes": Int64(5120), "ms": 12, "rss_mb": 41.5, "once": true, "next_in": "15m",
                           "code": optional, "gone": Int?.none])
        let line = try #require(collector.all.first)
        for fragment in [#""status":200"#, #""source":"a""#, #""bytes":5120"#, #""ms":12"#, #""rss_mb":41.5"#,
                         #""once":true"#, #""next_in":"15m""#, #""code":304"#] {
            #expect(line.contains(fragment), "\(fragment) in \(line)")
        }
        #expect(!line.contains("gone"))
        // logfmt prints the same values as text.
        let text = LineCollector()
        Logger(sink: text.sink(format: .logfmt, style: .journald)).info("poll", ["ms": 12, "once": true, "code": optional])
        #expect(text.all == ["<6>event=poll ms=12 once=true code=304\n"])
    }

    @Test(arguments: [
        ("plain", "plain"), ("two words", "\"two words\""), ("", "\"\""), ("a=b", "\"a=b\""),
        ("line\nbreak", "\"line\\nbreak\""), ("back\\slash", "\"back\\\\slash\""),
    ])
    func logfmtQuoting(value: String, expected: String) {
        #expect(LogSink.logfmtValue(value) == expected)
    }

    @Test func durationsReadNaturally() {
        #expect(LogDuration.format(42) == "42s")
        #expect(LogDuration.format(900) == "15m")
        #expect(LogDuration.format(5400) == "1h30m")
        #expect(LogDuration.format(86_400) == "1d")
    }
}
