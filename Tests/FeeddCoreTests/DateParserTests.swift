import FeeddCore
import Foundation
import Testing

@Suite struct DateParserTests {
    static let valid: [(String, String)] = [
        ("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 +0200", "2003-06-10T02:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 -0930", "2003-06-10T13:30:00Z"),
        ("Tue, 10 Jun 2003 04:00 EDT", "2003-06-10T08:00:00Z"),
        ("10 Jun 2003 04:00:00 Z", "2003-06-10T04:00:00Z"),
        ("Thu, 01 Jan 70 00:00:00 GMT", "1970-01-01T00:00:00Z"),
        ("Sun, 02 Jan 49 00:00:00 GMT", "2049-01-02T00:00:00Z"),
        ("Fri, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z"),  // wrong weekday is ignored
        ("Tue, 10 Jun 2003 04:00:00 NZDT", "2003-06-09T15:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 IST", "2003-06-09T22:30:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 UTC+01:00", "2003-06-10T03:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 XYZT", "2003-06-10T04:00:00Z"),  // unknown zone: read as UTC
        ("Tue, 10 Jun 2003 04:00:00 PST", "2003-06-10T12:00:00Z"),
        ("Tue, 10 Jun 2003 04:00:00 PM", "2003-06-10T16:00:00Z"),  // not a zone: the 12-hour clock
        ("Tue, 10 Jun 2003 04:00:00 Mar", "2003-06-10T04:00:00Z"),  // a second month name is skipped
        ("Tue, 10 Jun 2003 04:00:00 K", "2003-06-09T18:00:00Z"),  // military zone letter (K is +10)
        ("Mon, 3rd Mar 2024 10:00:00 GMT", "2024-03-03T10:00:00Z"),
        ("March 3, 2024 10:00 am", "2024-03-03T10:00:00Z"),
        ("Tuesday, March 5, 2024 10:30 PM", "2024-03-05T22:30:00Z"),
        ("5 March 2024 10:30 p.m. GMT", "2024-03-05T22:30:00Z"),
        ("5 Mar 2024 10:30PM +0100", "2024-03-05T21:30:00Z"),
        ("5 Mar 2024 12:05 AM", "2024-03-05T00:05:00Z"),
        ("5 Mar 2024 12:05 PM", "2024-03-05T12:05:00Z"),
        ("2024-03-03T10:00:00Z", "2024-03-03T10:00:00Z"),
        ("2024-03-03T10:00:00.999+00:00", "2024-03-03T10:00:00Z"),
        ("2024-03-03T10:00:60Z", "2024-03-03T10:00:59Z"),  // leap second clamps
        ("2024-03-03T24:00:00Z", "2024-03-04T00:00:00Z"),
        ("2024-03-03 10:00", "2024-03-03T10:00:00Z"),
        ("2024-03-03T10:00:00 PST", "2024-03-03T18:00:00Z"),
        ("2024", "2024-01-01T00:00:00Z"),
        ("2000-02-29T12:00:00Z", "2000-02-29T12:00:00Z"),
    ]

    @Test(arguments: 0..<valid.count) func parses(_ index: Int) throws {
        let (text, expected) = Self.valid[index]
        let date = try #require(DateParser.parse(text), "\(text)")
        #expect(RFC3339.format(date) == expected, "\(text)")
    }

    @Test(arguments: [
        "", "   ", "now", "today", "1", "12", "Jun", "Tue, 10 Foo 2003", "2003-02-30", "1900-02-29T00:00:00Z",
        "2024-03-03T10:61:00Z", "Tue, 10 Jun 2003 04:00:00 +9999", "2024-03-03Tnoon", "<b>2024</b>",
        String(repeating: "9", count: 200),
    ])
    func rejects(_ text: String) {
        #expect(DateParser.parse(text) == nil, "\(text)")
    }

    @Test func fractionalSecondsAreKept() throws {
        let date = try #require(DateParser.parse("2024-03-03T10:00:00.250Z"))
        #expect(abs(date.timeIntervalSince1970.truncatingRemainder(dividingBy: 1) - 0.25) < 0.0001)
    }

    @Test func implausibleFuture() throws {
        let now = try #require(DateParser.parse("2024-03-03T10:00:00Z"))
        #expect(!DateParser.isImplausibleFuture(now.addingTimeInterval(3600), now: now))
        #expect(DateParser.isImplausibleFuture(now.addingTimeInterval(3 * 86_400), now: now))
        #expect(!DateParser.isImplausibleFuture(now.addingTimeInterval(-86_400 * 365), now: now))
    }
}
