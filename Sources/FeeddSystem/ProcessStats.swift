import Glibc

/// This process's resource use as /proc reports it, for the `process_*` metrics.
package struct ProcessStats: Sendable, Equatable {
    package var residentBytes: Double
    package var openFileDescriptors: Double
    package var cpuSeconds: Double
    /// Seconds since the epoch.
    package var startTime: Double

    /// nil when /proc is not readable (not Linux, or a restricted sandbox).
    package static func current() -> ProcessStats? {
        guard let stat = read("/proc/self/stat"), let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name, which may itself hold spaces and parentheses; field 3 is first.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let page = Double(sysconf(Int32(_SC_PAGESIZE)))
        guard fields.count > 21, ticks > 0, let utime = Double(fields[11]), let stime = Double(fields[12]),
            let started = Double(fields[19]), let rssPages = Double(fields[21])
        else { return nil }
        let bootTime = read("/proc/stat")?.split(separator: "\n").first { $0.hasPrefix("btime ") }
            .flatMap { Double($0.dropFirst(6).trimmingCharacters()) } ?? 0
        return ProcessStats(
            residentBytes: rssPages * page, openFileDescriptors: Double(countOpenFileDescriptors()),
            cpuSeconds: (utime + stime) / ticks, startTime: bootTime + started / ticks)
    }

    private static func countOpenFileDescriptors() -> Int {
        // Less the descriptor the listing itself holds open.
        (try? FileSystem.list("/proc/self/fd")).map { max(0, $0.count - 1) } ?? 0
    }

    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> Substring {
        drop { $0 == " " }.prefix { $0 != " " && $0 != "\n" }
    }
}
