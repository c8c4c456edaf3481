import Foundation

/// A progress line on stderr for long commands, redrawn in place at most a few times a second,
/// with records/s; silent when stderr is not a terminal (logs and pipes stay clean).
final class TerminalProgress {
    private let label: String
    private let enabled = isatty(2) == 1
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var count = 0

    init(label: String) { self.label = label }

    /// Counts `added` more records and redraws with `detail` (e.g. "1200/5000, ETA 4s").
    func update(_ detail: String, added: Int = 256) {
        count += added
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let rate = Double(count) / max(Date().timeIntervalSince(started), 0.001)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label): \(detail), \(Int(rate)) records/s".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
