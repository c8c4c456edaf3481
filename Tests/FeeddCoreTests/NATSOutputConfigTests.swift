import Foundation
import Testing
import TestSupport

@testable import FeeddCore

/// The `[output nats]` section: defaults from `ConfigKey.all`, secrets read from files, and every bad line
/// reported with its file, line and what to write instead.
@Suite struct NATSOutputConfigTests {
    let parser = ConfigParser(path: "/etc/feedd/feeds.conf", credentialsDirectory: nil)

    @Test func withoutTheSectionThereIsNoOutput() throws {
        #expect(try parser.parse("[source a]\nurl = https://a.example/feed\n").natsOutput == nil)
    }

    @Test func aURLAloneTakesEveryDefault() throws {
        let output = try #require(try parser.parse("[output nats]\nurl = nats://127.0.0.1:4222\n").natsOutput)
        #expect(output.urls == ["nats://127.0.0.1:4222"])
        #expect(output.stream == "FEEDD")
        #expect(output.subject == "feedd.articles.<source>")
        #expect(output.duplicateWindow == 120)
        #expect(output.bucketPrefix == "feedd")
        #expect(output.dedupe == .shared)
        #expect(output.dedupeBucket == "feedd-dedupe")
        #expect(output.username == nil && output.password == nil && output.token == nil && output.credentialsFile == nil)
    }

    @Test func everyKeyIsApplied() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try directory.write("nats.password", "pa ss\nignored\n")
        _ = try directory.write("ca.pem", "ca")
        _ = try directory.write("client.crt", "crt")
        _ = try directory.write("client.key", "key")
        let conf = try directory.write(
            "feeds.conf",
            """
            [output nats]
            url = nats://a:4222, tls://b:4443
            stream = NEWS_1
            subject = news.<source>.items
            duplicate_window = 1h
            username = feedd
            password_file = nats.password
            tls_ca = ca.pem
            tls_cert = client.crt
            tls_key = client.key
            bucket_prefix = news-feedd
            dedupe = local

            """)
        let output = try #require(try ConfigParser.load(path: conf).natsOutput)
        #expect(output.urls == ["nats://a:4222", "tls://b:4443"])
        #expect(output.stream == "NEWS_1")
        #expect(output.subject(for: "bbc.world") == "news.bbc_world.items")
        #expect(output.duplicateWindow == 3600)
        #expect(output.username == "feedd" && output.password == "pa ss")
        #expect(output.tlsCA == directory.path + "/ca.pem")
        #expect(output.tlsCertificate == directory.path + "/client.crt" && output.tlsKey == directory.path + "/client.key")
        #expect(output.dedupeBucket == "news-feedd-dedupe")
        #expect(output.dedupe == .local)
        #expect(!output.description.contains("pa ss"))
    }

    @Test func badLinesNameTheirLineAndWhatToDo() {
        do {
            _ = try parser.parse(
                """
                [output nats]
                url = http://127.0.0.1:4222
                stream = my stream
                subject = feedd.*.<source>
                duplicate_window = soon
                dedupe = global
                colour = blue
                token_file = /nonexistent/nats.token

                """)
            Issue.record("a bad [output nats] must be refused")
        } catch {
            let lines = error.issues.map(\.line)
            #expect(lines == [2, 3, 4, 5, 6, 7, 8, 1])
            let text = error.description
            #expect(text.contains("/etc/feedd/feeds.conf:2: [output nats] url must list nats://host:port"))
            #expect(text.contains(":3: [output nats] stream must be a JetStream stream name"))
            #expect(text.contains(":4: [output nats] subject must be dot-separated tokens"))
            #expect(text.contains(":5: [output nats] duplicate_window must be a duration"))
            #expect(text.contains(":6: [output nats] dedupe must be shared or local, not \"global\""))
            #expect(text.contains(":7: unknown key \"colour\" in [output nats]"))
            #expect(text.contains(":8: [output nats] token_file \"/nonexistent/nats.token\" does not exist"))
            #expect(text.contains(":1: [output nats] has no url"))
        }
    }

    @Test func keysThatNeedEachOtherAndASecondSection() {
        do {
            _ = try parser.parse(
                """
                [output nats]
                url = nats://127.0.0.1
                username = feedd
                tls_cert = /etc/hostname
                [output nats]
                url = nats://127.0.0.1
                [output kafka]

                """)
            Issue.record("half a login, half a client certificate and two sections must be refused")
        } catch {
            let text = error.description
            #expect(text.contains(":5: duplicate [output nats] section (first defined on line 1)"))
            #expect(text.contains(":7: unknown output [output kafka]"))
            #expect(text.contains(":1: [output nats] has a username but no password_file"))
            #expect(text.contains(":1: [output nats] needs tls_cert and tls_key together"))
        }
    }

    @Test func sourceNamesBecomeOneSubjectToken() {
        #expect(NATSOutputSettings.subjectToken("news.example-1_a") == "news_example-1_a")
        #expect(NATSOutputSettings.subjectToken("plain-name") == "plain-name")
        var twice = NATSOutputSettings()
        twice.subject = "<source>.items.<source>"
        #expect(twice.subject(for: "a.b") == "a_b.items.a_b")
        var output = NATSOutputSettings()
        #expect(output.subject(for: "a.b") == "feedd.articles.a_b")
        output.subject = "all.articles"
        #expect(output.subject(for: "a.b") == "all.articles")
    }
}
