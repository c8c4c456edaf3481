import Foundation

/// The process's own resident memory, for the summary log line.
package enum ProcessMemory {
    /// VmRSS from /proc/self/status, in MiB; nil where /proc is unavailable.
    package static func residentMegabytes() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return digits.map { $0 / 1024 }
        }
        return nil
    }
}
