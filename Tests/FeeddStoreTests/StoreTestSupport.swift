import FeeddCore
import Foundation
import Glibc
import Synchronization

/// A fresh directory under /tmp (a real disk here), removed by `remove()`.
struct TemporaryDirectory: Sendable {
    let path: String

    init(_ label: String = "store") {
        var template = Array("/tmp/feedd-\(label)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(cString: made!)
    }

    var store: String { path + "/store" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Log lines captured for assertions.
final class LogCapture: Sendable {
    let logger: Logger

    init() {
        let sink = LogSinkHolder()
        logger = Logger(sink: LogSink(level: .debug, style: .stream) { line in sink.append(line) })
        self.holder = sink
    }

    private let holder: LogSinkHolder

    var text: String { holder.all.joined() }
    func contains(_ fragment: String) -> Bool { holder.all.contains { $0.contains(fragment) } }
}

final class LogSinkHolder: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

enum Articles {
    /// A deterministic article; `bodyBytes` pads `content` to reach a realistic record size.
    static func make(_ number: Int, source: String = "example", bodyBytes: Int = 200) -> Article {
        Article(
            id: "id-\(number)", source: source, url: "https://example.com/posts/\(number)", guid: "guid-\(number)",
            title: "Post \(number) \"quoted\" and\nnewline", author: "Writer",
            published: Date(timeIntervalSince1970: 1_700_000_000 + Double(number)),
            fetched: Date(timeIntervalSince1970: 1_700_000_100 + Double(number)), language: "en",
            summary: "Summary of \(number)",
            content: "<p>" + String(repeating: "x", count: max(0, bodyBytes)) + "</p>",
            text: "Text of post \(number)", categories: ["a", "b"], tags: ["t"], fingerprint: 0xDEAD_BEEF)
    }
}

/// Time for the journal (`JournalOptions.clock`) that moves only when a test advances it.
final class TestClock: Sendable {
    private let seconds = Mutex<Double>(1_800_000_000)

    var now: Double { seconds.withLock { $0 } }
    var date: Date { Date(timeIntervalSince1970: now) }
    func advance(by delta: Double) { seconds.withLock { $0 += delta } }

    /// The clock as `JournalOptions.clock` takes it.
    var read: @Sendable () -> Double { { [self] in now } }
}
