import Foundation
import Testing

@testable import FeeddCore

@Suite struct RFC3339Tests {
    @Test func formatsUTC() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_487_914_200)) == "2017-02-24T05:30:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func parsesWhatItFormatsAndOffsets() throws {
        for seconds in stride(from: -86_400.0 * 400, to: 86_400.0 * 30_000, by: 86_400.0 * 37.3) {
            let date = Date(timeIntervalSince1970: seconds.rounded())
            #expect(RFC3339.parse(RFC3339.format(date)) == date)
        }
        #expect(RFC3339.parse("2017-02-24T10:00:00+04:30") == RFC3339.parse("2017-02-24T05:30:00Z"))
        let fractional = try #require(RFC3339.parse("2017-02-24T05:30:00.250Z"))
        #expect(abs(fractional.timeIntervalSince1970 - 1_487_914_200.25) < 0.0001)
    }

    @Test(arguments: ["", "2017-02-24", "2017-13-01T00:00:00Z", "2017-02-24T05:30:00", "2017-02-24T05:30:00+0430", "x017-02-24T05:30:00Z"])
    func rejectsOtherShapes(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }
}

@Suite struct JSONWriterTests {
    @Test func escapesEverythingJSONNeedsAndNeverWritesARawNewline() throws {
        var json = JSONWriter()
        json.beginObject()
        json.field("text", "quote \" backslash \\ newline \n tab \t bell \u{07} é 🙂")
        json.field("none", Optional<String>.none)
        json.field("n", 42)
        json.field("list", ["a", "b"])
        json.endObject()
        #expect(!json.output.contains("\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{07} é 🙂")
        #expect(object["none"] is NSNull)
        #expect(object["n"] as? Int == 42)
        #expect(object["list"] as? [String] == ["a", "b"])
    }

    /// Strings are scanned eight bytes at a time: every byte that needs escaping must be caught at every
    /// position of a word, beside ASCII and multi-byte neighbours.
    @Test func escapesSpecialBytesAtEveryPositionOfAWord() throws {
        let specials: [Character] = ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\u{7F}", "\t"]
        let fillers = ["abcdefghijklmnop", "éèüößàçñ", " !#$%&'()*+,-./0"]
        for special in specials {
            for filler in fillers {
                for position in 0..<17 {
                    var text = Array(filler + filler)
                    text.insert(special, at: min(position, text.count))
                    let original = String(text)
                    var json = JSONWriter()
                    json.beginObject()
                    json.field("t", original)
                    json.endObject()
                    #expect(!json.output.contains("\n") && !json.output.contains("\u{7F}"))
                    let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
                    #expect(object["t"] as? String == original, "\(special.unicodeScalars.first!.value) at \(position)")
                }
            }
        }
        // Bytes that never need escaping never set the flag.
        #expect(!JSONWriter.mayNeedEscaping(UInt64(littleEndian: 0x2021_2324_5B5D_7E80)))
        #expect(JSONWriter.mayNeedEscaping(UInt64(littleEndian: 0x2021_2324_5B5D_7E1F)))
        #expect(JSONWriter.mayNeedEscaping(UInt64(littleEndian: 0x7F21_2324_5B5D_7E80)))
    }
}
