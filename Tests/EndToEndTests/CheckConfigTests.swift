import Foundation
import TestSupport
import Testing

@Suite struct CheckConfigTests {
    @Test func validConfigSaysHowManySources() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("feeds.conf", "[feedd]\ninterval = 5m\n[source a]\nurl = https://a.example/feed\n[source b]\nurl = https://b.example/feed\n")
        let result = try FeeddBinary.run(["check-config", "--config", path])
        #expect(result.status == 0)
        #expect(result.stdout == "ok: 2 sources\n")
    }

    @Test func everyErrorIsPrintedWithFileAndLineAndExitIsTwo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "feeds.conf", "[feedd]\ninterval = 15m\n\n[source afghanistan-times]\nurl = https://a.example/feed/\nintervall = 10m\ntype = podcast\n")
        let result = try FeeddBinary.run(["check-config", "--config", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):6: unknown key \"intervall\" in [source afghanistan-times]"))
        #expect(result.stderr.contains("\(path):7: type must be one of auto, rss, atom, json, html, not \"podcast\""))
        #expect(result.stdout.isEmpty)
    }

    @Test func badSelectorsFailAtCheckConfigNotAtPollTime() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "feeds.conf", "[source site]\nurl = https://a.example/\ntype = html\nlinks = h2 >> a[\nexclude = ..foo\n[source news]\nurl = https://a.example/feed\ntype = atom\nlinks = h2 a\n")
        let result = try FeeddBinary.run(["check-config", "--config", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):4: links is not a valid CSS selector"))
        #expect(result.stderr.contains("\(path):5: exclude is not a valid CSS selector"))
        #expect(result.stderr.contains("\(path):9: links applies only to type = html"))
    }

    @Test func aMissingConfigIsReportedAsMissingNotInvalid() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/feeds.conf"
        for command in ["check-config", "run"] {
            let result = try FeeddBinary.run([command, "--config", path] + (command == "run" ? ["--once"] : []))
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(path): does not exist; create it"))
            #expect(!result.stderr.contains("invalid"))
        }
    }

    @Test func badKeepAndBlockRulesAreReportedWithTheirLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            "feeds.conf",
            "[feedd]\nblock = url ~ \"/sponsored/\"\n[source a]\nurl = https://a.example/feed\nkeep = byline ~ \"x\"\nblock = title ~ \"[a-\"\nkeep = title \"x\"\n")
        let result = try FeeddBinary.run(["check-config", "--config", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):5: keep: unknown field \"byline\""))
        #expect(result.stderr.contains("\(path):6: block: bad regular expression \"[a-\""))
        #expect(result.stderr.contains("\(path):7: keep must look like FIELD ~ \"REGEX\" (missing \"~\")"))
    }

    @Test func theShippedConfigIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = try FeeddBinary.run(["check-config", "--config", root.appendingPathComponent("feeds.conf").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok: "))
    }

    @Test func runRefusesAnInvalidConfigWithExitTwo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("feeds.conf", "[source x]\n")
        let result = try FeeddBinary.run(["run", "--once", "--config", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):1: [source x] has no url"))
    }

    @Test func unknownCommandsAndOptionsAreUsageErrors() throws {
        #expect(try FeeddBinary.run(["frobnicate"]).status == 64)
        let bad = try FeeddBinary.run(["check-config", "--colour"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("unknown option --colour"))
        let help = try FeeddBinary.run(["run", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("usage: feedd run"))
    }
}
