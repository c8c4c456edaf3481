import FeeddCore
import Foundation
import Testing

@testable import FeeddContent

/// Podcast durations: `itunes:duration` in its three spellings, `media:content duration`, JSON Feed's
/// `duration_in_seconds`, kept on the episode's enclosure and in the journal record.
@Suite struct MediaDurationTests {
    @Test(arguments: [
        ("1:02:03", 3723), ("02:03", 123), ("90:00", 5400), ("3723", 3723), (" 45 ", 45), ("12.7", 12),
        ("0:00:00", 0),
    ])
    func readsTheSpellingsFeedsUse(text: String, seconds: Int) {
        #expect(MediaDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "abc", "1:2:3:4", "10:75", "1:-2", "-5", "1::2", "1:02:03.x", "99999999999"])
    func refusesTheRest(text: String) {
        #expect(MediaDuration.seconds(text) == nil)
    }

    @Test func itunesDurationGoesToTheAudioEnclosureWhereverItStands() throws {
        let text = """
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
                 xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Cast</title>
            <item><title>One</title><itunes:duration>00:42:10</itunes:duration>
              <enclosure url="https://cast.example/cover.jpg" type="image/jpeg" length="10"/>
              <enclosure url="https://cast.example/1.mp3" type="audio/mpeg" length="1000"/></item>
            <item><title>Two</title><enclosure url="https://cast.example/2.mp3" type="audio/mpeg"/>
              <itunes:duration>1800</itunes:duration></item>
            <item><title>Three</title><media:content url="https://cast.example/3.mp4" type="video/mp4" duration="61"/>
              <itunes:duration>bogus</itunes:duration></item>
            </channel></rss>
            """
        let feed = try FeedParser.parse(Array(text.utf8), options: ParseOptions(url: "https://cast.example/feed"))
        #expect(feed.items.map { $0.enclosures.map(\.duration) } == [[nil, 2530], [1800], [61]])
    }

    @Test func jsonFeedDurationInSecondsIsKept() throws {
        let text = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Cast", "items": [
              {"id": "1", "url": "https://cast.example/1", "content_text": "x",
               "attachments": [{"url": "https://cast.example/1.m4a", "mime_type": "audio/x-m4a", "duration_in_seconds": 1312.5},
                               {"url": "https://cast.example/1.txt", "mime_type": "text/plain"}]}]}
            """
        let feed = try FeedParser.parse(Array(text.utf8), options: ParseOptions(url: "https://cast.example/feed.json"))
        #expect(feed.items.first?.enclosures.map(\.duration) == [1312, nil])
    }

    @Test func theJournalRecordKeepsTheDurationAndOmitsItWhenUnknown() throws {
        let article = Article(
            id: "a", source: "cast", url: "https://cast.example/1", fetched: Date(timeIntervalSince1970: 0),
            enclosures: [
                Enclosure(url: "https://cast.example/1.mp3", type: "audio/mpeg", length: 9, duration: 2530),
                Enclosure(url: "https://cast.example/1.jpg"),
            ])
        var writer = JSONWriter()
        writer.beginObject()
        article.writeFields(to: &writer)
        writer.endObject()
        let json = writer.output
        #expect(json.contains(#""duration":2530"#))
        #expect(json.components(separatedBy: "\"duration\"").count == 2, "no duration key for the image")
        let record = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let read = try #require(Article(record: record))
        #expect(read.enclosures == article.enclosures)
    }
}
