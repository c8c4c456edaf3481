import Foundation
import Testing

@testable import FeeddCore

/// The shipped feeds.conf and README.md's key tables document every key of `ConfigKey.all` with its
/// default, and nothing else.
@Suite struct ConfigDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func read(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
    }

    /// `key = value` lines of feeds.conf, commented out or not, by the section they stand in
    /// (`[feedd]`, or `source` for any `[source NAME]`, example ones included).
    static func feedsConfKeys() throws -> [ConfigKey.Section: [(key: String, value: String)]] {
        var result: [ConfigKey.Section: [(key: String, value: String)]] = [:]
        var section: ConfigKey.Section? = nil
        for rawLine in try read("feeds.conf").split(separator: "\n") {
            var line = Substring(rawLine)
            if line.hasPrefix("# ") { line = line.dropFirst(2) }
            if line.hasPrefix("[feedd]") {
                section = .feedd
                continue
            }
            if line.hasPrefix("[source ") {
                section = .source
                continue
            }
            if line.hasPrefix("[output nats]") {
                section = .outputNATS
                continue
            }
            guard let section, let first = line.first, first.isLowercase,
                let equals = line.range(of: " = "),
                line[..<equals.lowerBound].allSatisfy({ $0.isLowercase || $0 == "_" })
            else { continue }
            let key = String(line[..<equals.lowerBound])
            let value = String(ConfigParser.stripComment(line[equals.upperBound...]).trimmingSpaces)
            result[section, default: []].append((key, value))
        }
        return result
    }

    /// The rows of the README table under `heading`: key names and the default cell of each.
    static func readmeRows(under heading: String) throws -> [(key: String, defaultCell: String)] {
        let text = try read("README.md")
        guard let start = text.range(of: heading + "\n") else { return [] }
        var rows: [(key: String, defaultCell: String)] = []
        var sawTable = false
        for line in text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix("|") {
                if sawTable { break } else { continue }
            }
            sawTable = true
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().map {
                String($0.trimmingSpaces)
            }
            guard cells.count >= 3, cells[0].hasPrefix("`") else { continue }
            // Key names are the backticked words: every odd piece between backticks.
            let pieces = cells[0].split(separator: "`", omittingEmptySubsequences: false)
            let keys = pieces.indices.filter { $0 % 2 == 1 }.map { String(pieces[$0]) }
            let defaults = cells[1].components(separatedBy: " / ")
            for (index, key) in keys.enumerated() {
                rows.append((key, defaults.count == keys.count ? defaults[index] : cells[1]))
            }
        }
        return rows
    }

    /// The default as the README writes it.
    static func readmeDefault(_ key: ConfigKey, in section: ConfigKey.Section) -> String {
        switch key.defaultValue(in: section) {
        case .value(let text): return "`" + text.replacingOccurrences(of: FeeddVersion.string, with: "VERSION") + "`"
        case .absent(let text): return text
        case .inherited: return "`[feedd]` value"
        }
    }

    @Test func feedsConfDocumentsEveryKeyWithItsDefault() throws {
        let documented = try Self.feedsConfKeys()
        for section in ConfigKey.Section.allCases {
            let lines = documented[section] ?? []
            for key in ConfigKey.all where key.sections.contains(section) {
                #expect(lines.contains { $0.key == key.name }, "feeds.conf shows no \(key.name) under [\(section)]")
            }
            for line in lines {
                #expect(ConfigKey.named(line.key, in: section) != nil, "feeds.conf shows \(line.key), not a [\(section)] key")
            }
        }
        // Under [feedd] and [output nats] each line shows the default, where there is one.
        for section in [ConfigKey.Section.feedd, .outputNATS] {
            for line in documented[section] ?? [] {
                guard let key = ConfigKey.named(line.key, in: section), case .value(let value) = key.defaultValue else {
                    continue
                }
                #expect(line.value == value, "feeds.conf: \(line.key) = \(line.value), but the default is \(value)")
            }
        }
    }

    @Test(arguments: [
        ("### `[feedd]` keys", ConfigKey.Section.feedd), ("### `[source NAME]` keys", .source),
        ("### `[output nats]` keys", .outputNATS),
    ])
    func readmeTablesListEveryKeyWithItsDefault(heading: String, section: ConfigKey.Section) throws {
        let rows = try Self.readmeRows(under: heading)
        #expect(!rows.isEmpty, "README.md has no table under \(heading)")
        for key in ConfigKey.all where key.sections.contains(section) {
            guard let row = rows.first(where: { $0.key == key.name }) else {
                Issue.record("README.md: no \(key.name) under \(heading)")
                continue
            }
            let expected = Self.readmeDefault(key, in: section)
            if case .inherited = key.defaultValue(in: section) {
                #expect(row.defaultCell.hasPrefix("`[feedd]`"), "README.md: \(key.name) should default to the [feedd] value")
            } else {
                #expect(row.defaultCell == expected, "README.md: \(key.name) defaults to \(row.defaultCell), not \(expected)")
            }
        }
        for row in rows {
            #expect(ConfigKey.named(row.key, in: section) != nil, "README.md lists \(row.key), not a [\(section)] key")
        }
    }
}
