import Foundation
import TestSupport
import Testing

@Suite struct OPMLTests {
    @Test func importPrintsSectionsForEveryFeedOutline() throws {
        let result = try FeeddBinary.run(["import-opml", "--config", "/nonexistent/feeds.conf", Fixtures.path("opml/reader-export.opml")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """

                [source world-desk]
                url = https://world.example/feed.xml
                title = World Desk
                tags = News

                [source kabul-ledger]
                url = https://ledger.example/feed/
                title = Kabul Ledger
                tags = News, Asia

                [source untitled.example]
                url = https://untitled.example/rss

                [source world-desk-2]
                url = https://other-world.example/atom
                title = World Desk

                [source a-podcast]
                url = http://pod.example/cast.xml
                title = A podcast

                """)
        #expect(result.stderr.contains("skipped https://world.example/feed.xml: listed already"))
        #expect(result.stderr.contains("skipped ftp://files.example/list: not an http(s) URL"))
    }

    @Test func appendKeepsTheFileValidAndRoundTripsThroughExport() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "feeds.conf", "# my comment\n[feedd]\nstore = ./store\n\n[source world-desk]\nurl = https://mine.example/feed\n")
        let append = try FeeddBinary.run(["import-opml", "--config", path, "--append", Fixtures.path("opml/reader-export.opml")])
        #expect(append.status == 0, "\(append.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# my comment\n[feedd]\nstore = ./store\n"))
        #expect(text.contains("[source world-desk-2]\nurl = https://world.example/feed.xml"))
        #expect(try FeeddBinary.run(["check-config", "--config", path]).stdout == "ok: 6 sources\n")

        let export = try FeeddBinary.run(["export-opml", "--config", path])
        #expect(export.status == 0)
        #expect(export.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"))
        let exported = try directory.write("out.opml", export.stdout)
        let again = try FeeddBinary.run(["import-opml", "--config", "/nonexistent/feeds.conf", exported])
        let urls = again.stdout.split(separator: "\n").filter { $0.hasPrefix("url = ") }
        #expect(urls.count == 6)
        #expect(urls.contains("url = https://mine.example/feed"))
        #expect(try FeeddBinary.run(["import-opml", "--config", path, "--append", exported]).stderr.contains("nothing to add"))
    }

    @Test func notOPMLIsAClearError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("x.opml", "<html><body>no</body></html>")
        let result = try FeeddBinary.run(["import-opml", "--config", "/nonexistent/feeds.conf", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not an OPML document"))
    }
}

@Suite struct ImportTests {
    @Test func importsAcknowledgesAfterSyncAndSkipsBadLines() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = try directory.write(
            "in.jsonl",
            """
            {"url": "https://news.example/a?utm_source=x", "title": "First", "published": "2017-02-24T05:30:00Z", "text": "One.\\n\\nTwo.", "id": "mine-1"}
            not json
            {"title": "no url"}
            {"url": "https://news.example/b", "title": "Second", "content": "<p>Body<script>x()</script></p>"}
            {"url": "https://news.example/a", "title": "First", "published": "2017-02-24T05:30:00Z", "text": "One.\\n\\nTwo."}

            """)
        let store = directory.file("store")
        let result = try FeeddBinary.run(["import", "--store", store, "--ack", "--source", "pipeline", input])
        #expect(result.status == 65, "two lines were skipped: \(result.stderr)")
        #expect(result.stderr.contains("2 skipped"))
        #expect(result.stdout.split(separator: "\n").map(String.init).count == 3)
        #expect(result.stdout.hasPrefix("ACK mine-1\nACK "))
        #expect(result.stdout.hasSuffix("ACK mine-1\n"), "a re-offered record is acknowledged with its stored id")
        #expect(result.stderr.contains("\(input):2: not a JSON object; line skipped"))
        #expect(result.stderr.contains("\(input):3: missing \"url\"; line skipped"))

        let read = try FeeddBinary.run(["read", "--store", store])
        let records = try read.stdout.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(records.count == 2)
        #expect(records[0]["id"] as? String == "mine-1")
        #expect(records[0]["url"] as? String == "https://news.example/a")
        #expect(records[0]["source"] as? String == "pipeline")
        #expect(records[0]["text"] as? String == "One.\n\nTwo.")
        // The text's digest, stored so the dedupe index rebuilds without re-reading texts.
        #expect(records[0]["word_count"] as? Int == 2)
        #expect((records[0]["text_hash"] as? String)?.count == 16)
        #expect((records[0]["fingerprint"] as? String)?.count == 16)
        #expect(records[1]["content"] as? String == "<p>Body</p>")

        let clean = try directory.write("clean.jsonl", "{\"url\": \"https://news.example/c\", \"title\": \"Third\", \"text\": \"Three.\"}\n")
        #expect(try FeeddBinary.run(["import", "--store", store, "--source", "pipeline", clean]).status == 0)

        // A source the store has never seen is named as such; a known one past its last seq is just empty.
        let missing = try FeeddBinary.run(["read", "--store", store, "--source", "nosuch"])
        #expect(missing.status == 66)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("no source \"nosuch\" in the store"))
        let caughtUp = try FeeddBinary.run(["read", "--store", store, "--source", "pipeline", "--since", "99"])
        #expect(caughtUp.status == 0)
        #expect(caughtUp.stdout.isEmpty)
    }
}
