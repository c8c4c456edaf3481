import Foundation
import Testing

/// docs/LOGGING.md is the log's contract: every event the sources emit is in its table, with every key the
/// call names, and the table lists no event the sources no longer emit.
@Suite struct LoggingDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Emitted: CustomStringConvertible {
        var event: String
        var keys: [String]
        var file: String
        var description: String { "\(event) (\(file)) keys \(keys)" }
    }

    /// Log calls in the sources: `.info("event", ["key": …])` and `.log(level, "event", ["key": …], …)`.
    static func emitted() throws -> [Emitted] {
        // Logger calls (`.notice("event"`, `.log(level, "event"`), and a type's own helper that names the event first
        // (`log("nats_stream_created", settings)`).
        let call = try Regex(
            #"\.(?:debug|info|notice|warning|error)\(\s*"([a-z_.]+)"|\.log\(\s*[^,()]*(?:\([^)]*\))?[^,()]*,\s*"([a-z_.]+)"|(?:^|[^.\w])log\(\s*"([a-z_.]+)""#)
        let key = try Regex(#""([a-z_.]+)"\s*:"#)
        var found: [Emitted] = []
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: call) {
                guard
                    let name = (match.output[1].substring ?? match.output[2].substring ?? match.output[3].substring)
                        .map(String.init)
                else { continue }
                var keys: [String] = []
                // The field list, when the event name is followed by a `[…]` literal: up to its closing bracket.
                let rest = text[match.range.upperBound...].drop { $0 == " " || $0 == "\n" }
                if rest.hasPrefix(","), let open = rest.dropFirst().drop(while: { $0 == " " || $0 == "\n" }).first, open == "[" {
                    let start = rest.firstIndex(of: "[")!
                    var depth = 0
                    var end = start
                    for index in rest[start...].indices {
                        if rest[index] == "[" { depth += 1 }
                        if rest[index] == "]" { depth -= 1 }
                        if depth == 0 { end = index; break }
                    }
                    keys = rest[start...end].matches(of: key).compactMap { $0.output[1].substring.map(String.init) }
                }
                found.append(Emitted(event: name, keys: keys, file: file))
            }
        }
        return found
    }

    /// The table under "## Events": event name → the words of its keys column.
    static func documented() throws -> [String: Set<String>] {
        let document = try String(contentsOf: root.appendingPathComponent("docs/LOGGING.md"), encoding: .utf8)
        // The events table only, not the keys table above it.
        let text = document.range(of: "## Events").map { document[$0.upperBound...] } ?? ""
        var table: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0].hasPrefix("`"), cells[0].hasSuffix("`") else { continue }
            let event = String(cells[0].dropFirst().dropLast())
            guard !event.contains("`") else { continue }
            let words = cells[2].split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") })
            table[event] = Set(words.map(String.init))
        }
        return table
    }

    @Test func everyEmittedEventIsDocumentedWithItsKeys() throws {
        let emitted = try Self.emitted()
        let documented = try Self.documented()
        #expect(emitted.count >= 30, "the scan finds the log calls: \(emitted)")
        for line in emitted {
            guard let keys = documented[line.event] else {
                Issue.record("\(line) is not in docs/LOGGING.md")
                continue
            }
            for key in line.keys where !keys.contains(key) {
                Issue.record("\(line): key \(key) is not in docs/LOGGING.md's row for \(line.event)")
            }
        }
    }

    @Test func keysAreOneVocabularyWithoutPrefixes() throws {
        for line in try Self.emitted() {
            #expect(!line.event.contains("."), "\(line): event names use underscores")
            for key in line.keys { #expect(!key.contains("."), "\(line): keys are bare words, not \(key)") }
        }
    }

    @Test func everyDocumentedEventIsStillEmitted() throws {
        let emitted = Set(try Self.emitted().map(\.event))
        for event in try Self.documented().keys {
            #expect(emitted.contains(event), "docs/LOGGING.md lists \(event), which no source emits")
        }
    }
}
