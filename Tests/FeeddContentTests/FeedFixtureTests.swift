import FeeddContent
import Foundation
import Testing

/// Table-driven: every `Tests/Fixtures/feeds/**/NAME.expected.json` names an input file and the
/// fields `feedd parse` must produce for it (partial: only the keys written are compared).
@Suite struct FeedFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/feeds")

    static let cases: [String] = {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var names: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".expected.json") { names.append(String(path.dropLast(".expected.json".count))) }
        }
        return names.sorted()
    }()

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 300)
    }

    @Test(arguments: cases) func fixture(_ name: String) throws {
        let specURL = Self.root.appendingPathComponent(name + ".expected.json")
        let spec = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: specURL)) as? [String: Any])
        let input = specURL.deletingLastPathComponent().appendingPathComponent(try #require(spec["input"] as? String))
        let bytes = Array(try Data(contentsOf: input))
        let options = ParseOptions(url: spec["url"] as? String, contentType: spec["contentType"] as? String)
        let expected = try #require(spec["expect"] as? [String: Any])
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(bytes, options: options)
        } catch {
            #expect(expected["error"] as? String == error.code.rawValue, "\(name): \(error)")
            return
        }
        #expect(expected["error"] == nil, "expected error \(expected["error"] ?? ""), got a feed")
        let actual = try JSONSerialization.jsonObject(with: Data(feed.jsonObject.utf8))
        var problems: [String] = []
        Self.compare(expected, actual, path: "", problems: &problems)
        #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
    }

    /// Records every place `actual` differs from the keys present in `expected`.
    static func compare(_ expected: Any, _ actual: Any?, path: String, problems: inout [String]) {
        switch expected {
        case let object as [String: Any]:
            guard let other = actual as? [String: Any] else {
                problems.append("\(path): expected an object, got \(String(describing: actual))")
                return
            }
            for (key, value) in object { compare(value, other[key] ?? NSNull(), path: path + "." + key, problems: &problems) }
        case let list as [Any]:
            guard let other = actual as? [Any], other.count == list.count else {
                problems.append("\(path): expected \(list.count) elements, got \(String(describing: actual))")
                return
            }
            for (index, value) in list.enumerated() {
                compare(value, other[index], path: "\(path)[\(index)]", problems: &problems)
            }
        case is NSNull:
            if !(actual is NSNull) { problems.append("\(path): expected null, got \(String(describing: actual))") }
        case let text as String:
            if actual as? String != text {
                problems.append("\(path): expected \(text.debugDescription), got \(String(describing: actual))")
            }
        case let number as NSNumber:
            if actual as? NSNumber != number { problems.append("\(path): expected \(number), got \(String(describing: actual))") }
        default:
            problems.append("\(path): unsupported expectation")
        }
    }
}
