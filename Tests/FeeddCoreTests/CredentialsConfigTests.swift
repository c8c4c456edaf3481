import Foundation
import Testing
import TestSupport

@testable import FeeddCore

/// `username` and `password_file`: the password comes from a file (or a systemd credential), read at load,
/// and never shows in a description.
@Suite struct CredentialsConfigTests {
    @Test func aRelativePasswordFileIsReadNextToFeedsConf() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try directory.write("reader.password", "s3cret: with spaces\r\nsecond line\n")
        let conf = try directory.write(
            "feeds.conf", "[source a]\nurl = https://a.example/feed\nusername = reader\npassword_file = reader.password\n")
        let config = try ConfigParser.load(path: conf)
        let credentials = try #require(config.resolved(named: "a")?.credentials)
        #expect(credentials == HTTPCredentials(username: "reader", password: "s3cret: with spaces"))
        #expect(credentials.basicAuthorization == "Basic " + Data("reader:s3cret: with spaces".utf8).base64EncodedString())
    }

    @Test func aCredentialNameIsReadFromTheCredentialsDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try directory.write("feed-pass", "from-systemd\n")
        let text = "[source a]\nurl = https://a.example/feed\nusername = u\npassword_file = credential:feed-pass\n"
        let parser = ConfigParser(path: "/etc/feedd/feeds.conf", credentialsDirectory: directory.path)
        #expect(try parser.parse(text).resolved(named: "a")?.credentials?.password == "from-systemd")
        do {
            _ = try ConfigParser(path: "/etc/feedd/feeds.conf", credentialsDirectory: nil).parse(text)
            Issue.record("a credential without $CREDENTIALS_DIRECTORY must be refused")
        } catch {
            #expect(error.issues.first?.line == 4)
            #expect(error.issues.first?.message.contains("CREDENTIALS_DIRECTORY") == true)
        }
    }

    @Test func halfTheCredentialsOrAMissingFileAreErrors() {
        let parser = ConfigParser(path: "/etc/feedd/feeds.conf", credentialsDirectory: nil)
        do {
            _ = try parser.parse(
                """
                [source a]
                url = https://a.example/feed
                username = only
                [source b]
                url = https://b.example/feed
                password_file = /nonexistent/feedd.password
                [source c]
                url = https://c.example/feed
                username = a:b
                """)
            Issue.record("expected errors")
        } catch {
            #expect(error.issues.map(\.line) == [6, 9, 1])
            #expect(error.issues[0].message.contains("does not exist"))
            #expect(error.issues[1].message.contains("without \":\""))
            #expect(error.issues[2].message.contains("no password_file"))
        }
    }

    @Test func thePasswordNeverShowsInADescription() {
        let credentials = HTTPCredentials(username: "reader", password: "hunter2")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(credentials)", String(reflecting: credentials), dumped] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
    }
}
